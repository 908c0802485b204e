"""Pick a routine: the list (each with its length and when it was last done), a detail
pane, and a filter by the equipment at hand (remembered, like the routine last started).

Its first frame may be drawn before the library is loaded (issue 15): from the cached
routine summaries (:mod:`hamcoach.routines.summaries`) and the history's digest, when the
app was started with them. The entries are then :class:`RoutineSummary` objects until the
app has loaded the library (right after that frame; see :meth:`loaded`). A key that needs
a routine before then has the app load everything at once, and acts on the routine file
as it validates now: one changed since into something that is no longer a routine is not
started, with one line saying why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from hamcoach.coaching.today import LastDone, Suggestion, last_done, short_version, suggest, suggest_from
from hamcoach.errors import StoreError
from hamcoach.routines.summaries import (
    EQUIPMENT,
    ExerciseSummary,
    RoutineSummary,
    dose_words,
    exercise_summary,
    summarize,
)

if TYPE_CHECKING:
    from hamcoach.coaching.prescription import Prescription
    from hamcoach.errors import RoutineFileError
    from hamcoach.routines.files import DeletedRoutine
    from hamcoach.routines.library import LoadedRoutine
    from hamcoach.routines.models import Exercise
    from hamcoach.settings import EquipmentSetting

    Entry = LoadedRoutine | RoutineSummary  # a routine as the list has it: validated, or from the cache
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import duration_words, join, plain
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.wording import plural, since_words

FULL_DETAIL_ROWS = 30  # from this terminal height the detail pane shows each exercise's cues and note


def _name_key(entry: Entry) -> str:
    """Names that read the same (case and spaces at the ends aside) clash."""
    return entry.name.strip().casefold()


def _equipment(entry: Entry) -> Sequence[str]:
    return entry.equipment if isinstance(entry, RoutineSummary) else entry.routine.equipment


class RoutineList(OptionList, inherit_bindings=False):
    """The routine list: an OptionList that leaves Enter to the screen's Start binding
    (its own Enter, which selects, would keep Start out of the footer)."""

    BINDINGS = [binding for binding in OptionList.BINDINGS if isinstance(binding, Binding) and binding.key != "enter"]


class PickerScreen(UsesHamcoach, StableKeys, Screen[None]):
    """The routine list; Enter starts the highlighted routine."""

    BINDINGS = [
        # Not a priority binding: Enter takes its turn behind the arrows typed before it, so
        # a quick Down Down Enter starts the routine they reached (RoutineList leaves it here).
        Binding("enter", "start", "Start"),
        Binding("h", "history", "History"),
        Binding("e", "edit", "Edit"),
        Binding("c", "create", "New"),
        Binding("d", "delete", "Delete"),
        # d on a built-in routine (Delete is not offered there) says why.
        Binding("d", "builtin_delete", show=False),
        Binding("u", "restore", "Restore", show=False, tooltip="Bring back a deleted routine"),
        Binding("1", "toggle_equipment('mat')", "Mat", show=False),
        Binding("2", "toggle_equipment('ball')", "Ball", show=False),
        Binding("3", "toggle_equipment('band')", "Band", show=False),
        Binding("t", "start_today", "Today", show=False, tooltip="Start today's suggested routine"),
        Binding("s", "start_short", "Short", show=False,
                tooltip="A short version of today's routine, when the streak would end tonight"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The equipment the user has at hand: a routine shows when it needs no more
        # (read from the settings when mounted, saved when it changes).
        self.at_hand: set[str] = set(EQUIPMENT)
        self.shown: list[Entry] = []
        self._coach_pending = False  # the coach's state is being worked out after this frame
        self._opened = False  # the first fill opens on the routine last started
        # Each routine id's last day done (None: the history cannot be read, so not said).
        self.last: dict[str, LastDone] | None = None
        self._names: Counter[str] = Counter()  # how many routines have each name
        self._full: bool | None = None  # whether the detail shows the cues (a tall terminal)

    def compose(self) -> ComposeResult:
        # Filled here rather than in on_mount, so the very first frame already has it.
        yield Static(Text.assemble(("hamcoach", "bold"), "  pick a routine  ·  ? keys  ·  ^p commands"),
                     id="picker-title")
        yield Static(id="equipment-filter")
        yield Static(id="today", markup=False)
        with Horizontal(id="picker-body"):
            yield RoutineList(id="routine-list")
            with VerticalScroll(id="routine-detail"):
                yield Static(id="detail")
        yield Static(id="picker-problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.at_hand = set(self.hamcoach.first_settings.at_hand)
        self.refresh_routines()

    def _entries(self) -> list[Entry]:
        """The routines: the library's once loaded, else the cached summaries (the first frame)."""
        app = self.hamcoach
        if app.library_loaded or app.first_frame is None:
            return list(app.library.routines)
        return list(app.first_frame.library.routines)

    def _errors(self) -> list[RoutineFileError]:
        """The routine files skipped, with why."""
        app = self.hamcoach
        if app.library_loaded or app.first_frame is None:
            return app.library.errors
        return app.first_frame.library.errors

    def loaded(self) -> None:
        """The app has loaded the library, the store and the settings' model: show them (the
        same routines as the cache said, unless a file changed meanwhile)."""
        at_hand: set[str] = set(self.hamcoach.settings.at_hand)
        if at_hand != self.at_hand:  # the model read the settings otherwise than the plain reading
            self.at_hand = at_hand
        self.refresh_routines()
        if self.highlighted is not None and not isinstance(self.highlighted, RoutineSummary):
            self.hamcoach.player.prepare_speech(self.highlighted.routine, tell=False)

    def _ready(self) -> bool:
        """Before a key acts on a routine: have the app load what it loads after the first frame
        (at once, if it has not yet); False when that put a question on screen (it comes first)."""
        if self.hamcoach.library_loaded and self.hamcoach.store_opened:
            return True
        self.hamcoach.load_now()
        return self.hamcoach.failure is None and self.app.screen is self

    def _validated(self, entry: Entry | None, doing: str) -> LoadedRoutine | None:
        """The validated routine of an entry of the list (loading the library if need be), or
        None, said in one line, when its file is no longer a routine."""
        if entry is None or not self._ready():
            return None
        if not isinstance(entry, RoutineSummary):
            return entry
        found = next((r for r in self.hamcoach.library.routines
                      if r.path == entry.path and r.source == entry.source), None)
        if found is None:
            why = next((p for e in self.hamcoach.library.errors if e.path == entry.path for p in e.problems),
                       "the file is gone")
            self.notify(f"Not {doing}: {entry.path.name} has changed and is not a routine now: {why} "
                        f"(in {entry.path.parent})", title="Routine file", severity="warning", timeout=10,
                        markup=False)
        return found

    def on_resize(self) -> None:
        # The pane shows more of the routine in a tall terminal.
        if self._opened and (self.size.height >= FULL_DETAIL_ROWS) != self._full:
            self._show_detail(self.highlighted)

    def _coach_ready(self) -> None:
        self._coach_pending = False
        try:
            self.hamcoach.coach.state()
        except Exception as exc:  # the routines still run as written
            self.notify(f"The coach could not read the history: {exc}", severity="warning", markup=False)
            return
        self._show_labels()  # the lengths of the routines as the coach runs them today
        self._show_detail(self.highlighted)

    def on_screen_resume(self) -> None:
        self.refresh_routines()

    def refresh_routines(self, index: int | None = None, path: Path | None = None) -> None:
        """Fill the list from the library, keeping the highlighted routine where possible
        (or highlighting the routine at ``path``, or the one at ``index``, the nearest there is)."""
        option_list = self.query_one("#routine-list", OptionList)
        previous = self.highlighted
        if path is None and previous is not None:
            path = previous.path
        entries = self._entries()
        if path is None and not self._opened:  # at start: the routine last started
            # (as RoutineLibrary.get: a custom routine wins over a built-in of the same id)
            wanted = self.hamcoach.first_settings.last_routine
            same_id = [r for r in entries if r.id == wanted]
            chosen = [r for r in same_id if r.source == "custom"] or same_id
            path = chosen[0].path if chosen else None
        self._opened = True
        self.shown = [r for r in entries if set(_equipment(r)) <= self.at_hand]
        self.last = self._last_done()
        self._names = Counter(_name_key(r) for r in entries)
        option_list.clear_options()
        option_list.add_options(Option(self._label(r), id=f"{r.source}:{r.id}") for r in self.shown)
        if self.shown:
            found = next((i for i, r in enumerate(self.shown) if path is not None and r.path == path), None)
            if found is None:
                found = min(index, len(self.shown) - 1) if index is not None else 0
            option_list.highlighted = found
        self._show_filter()
        self._show_today()
        self._show_detail(self.highlighted)
        self._show_problems()
        self.refresh_bindings()

    def _last_done(self) -> dict[str, LastDone] | None:
        """Each routine's last day done, in one pass over the history (None when it cannot be read)."""
        app = self.hamcoach
        if not app.store_opened and app.first_frame is not None:  # the first frame: the history's digest
            return {rid: LastDone(day, completed) for rid, (day, completed) in app.first_frame.history.last.items()}
        try:
            return last_done(self.hamcoach.store.summaries(), self.hamcoach.wall_clock().date())
        except (StoreError, OSError):
            return None

    def _since(self, loaded: Entry) -> str:
        """``yesterday``, ``never``...: when it was last done, or "" when the history cannot be read."""
        if self.last is None:
            return ""
        done = self.last.get(loaded.id)
        return since_words(done.day if done else None, self.hamcoach.wall_clock().date())

    def _length(self, loaded: Entry) -> int:
        """Its length in seconds as the session would time it: today's prescription once the
        coach is ready (the level adds reps or seconds), the routine as written until then."""
        if isinstance(loaded, RoutineSummary):
            return loaded.seconds
        if self.hamcoach.coach.ready:
            try:
                return self.hamcoach.coach.prescribe(loaded.routine).routine.estimated_seconds()
            except Exception:  # the coach could not read the history: it runs as written
                pass
        return loaded.routine.estimated_seconds()

    def _clashes(self, loaded: Entry) -> bool:
        """Whether another routine has the same name (the list then shows the ids)."""
        return self._names[_name_key(loaded)] > 1

    def _label(self, loaded: Entry) -> Text:
        """Two lines: the name, then its length and when it was last done (and its id when
        another routine has the same name: the id is what ``hamcoach run`` takes)."""
        meta = [duration_words(self._length(loaded))]
        since = self._since(loaded)
        if since:
            meta.append(since)
        return join(plain(loaded.name),
                    Text(" (custom)" if loaded.source == "custom" else "", style="dim"),
                    plain(f"\n  id {loaded.id}", "dim") if self._clashes(loaded) else "",
                    Text("\n  " + " · ".join(meta), style="dim"))

    def _show_labels(self) -> None:
        """Rewrite the list's lines in place (the lengths change once the coach is ready)."""
        option_list = self.query_one("#routine-list", OptionList)
        for index, loaded in enumerate(self.shown):
            option_list.replace_option_prompt_at_index(index, self._label(loaded))

    @property
    def highlighted(self) -> Entry | None:
        """The routine under the cursor."""
        try:
            index = self.query_one("#routine-list", OptionList).highlighted
        except Exception:  # before compose
            return None
        if index is None or not (0 <= index < len(self.shown)):
            return None
        return self.shown[index]

    def _show_filter(self) -> None:
        parts = [Text("At hand: ")]
        for number, name in enumerate(EQUIPMENT, start=1):
            mark = "x" if name in self.at_hand else " "
            parts.append(Text(f"[{mark}] {number} {name} ", style="bold" if name in self.at_hand else "dim"))
        # Short enough for 60 columns, up to 99 routines.
        parts.append(Text(f"· {len(self.shown)} of {len(self._entries())} shown", style="dim"))
        self.query_one("#equipment-filter", Static).update(Text.assemble(*parts))

    # --- today's suggestion -------------------------------------------------------------

    def today(self) -> Suggestion | None:
        """What the picker suggests today (None when the history cannot be read)."""
        app = self.hamcoach
        if not (app.store_opened and app.library_loaded) and app.first_frame is not None:  # the first frame
            history = app.first_frame.history
            return suggest_from([(r.id, _equipment(r)) for r in self._entries()], self.at_hand, history.training,
                                history.rest, self._last_done() or {}, app.wall_clock().date())
        try:
            return suggest([(r.id, r.routine) for r in app.library.routines], self.at_hand, app.store.summaries(),
                           app.store.rest_days(), app.wall_clock().date())
        except (StoreError, OSError):
            return None

    def _show_today(self) -> None:
        suggestion = self.today()
        loaded = self._get(suggestion.routine_id) if suggestion and suggestion.routine_id else None
        text = ""
        if suggestion is not None and (loaded is not None or suggestion.rest_day):
            text = suggestion.words(loaded.name if loaded is not None else "")
        widget = self.query_one("#today", Static)
        widget.display = bool(text)
        widget.update(text)

    def _get(self, routine_id: str) -> Entry | None:
        """The entry with this id, as :meth:`RoutineLibrary.get` chooses (a custom one wins)."""
        if self.hamcoach.library_loaded or self.hamcoach.first_frame is None:
            return self.hamcoach.library.get(routine_id)
        found = [r for r in self._entries() if r.id == routine_id]
        chosen = [r for r in found if r.source == "custom"] or found
        return chosen[0] if chosen else None

    def action_start_today(self, short: bool = False) -> None:
        """Start today's suggested routine (``short``: its short version)."""
        if not self._ready():
            return
        suggestion = self.today()
        loaded = self.hamcoach.library.get(suggestion.routine_id) if suggestion and suggestion.routine_id else None
        if suggestion is None or loaded is None:
            self.notify("Nothing to suggest today: " + ("it is a rest day." if suggestion and suggestion.rest_day
                                                        else "no routine fits the equipment at hand."), timeout=4)
            return
        if short and not suggestion.at_stake:
            self.notify("The short version is for a day when the streak would end tonight.", timeout=4)
            return
        if short:
            loaded = replace(loaded, routine=short_version(loaded.routine))
        self.hamcoach.start_session(loaded)

    def action_start_short(self) -> None:
        """Start the short version of today's routine (when the streak would end tonight)."""
        self.action_start_today(short=True)

    def _show_problems(self) -> None:
        # The file's name and what is wrong first; its folder last, where there is room
        # (a long data-home path would push the reason off the screen).
        skipped = self._errors()
        errors = [(exc.path, problem) for exc in skipped for problem in exc.problems]
        widget = self.query_one("#picker-problems", Static)
        widget.display = bool(errors)
        if errors:
            count = len(skipped)
            path, problem = errors[0]
            widget.update(join(f"Skipped {count} routine {plural('file', count)}: ", plain(f"{path.name}: {problem}"),
                               f"  (+{len(errors) - 1} more)" if len(errors) > 1 else "",
                               Text("  in ", style="dim"), plain(str(path.parent), "dim")))

    def _show_detail(self, loaded: Entry | None) -> None:
        detail = self.query_one("#detail", Static)
        if loaded is None:
            detail.update("No routine fits the equipment at hand. Press 1, 2 or 3 to change it.")
            return
        notes: list[str] = []
        cautions: list[str] = []
        if isinstance(loaded, RoutineSummary):  # the first frame, from the cache: as written
            summary = loaded
        else:
            summary = summarize(loaded)
            plan = self._plan(loaded)
            if plan is not None:  # as the coach runs it today
                summary = summary._replace(seconds=plan.routine.estimated_seconds(),
                                           exercises=tuple(exercise_summary(p.exercise) for p in plan.planned))
                notes = [p.note() for p in plan.planned]
                cautions = [caution.text for caution in self.hamcoach.coach.state().cautions]
        full = self._full = self.size.height >= FULL_DETAIL_ROWS  # room for each exercise's cues and note
        out = Text()
        out.append(plain(summary.name, "bold"))
        out.append("\nid ", style="dim")
        out.append(plain(summary.id))
        out.append(f" · {'custom' if summary.source == 'custom' else 'built-in'} · "
                   f"about {duration_words(summary.seconds)} · "
                   f"equipment: {', '.join(summary.equipment) or 'none'}\n", style="dim")
        out.append(self._last_done_words(loaded), style="dim")
        if summary.source == "custom" and full:
            out.append("\nfile ", style="dim")
            out.append(plain(str(summary.path), "dim"))
        if summary.description:
            out.append("\n\n")
            out.append(plain(summary.description))
        out.append("\n\n")
        for number, run in enumerate(summary.exercises, start=1):
            self._exercise_lines(out, number, run, notes[number - 1] if notes else "", full)
        for caution in cautions:
            out.append("\nCaution: ", style="bold")
            out.append(caution + "\n")
        detail.update(out)

    @staticmethod
    def _exercise_lines(out: Text, number: int, run: ExerciseSummary, note: str, full: bool) -> None:
        """One exercise in the detail pane (``note``: the coach's note on today's dose)."""
        out.append(f"{number:>2}. ")
        out.append(plain(run.name, "bold" if full else ""))
        out.append(f"  {run.prescription}", style="dim")
        if note:
            out.append(f" {note}", style="bold")
        if full:
            out.append(run.dose, style="dim")
            if run.note:
                out.append("\n    Note: ", style="italic")
                out.append(plain(run.note, "italic"))
            for cue in run.cues:
                out.append("\n    · ")
                out.append(plain(cue))
            out.append("\n")
        out.append("\n")

    def _last_done_words(self, loaded: Entry) -> str:
        """``last done yesterday``, ``never done``, ``last done 2026-03-01 (partial)``."""
        if self.last is None:
            return "last done: the history cannot be read"
        done = self.last.get(loaded.id)
        if done is None:
            return "never done"
        words = f"last done {since_words(done.day, self.hamcoach.wall_clock().date())}"
        return words if done.completed else f"{words} (partial)"

    @staticmethod
    def _dose_words(exercise: Exercise) -> str:
        """The rest of the dose, for the full detail: tempo, rests."""
        return dose_words(exercise)

    def _plan(self, loaded: LoadedRoutine) -> Prescription | None:
        """The routine as the coach would run it today, once the coach is ready (never waits for it:
        with years of history it takes a moment, so the routine shows first, then its prescription)."""
        if not self.hamcoach.coach.ready:
            if not self._coach_pending:
                self._coach_pending = True
                self.call_after_refresh(self._coach_ready)
            return None
        try:
            return self.hamcoach.coach.prescribe(loaded.routine)
        except Exception:
            return None

    @on(OptionList.OptionHighlighted, "#routine-list")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_detail(self.highlighted)
        highlighted = self.highlighted
        if highlighted is not None and not isinstance(highlighted, RoutineSummary):
            # its phrases rendered while the user reads, not at go
            self.hamcoach.player.prepare_speech(highlighted.routine, tell=False)
        self.refresh_bindings()  # Delete is offered on custom routines only

    @on(OptionList.OptionSelected, "#routine-list")
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self._start_highlighted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only keys that act are in the footer: none on an empty list, no Delete on a built-in.
        if action in ("start", "edit"):
            return self.highlighted is not None
        if action in ("delete", "builtin_delete"):
            custom = self.highlighted is not None and self.highlighted.source == "custom"
            return custom if action == "delete" else self.highlighted is not None and not custom
        return True

    def action_builtin_delete(self) -> None:
        """Say that built-in routines stay."""
        self.notify("Built-in routines cannot be deleted.", severity="warning", timeout=4)

    def action_start(self) -> None:
        """Start the highlighted routine."""
        self._start_highlighted()

    def _start_highlighted(self) -> None:
        loaded = self._validated(self.highlighted, "started")
        if loaded is not None:
            self.hamcoach.start_session(loaded)

    def action_history(self) -> None:
        """Open the history screen."""
        from hamcoach.ui.screens.history import HistoryScreen

        if self._ready():
            self.app.push_screen(HistoryScreen())

    def action_toggle_equipment(self, name: str) -> None:
        """Add or remove a piece of equipment from what is at hand."""
        self.at_hand ^= {name}
        self.refresh_routines()
        settings = self.hamcoach.settings
        settings.at_hand = cast("list[EquipmentSetting]", [item for item in EQUIPMENT if item in self.at_hand])
        self.call_after_refresh(self.hamcoach.save_settings)  # remembered for the next start

    # --- the routine editor ----------------------------------------------------------

    def action_edit(self) -> None:
        """Edit the highlighted custom routine; a built-in one offers an editable copy."""
        from hamcoach.ui.screens.confirm import ConfirmScreen
        from hamcoach.ui.screens.editor import EditorScreen

        loaded = self._validated(self.highlighted, "opened")
        if loaded is None:
            return
        if loaded.source == "custom":
            self.app.push_screen(EditorScreen(loaded.routine, routine_id=loaded.id))
            return
        name = loaded.routine.name
        copy = loaded.routine.model_copy(update={"name": f"{name[:73]} (copy)"})

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(EditorScreen(copy, note=f"A copy of the built-in {name}."))

        self.app.push_screen(ConfirmScreen(f"{name} is a built-in routine and is read-only. "
                                           "Edit a copy of it?", yes="Edit a copy", no="Cancel"), answered)

    def action_create(self) -> None:
        """Create a new routine."""
        from hamcoach.ui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen())

    def action_delete(self) -> None:
        """Delete the highlighted custom routine (its file moves to the trash folder)."""
        from hamcoach.routines.files import trash_routine
        from hamcoach.ui.screens.confirm import ConfirmScreen

        loaded = self._validated(self.highlighted, "deleted")
        if loaded is None or loaded.source != "custom":
            return
        index = self.query_one("#routine-list", OptionList).highlighted

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                trash_routine(loaded.path, self.hamcoach.library.custom_dir)
            except (OSError, ValueError) as exc:
                self.notify(f"Could not delete: {exc}", severity="error", timeout=8, markup=False)
                return
            self.hamcoach.library.reload()
            # The highlight stays where it was: on the next routine, or the one before the last.
            self.refresh_routines(index=index)
            self.notify(f"Deleted {loaded.routine.name} (its file is in routines/.trash; u brings it back).",
                        timeout=6, markup=False)

        self.app.push_screen(ConfirmScreen(f"Delete {loaded.routine.name}? Its file moves to routines/.trash.",
                                           yes="Delete", no="Keep"), answered)

    def action_restore(self) -> None:
        """Offer the deleted routines, the one deleted last first; the chosen one comes back."""
        from hamcoach.routines.files import deleted_routines
        from hamcoach.ui.screens.restore_routine import RestoreRoutineScreen

        if not self._ready():
            return
        deleted = deleted_routines(self.hamcoach.library.custom_dir)
        if not deleted:
            self.notify("No deleted routines to restore.", timeout=4)
            return
        self.app.push_screen(RestoreRoutineScreen(deleted), self._restore)

    def _restore(self, entry: DeletedRoutine | None) -> None:
        from hamcoach.errors import RestoreError
        from hamcoach.routines.files import restore_routine, routine_path

        if entry is None:
            return
        library = self.hamcoach.library
        builtin_ids = [r.id for r in library.routines if r.source == "builtin"]
        try:
            restore_routine(library.custom_dir, entry.routine_id, builtin_ids)
        except (RestoreError, OSError) as exc:
            self.notify(f"Could not restore: {exc}", severity="error", timeout=10, markup=False)
            return
        library.reload()
        path = routine_path(library.custom_dir, entry.routine_id)
        self.refresh_routines(path=path)
        restored = next((r for r in library.routines if r.path == path), None)
        if restored is None:  # the file is back but cannot be read: the problems line says why
            self.notify(f"Restored {entry.routine_id}, but it cannot be read as a routine.", severity="warning",
                        timeout=8, markup=False)
        elif restored not in self.shown:
            self.notify(f"Restored {restored.routine.name}; it needs equipment not at hand (1, 2, 3).",
                        timeout=6, markup=False)
        else:
            self.notify(f"Restored {restored.routine.name}.", timeout=4, markup=False)
