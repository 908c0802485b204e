"""build_timeline and cue_schedule: a routine becomes exact phases and cue offsets."""

from __future__ import annotations

import pytest

from hamcoach import paths
from hamcoach.coaching.timeline import (
    Cue,
    CueKind,
    Phase,
    PhaseKind,
    build_timeline,
    cue_schedule,
    loudest,
)
from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import GET_READY_SECONDS, SWITCH_SIDES_SECONDS, Routine

GR, LIFT, RH, LOWER = PhaseKind.GET_READY, PhaseKind.LIFT, PhaseKind.REP_HOLD, PhaseKind.LOWER
HOLD, SWITCH, REST, DONE = PhaseKind.HOLD, PhaseKind.SWITCH_SIDES, PhaseKind.REST, PhaseKind.DONE


def routine(*exercises: dict) -> Routine:
    return Routine.model_validate({"name": "Test", "exercises": list(exercises)})


def rows(phases: list[Phase]) -> list[tuple]:
    """(kind, seconds, exercise, set, side, rep, ends_rep) per phase."""
    return [(p.kind, p.seconds, p.exercise_index, p.set_number, p.side, p.rep, p.ends_rep) for p in phases]


def builtin_routines() -> list:
    library = RoutineLibrary.load(paths.builtin_routines_dir(), paths.builtin_routines_dir() / "__no_custom__")
    return [r for r in library.routines if r.source == "builtin"]


# --- reps ------------------------------------------------------------------------


def test_reps_with_tempo_and_zero_hold_omit_the_hold_phase():
    r = routine({"name": "Bridge", "sets": 2, "reps": 2, "tempo": {"up": 2, "hold": 0, "down": 1}, "rest": 10})
    assert rows(build_timeline(r)) == [
        (GR, 5, 0, 1, None, 0, False),
        (LIFT, 2, 0, 1, None, 1, False),
        (LOWER, 1, 0, 1, None, 1, True),
        (LIFT, 2, 0, 1, None, 2, False),
        (LOWER, 1, 0, 1, None, 2, True),
        (REST, 10, 0, 1, None, 0, False),
        (LIFT, 2, 0, 2, None, 1, False),
        (LOWER, 1, 0, 2, None, 1, True),
        (LIFT, 2, 0, 2, None, 2, False),
        (LOWER, 1, 0, 2, None, 2, True),
        (DONE, 0, 0, 2, None, 0, False),
    ]


def test_reps_with_full_tempo_have_lift_hold_lower():
    r = routine({"name": "Curl", "reps": 2, "tempo": {"up": 3, "hold": 2, "down": 4}})
    assert rows(build_timeline(r)) == [
        (GR, 5, 0, 1, None, 0, False),
        (LIFT, 3, 0, 1, None, 1, False),
        (RH, 2, 0, 1, None, 1, False),
        (LOWER, 4, 0, 1, None, 1, True),
        (LIFT, 3, 0, 1, None, 2, False),
        (RH, 2, 0, 1, None, 2, False),
        (LOWER, 4, 0, 1, None, 2, True),
        (DONE, 0, 0, 1, None, 0, False),
    ]


def test_default_tempo_is_one_up_one_down():
    r = routine({"name": "Lift", "reps": 1})
    assert rows(build_timeline(r))[1:3] == [(LIFT, 1, 0, 1, None, 1, False), (LOWER, 1, 0, 1, None, 1, True)]


def test_zero_down_makes_the_lift_end_the_rep():
    r = routine({"name": "Lift", "reps": 2, "tempo": {"up": 1, "hold": 1, "down": 0}})
    assert rows(build_timeline(r))[1:5] == [
        (LIFT, 1, 0, 1, None, 1, False), (RH, 1, 0, 1, None, 1, True),
        (LIFT, 1, 0, 1, None, 2, False), (RH, 1, 0, 1, None, 2, True),
    ]


# --- holds, sides, rests ------------------------------------------------------------


def test_holds_are_one_timed_phase_per_set():
    r = routine({"name": "Plank", "sets": 3, "hold": 30, "rest": 15})
    assert rows(build_timeline(r)) == [
        (GR, 5, 0, 1, None, 0, False),
        (HOLD, 30, 0, 1, None, 0, False),
        (REST, 15, 0, 1, None, 0, False),
        (HOLD, 30, 0, 2, None, 0, False),
        (REST, 15, 0, 2, None, 0, False),
        (HOLD, 30, 0, 3, None, 0, False),
        (DONE, 0, 0, 3, None, 0, False),
    ]


