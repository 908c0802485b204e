"""The history is the user's to correct, and the record only moves forward (issue 10).

Recording (checkpoints, the final save, keeping as partial) never moves a session from
completed to another status, nor from partial back to in progress. The user deletes
(kept in a ``deleted`` table until emptied), restores and edits (pain, effort, status,
note); deleted sessions are out of streaks, stats, the list and exports.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from hamcoach.history.models import NOTE_MAX_LENGTH
from hamcoach.history.rules import edit_problem, recording_refusal
from hamcoach.history.stats import overview, streak_for
from hamcoach.history.store import HistoryStore, StoreError
from hamcoach.history.transfer import csv_text, export_document, import_history, json_text

WHEN = datetime(2024, 5, 7, 8, 0, tzinfo=timezone(timedelta(hours=2)))


def doc(sid: str, day: int = 1, status: str = "completed", **extra) -> dict:
    started = f"2024-05-{day:02d}T07:00:00+02:00"
    base = {
        "id": sid, "routine_id": "floor-basics", "routine_name": "Floor basics", "started_at": started,
        "ended_at": started, "status": status, "duration_seconds": 600, "pain": 2, "effort": 5,
        "sets": [{"exercise_index": 0, "exercise": "Bridge", "set": 1, "sets": 1, "kind": "reps",
                  "target": 10, "achieved": 10}],
    }
    return {**base, **extra}


@pytest.fixture
def store(tmp_path):
    return HistoryStore(tmp_path / "home" / "history.json")


def statuses(store: HistoryStore) -> dict[str, str]:
    return {s.id: s.status for s in store.summaries()}


# --- recording moves forward only ---------------------------------------------------------


@pytest.mark.parametrize(("stored", "new"), [("completed", "in_progress"), ("completed", "partial"),
                                             ("partial", "in_progress")])
def test_recording_never_moves_a_session_back(store, stored, new):
    store.save_session(doc("a", status=stored))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=r"^Session 'a' is not changed: "):
        store.save_session(doc("a", status=new))
    assert store.path.read_bytes() == before
    assert statuses(store) == {"a": stored}


@pytest.mark.parametrize(("stored", "new"), [("in_progress", "in_progress"), ("in_progress", "partial"),
                                             ("in_progress", "completed"), ("partial", "partial"),
                                             ("partial", "completed"), ("completed", "completed")])
def test_recording_forward_is_allowed(store, stored, new):
    store.save_session(doc("a", status=stored))
    store.save_session(doc("a", status=new, pain=4))
    assert statuses(store) == {"a": new} and store.get("a").pain == 4


def test_the_rule_as_a_function():
    assert recording_refusal(None, "in_progress") is None
    assert recording_refusal("completed", "partial") and recording_refusal("partial", "in_progress")
    assert recording_refusal("in_progress", "completed") is None


# --- delete, restore, purge --------------------------------------------------------------------


def test_delete_keeps_the_session_in_the_deleted_table_and_restore_brings_it_back_as_it_was(store):
    store.add_many([doc("a", 1), doc("b", 2), doc("c", 3)])
    stored = store.raw_sessions()[1]
    assert store.delete("b", deleted_at=WHEN) is True
    assert store.delete("b") is False  # it is not in the history any more
    assert [s.id for s in store.sessions()] == ["c", "a"]
    data = json.loads(store.path.read_bytes())
    (kept,) = data["deleted"].values()
    assert kept == {**stored, "deleted_at": "2024-05-07T08:00:00+02:00"}
    (listed,) = store.deleted_sessions()
    assert (listed.summary.id, listed.deleted_at) == ("b", "2024-05-07T08:00:00+02:00")
    assert store.deleted_ids() == {"b"}

    restored = store.restore("b")
    assert restored.id == "b" and restored.started_at.startswith("2024-05-02")
    assert [s.id for s in store.sessions()] == ["c", "b", "a"]
    assert store.raw_sessions()[1] == stored  # exactly as before
    assert store.deleted_sessions() == [] and json.loads(store.path.read_bytes())["deleted"] == {}


def test_a_deleted_session_is_out_of_streaks_stats_list_and_exports(store):
    store.add_many([doc("a", 5), doc("b", 6), doc("c", 7)])
    as_of = date(2024, 5, 7)
    assert streak_for(store, as_of, 3).current == 3
    store.delete("b")
    assert streak_for(store, as_of, 3).current == 1
    view = overview(store, as_of, 3)
    assert [s.id for s in view.summaries] == ["c", "a"]
    assert date(2024, 5, 6) not in view.calendar.training
    exported = export_document(store)
    assert [s["id"] for s in exported["sessions"]] == ["a", "c"]
    assert '"b"' not in json_text(exported) and ",b," not in csv_text(exported["sessions"])


def test_restore_and_delete_refuse_what_cannot_be(store):
    store.add_many([doc("a")])
    with pytest.raises(StoreError, match=r"^There is no session with the id 'zz' among the deleted sessions\.$"):
        store.restore("zz")
    store.delete("a")
    store.add_many([doc("a")])  # a session of that id came back (an old import): it stays out
    assert store.get("a") is None
    store.merge([])
    # Even if a file holds both (written by hand), restoring never makes two of one id.
    data = json.loads(store.path.read_bytes())
    data["sessions"]["9"] = doc("a")
    store.path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="is in the history already"):
        HistoryStore(store.path).restore("a")


def test_purge_empties_the_deleted_table_only(store):
    store.add_many([doc("a", 1), doc("b", 2), doc("c", 3)])
    store.delete("a")
    store.delete("c")
    assert store.purge_deleted() == 2
    assert store.deleted_sessions() == [] and [s.id for s in store.sessions()] == ["b"]
    assert store.purge_deleted() == 0


def test_an_import_does_not_bring_a_deleted_session_back(store, tmp_path):
    store.add_many([doc("a", 1), doc("b", 2)])
    backup = json_text(export_document(store))
    store.delete("a")
    result = import_history(store, backup)
    assert (result.added, result.present, result.deleted) == (0, 1, 1)
    assert [s.id for s in store.sessions()] == ["b"] and store.deleted_ids() == {"a"}


def test_recording_refuses_a_deleted_session(store):
    store.add_many([doc("a", status="in_progress")])
    store.delete("a")
    with pytest.raises(StoreError, match="was deleted; restore it"):
        store.save_session(doc("a", status="partial"))
    assert store.sessions() == []


def test_find_id_takes_a_unique_start(store):
    store.add_many([doc("3f2a9c10-aaaa"), doc("3f2b0000-bbbb", 2), doc("77aa", 3)])
    assert store.find_id("77aa") == "77aa"
    assert store.find_id("3f2a") == "3f2a9c10-aaaa"
    with pytest.raises(StoreError, match=r"^There is no session with the id '3f2' in the history\.$"):
        store.find_id("3f2")  # too short to stand for an id
    store.add_many([doc("3f2a0000-cccc", 4)])
    with pytest.raises(StoreError, match=r"^'3f2a' is the start of 2 session ids in the history; give more"):
        store.find_id("3f2a")
    store.delete("77aa")
    with pytest.raises(StoreError):
        store.find_id("77aa")
    assert store.find_id("77aa", deleted=True) == "77aa"


# --- edit ----------------------------------------------------------------------------------------


def test_edit_changes_only_what_is_given(store):
    store.add_many([doc("a"), doc("b", 2)])
    other = store.raw_sessions()[0]
    record = store.edit_session("a", pain=7)
    assert (record.pain, record.effort, record.status, record.note) == (7, 5, "completed", None)
    record = store.edit_session("a", effort=None, status="partial", note="  Test run, not a real one. ")
    assert (record.pain, record.effort, record.status, record.note) == (7, None, "partial", "Test run, not a real one.")
    assert store.get("a") == record
    (summary,) = [s for s in store.summaries() if s.id == "a"]
    assert (summary.pain, summary.effort, summary.status, summary.note) == (7, None, "partial", record.note)
    assert store.raw_sessions()[0] == other  # the other session is untouched
    assert store.edit_session("a", note="").note is None  # an empty note clears it
    assert store.edit_session("a", status="completed").status == "completed"  # the user's call, both ways


@pytest.mark.parametrize(("change", "words"), [
    ({"pain": 11}, "Pain must be a whole number from 0 to 10."),
    ({"effort": 0}, "Effort must be a whole number from 1 to 10."),
    ({"pain": True}, "Pain must be a whole number from 0 to 10."),
    ({"status": "in_progress"}, "The status can be set to completed or partial (got 'in_progress')."),
    ({"note": "x" * (NOTE_MAX_LENGTH + 1)}, f"A note is at most {NOTE_MAX_LENGTH} characters (this one has 201)."),
    ({}, "Nothing to change: give a pain or effort rating, a status or a note."),
])
def test_edit_refuses_bad_values_with_one_sentence(store, change, words):
    store.add_many([doc("a")])
    before = store.path.read_bytes()
    with pytest.raises(StoreError) as caught:
        store.edit_session("a", **change)
    assert str(caught.value) == words
    assert store.path.read_bytes() == before
    assert edit_problem(**change) == words


def test_edit_of_an_unknown_id(store):
    with pytest.raises(StoreError, match=r"^There is no session with the id 'nope' in the history\.$"):
        store.edit_session("nope", pain=1)


def test_edit_keeps_fields_it_does_not_know_and_the_fast_layout(store):
    store.add_many([doc("a")])
    data = json.loads(store.path.read_bytes())
    (key,) = data["sessions"]
    data["sessions"][key] = {**data["sessions"][key], "plan": {"exercises": []}}  # a newer writer's field
    store.path.write_text(json.dumps(data))
    store = HistoryStore(store.path)
    store.edit_session("a", note='He said "ouch" \\ twice')
    raw = store.path.read_bytes()
    assert b'"effort":5,"note":"He said \\"ouch\\" \\\\ twice","sets":' in raw
    assert json.loads(raw)["sessions"][key]["plan"] == {"exercises": []}
    assert store.summaries()[0].note == 'He said "ouch" \\ twice'


def test_a_note_elsewhere_in_a_hand_edited_document_is_still_read(store):
    store.add_many([doc("a")])
    data = json.loads(store.path.read_bytes())
    (key,) = data["sessions"]
    data["sessions"][key] = {**data["sessions"][key], "note": "at the end"}  # after the sets
    store.path.write_text(json.dumps(data))
    assert HistoryStore(store.path).summaries()[0].note == "at the end"
