"""The coaching engine: a routine becomes a timeline of phases run on a clock.

The clock is injected (``time.monotonic`` in the app, a fake in tests). Each phase
ends at a deadline on that clock and the next phase starts at that deadline, not
when somebody noticed, so a session never drifts however late ``tick()`` is called.
The engine knows nothing of Textual or sound: it reports :class:`Cue` events and a
:class:`Snapshot` for a screen to show.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

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
from hamcoach.history.models import COMPLETED, PARTIAL, SessionStatus, SetRecord
from hamcoach.routines.models import Routine

RESUME_SECONDS = 3  # the short count after a pause or a jump back
MORE_REST_SECONDS = 15
BACK_GRACE_SECONDS = 3  # "back" within this much of a set's start goes to the previous set

__all__ = ["Cue", "CueKind", "Engine", "Phase", "PhaseKind", "Snapshot", "loudest"]


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


class Engine:
    """Runs one routine on an injected monotonic clock.

    Call :meth:`start`, then :meth:`tick` whenever convenient (it returns the cues
    that fell due since the last call); the controls act at once.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float]):
        self.routine = routine
        self.clock = clock
        self.timeline = build_timeline(routine)
        self.index = 0
        self.started = False
        self.finished = False
        self.completed = False
        self.paused = False
        self._durations = [float(p.seconds) for p in self.timeline]
        self._deadline = 0.0
        self._remaining_when_paused = 0.0
        self._resume_deadline: float | None = None  # set during the short get-ready count
        self._resume_emitted = 0
        self._emitted_upto = -1.0  # elapsed seconds in this phase whose cues are out
        self._pending: list[Cue] = []
        self._hold_seconds: dict[SetKey, float] = {}
        self._reps_done: dict[SetKey, int] = {}
        self._worked: set[SetKey] = set()
        self.records = self._planned_records()

    # --- running ---------------------------------------------------------------

    def start(self) -> list[Cue]:
        """Start the first phase now."""
        self.started = True
        self._enter(0, self.clock(), previous=None)
        return self._take()

    def start_from(self, done: list[SetRecord]) -> list[Cue]:
        """Start again from a checkpoint: recorded work counts, and the session goes on
        with the set that was under way (from its start) or, if it was finished, the next."""
        worked = [r for r in done if not r.skipped]
        if worked and worked[-1].achieved < worked[-1].target:
            worked.pop()  # cut off mid-set: that set is done again
        for record in worked:
            key = (record.exercise_index, record.set, record.side)
            self._worked.add(key)
            if record.kind == "reps":
                self._reps_done[key] = record.achieved
            else:
                self._hold_seconds[key] = float(record.achieved)
        last = (worked[-1].exercise_index, worked[-1].set, worked[-1].side) if worked else None
        seen_last = last is None
        if last is not None and not any(p.is_work and p.set_key == last for p in self.timeline):
            seen_last = True  # the routine changed since: carry on with the first set not done
        target = len(self.timeline) - 1
        for i, phase in enumerate(self.timeline):
            if phase.is_work and phase.set_key == last:
                seen_last = True
            elif seen_last and phase.is_work and phase.set_key not in self._worked:
                target = i
                break
        if target > 0 and self.timeline[target - 1].kind in (PhaseKind.GET_READY, PhaseKind.SWITCH_SIDES):
            target -= 1  # lead in the way a fresh set would
        self.started = True
        self._restart_at(target)
        return self._take()

    def tick(self) -> list[Cue]:
        """Advance to the clock's present; return the cues due since the last call."""
        self._advance()
        return self._take()

    def _advance(self) -> None:
        if not self.started or self.finished or self.paused:
            return
        now = self.clock()
        if self._resume_deadline is not None:
            if now < self._resume_deadline:
                self._emit_resume_ticks(now)
                return
            self._emit_resume_ticks(self._resume_deadline)
            resumed_at, self._resume_deadline = self._resume_deadline, None
            self._deadline = resumed_at + self._remaining_when_paused
            if self.phase.is_work:
                self._pending.append(Cue(CueKind.GO, resumed_at))
        while not self.finished and now >= self._deadline:
            self._emit_cues_until(self._durations[self.index])
            self._leave(elapsed=self._durations[self.index])
            self._enter(self.index + 1, self._deadline, previous=self.timeline[self.index])
        if not self.finished:
            self._emit_cues_until(self._elapsed(now))

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
            now = self.clock()
            if self._resume_deadline is None:
                self._remaining_when_paused = max(0.0, self._deadline - now)
            self._resume_deadline = None
            self.paused = True
        return self._take()

    def resume(self) -> list[Cue]:
        """Carry on where the pause left off, after a short 3-2-1."""
        if self.paused:
            self.paused = False
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
        """Leave the rest of this exercise; its unstarted sets count as skipped."""
        if not self._ready():
            return self._take()
        current = self.timeline[self.index].exercise_index
        target = next((i for i, p in enumerate(self.timeline)
                       if p.exercise_index > current or p.kind is PhaseKind.DONE), len(self.timeline) - 1)
        self._jump(target)
        return self._take()

    def back(self) -> list[Cue]:
        """Go back to the start of the current set, or of the previous one if just begun."""
        if not self._ready():
            return self._take()
        phase = self.timeline[self.index]
        start = self._set_start(phase.exercise_index, max(phase.set_number, 1))
        # Time since the set began, across all its phases so far (quick reps included).
        in_set = sum(self._durations[start:self.index]) + self._elapsed(self.clock())
        if phase.kind is PhaseKind.GET_READY or (start <= self.index and in_set < BACK_GRACE_SECONDS):
            start = self._previous_set_start(start)
        self.paused = False  # like skip, back acts at once; a count-in follows
        for key in {p.set_key for p in self.timeline[start:] if p.is_work}:
            self._hold_seconds.pop(key, None)
            self._reps_done.pop(key, None)
            self._worked.discard(key)
        self._restart_at(start)
        return self._take()

    def more_rest(self, seconds: int = MORE_REST_SECONDS) -> bool:
        """Add time to the current rest; False when not resting."""
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
    def status(self) -> SessionStatus:
        """``completed`` when the routine ran to its end, else ``partial``."""
        # Skipping through every exercise reaches the end too, but is no training day.
        return COMPLETED if self.completed and self._worked else PARTIAL

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
        )

    def next_up(self) -> str:
        """What comes after the current step, in words."""
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
            return f"Rest {nxt.seconds} s"
        if nxt.kind is PhaseKind.SWITCH_SIDES:
            return "Switch sides"
        if nxt.kind is PhaseKind.GET_READY:
            return f"{exercise.name} ({exercise.prescription()})"
        side = f", {nxt.side} side" if nxt.side else ""
        return f"{exercise.name}: set {nxt.set_number}/{exercise.sets}{side}"

    def set_records(self) -> list[SetRecord]:
        """What was done per exercise, set and side, against the plan."""
        out = []
        for record in self.records:
            key = (record.exercise_index, record.set, record.side)
            achieved = self._reps_done.get(key, 0) if record.kind == "reps" \
                else math.floor(self._hold_seconds.get(key, 0.0) + 1e-6)  # whole seconds held
            out.append(record.model_copy(update={"achieved": min(achieved, record.target),
                                                 "skipped": key not in self._worked}))
        return out

    # --- internals ---------------------------------------------------------------------

    def _planned_records(self) -> list[SetRecord]:
        records = []
        for ei, ex in enumerate(self.routine.exercises):
            for set_number in range(1, ex.sets + 1):
                for side in ex.sides:
                    records.append(SetRecord(
                        exercise_index=ei, exercise=ex.name, set=set_number, sets=ex.sets, side=side,
                        kind=ex.kind, target=ex.reps if ex.reps is not None else (ex.hold or 0)))
        return records

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

    def _restart_at(self, index: int) -> None:
        """Make ``index`` current now; work gets a 3-2-1 count-in first, like a resume."""
        count_in = self.timeline[index].is_work
        self._enter(index, self.clock(), previous=None, announce=not count_in)
        if count_in:
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
                self._pending.append(Cue(CueKind.TICK, due, count))
                self._resume_emitted += 1

    def _emit_cues_until(self, elapsed: float) -> None:
        start = self._deadline - self._durations[self.index]
        for offset, kind, count in cue_schedule(self.timeline[self.index], self._durations[self.index]):
            if self._emitted_upto < offset <= elapsed:
                self._pending.append(Cue(kind, start + offset, count))
        self._emitted_upto = max(self._emitted_upto, elapsed)

    def _enter(self, index: int, at: float, previous: Phase | None, announce: bool = True) -> None:
        """Make ``index`` the current phase, starting at clock time ``at``.

        ``announce=False`` holds back the phase's opening cue (a count-in follows).
        """
        self.index = index
        phase = self.timeline[index]
        self._deadline = at + self._durations[index]
        self._emitted_upto = 0.0
        self._resume_deadline = None
        if previous is not None:
            if previous.kind is PhaseKind.REST:
                self._pending.append(Cue(CueKind.REST_OVER, at))
            elif (previous.is_work and not (phase.is_work and phase.set_key == previous.set_key)
                  and phase.kind is not PhaseKind.SWITCH_SIDES):
                self._pending.append(Cue(CueKind.SET_DONE, at))
        if phase.is_work:
            self._worked.add(phase.set_key)
            first = previous is None or not previous.is_work or previous.set_key != phase.set_key
            if announce:
                self._pending.append(Cue(CueKind.GO if first else CueKind.REP_PHASE, at))
        elif phase.kind is PhaseKind.SWITCH_SIDES:
            self._pending.append(Cue(CueKind.SWITCH_SIDES, at))
        elif phase.kind is PhaseKind.DONE:
            self._pending.append(Cue(CueKind.COMPLETE, at))
            self.finished = True
            self.completed = True

    def _leave(self, elapsed: float) -> None:
        """Account for the work of the current phase as it ends after ``elapsed`` s."""
        phase = self.timeline[self.index]
        if not phase.is_work:
            return
        if phase.kind is PhaseKind.HOLD:
            self._hold_seconds[phase.set_key] = self._hold_seconds.get(phase.set_key, 0.0) + elapsed
        elif phase.ends_rep and elapsed >= self._durations[self.index]:
            self._reps_done[phase.set_key] = max(self._reps_done.get(phase.set_key, 0), phase.rep)

    def _jump(self, target: int) -> None:
        now = self.clock()
        self._leave(elapsed=self._elapsed(now))  # while still paused: paused time is not work
        self.paused = False
        self._enter(target, now, previous=self.timeline[self.index])

    def _set_start(self, exercise_index: int, set_number: int) -> int:
        for i, p in enumerate(self.timeline):
            if p.exercise_index == exercise_index and p.set_number == set_number and p.is_work:
                return i
        return 0

    def _previous_set_start(self, start: int) -> int:
        phase = self.timeline[start]  # the first work phase of a set
        if phase.set_number > 1:
            return self._set_start(phase.exercise_index, phase.set_number - 1)
        if phase.exercise_index > 0:
            prev = phase.exercise_index - 1
            return self._set_start(prev, self.routine.exercises[prev].sets)
        return 0
