"""Ask for a day to mark (or unmark) as a planned rest day."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from hamcoach.history.store import parse_day


class RestDayScreen(ModalScreen[date | None]):
    """Ask for a day to mark or unmark as a rest day; dismisses with the day, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: date, rest_days: set[date]) -> None:
        super().__init__()
        self.today, self.rest_days = today, rest_days

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rest-dialog"):
            yield Static("Rest day", classes="dialog-title")
            yield Static("A planned rest day keeps a streak going without adding to it; at most 2 count "
                         "in any 7 days.", classes="dim")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="rest-date", max_length=10)
            yield Static(id="rest-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._hint(self.today.isoformat())

    def _hint(self, text: str) -> None:
        day = parse_day(text.strip())
        if day is None:
            hint = "Type a date like 2024-05-06. Escape cancels."
        elif day in self.rest_days:
            hint = f"{day:%a %d %b %Y} is a rest day: Enter unmarks it."
        else:
            hint = f"Enter marks {day:%a %d %b %Y} as a rest day."
        self.query_one("#rest-hint", Static).update(hint)

    @on(Input.Changed, "#rest-date")
    def _changed(self, event: Input.Changed) -> None:
        self._hint(event.value)

    @on(Input.Submitted, "#rest-date")
    def _submitted(self, event: Input.Submitted) -> None:
        day = parse_day(event.value.strip())
        if day is None:
            self.notify("Type a date like 2024-05-06.", severity="warning", markup=False)
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
