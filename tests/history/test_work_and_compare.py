"""Work time (what the calendar shades) and a session against the previous run of its routine."""

from __future__ import annotations

import json
from datetime import date

from hamcoach.history.compare import Figure, compare_runs, compare_with_previous, previous_run
from hamcoach.history.models import SessionRecord
from hamcoach.history.stats import REP_SECONDS, calendar, overview, work_seconds
from hamcoach.history.store import HistoryStore


def a_set(name: str, kind: str, achieved: int, target: int = 10, index: int = 0, side: str | None = None) -> dict:
    return {"exercise_index": index, "exercise": name, "set": 1, "sets": 1, "side": side, "kind": kind,
            "target": target, "achieved": achieved}


def doc(sid: str, started: str, sets: list[dict], routine: str = "r1", status: str = "completed",
        duration: int = 900, **extra) -> dict:
    return {"id": sid, "routine_id": routine, "routine_name": routine.upper(), "started_at": started,
            "ended_at": started, "status": status, "duration_seconds": duration, "sets": sets, **extra}


def record(*args, **kwargs) -> SessionRecord:
    return SessionRecord.model_validate(doc(*args, **kwargs))


# --- work time --------------------------------------------------------------------


def test_work_is_seconds_held_plus_two_seconds_a_rep_not_the_session_length():
    assert REP_SECONDS == 2  # the default tempo: up 1 s, down 1 s
    r = record("a", "2024-05-06T07:30:00+02:00",
               [a_set("Bridge", "reps", 10), a_set("Bridge", "reps", 8),
                a_set("Plank", "hold", 30, 30, 1, "left"), a_set("Plank", "hold", 0, 30, 1, "right")],
               duration=1800)
    assert work_seconds(r) == 18 * 2 + 30  # rests, the count-in and pauses are not work


def test_a_session_without_sets_has_no_work():
    assert work_seconds(record("a", "2024-05-06T07:30:00+02:00", [])) == 0


