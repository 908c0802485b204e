"""A damaged or unreadable history costs what is damaged, never the file (issue 13, findings 1 and 2).

- one damaged line (a ``},`` turned ``],``, a line cut short) costs that line's session;
- a file that cannot be read (a folder in its place, permissions, a FIFO) is reported
  and left exactly where it is, and the store refuses to write over it;
- reading never renames anything; only a write sets a damaged file aside, as a hard link
  (or copy) ``history.json.corrupt-<time>`` with the bytes as they were, and says so;
- a set-aside file is announced at every open until it is dealt with.
"""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

import hamcoach.fileio as fileio
from hamcoach.errors import StoreError
from hamcoach.history.store import HistoryStore


def doc(sid: str, day: int = 1, **extra) -> dict:
    started = f"2024-05-{day:02d}T07:00:00+02:00"
    return {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": started, "ended_at": started,
            "status": "completed", "duration_seconds": 60, "sets": [], **extra}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "home" / "history.json"


def ids(store: HistoryStore) -> list[str]:
    return [record.id for record in store.sessions()]


def aside(path) -> list:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith("history.json.corrupt-"))


def many(path, count: int = 30) -> list[bytes]:
    HistoryStore(path).add_many([doc(f"s{n:02d}", 1 + n % 28) for n in range(count)])
    return path.read_bytes().split(b"\n")


def line_of(lines: list[bytes], sid: str) -> int:
    return next(i for i, line in enumerate(lines) if f'"id":"{sid}"'.encode() in line)


@pytest.mark.parametrize("damage", ["bracket", "cut short", "cut and joined"])
def test_one_damaged_line_in_a_long_file_costs_only_that_session(path, damage):
    lines = many(path)
    n = line_of(lines, "s10")
    if damage == "bracket":
        lines[n] = lines[n][:-2] + b"],"  # the closing }, became ],
    elif damage == "cut short":
        lines[n] = lines[n][:35]
    else:
        lines[n:n + 2] = [lines[n][:35] + lines[n + 1]]  # cut, and the next line joined to it
    before = b"\n".join(lines)
    path.write_bytes(before)
    store = HistoryStore(path)
    expected = 28 if damage == "cut and joined" else 29
    assert len(ids(store)) == expected and "s10" not in ids(store)
    assert any(f"line {n + 1}" in w for w in store.warnings) or damage == "cut and joined"
    assert all("\n" not in w for w in store.warnings)
    assert path.read_bytes() == before and aside(path) == []  # reading moves nothing


def test_reading_never_renames_and_the_first_write_sets_the_file_aside(path):
    lines = many(path)
    n = line_of(lines, "s10")
    lines[n] = lines[n][:-2] + b"],"
    damaged = b"\n".join(lines)
    path.write_bytes(damaged)
    for _ in range(3):
        HistoryStore(path).sessions()
    assert path.read_bytes() == damaged and aside(path) == []
    store = HistoryStore(path)
    store.save_session(doc("new", 28))
    (kept,) = aside(path)
    assert kept.read_bytes() == damaged  # byte for byte
    assert any(str(kept) in w and "kept" in w for w in store.warnings)
    again = HistoryStore(path)
    assert len(ids(again)) == 30 and "new" in ids(again)
    # Said at every open until someone deals with it.
    assert any(str(kept) in w and "doctor --fix" in w for w in again.warnings)


CORRUPT = {
    "not JSON": b"this is not json\n",
    "a JSON list": b"[1, 2, 3]",
    "a table that is a list": b'{"sessions": [1, 2]}',
    "bad UTF-8": b'{"sessions": {"1": {"id": "\xff"}}}',
    "nested too deeply": b'{"sessions": {"1": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}",
}


