"""The one-time safety notice shown on first start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from hamcoach.ui.screens.dialog import Choice, Dialog

SAFETY_TEXT = (
    "hamcoach is a fitness coach, not medical care.\n\n"
    "Stop at once if you feel sharp pain, or pain that gets worse as you go. "
    "If you have a back condition, check with a clinician before you start.\n\n"
    "Move within a range that feels comfortable; you can pause (space) or end (q) any time."
)


class SafetyScreen(Dialog[None]):
    """Shown once; Enter, space or Escape closes it."""

    BINDINGS = [Binding("space", "cancel", "Understood", show=False)]

    def __init__(self) -> None:
        super().__init__("Before you start", [Choice("ok", "Understood", variant="primary")], id="safety")

    def compose_body(self) -> ComposeResult:
        yield Static(SAFETY_TEXT, classes="dialog-text")

    def choose(self, value: str) -> None:
        self.dismiss(None)
