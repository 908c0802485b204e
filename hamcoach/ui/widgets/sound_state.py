"""Whether sound (and the voice) is on, in words, for a screen's corner."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class SoundState(Widget):
    """``sound on`` or ``MUTED``, then ``voice on``/``voice off`` when a voice exists
    (``voice`` None: no voice to speak of). Words, so NO_COLOR loses nothing."""

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

    muted: reactive[bool] = reactive(False)
    voice: reactive[bool | None] = reactive(None)

    def watch_muted(self, muted: bool) -> None:
        self.set_class(muted, "-muted")

    def render(self) -> Content:
        parts: list[str] = ["MUTED" if self.muted else "sound on"]
        if self.voice is not None:
            parts.append("voice on" if self.voice else "voice off")
        return Content(" · ".join(parts))
