"""The history: the sessions, the streaks, a year's calendar and progress per exercise.

Everything shown comes from :func:`hamcoach.history.stats.overview`, which runs on session
summaries (no set is parsed) plus the last 12 weeks of full sessions, so the screen
opens quickly on a ten-year history. The table is filled a page at a time: adding
3,650 rows to a DataTable and laying it out takes about a second.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Static

from hamcoach.coaching.charts import ratings_chart, recent_changes
from hamcoach.errors import StoreError
from hamcoach.history.compare import compare_with_previous, when
from hamcoach.history.listing import filter_sessions, next_routine, routine_choices
from hamcoach.history.stats import (
    CALENDAR_WEEKS,
    PROGRESS_WEEKS,
    Overview,
    overview,
    toggle_rest_day,
)
from hamcoach.history.store import SessionSummary
from hamcoach.history.streaks import Streak
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.rest_day import RestDayScreen
from hamcoach.ui.screens.session_detail import STATUS_WORDS, SessionDetailScreen
from hamcoach.ui.screens.session_edit import EditSessionScreen
from hamcoach.ui.screens.week_target import WeekTargetScreen
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import join, plain
from hamcoach.ui.widgets.heatmap import LABEL_WIDTH, Heatmap
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.ui.widgets.ratings import RatingsView
from hamcoach.ui.widgets.sparkline import ProgressChart
from hamcoach.wording import format_duration, plural

PAGE = 100  # rows added to the table at a time
NEAR_END = 20  # rows from the end at which the next page is added
MAX_CALENDAR_WEEKS = 3 * 52 + 1  # at most three years of calendar, however wide the terminal
STREAK_WIDTH = 19
# The table's columns but the routine's and the note's: Date 16, Duration 8, Status 11,
# Pain 4, Effort 6, two columns of padding each, the scrollbar and the screen's edges.
FIXED_COLUMNS = 16 + 8 + 11 + 4 + 6 + 2 * 5 + 2 + 2
NOTE_FROM = 24  # a Note column once it can be this wide
def streak_text(streak: Streak, trained_today: bool) -> Group:
    """The streak panel: current, longest, this week against the target, week streak."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_row("", Text("Streak", style="bold"))
    table.add_row(str(streak.current), f"{plural('day', streak.current)} now")
    table.add_row(str(streak.longest), "longest")
    table.add_row(f"{streak.days_this_week}/{streak.week_target}", "this week")
    table.add_row(str(streak.week_streak), f"{plural('week', streak.week_streak)} on target")
    hint = ""
    if not trained_today:
        hint = "\nTrain today to add to it." if streak.current else "\nTrain today to start one."
    return Group(table, Text(hint, style="italic"), Text("t sets the target", style="dim"))


