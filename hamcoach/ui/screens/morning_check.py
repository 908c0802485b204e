"""The next-morning check: better, the same, or worse than before the last session?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import plain

HINT = ("Asked once, the morning after a session you rated for pain. A worse morning eases off "
        "that session's exercises next time; sharp or worsening pain means stop.")


class MorningCheckScreen(Dialog[str | None]):
    """Dismisses with ``better``, ``same``, ``worse``, or None when skipped (Escape).

    A start-up question: arrows and Enter answer it, not letters, and a key typed before it
    appeared (meant for the routine list) is not taken as an answer.
    """

    IGNORES_TYPED_AHEAD = True

    def __init__(self, question: str):
        super().__init__("This morning", [Choice("better", "Better", variant="success"),
                                          Choice("same", "Same", variant="primary"),
                                          Choice("worse", "Worse", variant="warning"), Choice("skip", "Skip")],
                         focus="same", id="morning-check")
        self.question = question

    def compose_body(self) -> ComposeResult:
        yield Static(plain(self.question), classes="dialog-text")
        yield Static(HINT, classes="dialog-text dim")

    def choose(self, value: str) -> None:
        self.dismiss(None if value == "skip" else value)
