"""Sound: the cue player (playsound3, with the terminal bell as a fallback).

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hamcoach.sound.player import (
        MAX_BACKLOG,
        QUIET_CUES,
        SOUND_FILES,
        CuePlayer,
        Playsound3Backend,
        SoundBackend,
    )

_HOMES = {
    "CuePlayer": "player",
    "SoundBackend": "player",
    "Playsound3Backend": "player",
    "SOUND_FILES": "player",
    "QUIET_CUES": "player",
    "MAX_BACKLOG": "player",
}

__all__ = [
    "CuePlayer",
    "MAX_BACKLOG",
    "Playsound3Backend",
    "QUIET_CUES",
    "SOUND_FILES",
    "SoundBackend",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
