"""A row of options that is one Tab stop: the arrows move a cursor along it, space or
Enter chooses. :class:`RadioRow` holds one choice (``(•) Reps   ( ) Timed hold``),
:class:`CheckRow` any number (``[x] mat  [ ] ball  [ ] band``).

The marks are characters, so the state reads with ``NO_COLOR``, in 16 colours and in a
text capture; the cursor (shown while the row has focus) is reverse video. Only a key or
a click posts ``Changed``: setting ``value`` from code (a load, an undo) posts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = "  "


class OptionRow(Widget, can_focus=True):
    """The shared part: the options, the cursor, the keys and the drawing."""

    DEFAULT_CSS = """
    OptionRow {
        width: auto;
        height: 1;
    }
    OptionRow > .option-row--cursor {
        text-style: reverse;
    }
    OptionRow:focus > .option-row--cursor {
        text-style: bold reverse;
    }
    """
    COMPONENT_CLASSES = {"option-row--cursor"}
    BINDINGS = [
        Binding("left,up", "move(-1)", "Previous", show=False),
        Binding("right,down", "move(1)", "Next", show=False),
        Binding("space,enter", "choose", "Choose", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, options: Sequence[str], labels: Sequence[str] | None = None, *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.options = list(options)
        self.labels = list(labels) if labels is not None else list(options)

    def is_on(self, index: int) -> bool:
        """Whether option ``index`` is chosen."""
        raise NotImplementedError

    def mark(self, on: bool) -> str:
        """The mark in front of an option."""
        raise NotImplementedError

    def render(self) -> Text:
        out = Text(no_wrap=True, end="")
        cursor_style = self.get_component_rich_style("option-row--cursor")
        for index, label in enumerate(self.labels):
            if index:
                out.append(GAP)
            on = self.is_on(index)
            piece = Text(f"{self.mark(on)} {label}", style="bold" if on else "")
            if self.has_focus and index == self.cursor:
                piece.stylize(cursor_style)
            out.append_text(piece)
        return out

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        """Move the cursor to the previous (-1) or next (1) option, round the row."""
        self.cursor = (self.cursor + step) % len(self.options)

    def action_choose(self) -> None:
        """Choose the option under the cursor."""
        raise NotImplementedError

    def _index_at(self, x: int) -> int | None:
        start = 0
        for index, label in enumerate(self.labels):
            end = start + len(self.mark(False)) + 1 + len(label)
            if start <= x < end:
                return index
            start = end + len(GAP)
        return None

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event.x)
        if index is not None:
            self.cursor = index
            self.action_choose()


class RadioRow(OptionRow):
    """One of the options (a radio set on one line)."""

    value: reactive[str] = reactive("")

    class Changed(Message):
        """The user chose ``value``."""

        def __init__(self, row: RadioRow, value: str) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> RadioRow:
            """The row that changed."""
            return self.row

    def __init__(self, options: Sequence[str], labels: Sequence[str] | None = None, value: str | None = None,
                 *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(options, labels, id=id, classes=classes)
        self.set_reactive(RadioRow.value, value if value is not None else self.options[0])

    def is_on(self, index: int) -> bool:
        return self.options[index] == self.value

    def mark(self, on: bool) -> str:
        return "(•)" if on else "( )"

    def on_focus(self) -> None:
        # The cursor starts on the choice (Textual then runs OptionRow.on_focus too).
        self.cursor = self.options.index(self.value) if self.value in self.options else 0

    def action_choose(self) -> None:
        chosen = self.options[self.cursor]
        if chosen != self.value:
            self.value = chosen
            self.post_message(self.Changed(self, chosen))


class CheckRow(OptionRow):
    """Any of the options, each on or off."""

    value: reactive[frozenset[str]] = reactive(frozenset())

    class Changed(Message):
        """The user turned an option on or off; ``value`` is every option now on."""

        def __init__(self, row: CheckRow, value: frozenset[str]) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> CheckRow:
            """The row that changed."""
            return self.row

    def is_on(self, index: int) -> bool:
        return self.options[index] in self.value

    def mark(self, on: bool) -> str:
        return "[x]" if on else "[ ]"

    def action_choose(self) -> None:
        option = self.options[self.cursor]
        self.value = self.value ^ {option}
        self.post_message(self.Changed(self, self.value))
