"""One saved session's sets against the plan, and against the previous run of its routine,
opened from the history (the comparison is worked out in :mod:`hamcoach.history.compare`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from hamcoach.history.compare import RunComparison, when
from hamcoach.history.models import SessionRecord, SessionStatus, SetRecord
from hamcoach.history.outcomes import set_outcome, tally
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.text import join, plain
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.wording import format_duration

STATUS_WORDS: dict[SessionStatus, str] = {"completed": "completed", "partial": "partial", "in_progress": "in progress"}


def plan_text(s: SetRecord) -> str:
    """The target: ``10 reps`` or ``30 s``."""
    return f"{s.target} {'reps' if s.kind == 'reps' else 's'}"


def done_text(s: SetRecord) -> Text:
    """What was done against the target, with a mark that reads without colour
    (done, partly done or skipped: see hamcoach.history.outcomes)."""
    unit = "reps" if s.kind == "reps" else "s"
    outcome = set_outcome(s.achieved, s.target)
    if outcome == "skipped":
        return Text("skipped", style="dim")
    if outcome == "done":
        return Text(f"{s.achieved} {unit} ✓")
    return Text(f"{s.achieved} {unit} ({s.achieved * 100 // max(s.target, 1)}%), partly done", style="italic")


class SessionDetailScreen(StableKeys, Screen[None]):
    """One session's sets against the plan."""

    DEFAULT_CSS = """
    SessionDetailScreen #detail-title {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $panel;
    }
    SessionDetailScreen #detail-facts {
        padding: 0 1;
        color: $text-muted;
    }
    SessionDetailScreen #detail-note {
        padding: 0 1;
    }
    SessionDetailScreen #detail-table {
        height: 1fr;
        margin-top: 1;
    }
    SessionDetailScreen #compare-heading {
        padding: 0 1;
        margin-top: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SessionDetailScreen #compare-table {
        height: auto;
        max-height: 45%;
    }
    """

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, record: SessionRecord, comparison: RunComparison | None = None) -> None:
        super().__init__()
        self.record = record
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="detail-facts")
        yield Static(id="detail-note")
        yield DataTable(id="detail-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="compare-heading", markup=False)
        yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        r = self.record
        self.query_one("#detail-title", Static).update(join(
            plain(r.routine_name, "bold"), f"  ·  {when(r.started_at)}"))
        facts = [STATUS_WORDS.get(r.status, r.status), tally(r.sets).words()]
        if r.duration_seconds is not None:
            facts.append(format_duration(r.duration_seconds))
        facts.append(f"pain {r.pain}" if r.pain is not None else "no pain rating")
        if r.effort is not None:
            facts.append(f"effort {r.effort}")
        self.query_one("#detail-facts", Static).update("  ·  ".join(facts))
        note = self.query_one("#detail-note", Static)
        note.display = bool(r.note)
        if r.note:
            note.update(join(Text("Note: ", style="bold"), plain(r.note)))
        self._show_comparison()
        table = self.query_one("#detail-table", DataTable)
        table.add_columns("Exercise", "Set", "Side", "Plan", "Done")
        for s in r.sets:
            table.add_row(plain(s.exercise), f"{s.set}/{s.sets}", s.side or "", plan_text(s), done_text(s))
        if not r.sets:
            table.add_row(Text("No sets were recorded for this session.", style="dim"), "", "", "", "")
        table.focus()

    def _show_comparison(self) -> None:
        heading = self.query_one("#compare-heading", Static)
        table = self.query_one("#compare-table", DataTable)
        comparison = self.comparison
        heading.display = comparison is not None
        table.display = comparison is not None and bool(comparison.figures)
        if comparison is None:
            return
        heading.update(Text(comparison.heading(), style="bold" if comparison.figures else "dim"))
        table.add_columns("", "This time", "Last time", "Change")
        for figure in comparison.figures:
            table.add_row(plain(figure.label), figure.shown(figure.now), figure.shown(figure.before),
                          figure.change_words())

    def action_back(self) -> None:
        """Back to the history."""
        self.dismiss(None)