class SessionTable(DataTable[object]):
    """The sessions, newest first, added a page at a time as the cursor or the scroll nears the end."""

    # Not shown: the screen's own Enter (Open) is, in the footer's one order.
    BINDINGS = [Binding("enter", "select_cursor", "Open", show=False)]

    class Filled(Message):
        """More rows were added."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.summaries: list[SessionSummary] = []
        self.routine_width = 30
        self.note_width = 0  # no Note column

    @property
    def shown(self) -> int:
        """How many sessions are in the table."""
        return self.row_count

    def show(self, summaries: list[SessionSummary], routine_width: int, note_width: int = 0) -> None:
        """Replace the rows with these sessions; the first page goes in now (``note_width`` 0: no Note column)."""
        self.clear(columns=True)
        self.summaries, self.routine_width, self.note_width = summaries, routine_width, note_width
        self.add_column("Date", key="date")
        self.add_column("Routine", key="routine", width=routine_width)
        self.add_column("Duration", key="duration")
        self.add_column("Status", key="status")
        self.add_column("Pain", key="pain")
        self.add_column("Effort", key="effort")
        if note_width:
            self.add_column("Note", key="note", width=note_width)
        self.load_more()

    def load_more(self, count: int = PAGE) -> int:
        """Add up to ``count`` more rows; returns how many were added."""
        start = self.row_count
        page = self.summaries[start:start + count]
        for s in page:
            name = plain(s.routine_name)
            name.truncate(self.routine_width, overflow="ellipsis")
            cells: list[object] = [
                when(s.started_at), name,
                format_duration(s.duration_seconds) if s.duration_seconds is not None else "-",
                STATUS_WORDS.get(s.status, s.status), "-" if s.pain is None else str(s.pain),
                "-" if s.effort is None else str(s.effort),
            ]
            if self.note_width:
                note = plain(s.note or "")
                note.truncate(self.note_width, overflow="ellipsis")
                cells.append(note)
            # ids are unique in the store, but keys must never clash
            self.add_row(*cells, key=f"{start}:{s.id}")
            start += 1
        self.post_message(self.Filled())
        return len(page)

    def summary_at(self, row: int) -> SessionSummary | None:
        """The session in a row."""
        return self.summaries[row] if 0 <= row < self.row_count else None

    def _maybe_more(self) -> None:
        if self.row_count >= len(self.summaries):
            return
        near_cursor = self.cursor_row >= self.row_count - NEAR_END
        near_scroll = self.scroll_y >= self.max_scroll_y - NEAR_END and self.max_scroll_y > 0
        if near_cursor or near_scroll:
            self.load_more()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._maybe_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_more()


class TabBar(Static):
    """``Sessions | Progress`` with the pane on show highlighted; a click or ``p`` switches."""

    DEFAULT_CSS = """
    TabBar > .tabbar--active { text-style: bold reverse; }
    TabBar > .tabbar--idle { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"tabbar--active", "tabbar--idle"}
    TABS = (("tab-sessions", "Sessions"), ("tab-progress", "Progress"))

    active: reactive[str] = reactive("tab-sessions")

    def render(self) -> Text:
        out = Text(no_wrap=True)
        for pane, label in self.TABS:
            name = "tabbar--active" if pane == self.active else "tabbar--idle"
            out.append(f" {label} ", self.get_component_rich_style(name))
            out.append(" ")
        out.append(" p switches", self.get_component_rich_style("tabbar--idle"))
        return out

    def on_click(self) -> None:
        self.screen.action_switch_tab()  # type: ignore[attr-defined]


