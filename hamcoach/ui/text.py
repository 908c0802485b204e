"""Show user-written text literally: routine names and cues are never markup."""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text

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
