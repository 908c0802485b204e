"""User settings, kept as a small JSON file in the data home."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hamcoach.atomic import write_text_atomic

SoundSetting = Literal["on", "quiet", "off"]
"""Cues sound (``on``), flash the screen only (``quiet``), or do nothing (``off``)."""


class Settings(BaseModel):
    """What hamcoach remembers between runs besides the history."""

    model_config = ConfigDict(extra="ignore")

    safety_notice_seen: bool = False
    week_target: int = Field(3, ge=1, le=7)
    sound: SoundSetting = "on"
    voice: bool = True
    morning_check: bool = True  # ask the next-morning check (false: never ask; `hamcoach checkin` still works)
    morning_check_asked: str = ""  # the session the next-morning check last asked about (answered or not)

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


def load_settings(path: Path) -> Settings:
    """Read settings; a missing or unreadable file gives the defaults (it is never fatal)."""
    try:
        return Settings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError, RecursionError):  # RecursionError: nested too deeply
        return Settings()


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically with owner-only permissions."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text_atomic(path, settings.model_dump_json(indent=2))
