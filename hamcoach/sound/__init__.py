"""Sound: the cue player (playsound3, with the terminal bell as a fallback), the voice
(system speech engines, phrases rendered to a WAV cache), what to say at each cue, and
the sound check.

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs `hamcoach status` more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hamcoach.sound.check import CheckLine, run_sound_check
    from hamcoach.sound.phrases import Moment, moment, phrase, session_phrases, session_plan
    from hamcoach.sound.player import (
        QUIET_CUES,
        SOUND_FILES,
        CuePlayer,
        Playsound3Backend,
        SoundBackend,
        SoundMode,
    )
    from hamcoach.sound.voice import SpeechEngine, Voice, VoiceError, detect_engine, install_hint

_HOMES = {
    "CuePlayer": "player",
    "SoundBackend": "player",
    "SoundMode": "player",
    "Playsound3Backend": "player",
    "SOUND_FILES": "player",
    "QUIET_CUES": "player",
    "Moment": "phrases",
    "moment": "phrases",
    "phrase": "phrases",
    "session_phrases": "phrases",
    "session_plan": "phrases",
    "SpeechEngine": "voice",
    "Voice": "voice",
    "VoiceError": "voice",
    "detect_engine": "voice",
    "install_hint": "voice",
    "CheckLine": "check",
    "run_sound_check": "check",
}

__all__ = [
    "CheckLine",
    "CuePlayer",
    "Moment",
    "Playsound3Backend",
    "QUIET_CUES",
    "SOUND_FILES",
    "SoundBackend",
    "SoundMode",
    "SpeechEngine",
    "Voice",
    "VoiceError",
    "detect_engine",
    "install_hint",
    "moment",
    "phrase",
    "run_sound_check",
    "session_phrases",
    "session_plan",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
