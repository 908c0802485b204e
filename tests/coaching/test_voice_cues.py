"""The engine's cues for the voice: READY at each get-ready, NEXT_UP in a rest, and the phase of every cue."""

from __future__ import annotations

from support.clock import FakeClock

from hamcoach.coaching.engine import Cue, CueKind, Engine, PhaseKind
from hamcoach.routines.models import Routine

T0 = 500.0


def routine() -> Routine:
    """0 GR 0-5 | 1 HOLD 5-25 | 2 REST 25-55 | 3 HOLD 55-75 | 4 REST 75-85 | 5 GR 85-90 | 6.. reps | DONE"""
    return Routine.model_validate({"name": "Voice", "exercises": [
        {"name": "Plank", "sets": 2, "hold": 20, "rest": 30, "rest_after": 10},
        {"name": "Bridge", "reps": 2},
    ]})


def run_all() -> tuple[Engine, list[Cue]]:
    clock = FakeClock(T0)
    engine = Engine(routine(), clock)
    cues = engine.start()
    while not engine.finished:
        clock.advance(0.25)
        cues += engine.tick()
    return engine, cues


def test_the_start_and_each_get_ready_announce_themselves() -> None:
    engine, cues = run_all()
    ready = [c for c in cues if c.kind is CueKind.READY]
    assert [(c.at - T0, c.phase) for c in ready] == [(0, 0), (85, 5)]
    assert all(engine.timeline[c.phase].kind is PhaseKind.GET_READY for c in ready if c.phase is not None)


def test_a_rest_says_what_is_next_nine_seconds_before_its_end_if_it_has_room() -> None:
    _, cues = run_all()
    next_up = [c for c in cues if c.kind is CueKind.NEXT_UP]
    # The 30 s rest at 46 (9 s left); the 10 s rest at 77.5 (2.5 s in, 7.5 s left).
    assert [(c.at - T0, c.phase) for c in next_up] == [(46, 2), (77.5, 4)]


def test_every_cue_knows_its_phase() -> None:
    engine, cues = run_all()
    assert all(c.phase is not None for c in cues)
    by_kind = {c.kind: engine.timeline[c.phase].kind for c in cues if c.phase is not None}
    assert by_kind[CueKind.COMPLETE] is PhaseKind.DONE
    assert by_kind[CueKind.HALFWAY] is PhaseKind.HOLD
    set_done_into = {engine.timeline[c.phase].kind for c in cues if c.kind is CueKind.SET_DONE}
    assert set_done_into == {PhaseKind.REST, PhaseKind.DONE}


def test_the_phase_is_not_part_of_a_cues_equality() -> None:
    assert Cue(CueKind.GO, 1.0, phase=3) == Cue(CueKind.GO, 1.0)


def test_skipping_to_the_next_exercise_announces_it() -> None:
    clock = FakeClock(T0)
    engine = Engine(routine(), clock, stall_seconds=None)  # the 6 s steps are no interruption
    engine.start()
    clock.advance(6)  # in the first hold
    engine.tick()
    cues = engine.skip_exercise()
    assert [c.kind for c in cues] == [CueKind.SET_DONE, CueKind.READY]
    assert engine.timeline[cues[1].phase or 0].kind is PhaseKind.GET_READY
    clock.advance(6)  # into the reps: skipping on ends the session
    engine.tick()
    assert [c.kind for c in engine.skip_exercise()] == [CueKind.SET_DONE, CueKind.COMPLETE]
