"""User settings, kept as a small JSON file in the data home.

Reading never loses a setting to another one's mistake: each field is checked on its
own (strictly: ``true`` is not a number, ``"1"`` is not a number), a bad one falls
back to its default and is named in :attr:`SettingsFile.problems`, the others are
kept. A file that is not a JSON object (a trailing comma, a stray character) gives
the defaults and is never written over: :func:`save_settings` refuses, so the user's
file can be mended by hand. Keys hamcoach does not know are kept when it saves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from hamcoach.atomic import write_text_atomic
from hamcoach.errors import SettingsError
from hamcoach.fileio import read_regular, reason

MAX_SETTINGS_BYTES = 1_000_000
SoundSetting = Literal["on", "quiet", "off"]
"""Cues sound (``on``), flash the screen only (``quiet``), or do nothing (``off``)."""
# The routines' equipment (hamcoach.routines.models.EQUIPMENT, which a test keeps equal),
# spelled out so that reading the settings does not load the routine models.
EquipmentSetting = Literal["mat", "ball", "band"]

_WORDS = {
    "safety_notice_seen": "must be true or false",
    "week_target": "must be a whole number from 1 to 7",
    "sound": 'must be "on", "quiet" or "off"',
    "voice": "must be true or false",
    "morning_check": "must be true or false",
    "morning_check_asked": "must be text",
    "theme": "must be a theme's name (1 to 64 characters)",
    "last_routine": "must be a routine id (lowercase letters, digits, - and _)",
    "at_hand": 'must be a list of "mat", "ball" and "band", each at most once',
}


class Settings(BaseModel):
    """What hamcoach remembers between runs besides the history."""

    model_config = ConfigDict(extra="ignore", strict=True)

    safety_notice_seen: bool = False
    week_target: int = Field(3, ge=1, le=7)
    sound: SoundSetting = "on"
    voice: bool = True
    morning_check: bool = True  # ask the next-morning check (false: never ask; `hamcoach checkin` still works)
    morning_check_asked: str = ""  # the session the next-morning check last asked about (answered or not)
    # A Textual theme's name (ctrl+p, "Theme"); one the app does not know is left unused.
    theme: str = Field("textual-dark", min_length=1, max_length=64)
    # The routine last started: the routine list opens on it ("" or one since deleted: the first).
    last_routine: str = Field("", max_length=60, pattern=r"^[a-z0-9_-]*$")
    # The routine list's equipment filter: the equipment the user has at hand.
    at_hand: list[EquipmentSetting] = Field(["mat", "ball", "band"])  # pydantic copies it for each

    @field_validator("at_hand")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each piece of equipment at most once")
        return value

    @model_validator(mode="before")
    @classmethod
    def _from_muted(cls, data: Any) -> Any:
        # Files written before quiet mode have ``"muted": true`` for "off".
        if isinstance(data, dict) and "sound" not in data and data.get("muted") is True:
            return {**data, "sound": "off"}
        return data

    @property
    def muted(self) -> bool:
        """True when cues make no sound (quiet or off)."""
        return self.sound != "on"


@dataclass
class SettingsFile:
    """The settings as read, what was wrong with the file (one line each), and whether it may be written."""

    settings: Settings
    problems: list[str] = field(default_factory=list)
    writable: bool = True


def _read_object(path: Path) -> dict[str, Any] | None:
    """The file's JSON object; None if there is no file. ValueError (why, in words) if it is not one."""
    try:
        _, data = read_regular(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"it cannot be read: {reason(exc)}") from None
    try:
        text = data.decode("utf-8-sig")  # a byte order mark (some editors add one) is fine
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError("it is not a JSON object")
    return obj


def read_settings(path: Path) -> SettingsFile:
    """Read settings, field by field; never fatal (a problem is a line in ``problems``)."""
    name = path.name
    try:
        obj = _read_object(path)
    except ValueError as exc:
        return SettingsFile(Settings(), [f"{name} was not used ({exc}); the default settings apply, and hamcoach "
                                         "will not write over it."], writable=False)
    if obj is None:
        return SettingsFile(Settings())
    values: dict[str, Any] = {}
    problems = []
    for key, info in Settings.model_fields.items():
        if key not in obj:
            continue
        try:
            Settings.model_validate({key: obj[key]})
        except ValidationError:
            shown = json.dumps(obj[key])
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            problems.append(f"{name}: {key} {_WORDS.get(key, 'is not valid')} (got {shown}); "
                            f"using {json.dumps(info.default)}.")
            continue
        values[key] = obj[key]
    if "sound" not in obj and "muted" in obj:  # written before quiet mode: true meant "off"
        if type(obj["muted"]) is bool:
            values["muted"] = obj["muted"]
        else:
            problems.append(f"{name}: muted must be true or false (got {json.dumps(obj['muted'])[:40]}); ignored.")
    return SettingsFile(Settings.model_validate(values), problems)


def load_settings(path: Path) -> Settings:
    """The settings (defaults for what is missing or wrong); :func:`read_settings` also says what was wrong."""
    return read_settings(path).settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically (a link is followed; the file keeps its mode, 0600 when new).

    Keys hamcoach does not know are kept. A :class:`SettingsError` if the file there is
    not a JSON object: it is never written over.
    """
    try:
        obj = _read_object(path) or {}
    except ValueError as exc:
        raise SettingsError(f"{path} was not overwritten: {exc}. Mend it or remove it.") from None
    obj.pop("muted", None)  # the old form of `sound`, which is written now
    obj.update(settings.model_dump())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text_atomic(path, json.dumps(obj, indent=2), mode=None)


def setting_names() -> list[str]:
    """Every setting's name, in the file's order."""
    return list(Settings.model_fields)


def parse_setting(key: str, text: str) -> Any:
    """The value ``text`` gives setting ``key``, checked as when the file is read.

    ``text`` is read as JSON when it is a JSON number, ``true``/``false``, a quoted
    string or, for a setting that is a list (``at_hand``), a JSON list; else as plain
    text (``on``, ``textual-light``). A :class:`SettingsError`
    (one line) for an unknown key or a value the setting does not take.
    """
    if key not in Settings.model_fields:
        raise SettingsError(f"{key!r} is not a setting; the settings are {', '.join(setting_names())}")
    try:
        value: Any = json.loads(text)
    except ValueError:
        value = text
    takes_list = get_origin(Settings.model_fields[key].annotation) is list  # at_hand: '["mat", "band"]'
    if isinstance(value, dict) or value is None or (isinstance(value, list) and not takes_list):
        value = text
    if isinstance(value, (int, float, bool)) and Settings.model_fields[key].annotation is str:
        value = text  # a theme named "1" is text
    try:
        Settings.model_validate({key: value})
    except ValidationError:
        raise SettingsError(f"The setting {key} {_WORDS.get(key, 'is not valid')} (got {text!r})") from None
    return value


def save_setting(path: Path, key: str, value: Any) -> None:
    """Write one setting (already checked by :func:`parse_setting`), leaving every other key as it is.

    Unlike :func:`save_settings`, a field the file holds a bad value for is not written
    over with its default: only ``key`` changes. Refused like :func:`save_settings` when
    the file is not a JSON object.
    """
    try:
        obj = _read_object(path) or {}
    except ValueError as exc:
        raise SettingsError(f"{path} was not overwritten: {exc}. Mend it or remove it.") from None
    if key == "sound":
        obj.pop("muted", None)  # the old form of `sound`
    obj[key] = value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text_atomic(path, json.dumps(obj, indent=2), mode=None)
