"""Fake sound backends for tests (the product code never uses these)."""

from __future__ import annotations

import threading
from pathlib import Path


class RecordingBackend:
    """Records the paths it is asked to play instead of playing them."""

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.warmed_up = False

    def play(self, path: Path) -> None:
        """Remember ``path``."""
        self.played.append(path)

    def warm_up(self) -> None:
        """Remember that a warm-up was asked for."""
        self.warmed_up = True


class FailingBackend:
    """Raises ``error`` on every play, like a machine without an audio player."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error or RuntimeError("no audio player")
        self.calls = 0

    def play(self, path: Path) -> None:
        """Count the call and raise."""
        self.calls += 1
        raise self.error


class BlockingBackend(RecordingBackend):
    """A slow player: each play waits until ``release`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def play(self, path: Path) -> None:
        """Signal ``started``, then wait for ``release`` before recording."""
        self.started.set()
        self.release.wait(timeout=10)
        super().play(path)


class FakePlaying:
    """A sound that plays until ``end()`` (or ``stop()``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.playing = True
        self.stopped = False

    def is_playing(self) -> bool:
        return self.playing

    def stop(self) -> None:
        self.stopped = True
        self.playing = False

    def end(self) -> None:
        self.playing = False


class PlayingBackend(RecordingBackend):
    """Records like RecordingBackend, and each sound keeps playing until the test ends it."""

    def __init__(self) -> None:
        super().__init__()
        self.sounds: list[FakePlaying] = []

    def play(self, path: Path) -> FakePlaying:  # type: ignore[override]
        super().play(path)
        sound = FakePlaying(path)
        self.sounds.append(sound)
        return sound

    def end_all(self) -> None:
        for sound in self.sounds:
            sound.end()


def write_wav(path: Path, seconds: float = 0.2, lead: float = 0.05, rate: int = 22_050) -> None:
    """A 16-bit mono WAV: ``lead`` s of silence, a tone, and ``lead`` s of silence again."""
    import math
    import struct
    import wave

    silence = [0] * int(lead * rate)
    tone = [int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate))]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack(f"<{len(silence) * 2 + len(tone)}h", *silence, *tone, *silence))


class FakeRenderer:
    """Stands in for a speech engine: writes a short WAV per phrase and records the texts.

    ``fail`` makes every render raise like an engine exiting non-zero; ``gate``, when
    set, holds each render until it is set.
    """

    def __init__(self, fail: bool = False) -> None:
        self.texts: list[str] = []
        self.threads: set[str] = set()
        self.fail = fail
        self.gate: threading.Event | None = None

    def __call__(self, engine, text: str, out: Path) -> None:
        from hamcoach.sound.voice import VoiceError

        self.threads.add(threading.current_thread().name)
        if self.gate is not None:
            self.gate.wait(timeout=10)
        self.texts.append(text)
        if self.fail:
            raise VoiceError(f"{engine.name} exited with code 1: no voice data")
        write_wav(out)
