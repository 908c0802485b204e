"""A yes/no question as a dialog."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import plain


class ConfirmScreen(Dialog[bool]):
    """Ask a question; dismisses with True for yes, False for no (``n`` or Escape). The
    no button has focus, so Enter alone never does the thing asked about."""

    def __init__(self, question: str | Text, yes: str = "Yes", no: str = "No", title: str = "Confirm"):
        super().__init__(title, [Choice("yes", yes, "y", "warning"), Choice("no", no, "n", "primary")], focus="no")
        self.question = question

    def compose_body(self) -> ComposeResult:
        # A str is shown literally; a Text is built by the caller (user text in it made plain).
        yield Static(self.question if isinstance(self.question, Text) else plain(self.question),
                     classes="dialog-text")

    def choose(self, value: str) -> None:
        self.dismiss(value == "yes")


class QuitScreen(ConfirmScreen):
    """ctrl+q with something to lose: quit anyway, or stay."""

    def __init__(self, losses: str):
        super().__init__(f"Quit hamcoach? {losses}", yes="Quit", no="Stay", title="Quit")
