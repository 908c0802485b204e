"""The cache of routine summaries the picker's first frame is drawn from (issue 15).

It is used only while every routine file's path, size and mtime_ns (and both folders'
states) are as they were when the library was read; anything else (a stale key, a
damaged, missing or linked file, another version) is ignored, never a traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.apps import CURLS_TOML

from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import EQUIPMENT
from hamcoach.routines.summaries import (
    EQUIPMENT as SUMMARY_EQUIPMENT,
)
from hamcoach.routines.summaries import (
    cache_path,
    library_key,
    read_cache,
    summarize,
    write_cache,
)

CUSTOM = CURLS_TOML.replace('name = "Mine"', 'name = "Evening curls"', 1)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(builtin folder, custom folder, cache file): two built-in-like files, a custom one and a broken one."""
    builtin, custom = tmp_path / "builtin", tmp_path / "custom"
    builtin.mkdir()
    custom.mkdir()
    (builtin / "curls.toml").write_text(CUSTOM)
    (custom / "mine.toml").write_text(CUSTOM.replace("Evening curls", "Mine"))
    (custom / "broken.toml").write_text(CUSTOM.replace("reps = 8", "reps = 800"))
    return builtin, custom, cache_path(tmp_path / "cache")


def primed(folders: tuple[Path, Path, Path]) -> RoutineLibrary:
    builtin, custom, cache = folders
    library = RoutineLibrary.load(builtin, custom)
    write_cache(cache, library)
    return library


def test_the_cache_gives_back_what_the_library_shows(folders):
    library = primed(folders)
    cached = read_cache(*cache_args(folders))
    assert cached is not None
    assert cached.routines == [summarize(loaded) for loaded in library.routines]
    assert [(e.path, e.problems) for e in cached.errors] == [(e.path, e.problems) for e in library.errors]
    mine = next(r for r in cached.routines if r.id == "mine")
    assert mine.source == "custom" and mine.equipment == ("ball",)
    assert mine.exercises[0].dose == " · tempo 2-1-2 s · rest 30 s" and mine.exercises[0].cues == ("Hips up",
                                                                                                   "Slow back")
    assert mine.seconds == library.get("mine").routine.estimated_seconds()
    assert "exercises[0].reps" in cached.errors[0].problems[0]


def cache_args(folders: tuple[Path, Path, Path]) -> tuple[Path, Path, Path]:
    """read_cache's arguments: the cache, then the folders."""
    builtin, custom, cache = folders
    return cache, builtin, custom


def test_the_equipment_is_the_models():
    assert SUMMARY_EQUIPMENT == EQUIPMENT


def test_a_missing_cache_is_none(folders):
    assert read_cache(*cache_args(folders)) is None


def test_a_file_of_another_size_makes_it_stale(folders):
    primed(folders)
    path = folders[1] / "mine.toml"
    st = path.stat()
    path.write_text(CUSTOM.replace("Evening curls", "Mine, longer"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same time: the size alone says it changed
    assert read_cache(*cache_args(folders)) is None


def test_a_file_of_the_same_size_but_another_mtime_makes_it_stale(folders):
    primed(folders)
    path = folders[1] / "mine.toml"
    st = path.stat()
    path.write_text(CUSTOM.replace("Evening curls", "Mino"))
    assert path.stat().st_size == st.st_size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert read_cache(*cache_args(folders)) is None


def test_a_new_or_removed_file_makes_it_stale(folders):
    primed(folders)
    extra = folders[1] / "another.toml"
    extra.write_text(CUSTOM)
    assert read_cache(*cache_args(folders)) is None
    extra.unlink()
    assert read_cache(*cache_args(folders)) is not None
    (folders[1] / "broken.toml").unlink()
    assert read_cache(*cache_args(folders)) is None


def test_a_folder_that_went_makes_it_stale(folders):
    primed(folders)
    for path in folders[1].iterdir():
        path.unlink()
    folders[1].rmdir()
    assert read_cache(*cache_args(folders)) is None


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe", b"[]", b"null", b'{"version": 1}', b'{"version": 99, "key": [], "routines": [], '
    b'"errors": []}',
])
def test_a_damaged_cache_is_ignored(folders, content):
    primed(folders)
    folders[2].write_bytes(content)
    assert read_cache(*cache_args(folders)) is None


def test_a_cache_with_the_right_key_but_bad_entries_is_ignored(folders):
    primed(folders)
    doc = json.loads(folders[2].read_bytes())
    for broken in ([["mine"]], [[1, "custom", "p", "n", "", [], 60, []]], [["mine", "elsewhere", "p", "n", "", [],
                                                                         60, []]],
                   [["mine", "custom", "p", "n", "", [1], 60, []]], [["mine", "custom", "p", "n", "", [], "60", []]]):
        folders[2].write_text(json.dumps({**doc, "routines": broken}))
        assert read_cache(*cache_args(folders)) is None, broken


def test_a_linked_cache_is_ignored_and_replaced_not_written_through(folders, tmp_path):
    library = primed(folders)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(folders[2].read_bytes())  # a good cache, but reached through a link
    folders[2].unlink()
    folders[2].symlink_to(elsewhere)
    assert read_cache(*cache_args(folders)) is None
    before = elsewhere.read_bytes()
    write_cache(folders[2], library)
    assert not folders[2].is_symlink() and elsewhere.read_bytes() == before
    assert read_cache(*cache_args(folders)) is not None


def test_a_special_file_as_cache_is_ignored(folders):
    primed(folders)
    folders[2].unlink()
    os.mkfifo(folders[2])
    assert read_cache(*cache_args(folders)) is None  # never waits for a writer


def test_the_cache_is_written_atomically_and_privately(folders):
    primed(folders)
    assert (folders[2].stat().st_mode & 0o777) == 0o600
    assert [p.name for p in folders[2].parent.iterdir()] == [folders[2].name]  # no temp file left


def test_a_key_taken_before_reading_keeps_a_file_changed_meanwhile_out(folders):
    builtin, custom, cache = folders
    key = library_key(builtin, custom)
    (custom / "mine.toml").write_text(CUSTOM.replace("Evening curls", "Changed while read"))
    write_cache(cache, RoutineLibrary.load(builtin, custom), key)
    assert read_cache(cache, builtin, custom) is None


def test_a_cache_that_cannot_be_written_is_no_error(folders, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    write_cache(blocker / "cache.json", primed(folders))  # best effort: no exception


def test_a_cache_written_by_other_code_is_stale(folders, monkeypatch):
    from hamcoach.routines import summaries

    primed(folders)
    assert read_cache(*cache_args(folders)) is not None
    monkeypatch.setattr(summaries, "_code_key", lambda: ["another version"])
    assert read_cache(*cache_args(folders)) is None