def test_per_side_runs_left_then_right_with_a_switch_in_every_set():
    r = routine(
        {"name": "Side plank", "sets": 2, "hold": 20, "rest": 10, "per_side": True},
        {"name": "Curl", "reps": 1, "per_side": True, "tempo": {"up": 1, "hold": 0, "down": 1}},
    )
    assert rows(build_timeline(r)) == [
        (GR, 5, 0, 1, None, 0, False),
        (HOLD, 20, 0, 1, "left", 0, False),
        (SWITCH, 5, 0, 1, "right", 0, False),
        (HOLD, 20, 0, 1, "right", 0, False),
        (REST, 10, 0, 1, None, 0, False),
        (HOLD, 20, 0, 2, "left", 0, False),
        (SWITCH, 5, 0, 2, "right", 0, False),
        (HOLD, 20, 0, 2, "right", 0, False),
        (REST, 10, 0, 2, None, 0, False),  # rest_after defaults to rest
        (GR, 5, 1, 1, None, 0, False),
        (LIFT, 1, 1, 1, "left", 1, False),
        (LOWER, 1, 1, 1, "left", 1, True),
        (SWITCH, 5, 1, 1, "right", 0, False),
        (LIFT, 1, 1, 1, "right", 1, False),
        (LOWER, 1, 1, 1, "right", 1, True),
        (DONE, 0, 1, 1, None, 0, False),
    ]


def test_rest_after_overrides_rest_and_defaults_to_it():
    r = routine(
        {"name": "A", "sets": 2, "hold": 10, "rest": 12, "rest_after": 40},
        {"name": "B", "hold": 10, "rest": 25},
        {"name": "C", "hold": 10, "rest": 25, "rest_after": 60},
    )
    rests = [(p.exercise_index, p.set_number, p.seconds) for p in build_timeline(r) if p.kind is REST]
    # A: between sets 12, after 40; B: after = rest = 25; C: last, so none at all.
    assert rests == [(0, 1, 12), (0, 2, 40), (1, 1, 25)]


def test_no_rest_after_the_last_exercise():
    r = routine({"name": "Only", "sets": 2, "hold": 10, "rest": 20, "rest_after": 90})
    kinds = [p.kind for p in build_timeline(r)]
    assert kinds == [GR, HOLD, REST, HOLD, DONE]


def test_rest_zero_is_omitted_between_sets_and_after():
    r = routine(
        {"name": "A", "sets": 3, "hold": 10, "rest": 0},
        {"name": "B", "sets": 2, "hold": 10, "rest": 5, "rest_after": 0},
        {"name": "C", "hold": 10},
    )
    kinds = [p.kind for p in build_timeline(r)]
    assert kinds == [GR, HOLD, HOLD, HOLD, GR, HOLD, REST, HOLD, GR, HOLD, DONE]
    assert all(p.seconds > 0 for p in build_timeline(r) if p.kind is not DONE)


def test_every_exercise_starts_with_a_five_second_get_ready():
    r = routine({"name": "A", "hold": 10}, {"name": "B", "reps": 3}, {"name": "C", "hold": 5})
    ready = [(i, p.exercise_index, p.seconds) for i, p in enumerate(build_timeline(r)) if p.kind is GR]
    # default rest (30 s) sits between the exercises
    assert ready == [(0, 0, GET_READY_SECONDS), (3, 1, 5), (11, 2, 5)]


def test_timeline_ends_with_a_single_done():
    r = routine({"name": "A", "sets": 2, "hold": 10}, {"name": "B", "sets": 3, "reps": 2})
    phases = build_timeline(r)
    assert phases[-1] == Phase(DONE, 0, 1, 3)
    assert [p.kind for p in phases].count(DONE) == 1


# --- totals ------------------------------------------------------------------------------


@pytest.mark.parametrize("exercises", [
    [{"name": "A", "sets": 3, "reps": 8, "tempo": {"up": 2, "hold": 1, "down": 3}, "rest": 20, "rest_after": 45},
     {"name": "B", "sets": 2, "hold": 40, "per_side": True, "rest": 0}],
    [{"name": "A", "hold": 900, "rest": 900}],
    [{"name": "A", "sets": 20, "reps": 100, "per_side": True, "rest": 0, "rest_after": 0}, {"name": "B", "hold": 1}],
])
def test_phase_seconds_add_up_to_the_estimate(exercises):
    r = routine(*exercises)
    assert sum(p.seconds for p in build_timeline(r)) == r.estimated_seconds()


def test_every_builtin_routine_matches_its_estimate():
    loaded = builtin_routines()
    assert {"band-work", "desk-break", "full-session"} <= {r.id for r in loaded}
    for entry in loaded:
        phases = build_timeline(entry.routine)
        assert sum(p.seconds for p in phases) == entry.routine.estimated_seconds(), entry.id
        assert phases[-1].kind is DONE


