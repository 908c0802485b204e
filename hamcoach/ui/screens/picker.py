"""Pick a routine: the list, a detail pane, and a filter by the equipment at hand."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from hamcoach.coaching.prescription import Prescription
from hamcoach.coaching.today import Suggestion, short_version, suggest
from hamcoach.errors import StoreError
from hamcoach.routines.library import LoadedRoutine
from hamcoach.routines.models import EQUIPMENT
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import duration_words, join, plain
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.wording import plural


class PickerScreen(UsesHamcoach, StableKeys, Screen[None]):
    """The routine list; Enter starts the highlighted routine."""

    BINDINGS = [
        # priority: the list's own Enter (which does the same) would keep it out of the footer.
        Binding("enter", "start", "Start", priority=True),
        Binding("h", "history", "History"),
        Binding("e", "edit", "Edit"),
        Binding("c", "create", "New"),
        Binding("d", "delete", "Delete"),
        # d on a built-in routine (Delete is not offered there) says why.
        Binding("d", "builtin_delete", show=False),
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
        # The equipment the user has at hand: a routine shows when it needs no more.
        self.at_hand: set[str] = set(EQUIPMENT)
        self.shown: list[LoadedRoutine] = []
        self._coach_pending = False  # the coach's state is being worked out after this frame

    def compose(self) -> ComposeResult:
        # Filled here rather than in on_mount, so the very first frame already has it.
        yield Static(Text.assemble(("hamcoach", "bold"), "  pick a routine  ·  ? keys  ·  ^p commands"),
                     id="picker-title")
        yield Static(id="equipment-filter")
        yield Static(id="today", markup=False)
        with Horizontal(id="picker-body"):
            yield OptionList(id="routine-list")
            with VerticalScroll(id="routine-detail"):
                yield Static(id="detail")
        yield Static(id="picker-problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_routines()

    def _coach_ready(self) -> None:
        self._coach_pending = False
        try:
            self.hamcoach.coach.state()
        except Exception as exc:  # the routines still run as written
            self.notify(f"The coach could not read the history: {exc}", severity="warning", markup=False)
            return
        self._show_detail(self.highlighted)

    def on_screen_resume(self) -> None:
        self.refresh_routines()

    def refresh_routines(self) -> None:
        """Fill the list from the library, keeping the highlighted routine where possible."""
        option_list = self.query_one("#routine-list", OptionList)
        previous = self.highlighted
        self.shown = [r for r in self.hamcoach.library.routines if set(r.routine.equipment) <= self.at_hand]
        option_list.clear_options()
        option_list.add_options(
            Option(join(plain(r.routine.name), Text(" (custom)" if r.source == "custom" else "", style="dim")),
                   id=f"{r.source}:{r.id}")
            for r in self.shown
        )
        if self.shown:
            index = next((i for i, r in enumerate(self.shown) if previous and r.path == previous.path), 0)
            option_list.highlighted = index
        self._show_filter()
        self._show_today()
        self._show_detail(self.highlighted)
        self._show_problems()
        self.refresh_bindings()

    @property
    def highlighted(self) -> LoadedRoutine | None:
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
            parts.append(Text(f"[{mark}] {number} {name}  ", style="bold" if name in self.at_hand else "dim"))
        parts.append(Text(f"{len(self.shown)} of {len(self.hamcoach.library.routines)} routines", style="dim"))
        self.query_one("#equipment-filter", Static).update(Text.assemble(*parts))

    # --- today's suggestion -------------------------------------------------------------

    def today(self) -> Suggestion | None:
        """What the picker suggests today (None when the history cannot be read)."""
        app = self.hamcoach
        try:
            return suggest([(r.id, r.routine) for r in app.library.routines], self.at_hand, app.store.summaries(),
                           app.store.rest_days(), app.wall_clock().date())
        except (StoreError, OSError):
            return None

    def _show_today(self) -> None:
        suggestion = self.today()
        loaded = self.hamcoach.library.get(suggestion.routine_id) if suggestion and suggestion.routine_id else None
        text = ""
        if suggestion is not None and (loaded is not None or suggestion.rest_day):
            text = suggestion.words(loaded.name if loaded is not None else "")
        widget = self.query_one("#today", Static)
        widget.display = bool(text)
        widget.update(text)

    def action_start_today(self, short: bool = False) -> None:
        """Start today's suggested routine (``short``: its short version)."""
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
        errors = self.hamcoach.library.error_lines()
        widget = self.query_one("#picker-problems", Static)
        widget.display = bool(errors)
        if errors:
            count = len(self.hamcoach.library.errors)
            widget.update(join(f"Skipped {count} routine {plural('file', count)}: ", plain(errors[0]),
                               f"  (+{len(errors) - 1} more)" if len(errors) > 1 else ""))

    def _show_detail(self, loaded: LoadedRoutine | None) -> None:
        detail = self.query_one("#detail", Static)
        if loaded is None:
            detail.update("No routine fits the equipment at hand. Press 1, 2 or 3 to change it.")
            return
        routine = loaded.routine
        out = Text()
        out.append(plain(routine.name, "bold"))
        out.append(f"\n{'custom' if loaded.source == 'custom' else 'built-in'} · "
                   f"about {duration_words(routine.estimated_seconds())} · "
                   f"equipment: {', '.join(routine.equipment) or 'none'}\n", style="dim")
        if routine.description:
            out.append("\n")
            out.append(plain(routine.description))
            out.append("\n")
        out.append("\n")
        plan = self._plan(loaded)
        if plan is None:
            for number, exercise in enumerate(routine.exercises, start=1):
                out.append(f"{number:>2}. ")
                out.append(plain(exercise.name))
                out.append(f"  {exercise.prescription()}\n", style="dim")
        else:
            for number, planned in enumerate(plan.planned, start=1):
                out.append(f"{number:>2}. ")
                out.append(plain(planned.exercise.name))
                out.append(f"  {planned.exercise.prescription()}", style="dim")
                if planned.note():
                    out.append(f" {planned.note()}", style="bold")
                out.append("\n")
            for caution in self.hamcoach.coach.state().cautions:
                out.append("\nCaution: ", style="bold")
                out.append(caution.text + "\n")
        detail.update(out)

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
        if self.highlighted is not None:  # its phrases rendered while the user reads, not at go
            self.hamcoach.player.prepare_speech(self.highlighted.routine, tell=False)
        self.refresh_bindings()  # Delete is offered on custom routines only

    @on(OptionList.OptionSelected, "#routine-list")
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_start()

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
        if self.highlighted is not None:
            self.hamcoach.start_session(self.highlighted)

    def action_history(self) -> None:
        """Open the history screen."""
        from hamcoach.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_toggle_equipment(self, name: str) -> None:
        """Add or remove a piece of equipment from what is at hand."""
        self.at_hand ^= {name}
        self.refresh_routines()

    # --- the routine editor ----------------------------------------------------------

    def action_edit(self) -> None:
        """Edit the highlighted custom routine; a built-in one offers an editable copy."""
        from hamcoach.ui.screens.confirm import ConfirmScreen
        from hamcoach.ui.screens.editor import EditorScreen

        loaded = self.highlighted
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

        loaded = self.highlighted
        if loaded is None or loaded.source != "custom":
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                trash_routine(loaded.path, self.hamcoach.library.custom_dir)
            except (OSError, ValueError) as exc:
                self.notify(f"Could not delete: {exc}", severity="error", timeout=8, markup=False)
                return
            self.hamcoach.library.reload()
            self.refresh_routines()
            self.notify(f"Deleted {loaded.routine.name} (its file is in routines/.trash)", timeout=4, markup=False)

        self.app.push_screen(ConfirmScreen(f"Delete {loaded.routine.name}? Its file moves to routines/.trash.",
                                           yes="Delete", no="Keep"), answered)
