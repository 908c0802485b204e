"""Streaks, the weekly target, the calendar and progress; and the store's light reads they use.

The streak rules are checked two ways: named cases for each calendar edge the issue
lists, and hypothesis histories against a brute-force oracle that walks day by day
through the rules as the issue words them.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.history import stats
from hamcoach.history.models import SessionRecord
from hamcoach.history.stats import (
    Streak,
    calendar,
    compute_streak,
    counted_rest_days,
    exercise_progress,
    heat_level,
    progress_for,
    recent_sessions,
    streak_for,
    training_days,
)
from hamcoach.history.store import HistoryStore, SessionSummary, session_day

D = date.fromisoformat
ONE = timedelta(days=1)


def session(started: str, status: str = "completed", sid: str | None = None, sets: list | None = None,
            duration: int | None = 900, **extra) -> dict:
    """A session document started at ``started`` (ISO, with its offset)."""
    return {"id": sid or f"s-{started}-{status}", "routine_id": "r", "routine_name": "Routine",
            "started_at": started, "ended_at": started, "status": status, "duration_seconds": duration,
            "sets": sets or [], **extra}


def summaries(*docs: dict) -> list[SessionSummary]:
    """Summaries as the store makes them (newest first is not needed by the stats)."""
    return [SessionSummary(d["id"], d["routine_id"], d["routine_name"], d["started_at"], d["ended_at"],
                           session_day(d["started_at"]), d["status"], d.get("duration_seconds"),
                           d.get("pain"), d.get("effort")) for d in docs]


def streak(docs: list[dict], as_of: str, rest: tuple[str, ...] = (), target: int = 3) -> Streak:
    return compute_streak(training_days(summaries(*docs)), [D(r) for r in rest], D(as_of), target)


def at(day: str, time: str = "08:00", offset: str = "+02:00") -> str:
    return f"{day}T{time}:00{offset}"


# --- the oracle ----------------------------------------------------------------------


def oracle(docs: list[dict], rest: list[date], as_of: date, target: int) -> dict:
    """The streak rules, as the issue words them, one day at a time. Slow and obvious."""
    # The date written in started_at is the date in the offset it was recorded with.
    day_of = lambda d: date.fromisoformat(d["started_at"][:10])  # noqa: E731
    training = {day_of(d) for d in docs if d["status"] == "completed" and day_of(d) <= as_of}
    counted: set[date] = set()
    for r in sorted(set(rest)):
        if r <= as_of and sum(1 for c in counted if r - 6 * ONE <= c <= r - ONE) < 2:
            counted.add(r)
    in_run = lambda d: d in training or d in counted  # noqa: E731

    def trained_in_run_ending(end: date) -> int:
        n, d = 0, end
        while in_run(d):
            n += d in training
            d -= ONE
        return n

    if in_run(as_of):
        current = trained_in_run_ending(as_of)
    elif in_run(as_of - ONE):
        current = trained_in_run_ending(as_of - ONE)
    else:
        current = 0
    first = min(training | counted, default=as_of)
    longest = max((trained_in_run_ending(first + n * ONE) for n in range((as_of - first).days + 1)), default=0)

    def days_in_week(monday: date) -> int:
        return sum(1 for n in range(7) if monday + n * ONE <= as_of and monday + n * ONE in training)

    monday = as_of - as_of.weekday() * ONE
    week = monday if days_in_week(monday) >= target else monday - 7 * ONE
    week_streak = 0
    while days_in_week(week) >= target:
        week_streak += 1
        week -= 7 * ONE
    return {"as_of": as_of.isoformat(), "current": current, "longest": longest, "week_target": target,
            "week_streak": week_streak, "days_this_week": days_in_week(monday)}


BASE = date(2024, 3, 1)
OFFSETS = ["-10:00", "-07:00", "-05:00", "+00:00", "+01:00", "+02:00", "+05:30", "+09:00", "+14:00"]

session_strategy = st.builds(
    lambda day, hour, minute, offset, status: session(
        f"{BASE + day * ONE}T{hour:02d}:{minute:02d}:00{offset}", status),
    st.integers(0, 70), st.integers(0, 23), st.sampled_from([0, 30, 59]), st.sampled_from(OFFSETS),
    st.sampled_from(["completed", "completed", "completed", "partial", "in_progress"]),
)


@settings(max_examples=500, deadline=None)
@given(docs=st.lists(session_strategy, max_size=60),
       rest=st.lists(st.integers(0, 75).map(lambda n: BASE + n * ONE), max_size=20),
       as_of=st.integers(-2, 78).map(lambda n: BASE + n * ONE),
       target=st.integers(1, 7))
def test_streak_matches_the_oracle(docs, rest, as_of, target):
    result = compute_streak(training_days(summaries(*docs)), rest, as_of, target)
    assert result.as_dict() == oracle(docs, rest, as_of, target)


@settings(max_examples=500, deadline=None)
@given(plan=st.lists(st.sampled_from(["train", "train", "rest", "rest", "none", "both", "partial"]),
                     min_size=28, max_size=28),
       as_of=st.integers(0, 29), target=st.integers(1, 4))
def test_dense_histories_match_the_oracle(plan, as_of, target):
    """Four weeks where most days are trained or resting: where the rest-day rule and the runs interact."""
    docs = [session(at(str(BASE + n * ONE)), "partial" if what == "partial" else "completed")
            for n, what in enumerate(plan) if what in ("train", "both", "partial")]
    rest_days = [BASE + n * ONE for n, what in enumerate(plan) if what in ("rest", "both")]
    as_of_day = BASE + as_of * ONE
    result = compute_streak(training_days(summaries(*docs)), rest_days, as_of_day, target)
    assert result.as_dict() == oracle(docs, rest_days, as_of_day, target)


@settings(max_examples=150, deadline=None)
@given(rest=st.lists(st.integers(0, 60).map(lambda n: BASE + n * ONE), max_size=30))
def test_never_more_than_two_counted_rest_days_in_seven(rest):
    counted = sorted(counted_rest_days(rest))
    assert set(counted) <= set(rest)
    for day in counted:
        assert sum(1 for c in counted if day - 6 * ONE <= c <= day) <= 2
    # and a rest day is ignored only when two counted ones are in the 6 days before it
    for day in set(rest) - set(counted):
        assert sum(1 for c in counted if day - 6 * ONE <= c < day) == 2


# --- named cases ---------------------------------------------------------------------


def test_a_one_day_gap_breaks_the_run():
    docs = [session(at(d)) for d in ("2024-05-06", "2024-05-07", "2024-05-09", "2024-05-10")]
    result = streak(docs, "2024-05-10")
    assert (result.current, result.longest) == (2, 2)
    assert streak(docs, "2024-05-07").current == 2
    assert streak(docs, "2024-05-08").current == 2  # the gap day itself is not over yet
    assert streak(docs, "2024-05-09").current == 1


def test_today_not_yet_trained_keeps_yesterdays_streak():
    docs = [session(at(d)) for d in ("2024-05-03", "2024-05-04", "2024-05-05")]
    assert streak(docs, "2024-05-05").current == 3
    assert streak(docs, "2024-05-06").current == 3  # today is not lost until it is over
    assert streak(docs, "2024-05-07").current == 0  # yesterday was missed
    assert streak(docs, "2024-05-07").longest == 3


def test_a_later_session_is_ignored_as_of_an_earlier_day():
    docs = [session(at(d)) for d in ("2024-05-03", "2024-05-04", "2024-05-10")]
    result = streak(docs, "2024-05-04")
    assert (result.current, result.longest, result.days_this_week) == (2, 2, 2)


def test_a_session_that_crosses_midnight_counts_for_the_day_it_started():
    docs = [session(at("2024-05-04")),
            {**session("2024-05-05T23:50:00+02:00"), "ended_at": "2024-05-06T00:20:00+02:00"}]
    assert streak(docs, "2024-05-05").current == 2
    assert streak(docs, "2024-05-06").current == 2  # May 6 has no session of its own yet
    assert streak(docs, "2024-05-07").current == 0


def test_daylight_saving_changes_do_not_move_days():
    # Europe, 31 March 2024: 02:00+01:00 became 03:00+02:00. The night before, late.
    spring = [session("2024-03-30T23:30:00+01:00"), session("2024-03-31T03:30:00+02:00"),
              session("2024-04-01T00:10:00+02:00")]
    assert streak(spring, "2024-04-01").current == 3
    # 27 October 2024: 03:00+02:00 became 02:00+01:00; the hour 02:00-03:00 happens twice.
    autumn = [session("2024-10-26T21:00:00+02:00"), session("2024-10-27T02:30:00+02:00"),
              session("2024-10-27T02:10:00+01:00", sid="second-0210"), session("2024-10-28T07:00:00+01:00")]
    result = streak(autumn, "2024-10-28")
    assert (result.current, result.longest) == (3, 3)  # the twice-lived hour is one day


def test_sessions_recorded_in_two_offsets_count_by_their_own_dates():
    # Flying west: this session is on May 1 where it was done, although it began
    # after the next one in UTC (May 2 06:30Z versus May 1 23:00Z).
    docs = [session("2024-05-01T23:30:00-07:00"), session("2024-05-02T08:00:00+09:00"),
            session("2024-05-03T00:30:00+02:00")]
    assert [s.day for s in summaries(*docs)] == [D("2024-05-01"), D("2024-05-02"), D("2024-05-03")]
    assert streak(docs, "2024-05-03").current == 3
    # Travelling later (today in yet another offset) does not move them.
    assert streak(docs, "2024-05-04").current == 3


def test_partial_sessions_are_listed_but_do_not_count():
    docs = [session(at("2024-05-04")), session(at("2024-05-05"), "partial"), session(at("2024-05-06"))]
    result = streak(docs, "2024-05-06")
    assert (result.current, result.longest) == (1, 1)
    assert streak(docs + [session(at("2024-05-05", "19:00"))], "2024-05-06").current == 3


def test_rest_days_at_the_edges_of_a_run_are_bridged_not_counted():
    docs = [session(at("2024-05-07")), session(at("2024-05-08"))]
    rest = ("2024-05-06", "2024-05-09")  # the day before the run and the day after
    assert streak(docs, "2024-05-09", rest).current == 2  # ends on a rest day: kept, not extended
    assert streak(docs, "2024-05-10", rest).current == 2  # today (not trained) is not over yet
    assert streak(docs, "2024-05-11", rest).current == 0
    assert streak(docs, "2024-05-09", rest).longest == 2
    assert streak([], "2024-05-06", ("2024-05-06",)).current == 0  # a rest day alone is no streak
    # A rest day bridges a gap in the middle; the run counts training days only.
    middle = [session(at("2024-05-06")), session(at("2024-05-08"))]
    assert streak(middle, "2024-05-08", ("2024-05-07",)).current == 2
    assert streak(middle, "2024-05-08").current == 1


def test_three_rest_days_in_one_week_the_third_is_ignored():
    docs = [session(at("2024-05-06")), session(at("2024-05-10"))]  # Monday and Friday
    rest = ("2024-05-07", "2024-05-08", "2024-05-09")
    assert counted_rest_days(map(D, rest)) == {D("2024-05-07"), D("2024-05-08")}
    result = streak(docs, "2024-05-10", rest)
    assert (result.current, result.longest) == (1, 1)  # Thursday breaks the run
    # Two rest days are fine, and a third a week after the first counts again.
    assert streak(docs, "2024-05-10", ("2024-05-08", "2024-05-09")).current == 1
    assert streak([session(at("2024-05-07"))] + docs, "2024-05-10", ("2024-05-08", "2024-05-09")).current == 3
    assert counted_rest_days(map(D, ("2024-05-01", "2024-05-02", "2024-05-08", "2024-05-09"))) == {
        D("2024-05-01"), D("2024-05-02"), D("2024-05-08"), D("2024-05-09")}
    # Rest days are taken in date order, not in the order they were marked.
    assert counted_rest_days(map(D, ("2024-05-09", "2024-05-07", "2024-05-08"))) == {
        D("2024-05-07"), D("2024-05-08")}


def test_week_boundaries_between_sunday_and_monday():
    # Friday 3, Saturday 4 and Sunday 5 May (late at night), then Monday 6 May.
    docs = [session(at("2024-05-03")), session(at("2024-05-04")), session(at("2024-05-05", "23:55")),
            session(at("2024-05-06", "00:05"))]
    sunday = streak(docs, "2024-05-05")
    assert (sunday.days_this_week, sunday.week_streak) == (3, 1)
    monday = streak(docs, "2024-05-06")
    assert (monday.days_this_week, monday.week_streak) == (1, 1)  # this week not met yet: the last one counts
    assert monday.current == 4
    # Weeks in a row that met the target, back to one that missed it.
    met = [session(at(d)) for d in ("2024-04-22", "2024-04-23", "2024-04-28")]  # 22-28 April: 3 days
    missed = [session(at(d)) for d in ("2024-04-15", "2024-04-21")]  # 15-21 April: 2 days
    long_ago = [session(at(d)) for d in ("2024-04-08", "2024-04-09", "2024-04-10")]  # met, but before the gap
    history = long_ago + missed + met + docs
    assert streak(history, "2024-05-06").week_streak == 2
    assert streak(history, "2024-05-05").week_streak == 2
    assert streak(history, "2024-04-28").week_streak == 1
    assert streak(history, "2024-04-27").week_streak == 0  # 22-27 April has 2 so far, and 15-21 missed


def test_a_weekly_target_other_than_three():
    docs = [session(at(d)) for d in ("2024-04-29", "2024-05-01", "2024-05-06", "2024-05-07")]
    assert streak(docs, "2024-05-07", target=2).week_streak == 2  # both weeks have 2
    assert streak(docs, "2024-05-07", target=3).week_streak == 0
    assert streak(docs, "2024-05-06", target=1).week_streak == 2
    assert streak(docs, "2024-05-07", target=5).as_dict()["week_target"] == 5
    every_day = [session(at(str(D("2024-04-29") + n * ONE))) for n in range(14)]
    assert streak(every_day, "2024-05-12", target=7).week_streak == 2
    assert streak(every_day, "2024-05-11", target=7).week_streak == 1  # this week is one short so far
    with pytest.raises(ValueError):
        streak(docs, "2024-05-07", target=0)
    with pytest.raises(ValueError):
        streak(docs, "2024-05-07", target=8)


def test_an_empty_history():
    assert streak([], "2024-05-06").as_dict() == {
        "as_of": "2024-05-06", "current": 0, "longest": 0, "week_target": 3, "week_streak": 0,
        "days_this_week": 0}


# --- the store's light reads ---------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    return HistoryStore(tmp_path / "history.json")


def test_summaries_match_the_validated_sessions(store):
    docs = [session(at(f"2024-05-0{n}"), sid=f"id{n}", pain=n, effort=n + 1,
                    routine_name='Name "quoted" \\ [bold]x[/]') for n in range(1, 6)]
    docs.append(session("2024-05-06T23:50:00-07:00", "partial", sid="late", duration=None))
    store.add_many(docs)
    records = list(store.sessions())
    got = store.summaries()
    assert [s.id for s in got] == [r.id for r in records]
    for summary, record in zip(got, records, strict=False):
        assert (summary.routine_name, summary.started_at, summary.status, summary.duration_seconds,
                summary.pain, summary.effort) == (record.routine_name, record.started_at, record.status,
                                                  record.duration_seconds, record.pain, record.effort)
        assert summary.day == date.fromisoformat(record.started_at[:10])
    assert store.summaries() == got and store.summaries() is not store.summaries()  # a fresh list


def test_summaries_of_a_file_in_another_layout_and_of_damaged_documents(tmp_path):
    path = tmp_path / "history.json"
    good = session("2024-05-01T07:00:00Z", sid="good")
    path.write_text(json.dumps({"sessions": {
        "1": {**good, "extra": 1, "sets": []},  # keys in another order, an unknown key
        "2": session(at("2024-05-02"), "exploded", sid="bad-status"),
        "3": session("yesterday", sid="undated"),
        "4": session(at("2024-05-03"), sid="bad-pain", pain=11),
        "5": {**session(at("2024-05-04"), sid="bad-sets"), "sets": [{"kind": "nope"}]},
    }}, indent=1))
    store = HistoryStore(path)
    assert [s.id for s in store.summaries()] == ["bad-sets", "good"]  # sets are not looked at
    assert store.summaries()[1].day == D("2024-05-01")
    assert len([w for w in store.warnings if "Skipped session" in w]) == 3


def test_rest_days_are_stored_atomically_and_survive_other_writes(store, tmp_path):
    assert store.rest_days() == set()
    assert store.add_rest_day(D("2024-05-06")) is True
    assert store.add_rest_day(D("2024-05-06")) is False
    assert store.add_rest_day(D("2024-05-04")) is True
    store.save_session(session(at("2024-05-05")))  # a session write keeps the rest days
    again = HistoryStore(store.path)
    assert again.rest_days() == {D("2024-05-04"), D("2024-05-06")}
    data = json.loads(store.path.read_bytes())
    assert sorted(d["date"] for d in data["rest_days"].values()) == ["2024-05-04", "2024-05-06"]
    assert again.remove_rest_day(D("2024-05-06")) is True
    assert again.remove_rest_day(D("2024-05-06")) is False
    assert store.rest_days() == {D("2024-05-04")}  # the first instance sees the other's write
    assert len(store.sessions()) == 1
    with pytest.raises(TypeError):
        store.add_rest_day("2024-05-06")  # type: ignore[arg-type]


def test_a_damaged_rest_day_is_skipped_with_a_warning(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"rest_days": {"1": {"date": "2024-05-06"}, "2": {"date": "6 May"},
                                              "3": {"date": "2024-02-30"}}}))
    store = HistoryStore(path)
    assert store.rest_days() == {D("2024-05-06")}
    assert len(store.warnings) == 2 and all("rest day" in w for w in store.warnings)


def test_merge_is_one_write_and_all_or_nothing(store):
    store.merge([session(at("2024-05-01"), sid="a")], [D("2024-05-02")])
    inode = store.path.stat().st_ino
    assert store.merge([session(at("2024-05-01"), sid="a")], [D("2024-05-02")]) == (0, 0)
    assert store.path.stat().st_ino == inode  # nothing new, no write
    assert store.merge([session(at("2024-05-03"), sid="b")], [D("2024-05-02"), D("2024-05-04")]) == (1, 1)
    with pytest.raises(Exception):
        store.merge([session(at("2024-05-05"), sid="c"), session(at("2024-05-05"), "bogus", sid="d")],
                    [D("2024-05-06")])
    assert store.session_ids() == {"a", "b"} and store.rest_days() == {D("2024-05-02"), D("2024-05-04")}


def test_streak_for_a_store_uses_completed_sessions_and_rest_days(store):
    store.merge([session(at("2024-05-03")), session(at("2024-05-04"), "partial"),
                 session(at("2024-05-05")), session(at("2024-05-06"))], [D("2024-05-04")])
    result = streak_for(store, D("2024-05-06"), week_target=2)
    assert (result.current, result.longest, result.week_streak, result.days_this_week) == (3, 3, 1, 1)


# --- the calendar and progress -------------------------------------------------------


def test_heat_levels_by_minutes():
    assert [heat_level(s) for s in (0, 1, 599, 600, 1199, 1200, 2399, 2400, 9999)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_calendar_covers_a_year_of_weeks_ending_with_today():
    docs = [session(at("2024-05-06"), duration=1300), session(at("2024-05-06", "19:00"), "partial", duration=1200),
            session(at("2024-05-05"), duration=0), session(at("2023-05-01")), session(at("2024-05-07"))]
    # The shade is work time (work_seconds, by session id), not the sessions' durations.
    work = {docs[0]["id"]: 1300, docs[1]["id"]: 1200, docs[3]["id"]: 5000, docs[4]["id"]: 5000}
    cal = calendar(summaries(*docs), [D("2024-05-04"), D("2024-05-08")], D("2024-05-06"), work_of=work)
    assert cal.first == D("2023-05-08") and cal.first.weekday() == 0 and cal.weeks == 53
    columns = cal.columns()
    assert len(columns) == 53 and all(len(c) == 7 for c in columns)
    assert columns[-1][0] == D("2024-05-06") and columns[-1][1:] == [None] * 6  # after today: blank
    assert cal.level(D("2024-05-06")) == 4  # 2,500 s of work, partial included
    assert cal.level(D("2024-05-05")) == 1  # a completed session always shows
    assert D("2023-05-01") not in cal.work and D("2024-05-07") not in cal.work
    assert cal.rest == {D("2024-05-04")} and cal.counted_rest == {D("2024-05-04")}
    assert cal.training == {D("2024-05-05"), D("2024-05-06")}


def _set(name: str, kind: str, achieved: int, target: int = 10) -> dict:
    return {"exercise_index": 0, "exercise": name, "set": 1, "sets": 1, "kind": kind, "target": target,
            "achieved": achieved}


def test_progress_per_exercise_in_7_day_blocks_ending_today():
    as_of = D("2024-05-06")
    docs = [
        session(at("2024-05-06"), sets=[_set("Bridge", "reps", 10), _set("Plank", "hold", 30)]),
        session(at("2024-04-30"), "partial", sets=[_set("Bridge", "reps", 8)]),  # block 11 too (6 days ago)
        session(at("2024-04-29"), sets=[_set("Bridge", "reps", 5)]),  # 7 days ago: block 10
        session(at("2024-02-13"), sets=[_set("Bridge", "reps", 99)]),  # 83 days ago: block 0
        session(at("2024-02-12"), sets=[_set("Bridge", "reps", 1000)]),  # 84 days ago: outside
        session(at("2024-05-07"), sets=[_set("Bridge", "reps", 1000)]),  # after today: outside
    ]
    records = [SessionRecord.model_validate(d) for d in docs]
    got = {p.exercise: p for p in exercise_progress(records, as_of)}
    assert list(got) == ["Bridge", "Plank"]
    bridge = got["Bridge"].weekly
    assert len(bridge) == 12 and bridge[11] == 18 and bridge[10] == 5 and bridge[0] == 99 and sum(bridge) == 122
    assert got["Plank"].weekly[11] == 30 and got["Plank"].unit == "s" and got["Bridge"].unit == "reps"


def test_progress_reads_only_the_last_weeks_of_a_store(store):
    docs = [session(f"{D('2024-05-06') - n * ONE}T08:00:00+02:00", sid=f"d{n}", sets=[_set("Bridge", "reps", 10)])
            for n in range(300)]
    store.add_many(docs)
    recent = recent_sessions(store, D("2024-02-13"))
    assert len(recent) == 84 and all(session_day(r.started_at) >= D("2024-02-13") for r in recent)
    listing = store.sessions()
    assert listing._next < 100  # type: ignore[attr-defined]  # the older ones were never validated
    assert progress_for(store, D("2024-05-06"))[0].weekly == (70,) * 12


def test_overview_for_the_history_screen(store):
    store.merge([session(at("2024-05-05"), sets=[_set("Bridge", "reps", 10)])], [D("2024-05-04")])
    view = stats.overview(store, D("2024-05-06"), week_target=2)
    assert view.streak.current == 1 and view.streak.week_target == 2
    # 10 reps are 20 s of work (the session's 900 s duration is not what is shaded): level 1.
    assert view.calendar.work[D("2024-05-05")] == 20 and view.calendar.level(D("2024-05-05")) == 1
    assert D("2024-05-04") in view.calendar.rest
    assert [p.exercise for p in view.progress] == ["Bridge"]
    assert {s.id for s in view.summaries} == store.session_ids() and len(view.summaries) == 1


def test_stats_do_not_import_textual():
    import subprocess
    import sys

    code = "import sys, hamcoach.history.stats, hamcoach.history.transfer; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_time_zones_in_the_strategy_are_valid():
    # The property test relies on every generated start being a real time.
    for offset in OFFSETS:
        assert datetime.fromisoformat(f"2024-03-01T00:00:00{offset}").tzinfo is not None


def test_a_day_described_short_says_the_same_facts_in_fewer_columns():
    as_of = date(2024, 5, 8)
    cal = stats.Calendar(as_of, date(2023, 12, 4), 23, {as_of: 25 * 60, date(2023, 12, 5): 30},
                         frozenset(), frozenset({date(2024, 5, 1), date(2024, 5, 2)}), frozenset({date(2024, 5, 1)}),
                         {as_of: 2, date(2023, 12, 5): 1})
    assert cal.describe(as_of) == "Wed 08 May 2024 (today) · 2 sessions · 25 min of work"
    assert cal.describe(as_of, short=True) == "Today · 2 sessions · 25 min"
    assert cal.describe(date(2024, 5, 1), short=True) == "Wed 01 May · no session · rest"
    assert cal.describe(date(2024, 5, 2)) == \
        "Thu 02 May 2024 · no session · rest day (does not count: too many that week)"
    assert cal.describe(date(2024, 5, 2), short=True) == "Thu 02 May · no session · rest (not counted)"
    assert cal.describe(date(2023, 12, 5), short=True) == "Tue 05 Dec 23 · 1 session · under a minute"
