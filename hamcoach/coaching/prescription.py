"""The routine as it is run today: ladder rungs put in, each exercise's level added.

A routine file says what to do at level 0 on the rung it names; the coaching state
(:mod:`hamcoach.coaching.progression`) says where the user stands. :func:`prescribe`
joins them, and the session, the routine list and ``hamcoach coach`` all show its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamcoach.coaching.progression import CoachState, ExerciseState, with_level
from hamcoach.routines.identity import exercise_key
from hamcoach.routines.ladders import LadderBook
from hamcoach.routines.models import Exercise, Routine


@dataclass(frozen=True)
class Planned:
    """One exercise of the routine as run, beside the routine's own."""

    exercise: Exercise  # as run
    original: Exercise  # as the routine has it
    key: str  # the identity the coach tracks it under
    level: int
    added: int  # reps (or seconds) the level adds
    new_rung: bool  # a ladder's current rung runs in place of the one the routine names

    @property
    def changed(self) -> bool:
        """True when it differs from the routine's own."""
        return self.new_rung or self.added != 0

    def note(self) -> str:
        """``(+2)``, ``(new rung)``, ``(new rung, +2)``, or ``""``."""
        parts = ["new rung"] if self.new_rung else []
        if self.added:
            parts.append(f"+{self.added}" if self.exercise.kind == "reps" else f"+{self.added} s")
        return f"({', '.join(parts)})" if parts else ""

    def line(self) -> str:
        """``3 x 12 reps (+2)``: the prescription and its change."""
        note = self.note()
        return f"{self.exercise.prescription()} {note}" if note else self.exercise.prescription()


@dataclass(frozen=True)
class Prescription:
    """A routine as run today."""

    routine: Routine  # valid like any routine: the engine runs it
    planned: tuple[Planned, ...]

    @property
    def changed(self) -> bool:
        """True when any exercise differs from the routine's own."""
        return any(p.changed for p in self.planned)


def identity_of(name: str, ladders: LadderBook) -> str:
    """The identity the coach tracks an exercise name under (a ladder's, for a rung)."""
    found = ladders.find(name)
    return found[0].ladder.spec().key if found is not None else exercise_key(name)


def planned_exercise(exercise: Exercise, state: ExerciseState | None, ladders: LadderBook) -> Planned:
    """One routine exercise as run, given the coach's state of its identity (None: never run)."""
    key = identity_of(exercise.name, ladders)
    base, new_rung = exercise, False
    found = ladders.find(exercise.name)
    if found is not None and state is not None and exercise_key(state.rung) != exercise_key(exercise.name):
        rung = ladders.rung(state.rung)
        if rung is not None:
            base, new_rung = rung.in_place_of(exercise), True
    level = state.level if state is not None else 0
    if base.reps is not None:
        value = with_level("reps", base.reps, level)
        run = base.model_copy(update={"reps": value})
        added = value - base.reps
    else:
        value = with_level("hold", base.hold or 1, level)
        run = base.model_copy(update={"hold": value})
        added = value - (base.hold or 1)
    return Planned(run, exercise, key, level, added, new_rung)


def prescribe(routine: Routine, state: CoachState | None, ladders: LadderBook) -> Prescription:
    """The routine as run today: rungs substituted, levels added; sets and rests as written."""
    planned = tuple(planned_exercise(ex, state.get(identity_of(ex.name, ladders)) if state else None, ladders)
                    for ex in routine.exercises)
    run = routine.model_copy(update={"exercises": [p.exercise for p in planned]})
    return Prescription(run, planned)


def neighbour_rung(exercise: Exercise, ladders: LadderBook, easier: bool, level: int = 0) -> Exercise | None:
    """The next easier (or harder) rung of the ladder ``exercise`` is on, run in its place
    with its sets and rests and the same level; None off a ladder or at its end.

    For a swap at a get-ready: for today only. The record names the rung that was run,
    and the coach does not count a swapped session as cleared (docs/COACHING.md).
    """
    found = ladders.find(exercise.name)
    if found is None:
        return None
    loaded, position = found
    target = position - 1 if easier else position + 1
    if not 0 <= target < len(loaded.ladder.rungs):
        return None
    run = loaded.ladder.rungs[target].in_place_of(exercise)
    if run.reps is not None:
        return run.model_copy(update={"reps": with_level("reps", run.reps, level)})
    return run.model_copy(update={"hold": with_level("hold", run.hold or 1, level)})
