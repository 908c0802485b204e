"""Bring back a deleted routine: the trash, the one deleted last first, in the dialog frame."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hamcoach.routines.files import DeletedRoutine
from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import join, plain


class RestoreRoutineScreen(Dialog[DeletedRoutine | None]):
    """Pick a deleted routine to restore (Enter or Restore); Escape changes nothing."""

    DEFAULT_CSS = """
    RestoreRoutineScreen .dialog {
        width: 76;
    }
    RestoreRoutineScreen #deleted-list {
        height: auto;
        max-height: 60vh;
    }
    """

    def __init__(self, deleted: list[DeletedRoutine]):
        super().__init__("Restore a deleted routine",
                         [Choice("restore", "Restore", variant="primary"), Choice("cancel", "Cancel")],
                         id="restore-routine")
        self.deleted = deleted

    def compose_body(self) -> ComposeResult:
        yield OptionList(*[
            Option(join(plain(entry.name, "bold") if entry.name is not None
                        else Text("(cannot be read as a routine)", style="italic"),
                        Text(f"  {entry.routine_id} · deleted {entry.deleted_at.strftime('%Y-%m-%d %H:%M')}",
                             style="dim")))
            for entry in self.deleted
        ], id="deleted-list", classes="dialog-text")

    def focus_first(self) -> None:
        self.set_focus(self.query_one("#deleted-list", OptionList))

    @on(OptionList.OptionSelected, "#deleted-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose("restore")

    def choose(self, value: str) -> None:
        index = self.query_one("#deleted-list", OptionList).highlighted
        if value == "restore" and index is not None:
            self.dismiss(self.deleted[index])
        elif value != "restore":
            self.dismiss(None)
