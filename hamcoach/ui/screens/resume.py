"""After a crash: carry on with the session that was in progress, discard it, or keep it as partial."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.widgets import Static

from hamcoach.history.models import SessionRecord, parse_time
from hamcoach.history.outcomes import tally
from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import join, plain

ResumeAnswer = Literal["resume", "discard", "keep"]


class ResumeScreen(Dialog[ResumeAnswer]):
    """Dismisses with ``"resume"``, ``"discard"`` (it leaves the history) or ``"keep"``
    (as a partial session; Escape too).

    A start-up question: it takes arrows and Enter, no letters, and a key typed before it
    appeared (meant for the routine list) is not taken as an answer.
    """

    IGNORES_TYPED_AHEAD = True

    def __init__(self, record: SessionRecord, can_resume: bool = True, reason: str = "its routine is gone"):
        choices = [Choice("resume", "Resume", variant="primary")] if can_resume else []
        choices += [Choice("discard", "Discard", variant="warning"), Choice("keep", "Keep as partial")]
        super().__init__("Unfinished session", choices, focus="resume" if can_resume else "keep")
        self.record = record
        self.can_resume = can_resume
        self.reason = reason  # why it cannot be resumed, as "its routine is gone"

    def compose_body(self) -> ComposeResult:
        record = self.record
        started = parse_time(record.started_at)
        text = join(
            "A session did not finish: ", plain(record.routine_name, "bold"),
            f", started {started:%a %d %b %H:%M}, {tally(record.sets).words()}.\n\n",
            "Resume it where it stopped, discard it, or keep it in your history as a partial session?"
            if self.can_resume else
            f"{self.reason[:1].upper()}{self.reason[1:]}, so it cannot be resumed: discard it, or keep it "
            "in your history as a partial session?",
        )
        yield Static(text, classes="dialog-text")

    def choose(self, value: str) -> None:
        if value == "resume" and not self.can_resume:
            return
        self.dismiss(value)  # type: ignore[arg-type]