def test_the_calendar_shades_work_minutes(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    long_rests = doc("long", "2024-05-05T07:00:00+02:00", [a_set("Bridge", "reps", 10)], duration=3600)
    holds = doc("holds", "2024-05-04T07:00:00+02:00", [a_set("Wall sit", "hold", 660, 660)], duration=700)
    partial = doc("part", "2024-05-03T07:00:00+02:00", [a_set("Wall sit", "hold", 1300, 1300)], status="partial")
    store.merge([long_rests, holds, partial])
    cal = overview(store, date(2024, 5, 6)).calendar
    # An hour spent mostly resting is 20 s of work: the lightest shade, not the darkest.
    assert cal.work[date(2024, 5, 5)] == 20 and cal.level(date(2024, 5, 5)) == 1
    assert cal.level(date(2024, 5, 4)) == 2  # 11 minutes held
    assert cal.level(date(2024, 5, 3)) == 3  # partial sessions' work counts too
    assert date(2024, 5, 3) not in cal.training


def test_more_weeks_of_calendar_read_their_work_too(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    store.merge([doc("old", "2022-05-04T07:00:00+02:00", [a_set("Wall sit", "hold", 700, 700)])])
    assert date(2022, 5, 4) not in overview(store, date(2024, 5, 6)).calendar.work  # beyond the year
    wide = overview(store, date(2024, 5, 6), calendar_weeks=120).calendar
    assert wide.weeks == 120 and wide.level(date(2022, 5, 4)) == 2


def test_a_completed_session_with_no_work_still_shows(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    store.merge([doc("none", "2024-05-06T07:00:00+02:00", [a_set("Bridge", "reps", 0)]),
                 doc("gave-up", "2024-05-05T07:00:00+02:00", [a_set("Bridge", "reps", 0)], status="partial")])
    cal = calendar(store.summaries(), [], date(2024, 5, 6), work_of={"none": 0, "gave-up": 0})
    assert cal.level(date(2024, 5, 6)) == 1  # a training day is never shown empty
    assert cal.level(date(2024, 5, 5)) == 0 and cal.sessions[date(2024, 5, 5)] == 1


# --- against the previous run -----------------------------------------------------------


def test_the_previous_run_is_the_latest_finished_one_of_the_same_routine_before_it(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    store.merge([
        doc("first", "2024-05-01T07:00:00+02:00", []),
        doc("other", "2024-05-02T07:00:00+02:00", [], routine="r2"),
        doc("second", "2024-05-03T07:00:00+02:00", [], status="partial"),
        # An instant earlier than 'third' although its local clock reads later.
        doc("unfinished", "2024-05-04T06:00:00+02:00", [], status="in_progress"),
        doc("third", "2024-05-04T06:30:00+00:00", []),
        doc("later", "2024-05-05T07:00:00+02:00", []),
    ])
    third = store.get("third")
    assert third is not None
    found = previous_run(third, store.summaries())
    assert found is not None and found.id == "second"  # partial counts; in progress and other routines do not
    first = store.get("first")
    assert first is not None and previous_run(first, store.summaries()) is None


def test_comparison_figures():
    before = record("b", "2024-05-01T07:00:00+02:00",
                    [a_set("Bridge", "reps", 8), a_set("Bridge", "reps", 10),
                     a_set("Plank", "hold", 20, 30, 1), a_set("Dead bug", "reps", 5, 5, 2)],
                    pain=3, effort=None)
    now = record("n", "2024-05-03T07:00:00+02:00",
                 [a_set("Bridge", "reps", 10), a_set("Bridge", "reps", 10), a_set("Plank", "hold", 30, 30, 1),
                  a_set("Bird dog", "reps", 6, 6, 2)],
                 pain=1, effort=6)
    result = compare_runs(now, before)
    assert result.heading() == "Against the previous run of this routine: 2024-05-01 07:00"
    got = {f.label: f for f in result.figures}
    assert [f.label for f in result.figures] == ["Sets done", "Work time", "Bridge", "Plank", "Bird dog",
                                                 "Dead bug", "Pain", "Effort"]
    assert (got["Sets done"].now, got["Sets done"].before, got["Sets done"].change_words()) == (4, 2, "+2 sets")
    assert (got["Work time"].now, got["Work time"].before) == (2 * 26 + 30, 2 * 23 + 20)
    assert got["Work time"].change_words() == "+0:16"
    assert got["Bridge"].change_words() == "+2 reps" and got["Bridge"].shown(20) == "20 reps"
    assert got["Plank"].change_words() == "+10 s" and got["Plank"].shown(30) == "30 s"
    assert got["Bird dog"].before is None and got["Bird dog"].change_words() == "-"  # new this time
    assert got["Dead bug"].now is None and got["Dead bug"].shown(None) == "-"  # left out this time
    assert got["Pain"].change_words() == "-2" and got["Effort"].change_words() == "-"


def test_unrated_runs_leave_pain_and_effort_out_and_same_says_same():
    sets = [a_set("Bridge", "reps", 10)]
    result = compare_runs(record("n", "2024-05-03T07:00:00+02:00", sets),
                          record("b", "2024-05-01T07:00:00+02:00", sets))
    assert [f.label for f in result.figures] == ["Sets done", "Work time", "Bridge"]
    assert all(f.change_words() == "same" for f in result.figures)


def test_the_first_run_says_there_is_no_earlier_one(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    store.merge([doc("only", "2024-05-01T07:00:00+02:00", [a_set("Bridge", "reps", 10)])])
    only = store.get("only")
    assert only is not None
    result = compare_with_previous(store, only)
    assert result.previous is None and result.figures == ()
    assert result.heading() == "The first run of this routine: there is no earlier one to compare with."


def test_a_previous_run_with_damaged_sets_is_named_not_taken_for_a_first_run(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"sessions": {
        "1": doc("bad", "2024-05-01T07:00:00+02:00", [{"exercise": "Bridge", "kind": "reps"}]),
        "2": doc("now", "2024-05-03T07:00:00+02:00", [])}}))
    store = HistoryStore(path)
    now = store.get("now")
    assert now is not None
    result = compare_with_previous(store, now)
    assert result.previous is None and "(2024-05-01 07:00) could not be read" in result.heading()


def test_figure_words_for_time_going_down():
    assert Figure("Work time", 60, 100, "time").change_words() == "-0:40"
