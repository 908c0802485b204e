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
# As a pattern: CONTROL, compiled on first use (by __getattr__ below).
CONTROL_PATTERN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
TYPE_CHECKING = False
if TYPE_CHECKING:
    CONTROL: re.Pattern[str]

# The same characters as str.translate tables: what the CLI prints goes through
# one_line, and compiling these patterns would cost `hamcoach status` a tenth of its run.
_SHOWN = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                        *range(0x202A, 0x202F), *range(0x2066, 0x206A)], "?")
_ONE_LINE = {**_SHOWN, 0x0A: "?"}


def shown(text: str) -> str:
    """``text`` with each control character replaced by ``?``: one character for one, so
    a position in it (a cursor, a selection) stays where it was."""
    return text.translate(_SHOWN)


def one_line(text: str) -> str:
    """Like :func:`shown`, and a line break is a ``?`` too: one line stays one line."""
    return text.translate(_ONE_LINE)


def __getattr__(name: str) -> re.Pattern[str]:
    if name == "CONTROL":
        pattern = globals()["CONTROL"] = re.compile(CONTROL_PATTERN)
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
