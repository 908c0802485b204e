"""The few settings the first frame needs, read without pydantic (issue 15).

The routine list's first frame needs the theme, the equipment at hand and the routine
last started, and the start-up needs to know whether the safety notice was seen and
how sound and voice are set. :mod:`hamcoach.settings` reads the file with its pydantic
model, which costs more than the first frame itself; so these few are read here, each
checked by the model's own rule (a value the model would refuse gives its default, as
the model does). The app reads the file again with the model right after the first
frame, shows what was wrong with it, and applies the model's result where it differs.

Light on purpose: this module imports neither pydantic nor the settings model.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

MAX_SETTINGS_BYTES = 1_000_000  # hamcoach.settings.MAX_SETTINGS_BYTES
EQUIPMENT = ("mat", "ball", "band")  # hamcoach.settings.EquipmentSetting (a test keeps them equal)
_ROUTINE_ID = re.compile(r"[a-z0-9_-]*")


class FirstSettings(NamedTuple):
    """The settings the first frame needs, with the model's defaults for what is missing or wrong."""

    theme: str
    at_hand: list[str]
    last_routine: str
    safety_notice_seen: bool
    sound: str
    voice: bool


DEFAULTS = FirstSettings("textual-dark", ["mat", "ball", "band"], "", False, "on", True)


def _object(path: Path) -> dict[str, Any]:
    from hamcoach.fileio import read_regular

    try:
        obj = json.loads(read_regular(path, MAX_SETTINGS_BYTES)[1].decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # the model's reading says what is wrong
        return {}
    return obj if isinstance(obj, dict) else {}


def read_first_settings(path: Path) -> FirstSettings:
    """The first frame's settings from the file at ``path`` (never raises)."""
    obj = _object(path)
    values: dict[str, Any] = DEFAULTS._asdict()
    theme = obj.get("theme")
    if type(theme) is str and 1 <= len(theme) <= 64:
        values["theme"] = theme
    at_hand = obj.get("at_hand")
    if (type(at_hand) is list and all(type(item) is str and item in EQUIPMENT for item in at_hand)
            and len(set(at_hand)) == len(at_hand)):
        values["at_hand"] = list(at_hand)
    last = obj.get("last_routine")
    if type(last) is str and len(last) <= 60 and _ROUTINE_ID.fullmatch(last):
        values["last_routine"] = last
    for key in ("safety_notice_seen", "voice"):
        if type(obj.get(key)) is bool:
            values[key] = obj[key]
    sound = obj.get("sound")
    if "sound" in obj:
        if type(sound) is str and sound in ("on", "quiet", "off"):
            values["sound"] = sound
    elif obj.get("muted") is True:  # written before quiet mode: true meant "off"
        values["sound"] = "off"
    return FirstSettings(**values)
