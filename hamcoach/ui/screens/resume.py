"""After a crash: offer to carry on with the session that was in progress, or keep it as partial."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamcoach.history.models import SessionRecord, parse_time
from hamcoach.history.outcomes import tally
from hamcoach.ui.text import join, plain


class ResumeScreen(ModalScreen[bool]):
    """Dismisses with True to resume, False to keep the session as partial."""

    BINDINGS = [
        Binding("r", "answer(True)", "Resume"),
        Binding("k,escape", "answer(False)", "Keep as partial"),
    ]

    def __init__(self, record: SessionRecord, can_resume: bool = True, reason: str = "its routine is gone"):
        super().__init__()
        self.record = record
        self.can_resume = can_resume
        self.reason = reason  # why it cannot be resumed, as "its routine is gone"

    def compose(self) -> ComposeResult:
        record = self.record
        started = parse_time(record.started_at)
        text = join(
            "A session did not finish: ", plain(record.routine_name, "bold"),
            f", started {started:%a %d %b %H:%M}, {tally(record.sets).words()}.\n\n",
            "Resume it where it stopped, or keep it in your history as a partial session?"
            if self.can_resume else f"{self.reason[:1].upper()}{self.reason[1:]}, so it is kept as a partial session.",
        )
        with Vertical(classes="dialog"):
            yield Static("Unfinished session", classes="dialog-title")
            yield Static(text, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                if self.can_resume:
                    yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Keep as partial (k)", id="keep")

    def on_mount(self) -> None:
        self.query_one("#resume" if self.can_resume else "#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_answer(self, resume: bool) -> None:
        """Close with this answer."""
        self.dismiss(resume and self.can_resume)