def test_builtin_routines_have_one_work_block_per_set_and_side():
    for entry in builtin_routines():
        phases = build_timeline(entry.routine)
        blocks = {p.set_key for p in phases if p.is_work}
        expected = {(ei, s, side) for ei, ex in enumerate(entry.routine.exercises)
                    for s in range(1, ex.sets + 1) for side in ex.sides}
        assert blocks == expected, entry.id
        switches = [p for p in phases if p.kind is SWITCH]
        assert all(p.seconds == SWITCH_SIDES_SECONDS and p.side == "right" for p in switches)
        assert len(switches) == sum(ex.sets for ex in entry.routine.exercises if ex.per_side)


# --- phases ------------------------------------------------------------------------------


def test_phase_words_work_and_set_key():
    assert Phase(LIFT, 2, 0).words == "LIFT"
    assert Phase(RH, 1, 0).words == "HOLD"
    assert Phase(SWITCH, 5, 0).words == "SWITCH SIDES"
    assert Phase(GR, 5, 0).words == "GET READY"
    assert {k for k in PhaseKind if Phase(k, 1, 0).is_work} == {LIFT, RH, LOWER, HOLD}
    assert Phase(HOLD, 20, 2, 3, "left").set_key == (2, 3, "left")


# --- cue schedules ----------------------------------------------------------------------


def test_get_ready_and_switch_sides_count_three_two_one():
    expected = [(2, CueKind.TICK, 3), (3, CueKind.TICK, 2), (4, CueKind.TICK, 1)]
    assert cue_schedule(Phase(GR, 5, 0), 5) == expected
    assert cue_schedule(Phase(SWITCH, 5, 0, 1, "right"), 5) == expected


def test_short_holds_count_down_without_halfway():
    assert cue_schedule(Phase(HOLD, 19, 0), 19) == [
        (16, CueKind.COUNTDOWN, 3), (17, CueKind.COUNTDOWN, 2), (18, CueKind.COUNTDOWN, 1)]


def test_holds_of_twenty_seconds_or_more_get_a_halfway_cue():
    assert cue_schedule(Phase(HOLD, 20, 0), 20) == [
        (10, CueKind.HALFWAY, None),
        (17, CueKind.COUNTDOWN, 3), (18, CueKind.COUNTDOWN, 2), (19, CueKind.COUNTDOWN, 1)]
    assert cue_schedule(Phase(HOLD, 25, 0), 25)[0] == (12.5, CueKind.HALFWAY, None)


def test_rests_count_down_but_have_no_halfway():
    assert cue_schedule(Phase(REST, 60, 0), 60) == [
        (51, CueKind.NEXT_UP, None),
        (57, CueKind.COUNTDOWN, 3), (58, CueKind.COUNTDOWN, 2), (59, CueKind.COUNTDOWN, 1)]


def test_a_rest_says_what_comes_next_nine_seconds_before_its_end_if_there_is_room():
    def next_up(seconds: float) -> list[float]:
        return [c[0] for c in cue_schedule(Phase(REST, 0, 0), seconds) if c[1] is CueKind.NEXT_UP]

    assert next_up(30) == [21]
    assert next_up(11.5) == [2.5]  # a short rest: soon after "rest, N seconds"
    assert next_up(8.5) == [2.5]
    assert next_up(8) == []  # no room before the count: the screen shows it
    assert cue_schedule(Phase(HOLD, 60, 0), 60)[0][1] is CueKind.HALFWAY  # holds never do


def test_three_seconds_or_less_gets_no_countdown():
    assert cue_schedule(Phase(REST, 3, 0), 3) == []
    assert cue_schedule(Phase(HOLD, 2, 0), 2) == []
    assert [c[0] for c in cue_schedule(Phase(REST, 4, 0), 4)] == [1, 2, 3]


def test_rep_phases_and_done_have_no_inner_cues():
    for kind in (LIFT, RH, LOWER, DONE):
        assert cue_schedule(Phase(kind, 3, 0), 3) == []


def test_schedule_follows_the_given_duration_not_the_planned_one():
    # more_rest lengthens a rest: the countdown moves to the new end.
    assert [c[0] for c in cue_schedule(Phase(REST, 10, 0), 25)] == [16, 22, 23, 24]


def test_loudest_picks_the_most_important_cue():
    go, tick, done, complete = (Cue(CueKind.GO, 5), Cue(CueKind.TICK, 5, 1),
                                Cue(CueKind.SET_DONE, 5), Cue(CueKind.COMPLETE, 5))
    assert loudest([tick, go]) is go
    assert loudest([done, complete, tick]) is complete
    assert loudest([Cue(CueKind.REP_PHASE, 1), Cue(CueKind.COUNTDOWN, 1, 2)]).kind is CueKind.COUNTDOWN
    assert loudest([Cue(CueKind.SWITCH_SIDES, 1), Cue(CueKind.REST_OVER, 1)]).kind is CueKind.SWITCH_SIDES
    assert loudest([]) is None
