"""A TextArea that shows user text literally: control characters appear as ``?``."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from hamcoach.ui.text import literal


class PlainTextArea(TextArea):
    """A ``TextArea`` whose lines never reach the terminal with an escape sequence in them.

    Only the display changes: the text keeps every character, so a routine read from a
    file is saved back as it was. One character is shown for one, so the cursor and a
    selection stay where they belong.
    """

    def get_line(self, line_index: int) -> Text:
        return Text(literal(self.document.get_line(line_index)), end="", no_wrap=True)