@pytest.mark.parametrize("case", CORRUPT)
def test_a_file_with_nothing_usable_is_left_until_a_write_sets_it_aside(path, case):
    path.parent.mkdir(parents=True)
    path.write_bytes(CORRUPT[case])
    store = HistoryStore(path)
    assert store.unusable and ids(store) == [] and not store.read_only
    assert aside(path) == [] and path.read_bytes() == CORRUPT[case]
    (warning,) = store.warnings
    assert warning.startswith("history.json cannot be read as a history (") and "\n" not in warning
    store.save_session(doc("fresh"))
    (kept,) = aside(path)
    assert kept.read_bytes() == CORRUPT[case]
    assert store.warnings[-1].startswith("history.json could not be used (")
    assert store.warnings[-1].endswith(f"; it was set aside as {kept} and a new history was started.")
    assert ids(HistoryStore(path)) == ["fresh"]


def test_documents_of_the_wrong_shape_cost_only_themselves(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"sessions": {"1": doc("a"), "2": 5, "x": doc("b")}}))
    store = HistoryStore(path)
    assert ids(store) == ["a"] and not store.unusable
    assert sorted(store.warnings) == ["Skipped sessions document #2 of history.json: it is not a JSON object.",
                                      "Skipped sessions document #x of history.json: it is not a JSON object."]


def test_a_folder_in_place_of_the_history_is_left_there_and_nothing_is_written(path):
    (path / "junk").mkdir(parents=True)  # unreadable as a file, even for root
    store = HistoryStore(path)
    assert store.read_only and store.unreadable == "it is a folder, not a regular file"
    assert store.warnings == ["history.json cannot be read (it is a folder, not a regular file); it is left as "
                              "it is, and nothing is saved until it can be read."]
    with pytest.raises(StoreError, match="history.json cannot be read"):
        store.save_session(doc("a"))
    assert (path / "junk").is_dir() and aside(path) == []


def test_an_unreadable_file_is_left_where_it_is(path, monkeypatch):
    HistoryStore(path).save_session(doc("a"))
    before = path.read_bytes()
    real_open = os.open

    def refuse(name, flags, *args):  # tests run as root, where chmod 000 changes nothing
        if os.fspath(name) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(fileio.os, "open", refuse)
    store = HistoryStore(path)
    assert store.read_only and store.unreadable == "Permission denied"
    with pytest.raises(StoreError):
        store.save_session(doc("b"))
    monkeypatch.undo()
    assert path.read_bytes() == before and aside(path) == []


def test_chmod_000_is_left_where_it_is(path):
    if os.geteuid() == 0:
        pytest.skip("root reads a file whatever its mode (the injected-opener test covers this path)")
    HistoryStore(path).save_session(doc("a"))
    path.chmod(0)
    store = HistoryStore(path)
    assert store.read_only and store.unreadable == "Permission denied"
    assert aside(path) == []


def test_a_set_aside_file_can_be_imported_back(path, tmp_path):
    from hamcoach.history.transfer import import_history

    lines = many(path)
    n = line_of(lines, "s10")
    lines[n] = lines[n][:-2] + b"],"
    path.write_bytes(b"\n".join(lines))
    HistoryStore(path).save_session(doc("new", 28))  # sets the damaged file aside
    (kept,) = aside(path)
    fresh = HistoryStore(tmp_path / "other" / "history.json")
    with open(kept, "rb") as source:
        refused = import_history(fresh, source)
    assert not refused.written and [str(p) for p in refused.problems] == [
        f"line {n + 1} (document #{n - 4}): it is not a complete document"]
    with open(kept, "rb") as source:
        result = import_history(fresh, source, skip_invalid=True)
    assert result.added == 29 and "s10" not in fresh.session_ids()
    # An intact history file (not an export) imports as it is, rest days and all.
    intact = HistoryStore(tmp_path / "intact" / "history.json")
    intact.add_many([doc("i1"), doc("i2", 2)])
    intact.add_rest_day(date(2024, 5, 3))
    result = import_history(fresh, intact.path.read_bytes())
    assert (result.added, result.rest_days_added, result.problems) == (2, 1, ())
