"""The coaching engine: a routine becomes a timeline of phases run on a clock.

The clock is injected (``time.monotonic`` in the app, a fake in tests). Each phase
ends at a deadline on that clock and the next phase starts at that deadline, not
when somebody noticed, so a session never drifts however late ``tick()`` is called.
The engine knows nothing of Textual or sound: it reports :class:`Cue` events and a
:class:`Snapshot` for a screen to show.

What it records is what happened (the rules are in docs/DATA.md):

- a set's ``achieved`` is reps whose last phase finished, or whole seconds held;
  a set with nothing achieved is skipped;
- the engine must be ticked at least once a second while it runs. When it finds the
  clock more than ``stall_seconds`` past the moment it last saw (the process was
  stopped, the machine paused), it credits none of the gap: it pauses at the point
  it last saw and reports the interruption;
- ``back`` goes to the start of the current side or set (within 3 s of that start,
  to the previous one) and never lowers what was recorded: a set redone keeps the
  better of its attempts;
- controls leave a paused session paused; work entered by a skip or a jump gets
  the short 3-2-1 first, as after a pause.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from hamcoach.coaching.timeline import (
    Cue,
    CueKind,
    Phase,
    PhaseKind,
    SetKey,
    build_timeline,
    cue_schedule,
    loudest,
)
from hamcoach.history.models import SetRecord
from hamcoach.history.outcomes import session_status
from hamcoach.routines.models import Exercise, Routine

RESUME_SECONDS = 3  # the short count after a pause, a skip or a jump
MORE_REST_SECONDS = 15
BACK_GRACE_SECONDS = 3  # "back" within this much of a set's (or side's) start goes to the one before
STALL_SECONDS = 5.0  # a gap longer than this between two looks at the clock is an interruption

INFER: Final = "infer"  # start_from: work out where to go on from the records (old checkpoints)

__all__ = ["INFER", "STALL_SECONDS", "Cue", "CueKind", "Engine", "Phase", "PhaseKind", "SetKey", "Snapshot",
           "loudest", "planned_records"]


def planned_records(routine: Routine) -> list[SetRecord]:
    """One record per set and side of the routine, nothing achieved yet."""
    records = []
    for ei, ex in enumerate(routine.exercises):
        for set_number in range(1, ex.sets + 1):
            for side in ex.sides:
                records.append(SetRecord(
                    exercise_index=ei, exercise=ex.name, set=set_number, sets=ex.sets,
                    side=side,
                    kind=ex.kind, target=ex.reps if ex.reps is not None else (ex.hold or 0)))
    return records


@dataclass
class Snapshot:
    """What a screen needs to show the engine's state at one moment."""

    phase: Phase
    words: str
    remaining: float
    phase_progress: float  # 0..1
    session_progress: float  # 0..1
    paused: bool
    resuming: bool  # the short get-ready count after a pause or a jump
    next_up: str
    finished: bool
    interrupted: float | None = None  # seconds of the interruption that caused this pause, if one did


