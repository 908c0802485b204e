"""Issue 10, findings 2 and 10: one way to count sets everywhere, and an end never before its start."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

from support.documents import export_of, full
from support.engine import small, started

from hamcoach.cli.main import main
from hamcoach.coaching.recording import session_record
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore
from hamcoach.history.transfer import CSV_COLUMNS, csv_text, export_document, import_history

START = datetime(2024, 5, 6, 7, 30, tzinfo=timezone(timedelta(hours=2)))


def sets(*pairs: tuple[int, int]) -> list[SetRecord]:
    return [SetRecord(exercise_index=0, exercise="Hold", set=n, sets=len(pairs), kind="hold", target=target,
                      achieved=achieved) for n, (achieved, target) in enumerate(pairs, 1)]


# --- 2. one count ---------------------------------------------------------------------------------


def test_finding_2_a_set_is_done_partly_done_or_skipped_by_what_was_achieved():
    from hamcoach.history.outcomes import session_status, set_outcome, tally  # noqa: F401
    assert [set_outcome(a, t) for a, t in ((20, 20), (25, 20), (9, 20), (0, 20))] == [
        "done", "done", "partly_done", "skipped"]
    counted = tally(sets((20, 20), (9, 20), (0, 20), (0, 20)))
    assert (counted.planned, counted.done, counted.partly_done, counted.skipped) == (4, 1, 1, 2)
    assert counted.words() == "1 of 4 sets done, 1 partly done, 2 skipped"
    assert tally(sets((20, 20))).words() == "1 of 1 set done"
    assert tally([]).words() == "no sets recorded"


def test_finding_2_a_stored_set_that_says_not_skipped_with_nothing_achieved_is_skipped():
    from hamcoach.history.outcomes import session_status, set_outcome, tally  # noqa: F401
    # What the skip-through of finding 1 saved: achieved 0, skipped false.
    (old,) = SessionRecord.model_validate({
        "id": "a", "routine_id": "r", "routine_name": "R", "started_at": "2024-05-06T07:30:00+02:00",
        "ended_at": "2024-05-06T07:30:09+02:00", "status": "completed",
        "sets": [{"exercise_index": 0, "exercise": "Hold", "set": 1, "sets": 1, "kind": "hold", "target": 20,
                  "achieved": 0, "skipped": False}]}).sets
    assert old.skipped and tally([old]).skipped == 1


def test_finding_2_session_status():
    from hamcoach.history.outcomes import session_status, set_outcome, tally  # noqa: F401
    assert session_status(True, sets((20, 20), (1, 20), (0, 20), (0, 20))) == "completed"  # half worked
    assert session_status(True, sets((20, 20), (0, 20), (0, 20))) == "partial"
    assert session_status(False, sets((20, 20))) == "partial"
    assert session_status(True, []) == "partial"


def test_finding_2_the_csv_and_history_json_count_sets_as_the_screens_do(isolated_home, capsys):
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([full("a")])  # one set done, one 5 of 8 reps
    rows = list(csv.DictReader(io.StringIO(csv_text(export_document(store)["sessions"]))))
    assert "outcome" in CSV_COLUMNS
    assert [(r["achieved"], r["skipped"], r["outcome"]) for r in rows] == [
        ("20", "false", "done"), ("5", "false", "partly_done")]
    assert main(["history", "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert doc["sets_tally"] == {"planned": 2, "done": 1, "partly_done": 1, "skipped": 0}
    assert [s["outcome"] for s in doc["sets"]] == ["done", "partly_done"]
    assert main(["history"]) == 0
    assert "1 of 2 sets done, 1 partly done" in capsys.readouterr().out


# --- 10. ended_at is started_at plus the duration ---------------------------------------------------


def test_finding_10_ended_at_is_the_start_plus_the_duration_whatever_the_wall_clock_says():
    engine, clock = started(small())
    clock.advance(30)
    engine.tick()
    engine.end()
    record = session_record(engine, "small", START, 30.4)
    assert record.started_at == "2024-05-06T07:30:00+02:00"
    assert record.ended_at == "2024-05-06T07:30:30+02:00"
    assert record.duration_seconds == 30


def test_finding_10_import_repairs_an_end_before_the_start_and_says_so(isolated_home, capsys):
    stepped_back = full("a", ended_at="2024-05-06T06:40:00+02:00")  # started 07:30, 850 s
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "backup.json").write_bytes(export_of([stepped_back, full("b", "2024-05-07T07:30:00+02:00")]))
    assert main(["import", str(isolated_home / "backup.json")]) == 0
    out = capsys.readouterr().out
    assert "2 sessions added" in out and "1 repaired" in out
    store = HistoryStore(isolated_home / "history.json")
    assert store.get("a").ended_at == "2024-05-06T07:44:10+02:00"


def test_finding_10_import_result_counts_the_repairs(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    no_duration = full("a", ended_at="2024-05-06T06:40:00+02:00", duration_seconds=None)
    result = import_history(store, export_of([no_duration]))
    assert (result.added, result.invalid, result.repaired, result.written) == (1, 0, 1, True)
    assert store.get("a").ended_at == store.get("a").started_at
    again = import_history(store, export_of([no_duration]))
    assert (again.added, again.present, again.repaired) == (0, 1, 0)  # nothing new was repaired


def test_finding_10_an_engine_record_never_ends_before_it_starts():
    engine, _ = started(small(), at=0.0)
    engine.end()
    record = session_record(engine, "small", START, 0)
    assert record.ended_at == record.started_at
