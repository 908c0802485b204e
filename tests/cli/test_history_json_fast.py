"""``history --json`` edits stored documents as bytes when it can (50,000 sessions in about
a second, finding 12); what it prints is exactly what parsing each document would print."""

from __future__ import annotations

import json

import pytest

from hamcoach.cli.history import reported, reported_raw
from hamcoach.cli.main import main
from hamcoach.history.fileformat import dumps
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore


def set_doc(index: int, target: int, achieved: int, name: str = "Curl", skipped: bool = False) -> dict:
    return {"exercise_index": index, "exercise": name, "set": 1, "sets": 2, "side": None, "kind": "reps",
            "target": target, "achieved": achieved, "skipped": skipped}


def session(sid: str, sets: list | None, **extra) -> dict:
    doc = {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": "2024-05-01T07:00:00+02:00",
           "ended_at": "2024-05-01T07:10:00+02:00", "status": "completed", "duration_seconds": 600,
           "pain": None, "effort": None, "note": None, **extra}
    if sets is not None:
        doc["sets"] = sets
    return doc


CASES = {
    "done, partly, skipped": session("a", [set_doc(0, 8, 8), set_doc(0, 8, 3), set_doc(1, 8, 0)]),
    "an older file's skipped": session("b", [set_doc(0, 8, 0, skipped=False), set_doc(0, 8, 8, skipped=True)]),
    "no sets": session("c", []),
    "names that look like JSON": session("d", [set_doc(0, 5, 5, name='x"],"target":1,"achieved":0,"skipped":true}'),
                                               set_doc(1, 5, 2, name='{"exercise_index":9} ]')]),
    "a checkpoint": session("e", [set_doc(0, 8, 8)], status="in_progress",
                            checkpoint={"plan": {"name": "R", "exercises": [{"name": "Curl", "sets": 2, "reps": 8}]},
                                        "resume_at": {"exercise_index": 0, "set": 2, "side": None}}),
    "a note": session("f", [set_doc(0, 8, 9)], note="felt good, \"sets\":[] ]"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_byte_edit_prints_what_parsing_prints(case):
    raw = dumps(SessionRecord.model_validate(CASES[case]).document())
    fast = reported_raw(raw)
    assert fast is not None and json.loads(fast) == reported(json.loads(raw))
    assert list(json.loads(fast)) == list(reported(json.loads(raw)))  # the same key order too


def test_documents_in_another_form_are_parsed_instead():
    assert reported_raw(json.dumps(CASES["no sets"], indent=1).encode()) is None
    without_sets = {k: v for k, v in CASES["no sets"].items() if k != "sets"}
    assert reported_raw(dumps(without_sets)) is None


def test_history_json_prints_the_same_either_way(isolated_home, capsys):
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([CASES[case] for case in CASES])
    path = isolated_home / "history.json"
    # One document hand-edited into another layout, and one with a non-ASCII name: both parsed.
    lines = path.read_bytes().split(b"\n")
    n = next(i for i, line in enumerate(lines) if b'"id":"c"' in line)
    key, _, doc = lines[n].partition(b":")
    lines[n] = key + b":" + json.dumps(json.loads(doc.rstrip(b",")), indent=None, separators=(", ", ": ")).encode() \
        + (b"," if doc.endswith(b",") else b"")
    path.write_bytes(b"\n".join(lines))
    HistoryStore(path).save_session({**CASES["done, partly, skipped"], "id": "g", "routine_name": "Übung"})
    assert main(["history", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = [reported(doc) for doc in HistoryStore(path).raw_sessions()]
    assert printed == expected and len(printed) == len(CASES) + 1
