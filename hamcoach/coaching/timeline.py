"""Routine -> timeline: the phases a session goes through, and the cues it can sound.

Pure data and one function; :mod:`hamcoach.coaching.engine` runs the timeline on a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from hamcoach.routines.models import SWITCH_SIDES_SECONDS, Routine

#: One set on one side: (exercise index, set number, side).
SetKey = tuple[int, int, str | None]


class PhaseKind(str, Enum):
    """What the user is doing in a phase."""

    GET_READY = "get_ready"
    LIFT = "lift"
    REP_HOLD = "rep_hold"
    LOWER = "lower"
    HOLD = "hold"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"
    DONE = "done"


WORK_KINDS = frozenset({PhaseKind.LIFT, PhaseKind.REP_HOLD, PhaseKind.LOWER, PhaseKind.HOLD})
PHASE_WORDS = {
    PhaseKind.GET_READY: "GET READY",
    PhaseKind.LIFT: "LIFT",
    PhaseKind.REP_HOLD: "HOLD",
    PhaseKind.LOWER: "LOWER",
    PhaseKind.HOLD: "HOLD",
    PhaseKind.SWITCH_SIDES: "SWITCH SIDES",
    PhaseKind.REST: "REST",
    PhaseKind.DONE: "DONE",
}


class CueKind(str, Enum):
    """Moments worth a sound; the values are the sound names in :mod:`hamcoach.sound.player`."""

    TICK = "tick"  # 3-2-1 before work starts
    GO = "go"
    REP_PHASE = "rep_phase"
    HALFWAY = "halfway"
    COUNTDOWN = "countdown"  # last 3 seconds of a hold or a rest
    SWITCH_SIDES = "switch_sides"
    SET_DONE = "set_done"
    REST_OVER = "rest_over"
    COMPLETE = "complete"
    # Moments for the voice only (no tone of their own):
    READY = "ready"  # a get-ready phase begins: the exercise and set are announced
    NEXT_UP = "next_up"  # near the end of a rest: what comes next


# When several cues fall on one moment, a player sounds only the most important.
CUE_PRIORITY = [
    CueKind.COMPLETE, CueKind.SWITCH_SIDES, CueKind.READY, CueKind.GO, CueKind.REST_OVER, CueKind.SET_DONE,
    CueKind.NEXT_UP, CueKind.HALFWAY, CueKind.TICK, CueKind.COUNTDOWN, CueKind.REP_PHASE,
]


def loudest(cues: list[Cue]) -> Cue | None:
    """The cue to sound when several arrive together."""
    return min(cues, key=lambda c: CUE_PRIORITY.index(c.kind), default=None)


@dataclass(frozen=True)
class Phase:
    """One step of the timeline."""

    kind: PhaseKind
    seconds: int
    exercise_index: int
    set_number: int = 1  # 1-based
    side: str | None = None
    rep: int = 0  # 1-based in rep phases, else 0
    ends_rep: bool = False  # the last phase of a rep: finishing it completes the rep

    @property
    def is_work(self) -> bool:
        """True for lift, hold and lower phases and timed holds."""
        return self.kind in WORK_KINDS

    @property
    def words(self) -> str:
        """The phase in words, as the session screen shows it."""
        return PHASE_WORDS[self.kind]

    @property
    def set_key(self) -> SetKey:
        """(exercise, set, side): which record this phase's work counts towards."""
        return (self.exercise_index, self.set_number, self.side)


@dataclass(frozen=True)
class Cue:
    """A cue event: what happened, when it was due, and a 3-2-1 count where it has one.

    ``phase`` is the index in the timeline of the phase the cue belongs to (for a cue
    at a change of phase, the phase being entered), so that what to say about it is a
    pure function of the cue and the timeline.
    """

    kind: CueKind
    at: float
    count: int | None = None
    phase: int | None = field(default=None, compare=False)


def build_timeline(routine: Routine) -> list[Phase]:
    """Every phase of a routine, in order, ending with DONE."""
    phases: list[Phase] = []
    last = len(routine.exercises) - 1
    for ei, ex in enumerate(routine.exercises):
        phases.append(Phase(PhaseKind.GET_READY, routine.get_ready_seconds(ei), ei))
        tempo = ex.effective_tempo
        rep_steps = [(k, s) for k, s in ((PhaseKind.LIFT, tempo.up), (PhaseKind.REP_HOLD, tempo.hold),
                                         (PhaseKind.LOWER, tempo.down)) if s > 0]
        for set_number in range(1, ex.sets + 1):
            for side_index, side in enumerate(ex.sides):
                if side_index > 0:
                    phases.append(Phase(PhaseKind.SWITCH_SIDES, SWITCH_SIDES_SECONDS, ei, set_number, side))
                if ex.reps is None:
                    phases.append(Phase(PhaseKind.HOLD, ex.hold or 0, ei, set_number, side))
                    continue
                for rep in range(1, ex.reps + 1):
                    for step, (kind, seconds) in enumerate(rep_steps):
                        phases.append(Phase(kind, seconds, ei, set_number, side, rep,
                                            ends_rep=step == len(rep_steps) - 1))
            rest = ex.rest if set_number < ex.sets else (ex.effective_rest_after if ei != last else 0)
            if rest > 0:
                phases.append(Phase(PhaseKind.REST, rest, ei, set_number))
    phases.append(Phase(PhaseKind.DONE, 0, last, routine.exercises[last].sets))
    return phases


HALFWAY_MIN_SECONDS = 20  # holds at least this long get a halfway cue
NEXT_UP_LEAD_SECONDS = 9  # a rest says what comes next this long before its end...
NEXT_UP_AFTER_SECONDS = 2.5  # ...or, in a short rest, this long after it began ("rest, 10 seconds")
NEXT_UP_ROOM_SECONDS = 6  # and only with this long left for it before the rest ends


def cue_schedule(phase: Phase, duration: float) -> list[tuple[float, CueKind, int | None]]:
    """Cues inside a phase of ``duration`` s, as (offset from its start, kind, 3-2-1 count)."""
    cues: list[tuple[float, CueKind, int | None]] = []
    if phase.kind in (PhaseKind.GET_READY, PhaseKind.SWITCH_SIDES):
        cues += [(duration - n, CueKind.TICK, n) for n in (3, 2, 1) if duration - n > 0]
    elif phase.kind in (PhaseKind.HOLD, PhaseKind.REST):
        if phase.kind is PhaseKind.HOLD and duration >= HALFWAY_MIN_SECONDS:
            cues.append((duration / 2, CueKind.HALFWAY, None))
        next_up = max(NEXT_UP_AFTER_SECONDS, duration - NEXT_UP_LEAD_SECONDS)
        if phase.kind is PhaseKind.REST and duration - next_up >= NEXT_UP_ROOM_SECONDS:
            cues.append((next_up, CueKind.NEXT_UP, None))
        if duration > 3:
            cues += [(duration - n, CueKind.COUNTDOWN, n) for n in (3, 2, 1)]
    return cues
