"""Sound cues: cue name -> WAV file, played off the UI thread, with a bell fallback.

This module must never import Textual. playsound3 is imported lazily because
importing it probes for audio players with subprocesses (and can raise).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from hamcoach import paths

logger = logging.getLogger(__name__)

SOUND_FILES: dict[str, str] = {
    "tick": "tick.wav",
    "countdown": "tick.wav",
    "go": "go.wav",
    "rep_phase": "rep.wav",
    "halfway": "halfway.wav",
    "set_done": "set_done.wav",
    "rest_over": "rest_over.wav",
    "switch_sides": "switch.wav",
    "complete": "complete.wav",
}
"""Cue name -> file name inside :func:`hamcoach.paths.sounds_dir`."""

QUIET_CUES = frozenset({"rep_phase"})  # cues the bell fallback leaves out
MAX_BACKLOG = 3
"""Cues waiting beyond this are dropped: a late cue is worse than none."""

_NO_PLAYER_TEXT = "No supported audio backends"  # playsound3's message


class SoundBackend(Protocol):
    """Something that starts playing a sound file without waiting for it."""

    def play(self, path: Path) -> None:
        """Start playing ``path``; raise if it cannot be played."""


class Playsound3Backend:
    """Plays files with playsound3, imported on first use (or by :meth:`warm_up`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._module: Any = None
        self._import_error: Exception | None = None
        self._playing: list[Any] = []  # playsound3 Sound objects not yet reaped

    def warm_up(self) -> None:
        """Import playsound3 in a daemon thread, so the first cue is not late."""
        threading.Thread(target=self._warm, name="hamcoach-audio-warm-up", daemon=True).start()

    def _warm(self) -> None:
        with contextlib.suppress(Exception):  # remembered by _load and raised again by play()
            self._load()

    def _load(self) -> Any:
        with self._lock:  # a play() during warm-up waits for the import
            if self._module is None and self._import_error is None:
                # playsound3 logs "no backends" to stderr on import; that would
                # scribble over a full-screen UI, and we report it ourselves.
                logging.getLogger("playsound3").addHandler(logging.NullHandler())
                try:
                    import playsound3
                except Exception as exc:  # e.g. a broken player failing its probe
                    self._import_error = exc
                else:
                    self._module = playsound3
            if self._import_error is not None:
                raise RuntimeError(f"cannot load playsound3: {self._import_error}")
            return self._module

    def play(self, path: Path) -> None:
        """Start playing ``path`` (non-blocking); raise on any failure.

        A player that fails can exit silently with a non-zero code, so each
        call also checks how earlier sounds ended and raises if one failed.
        """
        playsound3 = self._load()
        self._reap()
        self._playing.append(playsound3.playsound(str(path), block=False))

    def _reap(self) -> None:
        still_playing = []
        failed = None
        for sound in self._playing:
            code = sound.subprocess.poll()  # also reaps the child process
            if code is None:
                still_playing.append(sound)
            elif code != 0:
                failed = code
        self._playing = still_playing
        if failed is not None:
            raise self._module.PlaysoundException(f"audio player exited with code {failed}")


def _direct(callback: Callable[[], None]) -> None:
    callback()


class CuePlayer:
    """Plays cues by name on a daemon worker thread; never raises, never blocks.

    When sound turns out to be unavailable (no player, playsound3 failing,
    missing or corrupt file) it falls back to ``bell`` for the rest of the
    session and calls ``on_unavailable`` once with a one-line plain-text
    message (show it with markup off).

    ``bell`` and ``on_unavailable`` are run from the worker thread through
    ``dispatch`` (default: called directly). A UI must marshal them to its own
    thread, e.g. ``dispatch=app.call_from_thread`` in Textual.
    """

    def __init__(
        self,
        backend: SoundBackend | None = None,
        sounds_dir: Path | None = None,
        muted: bool = False,
        bell: Callable[[], None] | None = None,
        on_unavailable: Callable[[str], None] | None = None,
        dispatch: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        self._backend: SoundBackend = backend if backend is not None else Playsound3Backend()
        self._sounds_dir = sounds_dir if sounds_dir is not None else paths.sounds_dir()
        self._muted = muted
        self._bell = bell
        self._on_unavailable = on_unavailable
        self._dispatch = dispatch or _direct
        self._available = True
        self._checked: set[Path] = set()  # files already known to be good WAVs
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._pending = 0  # queued or playing; guarded by _idle
        self._idle = threading.Condition()
        self._worker: threading.Thread | None = None
        self._closed = False
        self.dropped = 0
        """How many cues were dropped because the backlog was full."""

    def attach(
        self,
        bell: Callable[[], None] | None = None,
        on_unavailable: Callable[[str], None] | None = None,
        dispatch: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        """Connect the fallback callbacks once the UI exists (the player is built before it)."""
        self._bell = bell
        self._on_unavailable = on_unavailable
        self._dispatch = dispatch or _direct

    @property
    def muted(self) -> bool:
        """Whether cues are silenced (no sound and no bell)."""
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = value

    def toggle_mute(self) -> bool:
        """Flip muting; return the new ``muted`` value."""
        self._muted = not self._muted
        return self._muted

    @property
    def available(self) -> bool:
        """False once sound has failed and the bell fallback is in use."""
        return self._available

    def warm_up(self) -> None:
        """Let the backend get ready early (e.g. import playsound3), if it can."""
        warm = getattr(self._backend, "warm_up", None)
        if warm is not None and not self._muted:
            warm()

    def play(self, cue_name: str) -> None:
        """Queue ``cue_name`` to be played; returns at once and never raises."""
        if self._muted:
            return
        if cue_name not in SOUND_FILES:
            logger.debug("unknown cue %r ignored", cue_name)
            return
        with self._idle:  # the lock also keeps cues from landing after close()'s stop
            if self._closed:
                return
            if self._pending >= MAX_BACKLOG:
                self.dropped += 1
                return
            self._pending += 1
            if self._worker is None:  # started lazily: no thread until needed
                self._worker = threading.Thread(
                    target=self._work, name="hamcoach-audio", daemon=True
                )
                self._worker.start()
            self._queue.put(cue_name)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued cue has been handled; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    flush = wait_idle

    def close(self, timeout: float | None = 1.0) -> None:
        """Stop the worker thread; later cues are ignored."""
        with self._idle:
            self._closed = True
            worker = self._worker
            if worker is not None:
                self._queue.put(None)  # after any cue already queued
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout)

    def _work(self) -> None:
        while True:
            cue = self._queue.get()
            if cue is None:
                return
            try:
                self._handle(cue)
            except Exception:  # a failing bell or dispatch must not kill the worker
                logger.exception("sound cue %r failed", cue)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _handle(self, cue: str) -> None:
        if self._muted:  # muted while the cue was waiting
            return
        if self._available:
            try:
                path = self._sounds_dir / SOUND_FILES[cue]
                self._check_file(path)
                self._backend.play(path)
                return
            except Exception as exc:
                self._available = False
                message = f"Sound unavailable ({_describe(exc)}); using the terminal bell."
                logger.info("%s", message)
                if self._on_unavailable is not None:
                    callback = self._on_unavailable
                    self._dispatch(lambda: callback(message))
        # A bell and a flash every rep phase (every second or two) would wear anyone
        # out; the fallback keeps to the cues that mark a change of what to do.
        if self._bell is not None and cue not in QUIET_CUES:
            self._dispatch(self._bell)

    def _check_file(self, path: Path) -> None:
        # Checked once per file, so a missing or corrupt file is reported
        # clearly instead of as a player's silent non-zero exit.
        if path in self._checked:
            return
        if not path.is_file():
            raise FileNotFoundError(f"missing sound file {path.name}")
        try:
            with wave.open(str(path), "rb") as w:
                w.getnframes()
        except (OSError, EOFError, wave.Error) as exc:
            raise ValueError(f"unreadable sound file {path.name}") from exc
        self._checked.add(path)


def _describe(exc: Exception) -> str:
    """A short one-line reason for ``exc``."""
    text = str(exc)
    if _NO_PLAYER_TEXT in text:
        return "no audio player found"
    line = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return line if len(line) <= 80 else line[:77] + "..."
