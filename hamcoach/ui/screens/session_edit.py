"""A small form that corrects a saved session: pain, effort, status and a note."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from hamcoach.history.compare import when
from hamcoach.history.documents import SessionSummary
from hamcoach.history.models import COMPLETED, NOTE_MAX_LENGTH, PARTIAL
from hamcoach.history.rules import KEEP, clean_note, edit_problem
from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import ShowControls, join, plain
from hamcoach.ui.widgets.tick_box import TickBox


class EditSessionScreen(Dialog[dict[str, Any] | None]):
    """Dismisses with the fields that changed (``pain``, ``effort``, ``status``, ``note``;
    None clears a rating or the note), or None when cancelled or nothing changed."""

    DEFAULT_CSS = """
    EditSessionScreen .dialog { width: 70; }
    EditSessionScreen .edit-row { height: 1; margin-top: 1; }
    EditSessionScreen .edit-row Label { width: 16; }
    EditSessionScreen .edit-row Input { width: 8; }
    EditSessionScreen #edit-note { width: 1fr; }
    EditSessionScreen #edit-completed { margin-top: 1; }
    EditSessionScreen #edit-hint { margin-top: 1; color: $text-muted; }
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True)]

    def __init__(self, session: SessionSummary) -> None:
        super().__init__("Correct this session",
                         [Choice("save", "Save", variant="primary"), Choice("cancel", "Cancel")], id="edit-session")
        self.session = session

    def compose_body(self) -> ComposeResult:
        s = self.session
        yield Static(join(f"{when(s.started_at)}  ", plain(s.routine_name, "bold")), classes="dialog-text")
        with Horizontal(classes="edit-row"):
            yield Label("Pain (0-10)")
            yield Input("" if s.pain is None else str(s.pain), id="edit-pain", type="integer", max_length=2,
                        placeholder="none", compact=True)
            yield Label("  Effort (1-10)")
            yield Input("" if s.effort is None else str(s.effort), id="edit-effort", type="integer",
                        max_length=2, placeholder="none", compact=True)
        yield TickBox("Completed: a training day (untick: partial)", s.status == COMPLETED,
                      id="edit-completed", compact=True)
        with Horizontal(classes="edit-row"):
            yield Label("Note")
            yield Input(s.note or "", id="edit-note", max_length=NOTE_MAX_LENGTH, highlighter=ShowControls(),
                        placeholder=f"a few words, at most {NOTE_MAX_LENGTH} characters", compact=True)
        yield Static("Enter or ctrl+s saves, Escape cancels, Tab moves; an empty box clears it.",
                     id="edit-hint")

    def focus_first(self) -> None:
        self.set_focus(self.query_one("#edit-pain", Input))

    def choose(self, value: str) -> None:
        if value == "save":
            self.action_save()
        else:
            self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def changes(self) -> dict[str, Any] | str:
        """The fields that differ from the session as stored, or what is wrong with the form."""
        values: dict[str, Any] = {}
        for name in ("pain", "effort"):
            text = self.query_one(f"#edit-{name}", Input).value.strip()
            try:
                values[name] = int(text) if text else None
            except ValueError:
                values[name] = text  # edit_problem says what is wrong with it
        completed = self.query_one("#edit-completed", TickBox).value
        # An unfinished (in progress) session keeps its status unless the box is ticked.
        was_completed = self.session.status == COMPLETED
        values["status"] = KEEP if completed == was_completed else (COMPLETED if completed else PARTIAL)
        values["note"] = clean_note(self.query_one("#edit-note", Input).value)
        problem = edit_problem(pain=values["pain"], effort=values["effort"], status=values["status"],
                               note=values["note"])
        if problem and not problem.startswith("Nothing to change"):
            return problem
        return {name: value for name, value in values.items()
                if value is not KEEP and value != getattr(self.session, name)}

    def action_save(self) -> None:
        """Close with the changes (nothing to change closes it too)."""
        changes = self.changes()
        if isinstance(changes, str):
            self.notify(changes, severity="warning", markup=False)
            return
        self.dismiss(changes or None)

