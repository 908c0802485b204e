"""Show user-written text literally: routine names and cues are never markup."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``text`` as typed: no markup, no escape sequences."""
    return Text(_CONTROL.sub("?", text), style=style)


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
