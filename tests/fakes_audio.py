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
