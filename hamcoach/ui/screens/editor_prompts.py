"""The editor's questions: unsaved changes (save, discard, stay) and an id clash."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import join, plain


class _Question(Dialog[str]):
    """A question with a few answers, each a button and a letter; dismisses with the value."""

    def __init__(self, title: str, question: Text, choices: list[Choice], focus: str):
        super().__init__(title, choices, focus=focus)
        self.question = question

    def compose_body(self) -> ComposeResult:
        yield Static(self.question, classes="dialog-text")


class UnsavedChangesScreen(_Question):
    """Leaving with unsaved changes: save, discard or stay (Escape)."""

    def __init__(self, name: str):
        super().__init__("Unsaved changes", join("Save the changes to ", plain(name or "this routine", "bold"), "?"),
                         [Choice("save", "Save", "s", "primary"), Choice("discard", "Discard", "d", "warning"),
                          Choice("stay", "Stay")], focus="stay")


class ClashScreen(_Question):
    """The routine's id is taken: overwrite (only a routine of the user's), rename or cancel."""

    def __init__(self, name: str, routine_id: str, other: str, builtin: bool, renamed: str):
        whose = "the built-in routine" if builtin else "your routine"
        question = join(plain(name, "bold"), f" would be saved as {routine_id}.toml, but {whose} ",
                        plain(other, "bold"), " already has that id.")
        if builtin:
            question.append("\nBuilt-in routines are read-only: save under another id, or go back and "
                            "change the name.")
        choices = [] if builtin else [Choice("overwrite", "Overwrite", "o", "warning")]
        choices += [Choice("rename", f"Save as {renamed}", "r", "primary"), Choice("cancel", "Cancel")]
        super().__init__("Name taken", question, choices, focus="cancel")
