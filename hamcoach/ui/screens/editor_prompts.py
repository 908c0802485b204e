"""The editor's questions: unsaved changes (save, discard, stay) and an id clash."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from hamcoach.ui.text import join, plain


class _ChoiceScreen(ModalScreen[str]):
    """A question with a few answers; each answer is a button and a key."""

    def __init__(self, question: Text, answers: list[tuple[str, str, str]], focus: str):
        super().__init__()
        self.question = question
        self.answers = answers  # (value, button label, variant)
        self.focus_on = focus

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for value, label, variant in self.answers:
                    yield Button(label, id=f"answer-{value}", variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query_one(f"#answer-{self.focus_on}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return any(value == parameters[0] for value, _label, _variant in self.answers)
        return True

    def action_answer(self, value: str) -> None:
        """Close with this answer."""
        self.dismiss(value)


class UnsavedChangesScreen(_ChoiceScreen):
    """Leaving with unsaved changes: save, discard or stay."""

    BINDINGS = [
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("escape", "answer('stay')", "Stay"),
    ]

    def __init__(self, name: str):
        super().__init__(join("Save the changes to ", plain(name or "this routine", "bold"), "?"),
                         [("save", "Save (s)", "primary"), ("discard", "Discard (d)", "warning"),
                          ("stay", "Stay (Esc)", "default")], focus="stay")


class ClashScreen(_ChoiceScreen):
    """The routine's id is taken: overwrite (only a routine of the user's), rename or cancel."""

    BINDINGS = [
        Binding("o", "answer('overwrite')", "Overwrite"),
        Binding("r", "answer('rename')", "Rename"),
        Binding("escape", "answer('cancel')", "Cancel"),
    ]

    def __init__(self, name: str, routine_id: str, other: str, builtin: bool, renamed: str):
        whose = "the built-in routine" if builtin else "your routine"
        question = join(plain(name, "bold"), f" would be saved as {routine_id}.toml, but {whose} ",
                        plain(other, "bold"), " already has that id.")
        if builtin:
            question.append("\nBuilt-in routines are read-only: save under another id, or go back and "
                            "change the name.")
        answers = [] if builtin else [("overwrite", "Overwrite (o)", "warning")]
        answers += [("rename", f"Save as {renamed} (r)", "primary"), ("cancel", "Cancel (Esc)", "default")]
        super().__init__(question, answers, focus="cancel")
