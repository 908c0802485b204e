"""The guided session: what to do now, how long is left, and what comes next.

Made to be read from a mat a metre or two away: the figure that matters (seconds left,
or the rep while reps run) is the biggest thing, centred, and grows with the terminal;
the phase and side are large words under it; the whole stage takes the phase's colour
(work, rest, get ready, paused), and the words say the same without colour. What to
show is decided in :mod:`hamcoach.coaching.display`; this screen only draws it.

The screen holds no timing logic: it asks the engine for its state, plays the cues
the engine reports, and sleeps until the engine's next change (``next_wakeup``), but
never more than a second, so an idle hold costs a redraw a second rather than a busy
loop, and a stalled process is noticed (the engine pauses and says for how long).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.visual import VisualType
from textual.widgets import ProgressBar, Static

from hamcoach.coaching import display
from hamcoach.coaching.engine import Engine, Snapshot
from hamcoach.coaching.prescription import Prescription, neighbour_rung
from hamcoach.coaching.progression import Progression
from hamcoach.coaching.recording import session_record
from hamcoach.coaching.resume import resume_at
from hamcoach.coaching.timeline import Cue, CueKind, PhaseKind
from hamcoach.errors import StoreError
from hamcoach.history.models import IN_PROGRESS, SessionRecord, parse_time
from hamcoach.routines.library import LoadedRoutine
from hamcoach.routines.models import Exercise, Routine
from hamcoach.sound.phrases import moment
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import join, plain
from hamcoach.ui.widgets.big_figures import LETTERS, BigFigures
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.ui.widgets.phase_bar import PhaseBar
from hamcoach.ui.widgets.session_bar import SessionBar
from hamcoach.ui.widgets.sound_state import SoundState
from hamcoach.wording import format_duration

MOOD_CLASSES = {mood: f"-{mood}" for mood in ("work", "rest", "ready", "paused", "done")}

# A set (or one side of it) has just been completed: worth saving in case of a crash.
CHECKPOINT_CUES = frozenset({CueKind.SET_DONE, CueKind.SWITCH_SIDES})
MAX_SLEEP_SECONDS = 1.0  # the engine is looked at least this often while it runs


def exercise_lines(exercise: Exercise) -> Text:
    """The lines under the exercise's name: the user's note first (band strength, a
    reminder), then the cues, as many as there is room for (app.tcss sets the rows)."""
    lines = [join(Text("Note: ", style="bold"), plain(exercise.note, "italic"))] if exercise.note else []
    lines += [plain(f"• {cue}") for cue in exercise.cues]
    return Text("\n").join(lines[:4])


class SessionScreen(UsesHamcoach, StableKeys, Screen[None]):
    """Runs one routine with the user."""

    BINDINGS = [
        # Short words, so the footer is whole at 60 columns; the help shows the tooltips.
        Binding("space", "toggle_pause", "Pause", tooltip="Pause/resume"),
        Binding("n", "skip", "Skip"),
        Binding("N", "skip_exercise", "Next exercise", show=False),
        Binding("b", "back", "Back", tooltip="Back a set"),
        Binding("plus,equals_sign", "more_rest", "+15s", tooltip="More rest (during a rest)"),
        Binding("q,escape", "quit_session", "End", tooltip="End the session"),
        Binding("less_than_sign", "swap_rung(True)", "Easier", show=False,
                tooltip="At a get-ready: the next easier rung of the ladder, for today"),
        Binding("greater_than_sign", "swap_rung(False)", "Harder", show=False,
                tooltip="At a get-ready: the next harder rung of the ladder, for today"),
    ]
    # Room for the cues and for the words: fewer rows of cues on a short terminal, larger
    # words on a tall one (app.tcss); the figure takes what is left.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (21, "-medium"), (30, "-tall"), (50, "-huge")]

    class PauseRequested(Message):
        """Another screen (the too-small notice over this one) asks to pause or resume."""

    def __init__(self, loaded: LoadedRoutine | None, clock: Callable[[], float],
                 resume: SessionRecord | None = None, plan: Routine | None = None,
                 before: Progression | None = None, prescription: Prescription | None = None):
        super().__init__()
        self.before = before  # the coach before this session (for the summary's "next time")
        self.prescription = prescription  # how the plan differs from the routine file (for the notes)
        assert loaded is not None or (resume is not None and plan is not None)
        self.loaded = loaded
        self.resume = resume  # a checkpointed session to carry on with...
        self.routine_id = resume.routine_id if resume is not None else loaded.id  # type: ignore[union-attr]
        # ...with the plan it was checkpointed with (the routine file may have changed since)
        self.routine: Routine = plan if plan is not None else loaded.routine  # type: ignore[union-attr]
        self.engine = Engine(self.routine, clock)
        self._timer: Timer | None = None
        # Known from the start, so the session is marked live (held) before its first save.
        self._session_id = resume.id if resume else str(uuid.uuid4())
        self._started_wall: datetime | None = None  # set on mount, from the app's wall clock
        self._started_clock = 0.0
        self._earlier_seconds = (resume.duration_seconds or 0) if resume else 0
        self._checkpoint_warned = False
        self._shown: dict[str, object] = {}  # what each Static shows now, by selector
        self.saved_record: SessionRecord | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="session"):
            with Horizontal(id="session-top"):
                yield Static(id="session-title", markup=False)
                yield SoundState(id="sound-state")
            yield Static(id="exercise-name", markup=False)
            yield Static(id="exercise-cues", markup=False)
            with Vertical(id="stage"):
                yield BigFigures(id="figure")
                yield BigFigures(id="phase-words", font=LETTERS)
                with Horizontal(id="phase-bar-row"):
                    yield PhaseBar(id="phase-bar")
            with Horizontal(id="session-row"):
                yield Static("Session", id="session-label")
                yield SessionBar(id="session-bar", show_eta=False)
            yield Static(id="next-up", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Live while it runs: no other hamcoach offers it for resume or changes it.
        self.hamcoach.store.claim(self._session_id)
        self._started_clock = self.hamcoach.clock()
        self._show_sound()
        self.hamcoach.sound_changed.subscribe(self, lambda _data: self._show_sound())
        self.hamcoach.player.prepare_speech(self.routine)  # phrases rendered ahead, off this thread
        if self.resume is not None:
            self._started_wall = parse_time(self.resume.started_at)
            self._handle(self.engine.start_from(self.resume.sets, resume_at(self.resume)))
        else:
            self._started_wall = self.hamcoach.wall_clock()
            self._handle(self.engine.start())

    def _show_sound(self) -> None:
        state = self.query_one(SoundState)
        state.sound, state.voice = self.hamcoach.sound_state()

    # --- the loop ----------------------------------------------------------------

    def tick(self) -> None:
        """Bring the engine to the present, sound its cues, redraw, sleep until the next change."""
        self._handle(self.engine.tick())

    def _handle(self, cues: list[Cue], control: bool = False) -> None:
        sound = moment(cues, self.engine.timeline, self.engine.routine)  # a phrase or a tone
        if sound is not None:
            self.hamcoach.player.announce(sound)
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
        """Show the engine's state, touching only what changed.

        A ``Static.update`` asks for a new layout of the whole screen, so the lines of text
        change only with the exercise or the phase; the figure, the words and the bar are
        reactive widgets that repaint themselves alone (and only when their value changes).
        """
        engine = self.engine
        snap = engine.snapshot()
        routine = engine.routine
        phase = snap.phase
        count = len(routine.exercises)
        index = display.exercise_in_view(routine, phase)
        exercise = routine.exercises[index]
        up_next = display.is_up_next(routine, phase)
        self._show("#session-title", index, lambda: join(
            plain(routine.name, "bold"), f"  ·  exercise {index + 1} of {count}"))
        set_words = "" if up_next else f"set {phase.set_number} of {exercise.sets}  ·  "
        swap = self._swap_hint(index) if phase.kind is PhaseKind.GET_READY and not snap.finished else ""
        self._show("#exercise-name", (index, exercise.name, up_next, set_words, swap), lambda: join(
            "Up next: " if up_next else "", plain(exercise.name, "bold"), "   ",
            Text(set_words + exercise.prescription(), style="dim"), self._coach_note(index),
            Text(swap, style="dim")))
        self._show("#exercise-cues", (index, exercise.name), lambda: exercise_lines(exercise))

        resting = phase.kind is PhaseKind.REST and not snap.finished
        if self._shown.get("resting") != resting:
            self._shown["resting"] = resting
            self.refresh_bindings()  # "+15s" shows in the footer during a rest only
        stage = self.query_one("#stage")
        mood = MOOD_CLASSES[display.mood(snap)]
        if not stage.has_class(mood):
            stage.remove_class(*MOOD_CLASSES.values())
            stage.add_class(mood)
        figure = self.query_one("#figure", BigFigures)
        figure.sample = display.figure_sample(snap, routine, phase.seconds)
        figure.text = display.big_figure(snap, routine)
        words, *shorter = display.banner(snap, routine)
        banner = self.query_one("#phase-words", BigFigures)
        banner.shorter = tuple(shorter)
        banner.text = words
        bar = self.query_one(PhaseBar)
        if display.counts_reps(snap) and not snap.paused:
            # A rep phase lasts a second or two: its bar moves on by itself in between.
            clock = self.hamcoach.clock
            bar.run(clock, clock() + snap.remaining, phase.seconds)
        else:
            bar.stop()
            bar.progress = snap.phase_progress
        self.query_one("#session-bar", ProgressBar).update(total=1000, progress=round(snap.session_progress * 1000))
        hint = "  ·  space to resume" if snap.paused else ""
        if snap.interrupted is not None:
            hint = f"  ·  interrupted for {format_duration(snap.interrupted)}; space to go on"
        self._shown["interrupted"] = snap.interrupted
        self._show("#next-up", (snap.next_up, hint), lambda: join("Next: ", plain(snap.next_up or "—"), hint))
        self._tell_cover(snap, words)

    def _show(self, selector: str, key: object, content: Callable[[], VisualType]) -> None:
        if self._shown.get(selector, self._shown) != key:  # the dict itself: "never shown"
            self._shown[selector] = key
            self.query_one(selector, Static).update(content())

    def _tell_cover(self, snap: Snapshot, words: str) -> None:
        """Keep the too-small notice (when it covers this screen) saying where the session is."""
        from hamcoach.ui.screens.too_small import TooSmallScreen

        cover = self.app.screen
        if isinstance(cover, TooSmallScreen) and self.app.screen_stack[-2:-1] == [self]:
            figure = display.big_figure(snap, self.engine.routine)
            action = "resume" if snap.paused else "pause"
            cover.status = f"{words}  {figure}  ·  space to {action}"

    def on_session_screen_pause_requested(self, _message: PauseRequested) -> None:
        if not self.engine.finished:
            self.action_toggle_pause()

    def on_screen_suspend(self) -> None:
        # Something now covers the session (help, a question, the too-small notice): a
        # paused session does not tick, so say where it is once, after the cover is up.
        if self.engine.started and not self.engine.finished:
            self.call_later(self.render_state)

    # --- controls --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "more_rest":
            return self._shown.get("resting") is True
        return True

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
        """Save the session so far as ``in_progress``; a crash then loses at most one set.

        The save runs off the UI thread in the real app (see ``app.checkpoints``)."""
        if self.saved_record is not None or self.engine.finished:
            return  # the final record is saved (or about to be): never overwrite it
        self.hamcoach.checkpoints.save(self._record(status=IN_PROGRESS), self._checkpoint_failed)

    def _checkpoint_failed(self, message: str) -> None:
        def say() -> None:
            if not self._checkpoint_warned:  # say it once, not after every set
                self._checkpoint_warned = True
                self.notify(f"Could not save progress: {message}", severity="warning", timeout=15, markup=False)

        try:
            self.app.call_from_thread(say)  # from the saver's thread
        except RuntimeError:
            say()  # already on the UI thread

    def _finish(self) -> None:
        if self.saved_record is not None:
            return
        from hamcoach.ui.screens.summary import SummaryScreen

        if self._timer is not None:
            self._timer.stop()
        record = self._record()
        self.saved_record = record
        error = None
        self.hamcoach.checkpoints.settle()  # no older checkpoint may land after the final record
        try:
            self.hamcoach.store.save_session(record)
        except (StoreError, OSError) as exc:
            error = str(exc)
        self.hamcoach.store.release(record.id)  # final: no longer live
        # Help or the too-small notice may be on top: the summary replaces this screen,
        # not whatever covers it.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.app.switch_screen(SummaryScreen(record, self.loaded, save_error=error, before=self.before))
        self.hamcoach.check_size(self.app.size.width, self.app.size.height)

    # --- a rung swapped for today ------------------------------------------------------

    def _neighbour(self, index: int, easier: bool) -> Exercise | None:
        planned = self.prescription.planned if self.prescription is not None else ()
        level = planned[index].level if index < len(planned) else 0
        return neighbour_rung(self.engine.routine.exercises[index], self.hamcoach.coach.ladders, easier, level)

    def _swap_hint(self, index: int) -> str:
        parts = [f"{key} {word}" for key, word, easier in (("<", "easier", True), (">", "harder", False))
                 if self._neighbour(index, easier) is not None]
        return "   " + "  ".join(parts) if parts else ""

    def action_swap_rung(self, easier: bool) -> None:
        """At a get-ready: run the next easier (or harder) rung today; the level stays, and
        the coach does not count a swapped session toward a step."""
        phase = self.engine.phase
        if phase.kind is not PhaseKind.GET_READY or self.engine.finished:
            self.notify("Swap a rung at the get-ready before the exercise.", timeout=3)
            return
        index = phase.exercise_index
        before = self.engine.routine.exercises[index]
        swapped = self._neighbour(index, easier)
        if swapped is None or not self.engine.swap_exercise(index, swapped):
            self.notify(f"No {'easier' if easier else 'harder'} rung for {before.name}.", timeout=3, markup=False)
            return
        self.hamcoach.player.prepare_speech(self.engine.routine)  # the new rung's phrases, off this thread
        self.notify(f"Today: {swapped.name} instead of {before.name}. Your level stays; a swapped session "
                    "does not count toward a step.", timeout=6, markup=False)
        self._handle([])

    def _coach_note(self, index: int) -> Text:
        """`` (+2)`` or `` (new rung)`` after an exercise the coach has changed from the routine's own."""
        planned = self.prescription.planned if self.prescription is not None else ()
        swapped = index < len(planned) and planned[index].exercise.name != self.engine.routine.exercises[index].name
        note = "(swapped for today)" if swapped else (planned[index].note() if index < len(planned) else "")
        return Text(f" {note}", style="bold") if note else Text("")

    def on_unmount(self) -> None:
        # The app is closing mid-session (ctrl+c, a closed terminal): keep what was done,
        # as in_progress, so the next start offers to resume it.
        if self.engine.started and self.saved_record is None:
            self.hamcoach.checkpoints.settle()
            # Here and now: the process may be about to end (ctrl+q, SIGTERM, SIGHUP). A
            # failure has no screen left to be said on.
            with contextlib.suppress(StoreError, OSError):
                self.hamcoach.store.save_session(self._record(status=IN_PROGRESS))
        self.hamcoach.store.release(self._session_id)

    def unsaved_work(self) -> str | None:
        """What quitting the app now would cut short (asked before ctrl+q quits)."""
        if self.engine is None or self.engine.finished or self.saved_record is not None:
            return None
        return "The session stops here; what you did is kept, and the next start offers to resume it."
