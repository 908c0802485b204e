"""What a session screen shows, decided here so that every screen (and a test) agrees.

The big figure (seconds left, or the rep ``3/10`` while reps run), the banner words
(``LEFT SIDE · HOLD``, ``REST``, ``PAUSED``), which exercise is in view (during the rest
before a new exercise, the next one, so the user can get into position), and the phase
class a screen colours by. Pure functions of the engine's snapshot and the routine.
"""

from __future__ import annotations

import math
from typing import Literal

from hamcoach.coaching.engine import Snapshot
from hamcoach.coaching.timeline import Phase, PhaseKind
from hamcoach.routines.models import Routine

Mood = Literal["work", "rest", "ready", "paused", "done"]
"""The phase as a colour: work, rest, get ready (switch sides too), paused, done."""

REP_KINDS = frozenset({PhaseKind.LIFT, PhaseKind.REP_HOLD, PhaseKind.LOWER})
_MOODS: dict[PhaseKind, Mood] = {
    PhaseKind.GET_READY: "ready", PhaseKind.SWITCH_SIDES: "ready", PhaseKind.REST: "rest",
    PhaseKind.LIFT: "work", PhaseKind.REP_HOLD: "work", PhaseKind.LOWER: "work",
    PhaseKind.HOLD: "work", PhaseKind.DONE: "done",
}
SEPARATOR = " · "


def clock_digits(seconds: float) -> str:
    """Whole seconds left, rounded up, as ``45`` or ``1:30``."""
    whole = int(math.ceil(max(0.0, seconds) - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def mood(snap: Snapshot) -> Mood:
    """The colour the screen takes: paused wins, then the 3-2-1 after a pause (get ready)."""
    if snap.finished:
        return "done"
    if snap.paused:
        return "paused"
    if snap.resuming:
        return "ready"
    return _MOODS[snap.phase.kind]


def counts_reps(snap: Snapshot) -> bool:
    """True when the big figure is the rep number rather than seconds."""
    return snap.phase.kind in REP_KINDS and not snap.resuming and not snap.finished


def big_figure(snap: Snapshot, routine: Routine) -> str:
    """The biggest thing on the screen: ``3/10`` while reps run (paused too), else the
    seconds left (of a hold, a rest, a get-ready, a switch or the 3-2-1 after a pause)."""
    if counts_reps(snap):
        return f"{snap.phase.rep}/{routine.exercises[snap.phase.exercise_index].reps}"
    return clock_digits(snap.remaining)


def figure_sample(snap: Snapshot, routine: Routine, seconds: float) -> str:
    """The widest figure this phase can show (``seconds`` is the phase's length), with every
    digit an 8: a screen sizes the figure by it, so the size holds while the digits change."""
    if counts_reps(snap):
        reps = routine.exercises[snap.phase.exercise_index].reps or 0
        return "8" * len(str(reps)) + "/" + "8" * len(str(reps))
    longest = max(seconds, snap.remaining)
    return "".join("8" if char.isdigit() else char for char in clock_digits(longest))


def _side(snap: Snapshot, routine: Routine) -> str | None:
    phase = snap.phase
    if phase.side is not None:
        return phase.side
    if phase.kind is PhaseKind.GET_READY:
        return routine.exercises[phase.exercise_index].sides[0]  # the side the sets start on
    return None


def banner(snap: Snapshot, routine: Routine) -> tuple[str, ...]:
    """The phase and the side in words, longest form first: ``("LEFT SIDE · HOLD",
    "LEFT · HOLD")``; a screen shows the first that fits. Switching sides says only that."""
    if snap.finished:
        return ("DONE",)
    words = "PAUSED" if snap.paused else snap.words
    side = _side(snap, routine)
    if side is None or snap.phase.kind in (PhaseKind.SWITCH_SIDES, PhaseKind.REST):
        return (words,)
    side = side.upper()
    return (f"{side} SIDE{SEPARATOR}{words}", f"{side}{SEPARATOR}{words}")


def exercise_in_view(routine: Routine, phase: Phase) -> int:
    """The exercise a screen is about: the current one, except in the rest after an
    exercise's last set, which already shows the next exercise (name, sets, cues)."""
    index = phase.exercise_index
    if (phase.kind is PhaseKind.REST and phase.set_number >= routine.exercises[index].sets
            and index + 1 < len(routine.exercises)):
        return index + 1
    return index


def is_up_next(routine: Routine, phase: Phase) -> bool:
    """True while the screen shows an exercise that has not started yet."""
    return exercise_in_view(routine, phase) != phase.exercise_index
