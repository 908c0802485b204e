"""The coaching rules, one named case each (docs/COACHING.md); the oracle test covers the rest."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from hamcoach.coaching.progression import (
    CheckIn,
    Position,
    Progression,
    coach_state,
    event_line,
    stepped,
    with_level,
)
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.routines.identity import LadderSpec, exercise_key, ladder_key

BRIDGE = LadderSpec("Bridge", ("Hip bridge", "Marching bridge", "Single-leg bridge"))
D0 = date(2026, 3, 2)
CET = timezone(timedelta(hours=1))


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def session(n: int, work: dict[str, int] | None = None, pain: int | None = 1, effort: int | None = 6,
            status: str = "completed", short: str | None = None, hour: int = 8, sid: str | None = None,
            tz: timezone = CET) -> SessionRecord:
    """A session on day ``n``: each exercise 2 sets of its target (all achieved unless named in ``short``)."""
    work = {"Hip bridge": 10} if work is None else work
    ended = datetime.combine(day(n), datetime.min.time(), tz) + timedelta(hours=hour)
    sets = [SetRecord(exercise_index=i, exercise=name, set=k, sets=2, kind="reps", target=target,
                      achieved=target - (3 if name == short else 0))
            for i, (name, target) in enumerate(work.items()) for k in (1, 2)]
    return SessionRecord(id=sid or f"s{n:02d}-{hour:02d}", routine_id="floor-basics", routine_name="Floor basics",
                         started_at=(ended - timedelta(minutes=20)).isoformat(), ended_at=ended.isoformat(),
                         status=status, pain=pain, effort=effort, sets=sets)  # type: ignore[arg-type]


def where(sessions, checkins=(), as_of=None, key="hip bridge", ladders=()):
    state = coach_state(sessions, checkins, ladders, as_of).get(key)
    return None if state is None else (state.rung, state.level)


def test_two_cleared_low_pain_sessions_step_up_and_the_next_step_needs_two_new_ones():
    history = [session(0), session(1)]
    assert where(history[:1]) == ("Hip bridge", 0)
    assert where(history) == ("Hip bridge", 1)
    assert where(history + [session(2)]) == ("Hip bridge", 1)  # the pair that stepped up is spent
    assert where(history + [session(2), session(3)]) == ("Hip bridge", 2)
    state = coach_state(history).get("hip bridge")
    assert state.last_change.why == "cleared twice with low pain" and state.last_change.day == day(1)


@pytest.mark.parametrize("breaker", [
    dict(pain=None), dict(pain=4), dict(effort=9), dict(short="Hip bridge"),
])
def test_one_session_that_is_not_clean_breaks_the_pair(breaker):
    assert where([session(0), session(1, **breaker), session(2)]) == ("Hip bridge", 0)
    assert where([session(0), session(1, **breaker), session(2), session(3)]) == ("Hip bridge", 1)


def test_no_effort_rating_is_fine_but_no_pain_rating_is_not():
    assert where([session(0, effort=None), session(1, effort=None)]) == ("Hip bridge", 1)
    assert where([session(0, pain=None), session(1, pain=None)]) == ("Hip bridge", 0)


def test_pain_4_or_5_holds_and_6_steps_down():
    up = [session(0), session(1)]
    assert where(up + [session(2, pain=5)]) == ("Hip bridge", 1)
    assert where(up + [session(2, pain=6)]) == ("Hip bridge", 0)
    assert where([session(0, pain=9)]) == ("Hip bridge", 0)  # the bottom: it stays


def test_a_worse_check_in_steps_down_the_session_one_or_two_days_before_once():
    up = [session(0), session(1), session(2), session(3)]  # level 2, the last on day 3
    assert where(up, [CheckIn(day(4), "worse")]) == ("Hip bridge", 1)
    assert where(up, [CheckIn(day(5), "worse")]) == ("Hip bridge", 1)
    assert where(up, [CheckIn(day(6), "worse")]) == ("Hip bridge", 2)  # three days on: kept, changes nothing
    assert where(up, [CheckIn(day(4), "worse"), CheckIn(day(5), "worse")]) == ("Hip bridge", 1)  # once
    assert where(up, [CheckIn(day(4), "same"), CheckIn(day(4), "worse")]) == ("Hip bridge", 1)  # later answer wins
    assert where(up, [CheckIn(day(4), "worse"), CheckIn(day(4), "better")]) == ("Hip bridge", 2)


def test_pain_and_a_worse_morning_after_are_two_steps():
    up = [session(n) for n in range(4)]  # level 2
    assert where(up + [session(4, pain=7)], [CheckIn(day(5), "worse")]) == ("Hip bridge", 0)


def test_a_worse_check_in_between_the_two_blocks_the_step():
    assert where([session(0), session(3)], [CheckIn(day(2), "worse")]) == ("Hip bridge", 0)
    assert where([session(0), session(3)], [CheckIn(day(2), "same")]) == ("Hip bridge", 1)


def test_a_check_in_goes_before_the_sessions_of_its_date():
    # A worse check-in on day 1 is about day 0's session, even if day 1's session ended at 00:05.
    history = [session(0), session(1, hour=0)]
    assert where(history, [CheckIn(day(1), "worse")]) == ("Hip bridge", 0)
    line = event_line(history, [CheckIn(day(1), "worse")], None)
    assert [e.checkin is not None for e in line] == [False, True, False]


def test_sessions_are_ordered_by_when_they_ended_not_by_their_dates():
    # Day 1 at 00:30 in UTC-8 ended after day 1 at 09:00 in UTC+9, and comes after it.
    late = session(1, hour=0, tz=timezone(timedelta(hours=-8)), sid="b", pain=7)
    early = session(1, hour=9, tz=timezone(timedelta(hours=9)), sid="a")
    line = event_line([late, early], [], None)
    assert [e.session.id for e in line] == ["a", "b"]


def test_in_progress_sessions_and_sets_with_nothing_done_do_not_count():
    assert where([session(0), session(1, status="in_progress")]) == ("Hip bridge", 0)
    assert where([session(0), session(1, status="partial")]) == ("Hip bridge", 1)
    nothing = session(1, short="Hip bridge", work={"Hip bridge": 3})  # achieved 0: not contained
    assert where([session(0), nothing, session(2)]) == ("Hip bridge", 1)


def test_exercise_names_are_one_exercise_whatever_the_case_and_spaces():
    state = coach_state([session(0, {" HIP Bridge ": 10}), session(1, {"hip bridge": 10})])
    assert list(state.exercises) == ["hip bridge"]
    assert state.get("hip bridge").name == "HIP Bridge" and state.get("hip bridge").level == 1


def test_a_ladder_climbs_onto_the_next_rung_after_level_3_and_comes_back_down():
    history = [session(n) for n in range(8)]  # four pairs: level 3, then the next rung
    key = ladder_key("Bridge")
    assert where(history[:6], key=key, ladders=[BRIDGE]) == ("Hip bridge", 3)
    assert where(history, key=key, ladders=[BRIDGE]) == ("Marching bridge", 0)
    # The next session runs the marching bridge; pain 6 sends it back to the hip bridge at level 3.
    assert where(history + [session(8, {"Marching bridge": 10}, pain=6)], key=key, ladders=[BRIDGE]) \
        == ("Hip bridge", 3)


def test_a_ladder_starts_on_the_rung_first_run_and_a_swap_does_not_clear():
    key = ladder_key("Bridge")
    marching = [session(0, {"Marching bridge": 10}), session(1, {"marching bridge": 10})]
    assert where(marching, key=key, ladders=[BRIDGE]) == ("Marching bridge", 1)
    swapped = [session(0, {"Marching bridge": 10}), session(1, {"Hip bridge": 10})]
    assert where(swapped, key=key, ladders=[BRIDGE]) == ("Marching bridge", 0)
    state = coach_state(swapped, ladders=[BRIDGE])
    assert state.get(key).name == "Bridge" and "hip bridge" not in state.exercises


def test_the_ends_of_a_ladder_hold():
    top = Position("Single-leg bridge", 3)
    assert stepped(top, BRIDGE.rungs, up=True) is None
    assert stepped(Position("Hip bridge", 0), BRIDGE.rungs, up=False) is None
    assert stepped(Position("Plank", 3), None, up=True) is None
    assert stepped(Position("Marching bridge", 0), BRIDGE.rungs, up=False) == Position("Hip bridge", 3)


def test_as_of_counts_only_what_was_dated_up_to_that_day():
    history = [session(0), session(1), session(2, pain=8)]
    assert where(history, as_of=day(1)) == ("Hip bridge", 1)
    assert where(history, as_of=day(2)) == ("Hip bridge", 0)
    assert where(history, [CheckIn(day(2), "worse")], as_of=day(1)) == ("Hip bridge", 1)
    assert coach_state(history, as_of=day(-1)).exercises == {}


def test_two_flare_ups_within_a_week_raise_a_caution_that_lapses_after_four_weeks():
    flares = [session(0, pain=6), session(7, pain=7)]  # exactly 7 x 24 h apart
    state = coach_state(flares, as_of=day(7))
    assert [c.kind for c in state.cautions] == ["pain"]
    assert "hold off progressing" in state.cautions[0].text and "clinician" in state.cautions[0].text
    assert coach_state([session(0, pain=6), session(7, pain=7, hour=9)], as_of=day(7)).cautions == []
    assert coach_state(flares, as_of=day(7 + 27)).cautions != []
    assert coach_state(flares, as_of=day(7 + 28)).cautions == []
    assert coach_state(flares, as_of=day(6)).cautions == []


def test_two_worse_check_ins_in_a_row_raise_a_caution():
    checkins = [CheckIn(day(1), "worse"), CheckIn(day(9), "worse")]
    assert [c.kind for c in coach_state([], checkins, as_of=day(9)).cautions] == ["worse"]
    between = checkins + [CheckIn(day(5), "better")]
    assert coach_state([], between, as_of=day(9)).cautions == []


def test_a_session_can_be_tried_out_without_changing_the_coach():
    progression = Progression([BRIDGE])
    for record in (session(0), session(1), session(2)):
        progression.apply_session(record)
    trial = progression.copy()
    outcome = trial.apply_session(session(3))[0]
    assert (outcome.before, outcome.after) == (Position("Hip bridge", 1), Position("Hip bridge", 2))
    assert progression.exercises[ladder_key("Bridge")].level == 1
    assert progression.apply_session(session(3, pain=None))[0].changes == ()


def test_levels_add_two_reps_or_five_seconds_within_the_limits():
    assert [with_level("reps", 10, n) for n in range(4)] == [10, 12, 14, 16]
    assert [with_level("hold", 30, n) for n in range(4)] == [30, 35, 40, 45]
    assert with_level("reps", 99, 3) == 100 and with_level("hold", 899, 3) == 900


def test_identity_keys():
    assert exercise_key("  Hip BRIDGE\t") == "hip bridge"
    assert ladder_key("Bridge") != exercise_key("ladder:bridge") and ladder_key("Bridge").startswith(" ")