class HistoryScreen(UsesHamcoach, StableKeys, Screen[None]):
    """Sessions, streaks, the calendar of the last 12 months, and progress per exercise."""

    DEFAULT_CSS = """
    HistoryScreen #history-title {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $panel;
    }
    HistoryScreen #history-top {
        height: auto;
        padding: 0 1;
    }
    HistoryScreen #heatmap {
        margin-right: 1;
    }
    /* The calendar takes what the streak leaves it (the latest weeks at 60 columns). */
    HistoryScreen #streak-panel {
        width: 19;
        height: auto;
    }
    HistoryScreen #heatmap:focus {
        background-tint: $foreground 5%;
    }
    /* Under 24 rows the list needs every line: the pieces that only inform give way. */
    HistoryScreen.-short #history-tabs {
        margin-top: 0;
    }
    HistoryScreen #history-filter {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    HistoryScreen #history-tabs {
        height: 1;
        padding: 0 1;
        margin-top: 1;
    }
    HistoryScreen #history-panes {
        height: 1fr;
    }
    HistoryScreen #tab-sessions {
        height: 1fr;
    }
    HistoryScreen #history-table {
        height: 1fr;
    }
    HistoryScreen #history-more {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    HistoryScreen #history-note {
        height: 1;
        padding: 0 1;
        display: none;
    }
    HistoryScreen #tab-progress {
        height: 1fr;
        padding: 0 1;
    }
    HistoryScreen .progress-hint {
        color: $text-muted;
    }
    HistoryScreen #progress-hint, HistoryScreen #coach-changes {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "all_days", "All days", tooltip="The sessions of every day again"),
        Binding("escape", "back", "Back"),
        # priority: the table's own Enter (which does the same) would keep it out of the footer.
        # On the calendar, Enter is the calendar's: the sessions of the day under its cursor.
        Binding("enter", "open_session", "Open", priority=True,
                tooltip="The highlighted session's sets against the plan, and against the previous run"),
        Binding("e", "edit_session", "Edit", tooltip="Correct the highlighted session: pain, effort, status, note"),
        Binding("d", "delete_session", "Delete", tooltip="Delete the highlighted session (asks; u brings it back)"),
        # Out of the footer (the delete notice names it; help lists it): 80 columns hold the rest.
        Binding("u", "undo_delete", "Undo delete", show=False, tooltip="Bring back the session deleted last"),
        Binding("r", "rest_day", "Rest day",
                tooltip="On the calendar: mark or unmark the day under the cursor; on the list: ask which day"),
        # Named where they act (the line over the list, the streak panel): the footer is whole at 60 columns.
        Binding("f", "routine_filter(1)", "Next routine", show=False,
                tooltip="Show one routine's sessions, the next one (then all again)"),
        Binding("F", "routine_filter(-1)", "Previous routine", show=False,
                tooltip="Show one routine's sessions, the previous one"),
        Binding("t", "week_target", "Weekly target", show=False, tooltip="Set the training days a week"),
        # One key, named for where it goes (the footer is whole at 60 columns).
        Binding("p", "switch_tab('tab-progress')", "Progress", tooltip="Progress per exercise, or the sessions"),
        Binding("p", "switch_tab('tab-sessions')", "Sessions", tooltip="Back to the sessions"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today: date = date.min
        self.data: Overview | None = None
        self.routine_filter: str | None = None  # the routine id the list shows, None: all
        self.day_filter: date | None = None  # the day the list shows, None: all
        self.calendar_weeks = CALENDAR_WEEKS

    def compose(self) -> ComposeResult:
        yield Static(id="history-title")
        with Horizontal(id="history-top"):
            yield Heatmap(id="heatmap")
            yield Static(id="streak-panel")
        # A ContentSwitcher and a one-line bar of our own: TabbedContent costs ~90 ms to mount.
        yield TabBar(id="history-tabs")
        with ContentSwitcher(id="history-panes", initial="tab-sessions"):
            with Vertical(id="tab-sessions"):
                yield Static(id="history-filter")
                yield SessionTable(id="history-table")
                yield Static(id="history-note")
                yield Static(id="history-more")
            with VerticalScroll(id="tab-progress"):
                yield Static(f"Pain and effort per 7 days over the last {PROGRESS_WEEKS} weeks, oldest on the "
                             "left (0 ▁ to 10 █, · not rated); mornings: b better, s same, w worse.",
                             id="ratings-hint", classes="progress-hint")
                yield RatingsView(id="rating-chart")
                yield Static(f"Work per 7 days over the last {PROGRESS_WEEKS} weeks, oldest on the left: "
                             "reps for rep exercises, seconds held for holds.", id="progress-hint",
                             classes="progress-hint")
                yield ProgressChart(id="progress")
                yield Static(id="coach-changes", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.today = self.hamcoach.wall_clock().date()
        self.calendar_weeks = self._weeks_that_fit()
        self.set_class(self.app.size.height < 24, "-short")
        self.load()
        table = self.query_one(SessionTable)
        table.show(self.listed, *self._column_widths())
        table.focus()

    def _weeks_that_fit(self) -> int:
        # What the width leaves the calendar beside the streak panel: a year at least (the
        # latest weeks show when fewer fit), up to three on a wide terminal.
        room = self.app.size.width - 2 - STREAK_WIDTH - 1 - LABEL_WIDTH - 1
        return max(CALENDAR_WEEKS, min(MAX_CALENDAR_WEEKS, room))

    def _column_widths(self) -> tuple[int, int]:
        """The routine's column and the note's (0: none), from the width: the routine's as
        wide as its longest name needs (up to 50), then a Note column in what is left."""
        free = self.app.size.width - FIXED_COLUMNS
        longest = max((cell_len(s.routine_name) for s in self.listed), default=16)
        routine = max(16, min(50, longest, free))
        note = free - routine - 2
        return routine, min(80, note) if note >= NOTE_FROM else 0

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < 24, "-short")
        if not self.is_mounted or self.data is None:
            return
        self._filled()
        weeks = self._weeks_that_fit()
        if weeks != self.calendar_weeks:
            self.calendar_weeks = weeks
            self.load()
        if self._column_widths() != (self.query_one(SessionTable).routine_width,
                                     self.query_one(SessionTable).note_width):
            self.refresh_sessions()

    @property
    def listed(self) -> list[SessionSummary]:
        """The sessions the list shows: every one, or the routine's and the day's of the filters."""
        return filter_sessions(self.data.summaries if self.data else [], self.routine_filter, self.day_filter)

    def load(self) -> None:
        """Compute the figures again (after a change) and show them; the table is left alone."""
        self.data = overview(self.hamcoach.store, self.today, self.hamcoach.settings.week_target,
                             self.calendar_weeks)
        streak = self.data.streak
        self.query_one(Heatmap).calendar = self.data.calendar
        trained_today = self.today in self.data.calendar.training
        self.query_one("#streak-panel", Static).update(streak_text(streak, trained_today))
        self.query_one(ProgressChart).progress = tuple(self.data.progress)
        store = self.hamcoach.store
        self.query_one(RatingsView).chart = ratings_chart(self.data.summaries, store.checkins(), self.today)
        # The coach's changes need every session's sets: after this frame, so the screen shows first.
        self.call_after_refresh(self._show_changes)
        self._show_filter()

    def _show_filter(self) -> None:
        """The title's count and the line over the list: which sessions it shows, and the keys that change it."""
        count = len(self.data.summaries) if self.data else 0
        listed = len(self.listed)
        counted = (f"{listed:,} of {count:,} {plural('session', count)}" if self.filtered
                   else f"{count:,} {plural('session', count)}")
        self.query_one("#history-title", Static).update(join(
            Text("History", style="bold"),
            f"  ·  {counted}  ·  {self.today:%a %d %b %Y}  ·  ? for every key"))
        parts: list[Text | str] = []
        choices = {c.routine_id: c for c in routine_choices(self.data.summaries if self.data else [])}
        choice = choices.get(self.routine_filter) if self.routine_filter is not None else None
        if choice is not None:
            parts += [plain(choice.name, "bold"), " (f next, F previous)"]
        else:
            parts.append("All routines (f shows one)")
        if self.day_filter is not None:
            parts += ["  ·  ", Text(f"{self.day_filter:%a %d %b %Y}", style="bold"), " (Esc all days)"]
        if self.filtered:
            parts.append(f"  ·  {listed:,} {plural('session', listed)}")
        else:
            parts.append("  ·  Tab: calendar")
        self.query_one("#history-filter", Static).update(join(*parts))

    @property
    def filtered(self) -> bool:
        """Whether the list shows only some of the sessions."""
        return self.routine_filter is not None or self.day_filter is not None

    def _show_changes(self) -> None:
        widget = self.query_one("#coach-changes", Static)
        try:
            state = self.hamcoach.coach.state()
        except Exception:  # the rest of the history still shows
            widget.display = False
            return
        names = {key: exercise.name for key, exercise in state.exercises.items()}
        lines = recent_changes(state.changes, names, self.today)
        widget.update(join(Text("The coach's changes of level and rung", style="bold"),
                           *(plain("\n" + line) for line in lines) if lines else
                           (Text("\nNone in the last 12 weeks.", style="dim"),)))

    @on(SessionTable.Filled)
    def _filled(self) -> None:
        table = self.query_one(SessionTable)
        note = self.query_one("#history-more", Static)
        total = len(table.summaries)
        if total == 0 and self.filtered:
            note.update("No sessions here: Esc shows every day, f another routine."
                        if self.day_filter is not None else "No sessions here: f shows another routine.")
        elif total == 0:
            note.update("No sessions yet: pick a routine on the first screen to start one.")
        elif table.shown < total:
            note.update(f"Newest {table.shown:,} of {total:,} sessions; more appear as you move down.")
        # Under 24 rows, "newest 100 of ..." gives its line to the list (an empty list keeps its words).
        note.display = total == 0 or (table.shown < total and not self.has_class("-short"))
        self.refresh_bindings()  # Open, Edit and Delete are offered once there is a session

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The note of the highlighted session, when it has one, on a line under the table.
        summary = self.query_one(SessionTable).summary_at(event.cursor_row)
        note = self.query_one("#history-note", Static)
        if summary is not None and summary.note:
            note.update(join(Text("Note: ", style="bold"), plain(summary.note)))
        note.display = bool(summary is not None and summary.note)

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    # --- actions -------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the routine list."""
        self.dismiss(None)

    @property
    def pane(self) -> str:
        """The pane on show: ``tab-sessions`` or ``tab-progress``."""
        return self.query_one(ContentSwitcher).current or "tab-sessions"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_session", "edit_session", "delete_session") and self.is_mounted:
            # Only on the session list, with a session under the cursor: not on the progress
            # pane (nothing there to open or change), nor in an empty history, nor while the
            # calendar has focus (its Enter shows a day's sessions).
            return (self.pane == "tab-sessions" and self.highlighted is not None
                    and not isinstance(self.focused, Heatmap))
        if action == "all_days" and self.is_mounted:
            return self.day_filter is not None
        if action == "routine_filter" and self.is_mounted:
            return self.pane == "tab-sessions"
        if action == "switch_tab" and self.is_mounted:
            return parameters[0] != self.pane  # p names the pane it goes to
        if action == "undo_delete" and self.is_mounted and not self.hamcoach.store.deleted_ids():
            return None  # nothing deleted to bring back
        return True

    @property
    def highlighted(self) -> SessionSummary | None:
        """The session under the cursor, if the list has any."""
        table = self.query_one(SessionTable)
        return table.summary_at(table.cursor_row)

    def action_open_session(self) -> None:
        """Show the highlighted session's sets against the plan."""
        if self.pane == "tab-sessions":
            self._open(self.query_one(SessionTable).cursor_row)

    def _open(self, row: int) -> None:
        summary = self.query_one(SessionTable).summary_at(row)
        if summary is None:
            return
        record = self.hamcoach.store.get(summary.id)
        if record is None:
            self.notify("This session's sets could not be read from the history file.",
                        severity="warning", markup=False)
            return
        self.app.push_screen(SessionDetailScreen(record, compare_with_previous(self.hamcoach.store, record)))

    def action_switch_tab(self, pane: str | None = None) -> None:
        """Switch to ``pane`` (or the other one): the session list, the progress per exercise."""
        if pane is None:
            pane = "tab-progress" if self.pane == "tab-sessions" else "tab-sessions"
        self.query_one(ContentSwitcher).current = pane
        self.query_one(TabBar).active = pane
        if pane == "tab-progress":
            self.query_one("#tab-progress", VerticalScroll).focus()
        else:
            self.query_one(SessionTable).focus()
        self.refresh_bindings()

    # --- corrections: delete, undo, edit ------------------------------------------------

    def action_delete_session(self) -> None:
        """Delete the highlighted session, after asking; it is kept and u brings it back."""
        summary = self.highlighted if self.pane == "tab-sessions" else None
        if summary is None:
            return
        question = join("Delete the session of ", f"{when(summary.started_at)}, ", plain(summary.routine_name, "bold"),
                        "? It leaves the list, the streaks and the exports; u brings it back.")

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                found = self.hamcoach.store.delete(summary.id, deleted_at=self.hamcoach.wall_clock())
            except StoreError as exc:
                self.notify(str(exc), title="Delete", severity="error", markup=False)
                return
            if found:
                self.notify(f"Deleted the session of {when(summary.started_at)}. Press u to bring it back.",
                            title="Delete", markup=False)
            self.refresh_sessions()

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def action_undo_delete(self) -> None:
        """Bring back the session deleted last."""
        store = self.hamcoach.store
        deleted = store.deleted_sessions()
        if not deleted:
            self.notify("There is no deleted session to bring back.", markup=False)
            return
        try:
            summary = store.restore(deleted[0].summary.id)
        except StoreError as exc:
            self.notify(str(exc), title="Undo delete", severity="error", markup=False)
            return
        self.notify(f"Brought back the session of {when(summary.started_at)}.", title="Undo delete",
                    markup=False)
        self.refresh_sessions(select=summary.id)

    def action_edit_session(self) -> None:
        """Correct the highlighted session's pain, effort, status or note."""
        summary = self.highlighted if self.pane == "tab-sessions" else None
        if summary is None:
            return

        def answered(changes: dict[str, Any] | None) -> None:
            if not changes:
                return
            try:
                self.hamcoach.store.edit_session(summary.id, **changes)
            except StoreError as exc:
                self.notify(str(exc), title="Edit", severity="error", markup=False)
                return
            self.notify(f"Saved the changes to the session of {when(summary.started_at)}.", title="Edit",
                        markup=False)
            self.refresh_sessions(select=summary.id)

        self.app.push_screen(EditSessionScreen(summary), answered)

    def refresh_sessions(self, select: str | None = None) -> None:
        """After a change: the figures and the list again, the cursor on ``select`` or where it was."""
        table = self.query_one(SessionTable)
        row = table.cursor_row
        self.load()
        summaries = self.listed
        if select is not None:
            row = next((i for i, s in enumerate(summaries) if s.id == select), row)
        table.show(summaries, *self._column_widths())
        row = max(0, min(row, len(summaries) - 1))
        while table.row_count <= row and table.load_more():
            pass
        table.move_cursor(row=row)
        self.refresh_bindings()

    def action_rest_day(self) -> None:
        """Mark or unmark a planned rest day: on the calendar, the day under its cursor; else
        it asks which day (the calendar's day, today at first)."""
        heatmap = self.query_one(Heatmap)
        day = heatmap.cursor or self.today
        if self.focused is heatmap:
            self._toggle_rest_day(day)
            return
        self.app.push_screen(RestDayScreen(day, self.hamcoach.store.rest_days()), self._toggle_rest_day)

    def _toggle_rest_day(self, day: date | None) -> None:
        if day is None:
            return
        try:
            change = toggle_rest_day(self.hamcoach.store, day)
        except StoreError as exc:
            self.notify(str(exc), title="Rest day", severity="error", markup=False)
            return
        self.notify(change.describe(), title="Rest day", markup=False)
        self.load()

    # --- the calendar's day, the routine filter, the weekly target ------------------------

    @on(Heatmap.DaySelected)
    def _day_selected(self, event: Heatmap.DaySelected) -> None:
        """Enter on the calendar: the list shows that day's sessions, and takes focus to open one."""
        self.day_filter = event.day
        if self.pane != "tab-sessions":
            self.action_switch_tab("tab-sessions")
        self.refresh_sessions()
        self._show_filter()
        if self.listed:
            self.query_one(SessionTable).focus()
        self.refresh_bindings()

    def action_all_days(self) -> None:
        """The sessions of every day again (the calendar's cursor stays where it was)."""
        self.day_filter = None
        self.refresh_sessions()
        self._show_filter()
        self.refresh_bindings()

    def action_routine_filter(self, step: int = 1) -> None:
        """Show the next (or previous) routine's sessions only; after the last, all again."""
        choices = routine_choices(self.data.summaries if self.data else [])
        self.routine_filter = next_routine(choices, self.routine_filter, step)
        self.refresh_sessions()
        self._show_filter()

    def action_week_target(self) -> None:
        """Set the weekly target (asks; saved in settings.json)."""

        def answered(days: int | None) -> None:
            if days is None:
                return
            self.hamcoach.settings.week_target = days
            self.hamcoach.save_settings()
            self.notify(f"Weekly target: {days} {plural('day', days)} a week.", title="Weekly target",
                        markup=False)
            self.load()

        self.app.push_screen(WeekTargetScreen(self.hamcoach.settings.week_target), answered)
