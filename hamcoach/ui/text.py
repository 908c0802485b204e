"""Show user-written text literally: routine names and cues are never markup."""

from __future__ import annotations

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from hamcoach.safe_text import one_line, shown


def literal(text: str) -> str:
    """``text`` with each control character shown as ``?`` (see :mod:`hamcoach.safe_text`)."""
    return shown(text)


def plain(text: str, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``text`` as typed: no markup, no escape sequences."""
    return Text(literal(text), style=style)


class ShowControls(Highlighter):
    """An ``Input`` highlighter that shows control characters, line breaks too (the field is
    one line), as ``?``; the value keeps them."""

    def highlight(self, text: Text) -> None:
        text.plain = one_line(text.plain)


def join(*parts: Text | str) -> Text:
    """Join pieces; ``str`` pieces are our own words, ``Text`` pieces may be user text."""
    out = Text()
    for part in parts:
        out.append(part if isinstance(part, Text) else Text(part))
    return out


def duration_words(seconds: float) -> str:
    """``12 min``, ``45 s`` or ``1 h 05 min``: an estimate for people, not a clock."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = (seconds + 30) // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def same_content(old: object, new: object) -> bool:
    """Whether two things to show would show the same (styles included)."""
    if isinstance(old, Text) and isinstance(new, Text):  # Text's == leaves out the base style
        return (old.plain, old.style, old.spans, old.justify, old.no_wrap) == \
            (new.plain, new.style, new.spans, new.justify, new.no_wrap)
    if isinstance(old, Content) and isinstance(new, Content):  # Content's == compares the text alone
        return (old.plain, old.spans) == (new.plain, new.spans)
    return type(old) is type(new) and old == new


def _one_line_within(content: object, width: int) -> bool:
    if isinstance(content, Text | Content):
        return width > 0 and "\n" not in content.plain and cell_len(content.plain) <= width
    return False  # a string may be markup: its length says nothing


def show(widget: Static, content: Text | Content | str) -> None:
    """Show ``content`` in ``widget``, unless it shows just that already.

    ``Static.update`` lays the whole screen out again each time (in the editor that was
    several layouts per key, 30-60 ms of CPU), and most keys change little of what is
    shown. When the old text and the new both fit on one line of a widget whose width
    does not follow its text, its size cannot change, and the layout is left out.
    """
    old = widget.content
    if same_content(old, content):
        return
    width = widget.content_size.width
    same_size = not widget.styles.width or not widget.styles.width.is_auto
    one_line = _one_line_within(old, width) and _one_line_within(content, width)
    widget.update(content, layout=not (same_size and one_line))
