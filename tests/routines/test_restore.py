"""Deleted routines: kept in routines/.trash, listed newest first, restored under their id, never over another."""

from __future__ import annotations

import os

import pytest

from hamcoach.errors import RestoreError
from hamcoach.routines.files import deleted_routines, restore_routine, save_routine, trash_routine, trashed_id
from hamcoach.routines.library import read_routine_file
from hamcoach.routines.models import Exercise, Routine


def _routine(name: str) -> Routine:
    return Routine(name=name, exercises=[Exercise(name="Hold", sets=1, hold=10)])


def _delete(custom, routine_id: str, name: str, at: float):
    """Save and delete a routine, as if at ``at`` (seconds since the epoch)."""
    path = trash_routine(save_routine(_routine(name), custom, routine_id), custom)
    os.utime(path, (at, at))
    return path


def test_the_trash_lists_the_routine_deleted_last_first_with_the_id_it_had(tmp_path):
    custom = tmp_path / "routines"
    assert deleted_routines(custom) == []  # no trash yet
    _delete(custom, "mine", "Mine, first", 1_000)
    _delete(custom, "other", "Other", 3_000)
    _delete(custom, "mine", "Mine, second", 2_000)
    (custom / ".trash" / "notes.txt").write_text("not a routine")
    (custom / ".trash" / "broken.toml").write_text("name = ")
    os.utime(custom / ".trash" / "broken.toml", (500, 500))
    listed = deleted_routines(custom)
    assert [(d.routine_id, d.name, d.path.name) for d in listed] == [
        ("other", "Other", "other.toml"), ("mine", "Mine, second", "mine.2.toml"),
        ("mine", "Mine, first", "mine.toml"), ("broken", None, "broken.toml")]
    assert listed[0].deleted_at.timestamp() == 3_000


def test_a_file_trashed_by_an_older_hamcoach_keeps_its_name_as_its_id():
    from pathlib import Path

    assert trashed_id(Path("mine-2.toml")) == "mine-2"  # numbered the old way: restored as mine-2
    assert trashed_id(Path("mine.3.toml")) == "mine"


def test_restore_brings_back_the_one_deleted_last(tmp_path):
    custom = tmp_path / "routines"
    _delete(custom, "mine", "Mine, first", 1_000)
    _delete(custom, "mine", "Mine, second", 2_000)
    restored = restore_routine(custom, "mine")
    assert restored.name == "Mine, second"
    assert read_routine_file(custom / "mine.toml").name == "Mine, second"
    assert [d.name for d in deleted_routines(custom)] == ["Mine, first"]  # still kept


def test_restore_never_overwrites_and_says_so_in_one_line(tmp_path):
    custom = tmp_path / "routines"
    _delete(custom, "mine", "Mine, deleted", 1_000)
    save_routine(_routine("Mine, new"), custom, "mine")
    with pytest.raises(RestoreError) as caught:
        restore_routine(custom, "mine")
    message = str(caught.value)
    assert "\n" not in message and "a routine of yours has the id 'mine'" in message
    assert str(custom / ".trash" / "mine.toml") in message  # where the deleted file still is
    assert read_routine_file(custom / "mine.toml").name == "Mine, new"
    assert [d.name for d in deleted_routines(custom)] == ["Mine, deleted"]


def test_restore_refuses_a_built_in_id_and_an_unknown_one(tmp_path):
    custom = tmp_path / "routines"
    _delete(custom, "floor-basics", "My floor", 1_000)
    with pytest.raises(RestoreError, match="a built-in routine has the id 'floor-basics'"):
        restore_routine(custom, "floor-basics", builtin_ids=["floor-basics"])
    assert not (custom / "floor-basics.toml").exists()
    with pytest.raises(RestoreError, match="no deleted routine has the id 'nope'"):
        restore_routine(custom, "nope")