class Engine:
    """Runs one routine on an injected monotonic clock.

    Call :meth:`start`, then :meth:`tick` at least once a second (it returns the cues
    that fell due since the last call); the controls act at once.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float],
                 stall_seconds: float | None = STALL_SECONDS) -> None:
        self.routine = routine
        self.clock = clock
        self.stall_seconds = stall_seconds  # None: never take a gap for an interruption
        self.timeline = build_timeline(routine)
        self.index = 0
        self.started = False
        self.finished = False
        self.completed = False  # the routine ran to its end (see ``status`` for what is saved)
        self.paused = False
        self.interrupted: float | None = None  # the gap behind the current pause, if a stall caused it
        self.interrupted_seconds = 0.0  # every such gap, added up
        self._durations = [float(p.seconds) for p in self.timeline]
        self._deadline = 0.0
        self._last_seen = 0.0  # the clock when the engine last caught up with it
        self._remaining_when_paused = 0.0
        self._resume_deadline: float | None = None  # set during the short get-ready count
        self._resume_emitted = 0
        self._emitted_upto = -1.0  # elapsed seconds in this phase whose cues are out
        self._pending: list[Cue] = []
        self._attempt: dict[SetKey, float] = {}  # this attempt at a set: reps done, or seconds held
        self._best: dict[SetKey, float] = {}  # the best earlier attempt (or the checkpoint's record)
        self._unit_start: dict[SetKey, int] = {}  # the first work phase of each set (and side)
        for i, phase in enumerate(self.timeline):
            if phase.is_work:
                self._unit_start.setdefault(phase.set_key, i)
        self.records = planned_records(routine)

    def swap_exercise(self, exercise_index: int, exercise: Exercise) -> bool:
        """Run ``exercise`` in place of exercise ``exercise_index`` (a rung swapped for today).

        Only while that exercise's get-ready runs: nothing of it is done yet, and every phase
        before it (with any rest added) stays as it was. Returns False when it cannot swap.
        """
        if not self._ready():
            return False
        phase = self.timeline[self.index]
        if phase.kind is not PhaseKind.GET_READY or phase.exercise_index != exercise_index:
            return False
        exercises = list(self.routine.exercises)
        exercises[exercise_index] = exercise
        routine = self.routine.model_copy(update={"exercises": exercises})
        timeline = build_timeline(routine)
        # The phases up to this get-ready are the same ones, in the same places.
        self._durations = self._durations[: self.index + 1] + [float(p.seconds) for p in timeline[self.index + 1:]]
        self.routine, self.timeline = routine, timeline
        self._unit_start = {}
        for i, later in enumerate(timeline):
            if later.is_work:
                self._unit_start.setdefault(later.set_key, i)
        self.records = planned_records(routine)
        return True

    # --- running ---------------------------------------------------------------

    def start(self) -> list[Cue]:
        """Start the first phase now."""
        self.started = True
        self._last_seen = self.clock()
        self._enter(0, self._last_seen, previous=None)
        return self._take()

    def start_from(self, done: list[SetRecord], resume_at: SetKey | None | Literal["infer"] = INFER) -> list[Cue]:
        """Start again from a checkpoint: its recorded work counts, and the session goes on
        from the start of the set (or side) ``resume_at``; None means nothing was left.

        A checkpoint saved without a resume point (older hamcoach) goes on with the last
        set that has work in it if it fell short, else with the set after it.
        """
        planned: dict[SetKey, SetRecord] = {(r.exercise_index, r.set, r.side): r for r in self.records}
        recorded: list[SetRecord] = []
        for record in done:
            done_key: SetKey = (record.exercise_index, record.set, record.side)
            plan = planned.get(done_key)
            if plan is not None and plan.kind == record.kind and record.achieved > 0:
                self._best[done_key] = max(self._best.get(done_key, 0.0), float(record.achieved))
                recorded.append(record)
        point = self._inferred_resume_point(recorded) if resume_at == INFER else resume_at
        if point is None:
            target = len(self.timeline) - 1
        else:
            target = self._unit_start.get(point, len(self.timeline) - 1)
            if target > 0 and self.timeline[target - 1].kind in (PhaseKind.GET_READY, PhaseKind.SWITCH_SIDES):
                target -= 1  # lead in the way a fresh set would
        self.started = True
        self._last_seen = self.clock()
        self._go_to(target, self._last_seen, previous=None)
        return self._take()

    def tick(self) -> list[Cue]:
        """Advance to the clock's present; return the cues due since the last call."""
        self._advance()
        return self._take()

    def _advance(self) -> None:
        if not self.started or self.finished or self.paused:
            return
        now = self.clock()
        if self.stall_seconds is not None and now - self._last_seen > self.stall_seconds:
            self._interrupt(now)
            return
        self._last_seen = now
        if self._resume_deadline is not None:
            if now < self._resume_deadline:
                self._emit_resume_ticks(now)
                return
            self._emit_resume_ticks(self._resume_deadline)
            resumed_at, self._resume_deadline = self._resume_deadline, None
            self._deadline = resumed_at + self._remaining_when_paused
            if self.phase.is_work:
                self._pending.append(Cue(CueKind.GO, resumed_at, phase=self.index))
        while not self.finished and now >= self._deadline:
            self._emit_cues_until(self._durations[self.index])
            self._leave(elapsed=self._durations[self.index])
            self._enter(self.index + 1, self._deadline, previous=self.timeline[self.index])
        if not self.finished:
            self._emit_cues_until(self._elapsed(now))

    def _interrupt(self, now: float) -> None:
        """Nobody looked for too long: pause where things stood when the clock was last seen."""
        if self._resume_deadline is None:
            self._remaining_when_paused = max(0.0, self._deadline - self._last_seen)
        self._resume_deadline = None
        self.paused = True
        gap = now - self._last_seen
        self.interrupted = gap
        self.interrupted_seconds += gap

    def next_wakeup(self) -> float | None:
        """Clock time of the next change worth showing (a cue, a new second, a phase end)."""
        if not self.started or self.finished or self.paused:
            return None
        now = self.clock()
        if self._resume_deadline is not None:
            return max(now, self._next_second(now, self._resume_deadline))
        # The displayed number changes at each whole second of time left...
        wake = self._next_second(now, self._deadline)
        # ...and a cue (a halfway mark, say) may fall between two of them.
        start = self._deadline - self._durations[self.index]
        for offset, _kind, _count in cue_schedule(self.phase, self._durations[self.index]):
            if offset > self._emitted_upto:
                wake = min(wake, start + offset)
        return max(now, wake)  # an overdue cue or deadline: wake at once

    @staticmethod
    def _next_second(now: float, deadline: float) -> float:
        """When the whole seconds left before ``deadline`` next change (never past it)."""
        left = deadline - now
        return deadline - (math.ceil(left) - 1) if left > 0 else now

    # --- controls -----------------------------------------------------------------

    def toggle_pause(self) -> list[Cue]:
        """Pause, or resume after a short get-ready count."""
        return self.resume() if self.paused else self.pause()

    def pause(self) -> list[Cue]:
        """Freeze the current phase."""
        if self.started and not self.finished and not self.paused:
            self._advance()
            if not self.paused and not self.finished:
                if self._resume_deadline is None:
                    self._remaining_when_paused = max(0.0, self._deadline - self.clock())
                self._resume_deadline = None
                self.paused = True
        return self._take()

    def resume(self) -> list[Cue]:
        """Carry on where the pause left off, after a short 3-2-1."""
        if self.paused and not self.finished:
            self.paused = False
            self.interrupted = None
            self._last_seen = self.clock()
            self._begin_resume_count()
        return self._take()

    def skip(self) -> list[Cue]:
        """Skip ahead: out of the current set's work, or to the next phase."""
        if not self._ready():
            return self._take()
        phase = self.timeline[self.index]
        target = self.index + 1
        if phase.is_work:
            while target < len(self.timeline) and self.timeline[target].is_work \
                    and self.timeline[target].set_key == phase.set_key:
                target += 1
        self._jump(target)
        return self._take()

    def skip_exercise(self) -> list[Cue]:
        """Leave the rest of this exercise; its sets not worked count as skipped."""
        if not self._ready():
            return self._take()
        current = self.timeline[self.index].exercise_index
        target = next((i for i, p in enumerate(self.timeline)
                       if p.exercise_index > current or p.kind is PhaseKind.DONE), len(self.timeline) - 1)
        self._jump(target)
        return self._take()

    def back(self) -> list[Cue]:
        """Back to the start of this side or set; within 3 s of that start, to the one before.

        In a rest, a get-ready or a side switch, that is the set (or side) just before it.
        What was recorded stays: a set redone keeps the better of its attempts.
        """
        if not self._ready():
            return self._take()
        now = self.clock()
        phase = self.timeline[self.index]
        if phase.is_work:
            start = self._unit_start[phase.set_key]
            in_unit = sum(self._durations[start:self.index]) + self._elapsed(now)
            target = start if in_unit >= BACK_GRACE_SECONDS else self._unit_before(start)
            self._leave(elapsed=self._elapsed(now))  # what this attempt did so far is kept
        else:
            target = self._unit_before(self.index)
        for key in {p.set_key for p in self.timeline[target:] if p.is_work}:
            if key in self._attempt:
                self._best[key] = max(self._best.get(key, 0.0), self._attempt.pop(key))
        self._go_to(target, now, previous=None)
        return self._take()

    def more_rest(self, seconds: int = MORE_REST_SECONDS) -> bool:
        """Add time to the current rest (this rest only); False when not resting."""
        if not self._ready() or self.timeline[self.index].kind is not PhaseKind.REST:
            return False
        self._durations[self.index] += seconds
        if self.paused or self._resume_deadline is not None:
            self._remaining_when_paused += seconds
        else:
            self._deadline += seconds
        return True

    def end(self) -> None:
        """End the session early; what was done so far is kept."""
        if self.started and not self.finished:
            self._advance()  # the routine may have run to its end since the last tick
            if not self.finished:
                self._leave(elapsed=self._elapsed(self.clock()))
                self.finished = True
                self.completed = False

    # --- state ------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self.timeline[self.index]

    @property
    def status(self) -> Literal["completed", "partial"]:
        """``completed`` when the routine ran to its end with at least half its sets worked, else ``partial``."""
        return session_status(self.completed, self.set_records())

    def remaining(self) -> float:
        """Seconds left in the current phase (or in the resume count)."""
        if self.finished:
            return 0.0
        now = self.clock()
        if self._resume_deadline is not None:
            return max(0.0, self._resume_deadline - now)
        if self.paused:
            return self._remaining_when_paused
        return max(0.0, self._deadline - now)

    def total_seconds(self) -> float:
        """Planned length of the whole session, including added rest."""
        return sum(self._durations)

    def snapshot(self) -> Snapshot:
        """The state as a screen shows it."""
        phase = self.phase
        duration = self._durations[self.index]
        resuming = self._resume_deadline is not None
        left = self.remaining()
        phase_left = self._remaining_when_paused if (resuming or self.paused) else left
        elapsed = duration - phase_left if duration else 0.0
        done_before = sum(self._durations[: self.index])
        total = self.total_seconds() or 1.0
        return Snapshot(
            phase=phase,
            words="GET READY" if resuming else phase.words,
            remaining=left,
            phase_progress=1.0 if self.finished else (elapsed / duration if duration else 1.0),
            session_progress=1.0 if self.completed else min(1.0, (done_before + elapsed) / total),
            paused=self.paused,
            resuming=resuming,
            next_up=self.next_up(),
            finished=self.finished,
            interrupted=self.interrupted if self.paused else None,
        )

    def next_up(self) -> str:
        """What comes after the current step, in words (a rest with the seconds it will last)."""
        phase = self.phase
        j = self.index + 1
        while j < len(self.timeline) and self.timeline[j].is_work and phase.is_work \
                and self.timeline[j].set_key == phase.set_key:
            j += 1
        if j >= len(self.timeline):
            return ""
        nxt = self.timeline[j]
        exercise = self.routine.exercises[nxt.exercise_index]
        if nxt.kind is PhaseKind.DONE:
            return "Finish"
        if nxt.kind is PhaseKind.REST:
            return f"Rest {nxt.seconds} s"  # more rest never carries over to another rest
        if nxt.kind is PhaseKind.SWITCH_SIDES:
            return "Switch sides"
        if nxt.kind is PhaseKind.GET_READY:
            return f"{exercise.name} ({exercise.prescription()})"
        side = f", {nxt.side} side" if nxt.side else ""
        return f"{exercise.name}: set {nxt.set_number}/{exercise.sets}{side}"

    def set_records(self) -> list[SetRecord]:
        """What was done per exercise, set and side, against the plan.

        A hold under way counts the whole seconds held up to the moment the clock was
        last seen, so a checkpoint taken mid-set keeps them.
        """
        live: dict[SetKey, float] = {}
        phase = self.phase
        if self.started and not self.finished and phase.kind is PhaseKind.HOLD:
            live[phase.set_key] = self._elapsed(self._last_seen)
        out = []
        for record in self.records:
            key = (record.exercise_index, record.set, record.side)
            value = max(self._best.get(key, 0.0), self._attempt.get(key, 0.0) + live.get(key, 0.0))
            achieved = min(math.floor(value + 1e-6), record.target)  # whole seconds held, or reps
            out.append(record.model_copy(update={"achieved": achieved, "skipped": achieved <= 0}))
        return out

    def resume_point(self) -> SetKey | None:
        """The set (and side) a resume would go on with: the one under way, else the next; None at the end."""
        if self.finished:
            return None
        return next((p.set_key for p in self.timeline[self.index:] if p.is_work), None)

    # --- internals ---------------------------------------------------------------------

    def _inferred_resume_point(self, recorded: list[SetRecord]) -> SetKey | None:
        """Where an old checkpoint (no resume point) goes on: the last set with work in it
        if it fell short, else the set after it; the first set when none has work."""
        units = sorted(self._unit_start, key=self._unit_start.__getitem__)
        if not recorded:
            return units[0] if units else None
        last = max(recorded, key=lambda r: self._unit_start[(r.exercise_index, r.set, r.side)])
        key = (last.exercise_index, last.set, last.side)
        if last.achieved < last.target:
            return key
        later = units.index(key) + 1
        return units[later] if later < len(units) else None

    def _unit_before(self, index: int) -> int:
        """The start of the last set (or side) that begins before ``index``; 0 when there is none."""
        return max((start for start in self._unit_start.values() if start < index), default=0)

    def _ready(self) -> bool:
        """Catch up with the clock; True when a control can still act."""
        self._advance()  # the session may have moved on (or ended) since the last tick
        return self.started and not self.finished

    def _take(self) -> list[Cue]:
        cues, self._pending = self._pending, []
        return cues

    def _elapsed(self, now: float) -> float:
        if self.paused or self._resume_deadline is not None:
            return self._durations[self.index] - self._remaining_when_paused
        return self._durations[self.index] - max(0.0, self._deadline - now)

    def _go_to(self, index: int, now: float, previous: Phase | None) -> None:
        """Make ``index`` current now, after a control. Work gets a 3-2-1 count-in first;
        a paused session stays paused (the count comes when it resumes)."""
        into_work = self.timeline[index].is_work
        self._enter(index, now, previous=previous, announce=not into_work)
        if self.finished:
            self.paused = False
            return
        if self.paused:
            self._remaining_when_paused = self._durations[index]
        elif into_work:
            self._remaining_when_paused = self._durations[index]
            self._begin_resume_count()

    def _begin_resume_count(self) -> None:
        now = self.clock()
        self._resume_deadline = now + RESUME_SECONDS
        self._resume_emitted = 0
        self._emit_resume_ticks(now)  # the "3" is due at once

    def _emit_resume_ticks(self, now: float) -> None:
        assert self._resume_deadline is not None
        for count in range(RESUME_SECONDS, 0, -1):
            due = self._resume_deadline - count
            if due <= now and RESUME_SECONDS - count >= self._resume_emitted:
                self._pending.append(Cue(CueKind.TICK, due, count, phase=self.index))
                self._resume_emitted += 1

    def _emit_cues_until(self, elapsed: float) -> None:
        start = self._deadline - self._durations[self.index]
        for offset, kind, count in cue_schedule(self.timeline[self.index], self._durations[self.index]):
            if self._emitted_upto < offset <= elapsed:
                self._pending.append(Cue(kind, start + offset, count, phase=self.index))
        self._emitted_upto = max(self._emitted_upto, elapsed)

    def _enter(self, index: int, at: float, previous: Phase | None, announce: bool = True) -> None:
        """Make ``index`` the current phase, starting at clock time ``at``.

        ``announce=False`` holds back the phase's opening cue (a count-in follows).
        """
        self.index = index
        phase = self.timeline[index]
        self._durations[index] = float(phase.seconds)  # more rest given before does not carry over
        self._deadline = at + self._durations[index]
        self._emitted_upto = 0.0
        self._resume_deadline = None
        if previous is not None:
            if previous.kind is PhaseKind.REST:
                self._pending.append(Cue(CueKind.REST_OVER, at, phase=index))
            elif (previous.is_work and not (phase.is_work and phase.set_key == previous.set_key)
                  and phase.kind is not PhaseKind.SWITCH_SIDES):
                self._pending.append(Cue(CueKind.SET_DONE, at, phase=index))
        if phase.is_work:
            first = previous is None or not previous.is_work or previous.set_key != phase.set_key
            if announce:
                self._pending.append(Cue(CueKind.GO if first else CueKind.REP_PHASE, at, phase=index))
        elif phase.kind is PhaseKind.GET_READY:
            self._pending.append(Cue(CueKind.READY, at, phase=index))
        elif phase.kind is PhaseKind.SWITCH_SIDES:
            self._pending.append(Cue(CueKind.SWITCH_SIDES, at, phase=index))
        elif phase.kind is PhaseKind.DONE:
            self._pending.append(Cue(CueKind.COMPLETE, at, phase=index))
            self.finished = True
            self.completed = True

    def _leave(self, elapsed: float) -> None:
        """Account for the work of the current phase as it ends after ``elapsed`` s."""
        phase = self.timeline[self.index]
        if not phase.is_work:
            return
        key = phase.set_key
        if phase.kind is PhaseKind.HOLD:
            self._attempt[key] = self._attempt.get(key, 0.0) + elapsed
        elif phase.ends_rep and elapsed >= self._durations[self.index]:
            self._attempt[key] = max(self._attempt.get(key, 0.0), float(phase.rep))

    def _jump(self, target: int) -> None:
        now = self.clock()
        previous = self.timeline[self.index]
        self._leave(elapsed=self._elapsed(now))  # while paused, paused time is not work
        self._go_to(target, now, previous=previous)
