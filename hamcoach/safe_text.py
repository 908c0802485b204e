"""Text from files and imports, made safe to show: control characters become ``?``.

Routine names, cues, file names and imported history are the user's (or anyone's)
text. Shown raw, an ANSI escape sequence in them would restyle, retitle or clear the
terminal, and a bidi override would reorder what it shows. Core: no Textual here; the
UI (``hamcoach.ui.text``) and the commands (``hamcoach.cli.output``) build on it.
"""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL (every ANSI escape sequence starts with one),
# and the bidi overrides and isolates. Tab and newline are left: they lay text out.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` with each control character replaced by ``?``: one character for one, so
    a position in it (a cursor, a selection) stays where it was."""
    return CONTROL.sub("?", text)


def one_line(text: str) -> str:
    """Like :func:`shown`, and a line break is a ``?`` too: one line stays one line."""
    return _CONTROL_OR_NEWLINE.sub("?", text)
