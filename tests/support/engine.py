"""An engine on a fake clock for the engine and record tests: a small routine with a
known cue list, a started engine, and moving it on as the app does."""

from __future__ import annotations

import itertools

from hamcoach import paths
from hamcoach.coaching.engine import STALL_SECONDS, Cue, CueKind, Engine
from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import Routine
from support.clock import FakeClock

T0 = 1000.0
GO, TICK, REP, HALF, COUNT = CueKind.GO, CueKind.TICK, CueKind.REP_PHASE, CueKind.HALFWAY, CueKind.COUNTDOWN
SWITCH, SET_DONE, REST_OVER, COMPLETE = CueKind.SWITCH_SIDES, CueKind.SET_DONE, CueKind.REST_OVER, CueKind.COMPLETE


def small() -> Routine:
    """Two exercises, 76 s in all.

    0 GR 0-5 | 1 HOLD s1 5-25 | 2 REST 25-30 | 3 HOLD s2 30-50 | 4 REST(after) 50-54 |
    5 GR 54-59 | 6-11 reps left 59-65 | 12 SWITCH 65-70 | 13-18 reps right 70-76 | 19 DONE 76
    """
    return Routine.model_validate({"name": "Small", "exercises": [
        {"name": "Hold", "sets": 2, "hold": 20, "rest": 5, "rest_after": 4},
        {"name": "Reps", "reps": 2, "tempo": {"up": 1, "hold": 1, "down": 1}, "per_side": True},
    ]})


def reps_routine(up: int = 1, hold: int = 1, down: int = 1) -> Routine:
    return Routine.model_validate({"name": "Reps only", "exercises": [
        {"name": "Curl", "sets": 2, "reps": 3, "tempo": {"up": up, "hold": hold, "down": down}, "rest": 10},
    ]})


def builtin(routine_id: str) -> Routine:
    library = RoutineLibrary.load(paths.builtin_routines_dir(), paths.builtin_routines_dir() / "__no_custom__")
    found = library.get(routine_id)
    assert found is not None, routine_id
    return found.routine


def c(kind: CueKind, at: float, count: int | None = None) -> Cue:
    return Cue(kind, T0 + at, count)


SMALL_CUES = [
    c(TICK, 2, 3), c(TICK, 3, 2), c(TICK, 4, 1),
    c(GO, 5), c(HALF, 15), c(COUNT, 22, 3), c(COUNT, 23, 2), c(COUNT, 24, 1),
    c(SET_DONE, 25), c(COUNT, 27, 3), c(COUNT, 28, 2), c(COUNT, 29, 1),
    c(REST_OVER, 30), c(GO, 30), c(HALF, 40), c(COUNT, 47, 3), c(COUNT, 48, 2), c(COUNT, 49, 1),
    c(SET_DONE, 50), c(COUNT, 51, 3), c(COUNT, 52, 2), c(COUNT, 53, 1),
    c(REST_OVER, 54), c(TICK, 56, 3), c(TICK, 57, 2), c(TICK, 58, 1),
    c(GO, 59), c(REP, 60), c(REP, 61), c(REP, 62), c(REP, 63), c(REP, 64),
    c(SWITCH, 65), c(TICK, 67, 3), c(TICK, 68, 2), c(TICK, 69, 1),
    c(GO, 70), c(REP, 71), c(REP, 72), c(REP, 73), c(REP, 74), c(REP, 75),
    c(SET_DONE, 76), c(COMPLETE, 76),
]


class VoicelessEngine(Engine):
    """The engine without the cues only the voice speaks (tested in tests/coaching/test_voice_cues.py)."""

    def _take(self) -> list[Cue]:
        return [cue for cue in super()._take() if cue.kind not in (CueKind.READY, CueKind.NEXT_UP)]


def started(routine: Routine, at: float = T0, stall_seconds: float | None = STALL_SECONDS) -> tuple[Engine, FakeClock]:
    """An engine started at ``at``; ``stall_seconds=None`` for tests of the catch-up arithmetic
    with gaps an app would take for an interruption."""
    clock = FakeClock(at)
    engine = VoicelessEngine(routine, clock, stall_seconds=stall_seconds)
    assert engine.start() == []
    return engine, clock


def run(engine: Engine, clock: FakeClock, steps, limit: int = 100_000) -> tuple[list[Cue], list[int]]:
    """Tick with the given step sizes (cycled) until finished; return cues and phases visited."""
    cues: list[Cue] = []
    visited = [engine.index]
    for step in itertools.islice(itertools.cycle(steps), limit):
        if engine.finished:
            break
        clock.advance(step)
        cues += engine.tick()
        if engine.index != visited[-1]:
            visited.append(engine.index)
    assert engine.finished
    return cues, visited


def at(engine: Engine, clock: FakeClock, when: float) -> list[Cue]:
    """Move to T0 + ``when``, ticking at least once a second as the app does; return the cues."""
    cues: list[Cue] = []
    while clock.now + 1.0 < T0 + when:
        clock.advance(1.0)
        cues += engine.tick()
    clock.set(T0 + when)
    return cues + engine.tick()


def walk(engine: Engine, clock: FakeClock, seconds: float) -> list[Cue]:
    """Let ``seconds`` pass, ticking once a second as the app does; return the cues."""
    return at(engine, clock, clock.now - T0 + seconds)


def record(engine: Engine, exercise: int, set_number: int, side: str | None = None):
    (found,) = [r for r in engine.set_records()
                if (r.exercise_index, r.set, r.side) == (exercise, set_number, side)]
    return found


def achieved(engine: Engine) -> list[tuple]:
    return [(r.exercise_index, r.set, r.side, r.achieved, r.skipped) for r in engine.set_records()]
