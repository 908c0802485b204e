"""The guided session: what to do now, how long is left, and what comes next.

The screen holds no timing logic: it asks the engine for its state, plays the cues
the engine reports, and sleeps until the engine's next change (``next_wakeup``), but
never more than a second, so an idle hold costs a redraw a second rather than a busy
loop, and a stalled process is noticed (the engine pauses and says for how long).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.visual import VisualType
from textual.widgets import Digits, Footer, ProgressBar, Static

from hamcoach.coaching.engine import Engine, Snapshot
from hamcoach.coaching.recording import session_record
from hamcoach.coaching.resume import resume_at
from hamcoach.coaching.timeline import Cue, CueKind, PhaseKind, loudest
from hamcoach.errors import StoreError
from hamcoach.history.models import IN_PROGRESS, SessionRecord, parse_time
from hamcoach.routines.library import LoadedRoutine
from hamcoach.routines.models import Exercise, Routine
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import join, plain
from hamcoach.wording import format_duration

PHASE_CLASSES = {
    PhaseKind.GET_READY: "-ready", PhaseKind.SWITCH_SIDES: "-ready", PhaseKind.REST: "-rest",
    PhaseKind.LIFT: "-work", PhaseKind.REP_HOLD: "-work", PhaseKind.LOWER: "-work",
    PhaseKind.HOLD: "-work", PhaseKind.DONE: "-done",
}


# A set (or one side of it) has just been completed: worth saving in case of a crash.
CHECKPOINT_CUES = frozenset({CueKind.SET_DONE, CueKind.SWITCH_SIDES})
MAX_SLEEP_SECONDS = 1.0  # the engine is looked at least this often while it runs


def clock_digits(seconds: float) -> str:
    """Whole seconds left, rounded up, as ``45`` or ``1:30``."""
    whole = int(math.ceil(max(0.0, seconds) - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


class SessionScreen(UsesHamcoach, Screen[None]):
    """Runs one routine with the user."""

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("n", "skip", "Skip"),
        Binding("N", "skip_exercise", "Next exercise", show=False),
        Binding("b", "back", "Back a set"),
        Binding("plus,equals_sign", "more_rest", "More rest"),
        Binding("q,escape", "quit_session", "Quit"),
    ]

    def __init__(self, loaded: LoadedRoutine | None, clock: Callable[[], float],
                 resume: SessionRecord | None = None, plan: Routine | None = None):
        super().__init__()
        assert loaded is not None or (resume is not None and plan is not None)
        self.loaded = loaded
        self.resume = resume  # a checkpointed session to carry on with...
        self.routine_id = resume.routine_id if resume is not None else loaded.id  # type: ignore[union-attr]
        # ...with the plan it was checkpointed with (the routine file may have changed since)
        self.routine: Routine = plan if plan is not None else loaded.routine  # type: ignore[union-attr]
        self.engine = Engine(self.routine, clock)
        self._timer: Timer | None = None
        self._session_id = resume.id if resume else None
        self._started_wall: datetime | None = None  # set on mount, from the app's wall clock
        self._started_clock = 0.0
        self._earlier_seconds = (resume.duration_seconds or 0) if resume else 0
        self._checkpoint_warned = False
        self._shown: dict[str, object] = {}  # what each widget shows now, by selector
        self.saved_record: SessionRecord | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            yield Static(id="session-title")
            yield Static(id="exercise-name")
            yield Static(id="exercise-cues")
            with Horizontal(id="phase-row"):
                yield Static(id="phase-words")
                yield Digits("0", id="countdown")
            yield Static(id="counters")
            yield ProgressBar(id="phase-bar", show_eta=False, show_percentage=False)
            with Horizontal(id="session-row"):
                yield Static("Session", id="session-label")
                yield ProgressBar(id="session-bar", show_eta=False)
            yield Static(id="next-up")
        yield Footer()

    def on_mount(self) -> None:
        self._started_clock = self.hamcoach.clock()
        if self.resume is not None:
            self._started_wall = parse_time(self.resume.started_at)
            self._handle(self.engine.start_from(self.resume.sets, resume_at(self.resume)))
        else:
            self._started_wall = self.hamcoach.wall_clock()
            self._handle(self.engine.start())

    # --- the loop ----------------------------------------------------------------

    def tick(self) -> None:
        """Bring the engine to the present, sound its cues, redraw, sleep until the next change."""
        self._handle(self.engine.tick())

    def _handle(self, cues: list[Cue], control: bool = False) -> None:
        cue = loudest(cues)
        if cue is not None:
            self.hamcoach.player.play(cue.kind.value)
        was_interrupted = self._shown.get("interrupted")
        self.render_state()
        if self.engine.interrupted is not None and was_interrupted != self.engine.interrupted:
            self.notify(f"The coach was interrupted for {format_duration(self.engine.interrupted)}; "
                        "it paused where it stopped, and that time is not counted. Press space to go on.",
                        severity="warning", timeout=10)
        # After a control (skip, back, next exercise) the place to resume from has moved.
        if not self.engine.finished and (control or any(c.kind in CHECKPOINT_CUES for c in cues)):
            # Saving rewrites the whole history file (long, with years of it): let the
            # new phase reach the screen first, then save.
            self.call_after_refresh(self._checkpoint)
        if self.engine.finished:
            self._finish()
        else:
            self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wake = self.engine.next_wakeup()
        if wake is not None:
            # A few ms late rather than early, so the engine sees the change is due; and
            # never more than a second away, so a stall is told from a quiet phase.
            delay = min(max(0.0, wake - self.hamcoach.clock()) + 0.005, MAX_SLEEP_SECONDS)
            self._timer = self.set_timer(delay, self.tick)

    def render_state(self) -> None:
        """Show the engine's state, touching only the widgets whose content changed.

        A ``Static.update`` always asks for a new layout of the screen, so redrawing
        every label once a second cost more CPU than all the rest of a running hold.
        """
        engine = self.engine
        snap = engine.snapshot()
        phase = snap.phase
        exercise = engine.routine.exercises[phase.exercise_index]
        count = len(engine.routine.exercises)
        index = phase.exercise_index
        self._show("#session-title", index, lambda: join(
            plain(engine.routine.name, "bold"), f"  ·  exercise {index + 1} of {count}"))
        self._show("#exercise-name", index, lambda: plain(exercise.name, "bold"))
        self._show("#exercise-cues", index,
                   lambda: Text("\n").join(plain(f"• {cue}") for cue in exercise.cues[:3]))
        words = "DONE" if snap.finished else ("PAUSED" if snap.paused else snap.words)
        self._show("#phase-words", words, lambda: Text(words, style="bold"))
        wanted = "-paused" if snap.paused else ("-ready" if snap.resuming else PHASE_CLASSES[phase.kind])
        if self._shown.get("phase-class") != wanted:
            phase_widget = self.query_one("#phase-words", Static)
            phase_widget.remove_class(*PHASE_CLASSES.values(), "-paused")
            phase_widget.add_class(wanted)
            self._shown["phase-class"] = wanted
        digits = clock_digits(snap.remaining)
        if self._shown.get("#countdown") != digits:
            self._shown["#countdown"] = digits
            self.query_one("#countdown", Digits).update(digits)
        counters = self._counters(snap, exercise)
        self._show("#counters", counters, lambda: counters)
        self.query_one("#phase-bar", ProgressBar).update(total=1000, progress=round(snap.phase_progress * 1000))
        self.query_one("#session-bar", ProgressBar).update(total=1000, progress=round(snap.session_progress * 1000))
        hint = "  ·  space to resume" if snap.paused else ""
        if snap.interrupted is not None:
            hint = f"  ·  interrupted for {format_duration(snap.interrupted)}; space to go on"
        self._shown["interrupted"] = snap.interrupted
        self._show("#next-up", (snap.next_up, hint), lambda: join("Next: ", plain(snap.next_up or "—"), hint))

    def _show(self, selector: str, key: object, content: Callable[[], VisualType]) -> None:
        if self._shown.get(selector, self._shown) != key:  # the dict itself: "never shown"
            self._shown[selector] = key
            self.query_one(selector, Static).update(content())

    @staticmethod
    def _counters(snap: Snapshot, exercise: Exercise) -> str:
        phase = snap.phase
        parts = []
        if exercise.reps is not None and phase.rep:
            parts.append(f"Rep {phase.rep}/{exercise.reps}")
        elif exercise.hold is not None:
            parts.append(f"Hold {exercise.hold} s")
        parts.append(f"Set {phase.set_number}/{exercise.sets}")
        if phase.side:
            parts.append(f"{phase.side.capitalize()} side")
        elif exercise.per_side:
            parts.append("Each side")
        return "   ".join(parts)

    # --- controls --------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause, or resume after a 3-2-1."""
        self._handle(self.engine.toggle_pause())

    def action_skip(self) -> None:
        """Skip the rest of this set, or this rest."""
        self._handle(self.engine.skip(), control=True)

    def action_skip_exercise(self) -> None:
        """Move on to the next exercise."""
        self._handle(self.engine.skip_exercise(), control=True)

    def action_back(self) -> None:
        """Back to the start of this side or set (pressed at its start: the one before)."""
        self._handle(self.engine.back(), control=True)

    def action_more_rest(self) -> None:
        """Fifteen more seconds of rest."""
        if not self.engine.more_rest():
            self.notify("+15 s works during a rest.", timeout=2)
        self._handle([])

    def pause_for_help(self) -> Callable[[object], None] | None:
        """Pause while the help is read; returns what resumes it when the help closes."""
        if self.engine.finished or self.engine.paused:
            return None
        self._handle(self.engine.pause())

        def resume(_result: object = None) -> None:
            if not self.engine.finished:
                self._handle(self.engine.resume())

        return resume

    def action_quit_session(self) -> None:
        """Ask, then end early; what was done is saved as a partial session."""
        from hamcoach.ui.screens.confirm import ConfirmScreen

        was_paused = self.engine.paused
        self._handle(self.engine.pause())
        if self.engine.finished:  # it ran out just now: the summary is already up
            return

        def answered(end: bool | None) -> None:
            if end:
                self.engine.end()
                self._handle([])
            elif not was_paused:
                self._handle(self.engine.resume())

        self.app.push_screen(
            ConfirmScreen("End this session now? What you have done so far is saved as a partial session.",
                          yes="End session", no="Keep going"),
            answered,
        )

    # --- the end -------------------------------------------------------------------------

    def _record(self, status: Literal["in_progress"] | None = None) -> SessionRecord:
        # The time this run took, without the gaps the engine found the process stalled in.
        seconds = self.hamcoach.clock() - self._started_clock - self.engine.interrupted_seconds
        record = session_record(
            self.engine, self.routine_id, self._started_wall or self.hamcoach.wall_clock(),
            self._earlier_seconds + max(0.0, seconds),
            session_id=self._session_id, status=status,
        )
        self._session_id = record.id
        return record

    def _checkpoint(self) -> None:
        """Save the session so far as ``in_progress``; a crash then loses at most one set."""
        if self.saved_record is not None or self.engine.finished:
            return  # the final record is saved (or about to be): never overwrite it
        try:
            self.hamcoach.store.save_session(self._record(status=IN_PROGRESS))
        except (StoreError, OSError) as exc:
            if not self._checkpoint_warned:  # say it once, not after every set
                self._checkpoint_warned = True
                self.notify(f"Could not save progress: {exc}", severity="warning", timeout=15, markup=False)

    def _finish(self) -> None:
        if self.saved_record is not None:
            return
        from hamcoach.ui.screens.summary import SummaryScreen

        if self._timer is not None:
            self._timer.stop()
        record = self._record()
        self.saved_record = record
        error = None
        try:
            self.hamcoach.store.save_session(record)
        except (StoreError, OSError) as exc:
            error = str(exc)
        # Help or the too-small notice may be on top: the summary replaces this screen,
        # not whatever covers it.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.app.switch_screen(SummaryScreen(record, self.loaded, save_error=error))
        self.hamcoach.check_size(self.app.size.width, self.app.size.height)

    def on_unmount(self) -> None:
        # The app is closing mid-session (ctrl+c, a closed terminal): keep what was done,
        # as in_progress, so the next start offers to resume it.
        if self.engine.started and self.saved_record is None:
            self._checkpoint()
