"""Export and import: lossless, idempotent, all or nothing, and honest about what is wrong."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.documents import export_of, full, minimal

from hamcoach.history.store import HistoryStore, StoreError
from hamcoach.history.transfer import (
    CSV_COLUMNS,
    FORMAT,
    TransferError,
    check_session,
    csv_text,
    export_document,
    import_history,
    json_text,
    parse_export,
)


@pytest.fixture
def store(tmp_path):
    return HistoryStore(tmp_path / "a" / "history.json")


@pytest.fixture
def other(tmp_path):
    return HistoryStore(tmp_path / "b" / "history.json")


def test_export_then_import_is_lossless_and_importing_twice_adds_nothing(store, other):
    store.add_many([
        full("a"), full("b", "2024-05-05T23:50:00-07:00", ended_at="2024-05-06T00:10:00-07:00",
                                          routine_name="[bold]x[/] é 🦵 \"q\" \\"),
        minimal("c"), minimal("d", "2024-05-02T06:00:00+05:30", status="in_progress"),
    ])
    store.add_rest_day(date(2024, 5, 3))
    text = json_text(export_document(store))
    first = import_history(other, text)
    assert (first.added, first.present, first.invalid, first.rest_days_added, first.written) == (4, 0, 0, 1, True)
    assert other.raw_sessions() == store.raw_sessions()  # every stored byte of every session
    assert other.rest_days() == store.rest_days()
    assert json_text(export_document(other)) == text  # and the export of the copy is the same file
    size = other.path.stat()
    again = import_history(other, text)
    assert (again.added, again.present, again.invalid, again.rest_days_added) == (0, 4, 0, 0)
    assert other.path.stat().st_ino == size.st_ino  # nothing to add: not even a write


def test_the_json_export_shape(store):
    store.add_many([full("a"), full("b", "2024-05-07T07:30:00+02:00")])
    doc = json.loads(json_text(export_document(store)))
    assert list(doc) == ["format", "version", "rest_days", "checkins", "sessions"]
    assert (doc["format"], doc["version"], doc["rest_days"], doc["checkins"]) == ("hamcoach-history", 1, [], [])
    assert [s["id"] for s in doc["sessions"]] == ["a", "b"]  # oldest first
    assert doc["sessions"][0] == full("a")
    empty = json.loads(json_text(export_document(HistoryStore(store.path.with_name("none.json")))))
    assert empty["sessions"] == []


names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.builds(
    lambda sid, name, day, pain, sets: full(sid, f"2024-05-{day:02d}T07:30:00+02:00", routine_name=name,
                                            pain=pain, sets=full("x")["sets"][:sets]),
    st.uuids().map(str), names, st.integers(1, 28), st.none() | st.integers(0, 10), st.integers(0, 2)),
    max_size=8, unique_by=lambda d: d["id"]),
    rest=st.sets(st.dates(date(2020, 1, 1), date(2030, 1, 1)), max_size=5))
def test_any_history_survives_the_round_trip(tmp_path_factory, docs, rest):
    folder = tmp_path_factory.mktemp("round")
    source, target = HistoryStore(folder / "a.json"), HistoryStore(folder / "b.json")
    source.merge(docs, rest)
    result = import_history(target, json_text(export_document(source)))
    assert result.added == len(docs) and result.rest_days_added == len(rest)
    assert target.raw_sessions() == source.raw_sessions() and target.rest_days() == rest


def test_a_session_needs_only_the_six_keys_and_its_sets_may_be_absent(store):
    result = import_history(store, export_of([minimal("m")]))
    assert (result.added, result.invalid) == (1, 0)
    record = store.get("m")
    assert record.sets == [] and record.duration_seconds is None and record.status == "partial"


def test_invalid_sessions_are_reported_and_nothing_is_written(store):
    store.add_many([minimal("old")])
    before = store.path.read_bytes()
    data = export_of([
        minimal("ok"),
        {"id": "x", "routine_id": "r"},  # most keys missing
        minimal("bad-status", status="done"),
        minimal("bad-time", started_at="yesterday"),
        minimal("backwards", ended_at="2024-04-30T07:00:00Z"),  # repaired (ended_at = started_at), not refused
        "not a session",
        minimal("bad-set", sets=[{"exercise": "Bridge"}]),
        minimal("old"),
        minimal("", routine_name="no id"),
        minimal("pain", pain=11),
    ], rest_days=["2024-05-01", "May 2nd"])
    result = import_history(store, data)
    assert not result.written and result.added == 0
    assert (result.present, result.invalid) == (1, 7)
    assert store.path.read_bytes() == before  # all or nothing
    problems = [str(p) for p in result.problems]
    assert problems[0] == "sessions[1] (id 'x'): routine_name, started_at, ended_at, status are required"
    assert problems[1] == ("sessions[2] (id 'bad-status'): status must be one of completed, partial, in_progress "
                           "(got 'done')")
    assert problems[2].startswith("sessions[3] (id 'bad-time'): started_at is not an ISO 8601 date and time")
    assert problems[3] == "sessions[5]: is not a JSON object"
    # Every problem of the file at once, one line each: the set's five missing keys too.
    assert problems[4:9] == [f"sessions[6] (id 'bad-set'): sets[0].{key} is required"
                             for key in ("exercise_index", "set", "sets", "kind", "target")]
    assert problems[9] == "sessions[8]: id must not be empty"
    assert problems[10].startswith("sessions[9] (id 'pain'): pain ")
    assert problems[11] == "rest_days[1]: is not a YYYY-MM-DD date (got 'May 2nd')"
    assert len(problems) == 12


def test_skip_invalid_writes_the_valid_ones(store):
    data = export_of([minimal("ok"), minimal("bad", status="done"), minimal("ok")], rest_days=["2024-05-01", "x"])
    result = import_history(store, data, skip_invalid=True)
    assert (result.added, result.present, result.invalid, result.rest_days_added, result.written) == (1, 1, 1, 1, True)
    assert store.session_ids() == {"ok"} and store.rest_days() == {date(2024, 5, 1)}


def test_merge_keeps_the_stored_session_of_the_same_id(store):
    store.add_many([full("a", pain=3)])
    result = import_history(store, export_of([full("a", pain=9), full("b")]))
    assert (result.added, result.present) == (1, 1)
    assert store.get("a").pain == 3


@pytest.mark.parametrize("data, reason", [
    (b"{not json", "it is not valid JSON"),
    (b"[]", 'it is not a hamcoach export (no "format": "hamcoach-history")'),
    (json.dumps({"format": "other", "sessions": []}).encode(), "it is not a hamcoach export"),
    (json.dumps({"format": FORMAT, "version": 2, "sessions": []}).encode(), "newer hamcoach (version 2)"),
    (json.dumps({"format": FORMAT, "version": "1", "sessions": []}).encode(), '"version" is not a whole number'),
    (json.dumps({"format": FORMAT, "version": 1, "sessions": {}}).encode(), '"sessions" is not a list'),
    (json.dumps({"format": FORMAT, "version": 1, "sessions": [], "rest_days": "x"}).encode(),
     '"rest_days" is not a list'),
    (b"\xff\xfe", "it is not UTF-8 text (byte 0xff at line 1)"),
])
def test_a_file_that_is_not_an_export_is_refused(store, data, reason):
    with pytest.raises(TransferError, match=None) as caught:
        parse_export(data)
    assert reason in str(caught.value)
    with pytest.raises(TransferError):
        import_history(store, data)
    assert not store.path.exists()


def test_a_read_only_history_refuses_the_import(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}, "sessions": {}}))
    store = HistoryStore(path)
    with pytest.raises(StoreError, match="newer hamcoach"):
        import_history(store, export_of([minimal("a")]))


def test_check_session_accepts_z_and_offsets_and_refuses_backwards_times():
    assert check_session(minimal("a", started_at="2024-05-01T07:00:00Z", ended_at="2024-05-01T09:00:00+02:00"))[0]
    assert check_session(minimal("a", started_at="2024-05-01T07:00:00Z",
                                 ended_at="2024-05-01T08:59:00+02:00"))[1] == "ended_at is before started_at"


def test_csv_has_one_row_per_set_and_one_for_a_session_without_sets(store):
    store.add_many([full("a", routine_name='Comma, "quote"\nnew line'), minimal("b")])
    rows = list(csv.reader(io.StringIO(csv_text(export_document(store)["sessions"]))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {}
    for row in rows[1:]:
        by_id.setdefault(row[0], []).append(dict(zip(CSV_COLUMNS, row, strict=False)))
    assert len(by_id["a"]) == 2 and len(by_id["b"]) == 1
    first, second = by_id["a"]
    assert first["routine_name"] == 'Comma, "quote"\nnew line' and second["routine_name"] == first["routine_name"]
    assert (first["exercise"], first["kind"], first["target"], first["achieved"], first["skipped"], first["side"]) == (
        "Core set-up", "hold", "20", "20", "false", "")
    assert (second["side"], second["skipped"], second["outcome"], second["pain"], second["effort"]) == (
        "left", "false", "partly_done", "1", "6")
    assert by_id["b"][0]["exercise"] == "" and by_id["b"][0]["duration_seconds"] == ""
