"""Hostile text for the tests: markup, escape sequences and other control characters.

A routine built from it is valid (every string is a TOML basic string with ``\\uXXXX``
escapes), so it loads and goes through every screen and command.
"""

from __future__ import annotations

import re

HOSTILE = (
    "[bold]x[/bold]", "[/bold]", "[@click=app.quit]quit[/]", "[red on blue]x", "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07", "\x07bell", "\r\noverwrite", "\u202eRTL", "{{ jinja }}", "%s %n",
)
ALL = " ".join(HOSTILE)

# Names are at most 80 characters: the hostile strings are spread over three.
NAME = "[bold]x[/bold] [/bold] [@click=app.quit]quit[/] \x1b[31mred\x1b[0m \u202eRTL"
EXERCISE_1 = "[red on blue]x \x1b]0;title\x07 \x07bell %s %n"
EXERCISE_2 = "a\r\noverwrite {{ jinja }} [@click=app.quit]quit[/]"
CUES_1 = [f"cue {text}" for text in HOSTILE] + [ALL]
CUES_2 = [ALL]
ROUTINE_ID = "hostile"

# What may never reach a terminal: C0 and C1 control characters, DEL, the bidi overrides
# and isolates. (Written out here, not taken from hamcoach, so the tests check the code.)
RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHOWN_AS_MARK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """How hamcoach shows ``text``: each control character as ``?`` (tab and newline stay)."""
    return _SHOWN_AS_MARK.sub("?", text)


def one_line(text: str) -> str:
    """How the commands print ``text``: a line break is a ``?`` as well."""
    return shown(text).replace("\n", "?")


def toml_string(text: str) -> str:
    """A TOML basic string; quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif RAW.match(char):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _list(items: list[str]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


HOSTILE_TOML = f"""\
name = {toml_string(NAME)}
description = {toml_string(ALL)}

[[exercises]]
name = {toml_string(EXERCISE_1)}
cues = {_list(CUES_1)}
sets = 1
hold = 3
rest_after = 4

[[exercises]]
name = {toml_string(EXERCISE_2)}
cues = {_list(CUES_2)}
sets = 1
reps = 2
tempo = {{ up = 1, hold = 0, down = 1 }}
"""
# get ready 5 | hold 3 | rest 4 | get ready 5 | 2 reps of 2 s | done: 21 s
HOSTILE_LENGTH = 21

__all__ = ["ALL", "CUES_1", "CUES_2", "EXERCISE_1", "EXERCISE_2", "HOSTILE", "HOSTILE_LENGTH", "HOSTILE_TOML",
           "NAME", "RAW", "ROUTINE_ID", "one_line", "shown", "toml_string"]
