"""The next-morning check: better, the same, or worse than before the last session?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamcoach.ui.text import plain

HINT = ("Asked once, the morning after a session you rated for pain. A worse morning eases off "
        "that session's exercises next time; sharp or worsening pain means stop.")


class MorningCheckScreen(ModalScreen[str | None]):
    """Dismisses with ``better``, ``same``, ``worse``, or None when skipped."""

    BINDINGS = [
        Binding("b", "answer('better')", "Better"),
        Binding("s", "answer('same')", "Same"),
        Binding("w", "answer('worse')", "Worse"),
        Binding("escape", "answer(None)", "Skip"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="morning-check"):
            yield Static("This morning", classes="dialog-title")
            yield Static(plain(self.question), classes="dialog-text")
            yield Static(HINT, classes="dialog-text dim")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Better (b)", id="better", variant="success")
                yield Button("Same (s)", id="same", variant="primary")
                yield Button("Worse (w)", id="worse", variant="warning")
                yield Button("Skip (Esc)", id="skip")

    def on_mount(self) -> None:
        self.query_one("#same", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "skip" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        """Close with this answer (None: skipped)."""
        self.dismiss(answer)
