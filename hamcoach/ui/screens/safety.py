"""The one-time safety notice shown on first start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

SAFETY_TEXT = (
    "hamcoach is a fitness coach, not medical care.\n\n"
    "Stop at once if you feel sharp pain, or pain that gets worse as you go. "
    "If you have a back condition, check with a clinician before you start.\n\n"
    "Move within a range that feels comfortable; you can pause (space) or end (q) any time."
)


class SafetyScreen(ModalScreen[None]):
    """Shown once; Enter or Escape closes it."""

    BINDINGS = [Binding("enter,escape,space", "close", "Understood")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="safety"):
            yield Static("Before you start", classes="dialog-title")
            yield Static(SAFETY_TEXT, classes="dialog-text")
            yield Button("Understood (Enter)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the notice."""
        self.dismiss(None)
