"""The coach's glue: the next-morning check's timing, the prescription, and the words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from hamcoach.coaching.coach import (
    SAFETY_LINE,
    change_words,
    morning_check_due,
    session_outlook,
)
from hamcoach.coaching.prescription import prescribe
from hamcoach.coaching.progression import Change, CheckIn, Position, Progression, coach_state
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.routines.identity import ladder_key
from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import Exercise, Routine

TZ = timezone(timedelta(hours=2))
NOW = datetime(2024, 5, 6, 7, 30, tzinfo=TZ)


@dataclass(frozen=True)
class Summary:
    id: str
    ended_at: str
    pain: int | None = 2
    status: str = "completed"
    routine_name: str = "Floor basics"


def ended(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).isoformat()


@pytest.mark.parametrize(("hours", "asked"), [(8, True), (12, True), (36, True), (7.99, False), (36.01, False)])
def test_the_morning_check_is_asked_8_to_36_hours_after_a_rated_session(hours, asked):
    due = morning_check_due([Summary("a", ended(hours))], {}, NOW, asked="")
    assert (due is not None) == asked


def test_the_morning_check_is_asked_once_about_the_latest_session_with_a_pain_rating():
    latest, older = Summary("b", ended(10)), Summary("a", ended(30))
    assert morning_check_due([older, latest], {}, NOW, asked="").session_id == "b"
    assert morning_check_due([older, latest], {}, NOW, asked="b") is None  # asked already (answered or not)
    assert morning_check_due([older, Summary("b", ended(10), pain=None)], {}, NOW, asked="") is None
    assert morning_check_due([older, latest], {NOW.date(): "same"}, NOW, asked="") is None  # checked in already
    unfinished = Summary("c", ended(9), status="in_progress")  # not counted: the one before it is asked about
    assert morning_check_due([older, unfinished], {}, NOW, "").session_id == "a"
    assert morning_check_due([], {}, NOW, asked="") is None
    question = morning_check_due([latest], {}, NOW, asked="").question(NOW)
    assert question.startswith("Compared with before your session yesterday (Floor basics, ended 21:30)")


@pytest.fixture(scope="module")
def library():
    return RoutineLibrary.load(custom_dir=None)  # the built-in routines and ladders only


def record(day: int, work: dict[str, int], pain: int | None = 1, effort: int | None = 5) -> SessionRecord:
    end = datetime(2026, 3, day, 8, tzinfo=TZ)
    return SessionRecord(id=f"s{day}", routine_id="floor-basics", routine_name="Floor basics",
                         started_at=(end - timedelta(minutes=10)).isoformat(), ended_at=end.isoformat(),
                         status="completed", pain=pain, effort=effort,
                         sets=[SetRecord(exercise_index=0, exercise=name, set=1, sets=1, kind="reps", target=n,
                                         achieved=n) for name, n in work.items()])


def test_prescribe_adds_levels_and_puts_in_the_current_rung(library):
    floor = library.get("floor-basics").routine
    history = [record(d, {"Hip bridge": 10 + 2 * ((d - 1) // 2), "Prone double thigh lift": 8}) for d in range(1, 9)]
    state = coach_state(history, [], library.ladders.specs())
    assert state.get(ladder_key("Bridge")).rung == "Marching bridge"
    plan = prescribe(floor, state, library.ladders)
    names = [p.exercise.name for p in plan.planned]
    assert names[:3] == ["Core set-up", "Marching bridge", "Held bridge"]
    bridge = plan.planned[1]
    assert bridge.new_rung and bridge.line() == "3 x 10 reps (new rung)"
    assert (bridge.exercise.sets, bridge.exercise.rest) == (floor.exercises[1].sets, floor.exercises[1].rest)
    assert bridge.exercise.cues == library.ladders.rung("Marching bridge").cues
    lift = plan.planned[4]
    assert lift.line() == "2 x 14 reps (+6)" and lift.level == 3
    assert plan.planned[0].line() == floor.exercises[0].prescription()  # never run: as written
    assert plan.routine.exercises[1].name == "Marching bridge" and plan.changed
    assert prescribe(floor, None, library.ladders).routine == floor


def test_holds_gain_five_seconds_a_level(library):
    hold = Routine(name="r", exercises=[Exercise(name="Plank", sets=2, hold=30)])
    history = [SessionRecord.model_validate({**record(d, {}).model_dump(), "sets": [
        {"exercise_index": 0, "exercise": "Plank", "set": 1, "sets": 1, "kind": "hold", "target": 30,
         "achieved": 30}]}) for d in (1, 2)]
    plan = prescribe(hold, coach_state(history), library.ladders)
    assert plan.planned[0].line() == "2 x 35 s hold (+5 s)"


def test_the_summary_outlook_for_each_rating(library):
    floor = library.get("floor-basics").routine
    before = Progression(library.ladders.specs())
    before.apply_session(record(1, {"Hip bridge": 10}))
    today = record(2, {"Hip bridge": 10})
    up = session_outlook(before, today, floor, library.ladders, pain=1, effort=5)
    assert up.lines == ("Hip bridge: cleared twice with low pain: up to 12 reps next time",)
    assert not up.rate_pain and not up.safety
    unrated = session_outlook(before, today, floor, library.ladders, pain=None, effort=5)
    assert unrated.lines == () and unrated.rate_pain
    flare = session_outlook(before, today, floor, library.ladders, pain=8, effort=5)
    assert flare.safety and flare.lines == ()  # at the bottom already: nothing to ease, but the safety line
    assert "Stop if it is sharp or getting worse" in SAFETY_LINE and "clinician" in SAFETY_LINE
    first = session_outlook(Progression(library.ladders.specs()), today, floor, library.ladders, pain=2, effort=5)
    assert first.lines == ("Hip bridge: cleared with low pain; clear it once more like this and it goes up to 12 reps",)


def test_the_outlook_at_the_top_promises_no_step_up(library):
    floor = library.get("floor-basics").routine
    before = Progression(library.ladders.specs())
    for day in range(1, 10):  # cleared with low pain, up to level 3 (the top: not on a ladder) and on
        before.apply_session(record(day, {"Prone double thigh lift": 8 + 2 * ((day - 1) // 2)}))
    outlook = session_outlook(before, record(10, {"Prone double thigh lift": 14}), floor, library.ladders,
                              pain=1, effort=5)
    assert outlook.lines == ("Prone double thigh lift: cleared with low pain; at the top of its steps, "
                             "it stays at 14 reps",)


def test_change_words():
    eased = Change("k", date(2026, 3, 3), Position("Hip bridge", 2), Position("Hip bridge", 1), "pain", "pain 7")
    assert change_words(eased, Exercise(name="Hip bridge", reps=12)) == "pain 7: easing off to 12 reps next time"
    rung = Change("k", date(2026, 3, 3), Position("Hip bridge", 3), Position("Marching bridge", 0), "step_up",
                  "cleared twice with low pain")
    assert change_words(rung, None) == "cleared twice with low pain: on to Marching bridge next time"


def test_a_worse_check_in_is_not_about_a_session_three_days_before():
    history = [record(1, {"Plank": 3}), record(2, {"Plank": 3})]
    assert coach_state(history, [CheckIn(date(2026, 3, 5), "worse")]).get("plank").level == 1
