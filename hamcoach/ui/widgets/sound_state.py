"""Whether sound (and the voice) is on, in words, for a screen's corner."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

SOUND_WORDS = {"on": "sound on", "quiet": "QUIET (flash)", "off": "MUTED", "bell": "bell only"}
VOICE_WORDS = {"on": "voice on", "off": "voice off", "none": "no voice", "failed": "voice failed"}


class SoundState(Widget):
    """``sound on``, ``QUIET (flash)``, ``MUTED`` or ``bell only`` (no player works), then the
    voice: ``voice on``/``voice off``/``no voice``/``voice failed`` (``voice`` None: no voice
    to speak of). Words, so NO_COLOR loses nothing."""

    DEFAULT_CSS = """
    SoundState {
        width: auto;
        height: 1;
        padding: 0 0 0 2;
    }
    SoundState.-muted {
        text-style: bold;
        color: $text-warning;
    }
    """

    sound: reactive[str] = reactive("on", layout=True)  # the width follows the words
    voice: reactive[str | None] = reactive(None, layout=True)

    @property
    def muted(self) -> bool:
        """True when cues make no sound (quiet, off, or only the bell)."""
        return self.sound != "on"

    @muted.setter
    def muted(self, value: bool) -> None:
        self.sound = "off" if value else "on"

    def watch_sound(self, sound: str) -> None:
        self.set_class(sound != "on", "-muted")

    def render(self) -> Content:
        parts: list[str] = [SOUND_WORDS.get(self.sound, self.sound)]
        if self.voice is not None:
            parts.append(VOICE_WORDS.get(self.voice, self.voice))
        return Content(" · ".join(parts))
