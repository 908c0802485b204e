"""Ask for a day to mark (or unmark) as a planned rest day."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from hamcoach.history.store import parse_day
from hamcoach.ui.screens.dialog import Choice, Dialog


class RestDayScreen(Dialog[date | None]):
    """Ask for a day to mark or unmark as a rest day; dismisses with the day, or None."""

    def __init__(self, today: date, rest_days: set[date]) -> None:
        super().__init__("Rest day", [Choice("ok", "OK", variant="primary"), Choice("cancel", "Cancel")],
                         id="rest-dialog")
        self.today, self.rest_days = today, rest_days

    def compose_body(self) -> ComposeResult:
        yield Static("A planned rest day keeps a streak going without adding to it; at most 2 count "
                     "in any 7 days.", classes="dialog-text dim")
        yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="rest-date", max_length=10)
        yield Static(id="rest-hint")

    def focus_first(self) -> None:
        self.set_focus(self.query_one(Input))
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
    def _submitted(self, _event: Input.Submitted) -> None:
        self.choose("ok")

    def choose(self, value: str) -> None:
        if value != "ok":
            self.dismiss(None)
            return
        day = parse_day(self.query_one("#rest-date", Input).value.strip())
        if day is None:
            self.notify("Type a date like 2024-05-06.", severity="warning", markup=False)
            return
        self.dismiss(day)
