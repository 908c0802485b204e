"""A yes/no question as a modal screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamcoach.ui.text import plain


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; dismisses with True for yes, False for no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str | Text, yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # A str is shown literally; a Text is built by the caller (user text in it made plain).
            question = self.question if isinstance(self.question, Text) else plain(self.question)
            yield Static(question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with this answer."""
        self.dismiss(answer)


class QuitScreen(ConfirmScreen):
    """ctrl+q with something to lose: quit anyway, or stay."""

    def __init__(self, losses: str):
        super().__init__(f"Quit hamcoach? {losses}", yes="Quit", no="Stay")
