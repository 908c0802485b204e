"""One look for every dialog: a framed box with its title in the top border, the text,
and a row of buttons at the bottom right.

The buttons are in one order everywhere: the choices that do something first, and last
the one that changes nothing (cancel, stay, keep going), which is also what Escape
picks. ←/→ (or Tab) move between the buttons and Enter or space presses the one with
focus; a dialog may also give each choice a letter, shown on its button (never a
start-up question, which must not act on a letter typed before it appeared).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

if TYPE_CHECKING:
    from textual.widget import Widget

ResultType = TypeVar("ResultType")
Variant = Literal["default", "primary", "success", "warning", "error"]


@dataclass(frozen=True)
class Choice:
    """A button of a dialog: the value it answers with, its words, its letter key if any."""

    value: str
    label: str
    key: str = ""
    variant: Variant = "default"

    @property
    def button_label(self) -> str:
        """``Delete (d)``: the words, and the letter when there is one."""
        return f"{self.label} ({self.key})" if self.key else self.label


class Dialog(ModalScreen[ResultType]):
    """The frame and the buttons; a subclass yields its body from :meth:`compose_body`
    and turns a choice's value into its result in :meth:`choose`."""

    # The frame (.dialog) is in app.tcss, shared with the keys (?) and the exercise chooser.
    DEFAULT_CSS = """
    Dialog .dialog-buttons {
        height: auto;
        margin: 1 0 0 0;
        align-horizontal: right;
    }
    Dialog .dialog-buttons Button {
        margin-left: 2;
        min-width: 8;
    }
    /* Which button Enter presses reads without colour too. */
    Dialog .dialog-buttons Button:focus {
        text-style: bold reverse;
    }
    """

    # A start-up question sets this: a key read before the dialog was on screen (typed
    # ahead, meant for the screen under it) is dropped by the app, not taken as an answer.
    IGNORES_TYPED_AHEAD: ClassVar[bool] = False

    BINDINGS = [
        Binding("left", "move(-1)", "Previous button", show=False),
        Binding("right", "move(1)", "Next button", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, title: str, choices: Sequence[Choice], focus: str | None = None,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dialog_title = title
        self.choices = list(choices)
        self.keys_from = float("inf")  # when it was mounted (the time of Textual's events)
        self.focus_on = focus if focus is not None else (self.choices[0].value if self.choices else None)
        for choice in self.choices:
            if choice.key:
                self._bindings.bind(choice.key, f"choose({choice.value!r})", choice.label, show=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as frame:
            frame.border_title = self.dialog_title
            yield from self.compose_body()
            with Horizontal(classes="dialog-buttons"):
                for choice in self.choices:
                    yield Button(choice.button_label, id=f"choice-{choice.value}", variant=choice.variant,
                                 compact=True)

    def compose_body(self) -> ComposeResult:
        """The dialog's content above the buttons."""
        yield from ()

    def on_mount(self, event: events.Mount) -> None:
        self.keys_from = event.time
        self.focus_first()

    def typed_ahead(self, event: events.Key) -> bool:
        """Whether ``event`` was read before this dialog was mounted, and is to be dropped."""
        return self.IGNORES_TYPED_AHEAD and event.time < self.keys_from

    def focus_first(self) -> None:
        """Focus the button the dialog starts on (a dialog with a form or a list overrides
        this, not on_mount: Textual runs every class's on_mount, this one's last)."""
        if self.focus_on is not None:
            self.set_focus(self.query_one(f"#choice-{self.focus_on}", Button))

    @property
    def buttons(self) -> list[Button]:
        """The dialog's buttons, left to right."""
        return list(self.query(".dialog-buttons Button").results(Button))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":  # arrows move between the buttons only while one has focus
            return self.focused in self.buttons
        return True

    def action_move(self, step: int) -> None:
        """Focus the button to the left (-1) or the right (1)."""
        buttons = self.buttons
        focused: Widget | None = self.focused
        if focused in buttons:
            self.set_focus(buttons[(buttons.index(focused) + step) % len(buttons)])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("choice-"):
            event.stop()
            self.choose(event.button.id.removeprefix("choice-"))

    def action_choose(self, value: str) -> None:
        """Answer with a choice (its letter key)."""
        self.choose(value)

    def action_cancel(self) -> None:
        """Escape: the last choice, the one that changes nothing."""
        if self.choices:
            self.choose(self.choices[-1].value)
        else:
            self.choose("")

    def choose(self, value: str) -> None:
        """Close with the result for ``value`` (a subclass maps it)."""
        self.dismiss(value)  # type: ignore[arg-type]
