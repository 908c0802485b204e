"""Set the weekly target (training days a week) from the history screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from hamcoach.errors import SettingsError
from hamcoach.settings import parse_setting
from hamcoach.ui.screens.dialog import Choice, Dialog


class WeekTargetScreen(Dialog[int | None]):
    """Ask for the number of training days a week; dismisses with it, or None."""

    def __init__(self, target: int) -> None:
        super().__init__("Weekly target", [Choice("ok", "Save", variant="primary"), Choice("cancel", "Cancel")],
                         id="target-dialog")
        self.target = target

    def compose_body(self) -> ComposeResult:
        yield Static("Training days a week (1 to 7): the week streak counts the weeks that reach it. "
                     "On the command line: hamcoach settings week_target N.", classes="dialog-text dim", markup=False)
        yield Input(str(self.target), id="target-days", max_length=1, restrict=r"[0-9]*")
        yield Static(id="target-hint")

    def focus_first(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted, "#target-days")
    def _submitted(self, _event: Input.Submitted) -> None:
        self.choose("ok")

    def choose(self, value: str) -> None:
        if value != "ok":
            self.dismiss(None)
            return
        try:
            days = parse_setting("week_target", self.query_one(Input).value.strip())
        except SettingsError:
            self.query_one("#target-hint", Static).update("Type a whole number from 1 to 7.")
            return
        self.dismiss(days)
