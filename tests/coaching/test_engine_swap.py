"""Swapping an exercise for today at its get-ready (a ladder rung), on a fake clock."""

from __future__ import annotations

from support.clock import FakeClock

from hamcoach.coaching.engine import Engine
from hamcoach.coaching.prescription import neighbour_rung
from hamcoach.coaching.timeline import PhaseKind
from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import Exercise, Routine

ROUTINE = Routine(name="r", equipment=["mat"], exercises=[
    Exercise(name="Core set-up", sets=1, hold=5, rest=10),
    Exercise(name="Hip bridge", sets=2, reps=2, rest=5),
])


def at_bridge_get_ready(engine: Engine, clock: FakeClock) -> None:
    while not (engine.phase.kind is PhaseKind.GET_READY and engine.phase.exercise_index == 1):
        clock.advance(1)
        engine.tick()


def test_a_swap_at_the_get_ready_runs_the_other_rung_with_the_routines_sets():
    ladders = RoutineLibrary.load(custom_dir=None).ladders
    clock = FakeClock()
    engine = Engine(ROUTINE, clock)
    engine.start()
    assert not engine.swap_exercise(1, ROUTINE.exercises[1])  # not at its get-ready yet
    engine.more_rest()  # rest added before the bridge stays
    at_bridge_get_ready(engine, clock)
    index, before = engine.index, list(engine._durations[: engine.index + 1])
    harder = neighbour_rung(ROUTINE.exercises[1], ladders, easier=False, level=1)
    assert (harder.name, harder.sets, harder.reps, harder.rest) == ("Marching bridge", 2, 12, 5)
    assert neighbour_rung(ROUTINE.exercises[1], ladders, easier=True) is None  # the bottom rung
    assert neighbour_rung(ROUTINE.exercises[0], ladders, easier=False) is None  # not on a ladder
    assert engine.swap_exercise(1, harder)
    assert engine.index == index and engine._durations[: index + 1] == before
    assert engine.routine.exercises[1].name == "Marching bridge"
    while not engine.finished:
        clock.advance(1)
        engine.tick()
    done = [r for r in engine.set_records() if r.exercise_index == 1]
    assert [(r.exercise, r.target, r.achieved) for r in done] == [("Marching bridge", 12, 12)] * 2
    assert engine.status == "completed"


def test_no_swap_once_the_exercise_has_started():
    clock = FakeClock()
    engine = Engine(ROUTINE, clock)
    engine.start()
    at_bridge_get_ready(engine, clock)
    while engine.phase.kind is PhaseKind.GET_READY:
        clock.advance(1)
        engine.tick()
    assert not engine.swap_exercise(1, Exercise(name="Marching bridge", sets=2, reps=10))
