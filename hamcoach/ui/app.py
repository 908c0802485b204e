"""HamcoachApp: wiring, global keys and the theme. The work lives in screens and the core."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.filter import LineFilter
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from hamcoach.errors import SettingsError, StoreError
from hamcoach.ui.colours import ReadableText
from hamcoach.ui.text import literal

if TYPE_CHECKING:
    # Imported where they are used: pydantic (the models, the settings), TinyDB (the store)
    # and the coach are not on the way to the first frame (issue 15).
    from hamcoach.coaching.coach import Coach
    from hamcoach.coaching.prescription import Prescription
    from hamcoach.coaching.progression import Progression
    from hamcoach.first_settings import FirstSettings
    from hamcoach.history.checkpoint import CheckpointSaver
    from hamcoach.history.digest import Digest
    from hamcoach.history.models import SessionRecord
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.library import LoadedRoutine, RoutineLibrary
    from hamcoach.routines.summaries import CachedLibrary
    from hamcoach.settings import Settings
    from hamcoach.sound.player import CuePlayer
    from hamcoach.ui.screens.picker import PickerScreen

MIN_WIDTH, MIN_HEIGHT = 60, 18


def _palette_commands() -> type[Provider]:
    from hamcoach.ui.commands import HamcoachCommands  # imported when the palette first opens

    return HamcoachCommands


def local_now() -> datetime:
    """The wall-clock time with the local UTC offset."""
    return datetime.now().astimezone()


class FirstFrame(NamedTuple):
    """What the routine list's first frame is drawn from when the library, the store and the
    settings are loaded after it (issue 15): the cached routine summaries, the history's
    digest, and the settings that frame needs (all read without pydantic)."""

    library: CachedLibrary
    history: Digest
    settings: FirstSettings


class HamcoachApp(App[None]):
    """The hamcoach TUI. Everything with side effects comes in through the constructor."""

    CSS_PATH = "app.tcss"
    TITLE = "hamcoach"
    # ctrl+p: hamcoach's commands beside Textual's (theme, quit, screenshot).
    COMMANDS = App.COMMANDS | {_palette_commands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("m", "toggle_mute", "Sound", tooltip="Sound on, quiet (flash only), off"),
        # Not in the footer (full at 80 columns): help lists it, the session shows the voice.
        Binding("v", "toggle_voice", "Voice", tooltip="Voice on or off (tones only)", show=False),
        # Textual's convention: ctrl+q quits (here it asks first when something would be
        # lost), ctrl+c copies in a text field (the field's own binding comes first) and
        # elsewhere does what q does on the screen (or Escape, where q means nothing).
        Binding("ctrl+q", "quit", "Quit hamcoach", show=False, priority=True,
                tooltip="Quit hamcoach (asks first during a session or with unsaved changes)"),
        Binding("ctrl+c", "ctrl_c", "Copy, or as q", show=False,
                tooltip="Copy in a text field; elsewhere what q (or Escape) does on this screen"),
    ]

    def __init__(
        self,
        *,
        library: RoutineLibrary | None = None,
        store: HistoryStore | None = None,
        player: CuePlayer,
        settings_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = local_now,
        start_routine: str | None = None,
        checkpoints: CheckpointSaver | None = None,
        first_frame: FirstFrame | None = None,
        load_library: Callable[[], RoutineLibrary] | None = None,
        open_store: Callable[[], HistoryStore] | None = None,
        make_checkpoints: Callable[[HistoryStore], CheckpointSaver] | None = None,
    ):
        """``library`` and ``store`` as objects, or (the real app) ``load_library`` and
        ``open_store`` to make them when first needed; with ``first_frame`` they are made
        right after the first frame (see :meth:`load_now`). ``checkpoints`` (or what
        ``make_checkpoints`` makes of the store): where a session's checkpoints go; by
        default saved at once into the store (the real app saves them on a thread of its
        own: a 70 MB rewrite must not freeze the screen)."""
        super().__init__()
        if library is None and load_library is None:
            raise TypeError("HamcoachApp needs a library or load_library")
        if store is None and open_store is None:
            raise TypeError("HamcoachApp needs a store or open_store")
        self._library = library
        self._store = store
        self._checkpoints = checkpoints
        self._load_library, self._open_store, self._make_checkpoints = load_library, open_store, make_checkpoints
        self.first_frame = first_frame
        self._started = False  # the library, store and settings loaded and their notices shown (load_now)
        self.failure: str | None = None  # why the app stopped (the history could not be opened), for the CLI
        self.player = player
        self.clock = clock
        self.wall_clock = wall_clock
        self.settings_path = settings_path
        self._settings: Settings | None = None
        self.settings_problems: list[str] = []
        if first_frame is None:
            self._read_settings()
        if self.first_settings.theme in self.available_themes:  # a theme since removed is left unused
            self.theme = self.first_settings.theme
        self.start_routine = start_routine
        self._readable_text = ReadableText()
        # Warnings and errors by the screen they belong to (see notify).
        self._screen_notices: dict[str, tuple[Notification, Screen[object]]] = {}
        # Published when muting (or the voice) changes, for screens that show it.
        self.sound_changed: Signal[None] = Signal(self, "sound-changed")
        self._coach: Coach | None = None

    # --- the core's objects, made when first needed ----------------------------------

    @property
    def library(self) -> RoutineLibrary:
        """The routine library (loaded and validated when first needed)."""
        if self._library is None:
            assert self._load_library is not None
            self._library = self._load_library()
        return self._library

    @library.setter
    def library(self, library: RoutineLibrary) -> None:
        self._library = library

    @property
    def library_loaded(self) -> bool:
        """Whether the library has been loaded (until then the picker shows the cached summaries)."""
        return self._library is not None

    @property
    def store(self) -> HistoryStore:
        """The history store (opened when first needed)."""
        if self._store is None:
            assert self._open_store is not None
            self._store = self._open_store()
        return self._store

    @store.setter
    def store(self, store: HistoryStore) -> None:
        self._store = store

    @property
    def store_opened(self) -> bool:
        """Whether the history store is open (until then the picker reads the history's digest)."""
        return self._store is not None

    @property
    def checkpoints(self) -> CheckpointSaver:
        """Where a session's checkpoints go."""
        if self._checkpoints is None:
            if self._make_checkpoints is not None:
                self._checkpoints = self._make_checkpoints(self.store)
            else:
                from hamcoach.history.checkpoint import SaveNow

                self._checkpoints = SaveNow(self.store)
        return self._checkpoints

    @checkpoints.setter
    def checkpoints(self, saver: CheckpointSaver) -> None:
        self._checkpoints = saver

    @property
    def checkpoints_opened(self) -> CheckpointSaver | None:
        """The checkpoint saver if one was made (to close it after the app)."""
        return self._checkpoints

    @property
    def coach(self) -> Coach:
        """The coaching state of the history as of the wall clock's date (cached until either changes)."""
        if self._coach is None:
            from hamcoach.coaching.coach import Coach

            self._coach = Coach(self.store, self.library, lambda: self.wall_clock().date())
        return self._coach

    @property
    def settings(self) -> Settings:
        """The settings, read with their model (see :mod:`hamcoach.settings`)."""
        if self._settings is None:
            self._read_settings()
            assert self._settings is not None
        return self._settings

    @property
    def first_settings(self) -> Settings | FirstSettings:
        """The settings the first frame needs (theme, at_hand, last_routine): the model's once
        read, until then those read plainly (:mod:`hamcoach.first_settings`)."""
        if self._settings is None and self.first_frame is not None:
            return self.first_frame.settings
        return self.settings

    def _read_settings(self) -> None:
        from hamcoach.settings import Settings, read_settings

        loaded = read_settings(self.settings_path) if self.settings_path else None
        self._settings = loaded.settings if loaded else Settings()
        self.settings_problems = loaded.problems if loaded else []

    # --- start-up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        from hamcoach.ui.screens.picker import PickerScreen

        self.player.attach(bell=self._sound_fallback, on_unavailable=self._sound_unavailable,
                           dispatch=self._dispatch, flash=self._flash, on_voice=self._voice_notice)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.push_screen(PickerScreen())
        # playsound3 probes for players when imported (~0.1 s): do it in the background,
        # after the first frame, so neither start-up nor the first cue waits for it.
        self.call_after_refresh(self.player.warm_up)
        if self.first_frame is not None and not self.first_frame.settings.safety_notice_seen:
            self._push_safety()
        if self.first_frame is not None:
            self._after_first_frame()
        else:
            self.load_now()
        self.check_size(self.size.width, self.size.height)

    def _after_first_frame(self) -> None:
        # The library, the store and the settings' model right after the first frame (a key
        # pressed before then has them loaded at once: see PickerScreen._ready).
        self.call_after_refresh(self.load_now)

    def load_now(self) -> None:
        """Load the library, open the store and read the settings' model (once), show what was
        wrong with them, and ask the start-up questions (the safety notice, a session to resume).

        Runs in ``on_mount`` when the app was given its library and store, else right after
        the first frame, or at once when a key needs them before that."""
        if self._started:
            return
        self._started = True
        deferred = self.first_frame is not None
        try:
            library, store = self.library, self.store
        except Exception as exc:  # the history cannot be opened: said as the CLI says it
            self.failure = str(exc)
            self.exit(return_code=1)
            return
        if deferred:
            first = self.first_frame.settings  # type: ignore[union-attr]
            settings = self.settings  # the model's reading: it wins where the plain one differed
            if settings.theme != first.theme and settings.theme in self.available_themes:
                self.theme = settings.theme
        starting = library.get(self.start_routine) if self.start_routine else None
        if starting is not None:  # `hamcoach run ID`: its phrases rendered while the app starts
            self.player.prepare_speech(starting.routine, tell=False)
        for error in library.errors:  # the file's name and what is wrong first, then where it is
            for problem in error.problems:
                self.notify(f"Skipped {error.path.name}: {problem} (in {error.path.parent})", title="Routine file",
                            severity="warning", timeout=10, markup=False, app_wide=True)
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=15, markup=False, app_wide=True)
        for warning in store.warnings:
            self.history_warning(warning)
        store.on_warning = self.history_warning  # a file set aside when a save comes, say
        if deferred:
            from hamcoach.ui.screens.picker import PickerScreen

            for screen in self.screen_stack:  # drawn from the cache: now from the files and the history
                if isinstance(screen, PickerScreen):
                    screen.loaded()
        if self._safety_pending:
            return  # the notice is up (pushed before the first frame): the rest comes once it is read
        if not self.settings.safety_notice_seen:
            self._push_safety()
        else:
            self._offer_resume()

    _safety_pending = False  # the safety notice is up
    _resume_offered = False  # the start-up question about an unfinished session was asked (once)

    def _push_safety(self) -> None:
        from hamcoach.ui.screens.safety import SafetyScreen

        # The session (hamcoach run ID) waits until the notice has been read.
        self._safety_pending = True
        self.push_screen(SafetyScreen(), self._safety_seen)

    def on_unmount(self) -> None:
        # Whatever this app still holds (a resume question left open) is no longer live.
        if self._store is not None:
            self._store.live.release_all()

    def history_warning(self, message: str) -> None:
        """A notice about the history file (damaged, set aside, merged)."""
        self.notify(message, title="History", severity="warning", timeout=15, markup=False, app_wide=True)

    def _safety_seen(self, _result: object = None) -> None:
        self._safety_pending = False
        self.settings.safety_notice_seen = True
        self.save_settings()
        self.load_now()  # if the notice was read before the loading after the first frame
        self._offer_resume()

    def _offer_resume(self) -> None:
        """A session left in progress (a crash) is offered back before anything else starts."""
        from hamcoach.ui.screens.resume import ResumeScreen

        if self._resume_offered:
            return
        self._resume_offered = True
        # Only sessions no other hamcoach is running; each one returned is now held here.
        unfinished = self.store.unfinished_sessions()
        if not unfinished:
            self._offer_morning_check()
            return
        from hamcoach.coaching.resume import resume_plan

        newest, older = unfinished[0], unfinished[1:]
        for record in older:  # only the latest can sensibly be resumed
            self._keep_as_partial(record)
        loaded = self.library.get(newest.routine_id)
        # The plan it ran (kept in the checkpoint), whatever happened to the file since.
        plan, why_not = resume_plan(newest, loaded.routine if loaded is not None else None)

        def answered(answer: str | None) -> None:
            if answer == "resume" and plan is not None:
                from hamcoach.ui.screens.session import SessionScreen

                before, _ = self._coach_for(None)
                self.push_screen(SessionScreen(loaded, self.clock, resume=newest, plan=plan, before=before))
                return
            if answer == "discard":
                self._discard(newest)
            else:
                self._keep_as_partial(newest)
            self._open_start_routine()

        self.push_screen(ResumeScreen(newest, can_resume=plan is not None, reason=why_not), answered)

    def _offer_morning_check(self) -> None:
        """Once, the morning after a session rated for pain: better, same or worse than before it?"""
        from hamcoach.coaching.coach import morning_check_due

        now = self.wall_clock()
        if not self.settings.morning_check:
            self._open_start_routine()
            return
        try:
            due = morning_check_due(self.store.summaries(), self.store.checkins(), now,
                                    self.settings.morning_check_asked)
        except (StoreError, OSError):
            due = None
        if due is None:
            self._open_start_routine()
            return
        from hamcoach.ui.screens.morning_check import MorningCheckScreen

        def answered(answer: str | None) -> None:
            self.settings.morning_check_asked = due.session_id  # asked once, answered or skipped
            self.save_settings()
            if answer is not None:
                self._check_in(now.date(), answer)
            self._open_start_routine()

        self.push_screen(MorningCheckScreen(due.question(now)), answered)

    def _check_in(self, day: date, answer: str) -> None:
        try:
            self.store.set_checkin(day, answer)
        except (StoreError, OSError) as exc:
            self.notify(f"Could not save the check-in: {exc}", severity="warning", markup=False)
            return
        if answer != "worse":
            self.notify(f"Noted: {answer} this morning.", timeout=4)
            return
        eased = [c for c in self.coach.state().changes if c.cause == "worse" and c.day == day]
        names = ", ".join(c.before.rung for c in eased)
        self.notify((f"Noted. Easing off next time: {names}." if eased else "Noted.")
                    + " Sharp or worsening pain means stop; if it keeps happening, check with a clinician.",
                    timeout=12, markup=False)

    def _keep_as_partial(self, record: SessionRecord) -> None:
        try:
            # A session that did not reach its end is partial; it will not be resumed, so
            # the plan it kept for that goes.
            from hamcoach.history.models import PARTIAL

            self.store.save_session(record.model_copy(update={"status": PARTIAL, "checkpoint": None}))
        except (StoreError, OSError) as exc:
            self.notify(f"Could not update the history: {exc}", severity="warning", markup=False)
        finally:
            self.store.release(record.id)

    def _discard(self, record: SessionRecord) -> None:
        try:
            # Kept as a deleted session: `hamcoach history restore` (or u in the history) brings it back.
            self.store.delete(record.id)
        except (StoreError, OSError) as exc:
            self.notify(f"Could not update the history: {exc}", severity="warning", markup=False)
        else:
            self.notify(f"Discarded the unfinished {record.routine_name} session (u in the history brings it "
                        "back).", markup=False)
        finally:
            self.store.release(record.id)

    def _open_start_routine(self) -> None:
        routine = self.library.get(self.start_routine) if self.start_routine else None
        if routine is not None:
            self.start_session(routine)

    def save_settings(self) -> None:
        """Persist the settings; a failure is a notice, never a crash."""
        if self.settings_path is None:
            return
        from hamcoach.settings import save_settings

        try:
            save_settings(self.settings_path, self.settings)
        except (OSError, SettingsError) as exc:
            self.notify(f"Could not save settings: {exc}", severity="warning", markup=False, app_wide=True)

    def start_session(self, loaded: LoadedRoutine) -> None:
        """Open a guided session for a routine, as the coach prescribes it today."""
        from hamcoach.ui.screens.session import SessionScreen

        before, prescription = self._coach_for(loaded)
        plan = prescription.routine if prescription is not None else None
        self.push_screen(SessionScreen(loaded, self.clock, plan=plan, before=before, prescription=prescription))
        if self.settings.last_routine != loaded.id:  # the routine list opens on it next time
            self.settings.last_routine = loaded.id
            self.call_after_refresh(self.save_settings)  # after the session's first frame

    def _coach_for(self, loaded: LoadedRoutine | None) -> tuple[Progression | None, Prescription | None]:
        """The coach before a session, and the routine as it prescribes it; (None, None) when the
        history cannot be read for it (the routine then runs as written: a session is never lost)."""
        try:
            before = self.coach.progression()
            return before, self.coach.prescribe(loaded.routine) if loaded is not None else None
        except Exception as exc:
            self.notify(f"The coach could not read the history ({exc}); the routine runs as written.",
                        severity="warning", markup=False)
            return None, None

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Text stays readable in every theme, light ones too (hamcoach.ui.colours).
        return [self._readable_text, *super().get_line_filters()]

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered for the next start."""
        if theme != self.first_settings.theme:
            self.settings.theme = theme
            self.save_settings()

    # --- the command palette -----------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # hamcoach's own list (HamcoachCommands) has Theme near the top and a Keys that lists
        # the screen's keys as ? does (Textual's opens a side panel); Maximize is no use here.
        # Quit is in that list too, so the list shown before typing is hamcoach's alone;
        # Screenshot is found by typing.
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Keys", "Quit", "Maximize", "Minimize"):
                yield command._replace(discover=False)

    def _back_to_picker(self) -> PickerScreen | None:
        """Close the screens above the routine list (only ones that hold nothing unsaved:
        see ``hamcoach.ui.commands.navigates``) and return the list."""
        from hamcoach.ui.screens.picker import PickerScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, PickerScreen):
            self.pop_screen()
        return self.screen if isinstance(self.screen, PickerScreen) else None

    def open_history(self) -> None:
        """The history screen, over the routine list."""
        picker = self._back_to_picker()
        if picker is not None:
            picker.action_history()

    def new_routine(self) -> None:
        """The editor with a new routine, over the routine list."""
        picker = self._back_to_picker()
        if picker is not None:
            picker.action_create()

    def start_session_from_palette(self, loaded: LoadedRoutine) -> None:
        """Start a routine chosen by name in the palette."""
        if self._back_to_picker() is not None:
            self.start_session(loaded)

    def can_sound_check(self) -> bool:
        """Whether this build has the sound check (it comes with the voice coaching)."""
        from hamcoach.ui.screens.help import HelpScreen

        return callable(getattr(HelpScreen, "action_sound_check", None))

    def sound_check(self) -> None:
        """Open the keys and run the sound check in them."""
        from hamcoach.ui.screens.help import HelpScreen

        self.action_help()
        if isinstance(self.screen, HelpScreen) and self.can_sound_check():
            self.call_after_refresh(self.screen.action_sound_check)

    async def on_event(self, event: events.Event) -> None:
        screen = self.screen if self.is_running and self.screen_stack else None
        # A Dialog's (hamcoach.ui.screens.dialog); not imported here, where every event passes,
        # so that the first frame does not wait for a module only a question needs.
        typed_ahead = getattr(screen, "typed_ahead", None)
        if isinstance(event, events.Key) and typed_ahead is not None and typed_ahead(event):
            return  # typed before a start-up question appeared: not an answer to it
        await super().on_event(event)

    # --- a terminal too small to use ---------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover the screen with a notice while the terminal is too small, and lift it after."""
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not small and "hamcoach.ui.screens.too_small" not in sys.modules:
            return  # never covered (the notice's module was never needed): nothing to lift
        from hamcoach.ui.screens.too_small import TooSmallScreen

        covering = isinstance(self.screen, TooSmallScreen)
        if small and not covering:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif small and isinstance(self.screen, TooSmallScreen):
            self.screen.show_size(width, height)
        elif not small and covering:
            self.pop_screen()

    # --- sound -----------------------------------------------------------------

    def _dispatch(self, callback: Callable[[], None]) -> None:
        # The player calls back from its worker thread; Textual wants the UI thread.
        try:
            self.call_from_thread(callback)
        except RuntimeError:
            callback()  # already on the UI thread (or the app is shutting down)

    def _sound_fallback(self) -> None:
        self.bell()
        self._flash()

    def _flash(self) -> None:
        """Quiet mode's cue (and the bell's companion): the screen flashes briefly."""
        screen = self.screen
        screen.add_class("-flash")
        self.set_timer(0.25, lambda: screen.remove_class("-flash"))

    def _sound_unavailable(self, message: str) -> None:
        self.notify(message, title="Sound", severity="warning", timeout=8, markup=False, app_wide=True)
        self.sound_changed.publish(None)

    def _voice_notice(self, message: str) -> None:
        self.notify(message, title="Voice", severity="warning", timeout=8, markup=False, app_wide=True)
        self.sound_changed.publish(None)

    def sound_state(self) -> tuple[str, str | None]:
        """The sound (``on``, ``quiet``, ``off``, or ``bell`` when no player works) and the
        voice (``on``, ``off``, ``none`` installed, ``failed``; None: the app has no voice at
        all), for the session's corner."""
        from hamcoach.sound.player import SoundMode

        mode = self.player.mode
        sound = "bell" if mode is SoundMode.ON and not self.player.available else mode.value
        return sound, None if self.player.voice is None else self.player.voice_state()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True, app_wide: bool = False) -> None:
        """Every notice (screens' too) comes here: control characters in it are shown as ``?``,
        since messages quote file names, routine names and errors.

        A warning or an error belongs to the screen it was raised on (the one under a
        dialog): it goes when the user leaves that screen, and does not follow them to
        the next. Confirmations ("Saved", "Deleted") and ``app_wide`` notices stay their time.
        """
        notification = Notification(literal(message), literal(title), severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup)
        if severity != "information" and not app_wide:
            owner = next((s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen)), None)
            if owner is not None:
                self._screen_notices[notification.identity] = (notification, owner)
        self.post_message(Notify(notification))

    def _screen_changed(self, _screen: Screen[object]) -> None:
        # After the notices already posted are shown: then drop those of screens left behind.
        self.call_later(self._drop_left_behind)

    def _drop_left_behind(self) -> None:
        """Take down the warnings of screens the user has left: closed, or covered by
        another full screen (a dialog over a screen leaves its warnings up)."""
        stack = self.screen_stack
        in_view = next((s for s in reversed(stack) if not isinstance(s, ModalScreen)), None)
        for identity, (notification, owner) in list(self._screen_notices.items()):
            if owner is in_view and owner in stack:
                continue
            del self._screen_notices[identity]
            if notification in self._notifications:
                self._unnotify(notification)

    # --- global actions ------------------------------------------------------------

    def action_toggle_mute(self) -> None:
        """Sound on, then quiet (a screen flash at each cue, for a shared room), then off."""
        from hamcoach.sound.player import SoundMode

        mode = self.player.cycle_mode()
        self.settings.sound = mode.value  # remembered for the next start
        self.save_settings()
        self.sound_changed.publish(None)
        words = {SoundMode.ON: "Sound on", SoundMode.QUIET: "Quiet: a screen flash, no sound",
                 SoundMode.OFF: "Sound off"}
        self.notify(words[mode], timeout=2)

    def action_toggle_voice(self) -> None:
        """Speak the cues, or tones only."""
        on = self.player.toggle_voice()
        self.settings.voice = on  # remembered for the next start
        self.save_settings()
        self.sound_changed.publish(None)
        notice = self.player.voice_notice() if on else None
        if notice is not None:
            self.notify(notice, title="Voice", severity="warning", timeout=8, markup=False)
        else:
            self.notify("Voice on" if on else "Voice off: tones only", timeout=2)

    def action_quit(self) -> None:  # type: ignore[override]  # Textual's is async; this one asks first
        """Quit hamcoach; first asks when a session is running or changes are unsaved.

        A screen says what leaving would cost through ``unsaved_work()`` (a sentence, or
        None); a running session pauses while the question is up.
        """
        from hamcoach.ui.screens.confirm import QuitScreen

        if isinstance(self.screen, QuitScreen):
            return  # already asking
        losses = [loss for screen in self.screen_stack
                  if (loss := getattr(screen, "unsaved_work", lambda: None)())]
        if not losses:
            self.exit()
            return
        resumes = [resume for screen in self.screen_stack
                   if (resume := getattr(screen, "pause_for_help", lambda: None)()) is not None]

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit()
            else:
                for resume in resumes:
                    resume(None)

        self.push_screen(QuitScreen(" ".join(losses)), answered)

    async def action_ctrl_c(self) -> None:
        """ctrl+c where no text field took it: what q does on this screen, else what Escape does."""
        # Imported here: TextArea (tree-sitter, documents) is not on the way to the first frame.
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, (Input, TextArea)):
            # A text field with nothing selected: ctrl+c is a copy that found nothing, never a way out.
            self.notify("Select text to copy first (shift+arrows, or the mouse).", timeout=3, markup=False)
            return
        bindings = self.screen.active_bindings
        for key in ("q", "escape"):
            active = bindings.get(key)
            if active is not None and active.enabled and active.binding.action != "ctrl_c":
                await self.run_action(active.binding.action, active.node)
                return
        self.notify("Press ctrl+q to quit hamcoach.", timeout=3, markup=False)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from hamcoach.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        # A session pauses while its keys are read, and resumes (3-2-1) after.
        pause = getattr(self.screen, "pause_for_help", None)
        self.push_screen(HelpScreen(self.screen), pause() if pause else None)
