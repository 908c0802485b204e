"""The voice: a system speech engine renders phrases to WAV files, cached, ahead of need.

Engines are found at run time (no network, no extra Python package): espeak-ng or
espeak (then spd-say, which can only speak live) on Linux, ``say`` on macOS, the
built-in SAPI voice through Windows PowerShell. Each phrase is rendered once into the
user's cache folder, keyed by the text, the engine and its voice, so a spoken cue is a
WAV file like any tone and starts as fast. Rendering runs on a worker thread of its own,
in the order the phrases will be needed.

Core: never imports Textual.
"""

from __future__ import annotations

import array
import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hamcoach import paths
from hamcoach.safe_text import one_line

logger = logging.getLogger(__name__)

CACHE_FORMAT = 2  # bump when the rendering changes, so old files are not reused
RENDER_TIMEOUT = 20.0  # seconds; SAPI's first start can be slow
SPEECH_RATE = 180  # words a minute for the engines that take one (espeak's default is 175)
_SILENCE = 200  # samples below this (of 32768, about -44 dBFS) are trimmed from the ends
_LEAD_MS, _TAIL_MS = 1, 5  # silence kept before the first sound and after the last

_SAPI_SCRIPT = (
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$s.SetOutputToWaveFile($env:HAMCOACH_SPEECH_OUT); "
    "$s.Speak($env:HAMCOACH_SPEECH_TEXT); $s.Dispose()"
)


class VoiceError(Exception):
    """A phrase could not be rendered (the engine failed or wrote no sound)."""


@dataclass(frozen=True)
class SpeechEngine:
    """A speech program found on this system, and how to make it speak."""

    name: str  # espeak-ng, espeak, say, sapi, spd-say
    program: str  # the executable's path
    voice: str | None = None  # the engine's voice, when one is chosen

    @property
    def renders(self) -> bool:
        """True when it can write WAV files; spd-say can only speak at once."""
        return self.name != "spd-say"

    @property
    def key(self) -> str:
        """What the cache of rendered phrases is keyed by, with the text."""
        return f"{self.name}:{self.voice or ''}:{SPEECH_RATE}:{CACHE_FORMAT}"

    def describe(self) -> str:
        """``espeak-ng (voice en-us)``, for the sound check and the notices."""
        return f"{self.name} (voice {self.voice})" if self.voice else self.name

    def render_command(self, text: str, out: Path) -> tuple[list[str], bytes | None, dict[str, str]]:
        """argv, stdin bytes and extra environment that write ``text`` as a WAV to ``out``.

        The text never goes on the command line (a name starting with ``-`` would read
        as an option): it goes on stdin, or in the environment for PowerShell.
        """
        data = text.encode("utf-8")
        if self.name in ("espeak-ng", "espeak"):
            voice = ["-v", self.voice] if self.voice else []
            return [self.program, *voice, "-s", str(SPEECH_RATE), "-w", str(out), "--stdin"], data, {}
        if self.name == "say":
            voice = ["-v", self.voice] if self.voice else []
            return ([self.program, *voice, "-r", str(SPEECH_RATE), "-o", str(out), "--file-format=WAVE",
                     "--data-format=LEI16@22050", "-f", "-"], data, {})
        if self.name == "sapi":
            return ([self.program, "-NoProfile", "-NonInteractive", "-Command", _SAPI_SCRIPT], None,
                    {"HAMCOACH_SPEECH_OUT": str(out), "HAMCOACH_SPEECH_TEXT": text})
        raise VoiceError(f"{self.name} cannot write sound files")

    def speak_command(self, text: str) -> list[str]:
        """argv that speaks ``text`` at once (spd-say, which cannot render to a file)."""
        return [self.program, "--", text]


def detect_engine(which: Callable[[str], str | None] = shutil.which,
                  platform: str = sys.platform) -> SpeechEngine | None:
    """The best speech engine installed here, or None."""
    if platform == "darwin":
        candidates = [("say", "say")]
    elif platform.startswith("win"):
        candidates = [("sapi", "powershell")]
    else:
        candidates = [("espeak-ng", "espeak-ng"), ("espeak", "espeak"), ("spd-say", "spd-say")]
    for name, program in candidates:
        found = which(program)
        if found:
            return SpeechEngine(name, found)
    return None


def install_hint(platform: str = sys.platform) -> str:
    """How to get a voice on this system, in one line."""
    if platform == "darwin":
        return "macOS's `say` command was not found"
    if platform.startswith("win"):
        return "Windows PowerShell (with System.Speech) was not found"
    return "install espeak-ng for spoken cues (e.g. `sudo apt install espeak-ng` or `sudo dnf install espeak-ng`)"


def trim_silence(path: Path) -> None:
    """Cut the silence a speech engine leaves before and after the words (16-bit WAVs only),
    so that a phrase is heard the moment it starts, like a tone."""
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(w.getnframes())
    if params.sampwidth != 2 or not frames:
        return
    samples = array.array("h")
    samples.frombytes(frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":  # pragma: no cover - WAV data is little-endian
        samples.byteswap()
    channels = params.nchannels
    first = next((i for i, v in enumerate(samples) if abs(v) > _SILENCE), None)
    if first is None:
        raise VoiceError("the speech engine wrote only silence")
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > _SILENCE)
    lead = params.framerate * _LEAD_MS // 1000 * channels
    tail = params.framerate * _TAIL_MS // 1000 * channels
    start = max(0, first // channels * channels - lead)
    end = min(len(samples), (last // channels + 1) * channels + tail)
    trimmed = samples[start:end]
    if sys.byteorder == "big":  # pragma: no cover
        trimmed.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(params.framerate)
        w.writeframes(trimmed.tobytes())


def _private_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parents readable by the user alone (0700)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


STALE_RENDER_SECONDS = 600


def _sweep(folder: Path) -> None:
    """Remove the temp files of renders cut off when an app quit mid-render (older than 10 min)."""
    import time

    for leftover in folder.glob(".render.*"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_RENDER_SECONDS:
                leftover.unlink()


def _run_engine(engine: SpeechEngine, text: str, out: Path) -> None:
    """Render ``text`` to ``out`` with the real engine; raise :class:`VoiceError` on failure."""
    argv, stdin, extra_env = engine.render_command(text, out)
    env = {**os.environ, **extra_env} if extra_env else None
    try:
        result = subprocess.run(argv, input=stdin, env=env, capture_output=True, timeout=RENDER_TIMEOUT,
                                check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise VoiceError(f"{engine.name} could not run: {exc}") from exc
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {reason[-1][:80]}" if reason else ""
        raise VoiceError(f"{engine.name} exited with code {result.returncode}{detail}")


Renderer = Callable[[SpeechEngine, str, Path], None]
"""Writes the phrase as a WAV file at the path (the real one runs the engine)."""


class _Detect:
    """The default ``engine`` argument: find one on this system."""


DETECT = _Detect()


class Voice:
    """Phrases rendered to cached WAV files by a worker thread, asked for by text.

    ``engine``: a :class:`SpeechEngine`, None for "no voice installed", or
    :data:`DETECT` (the default) to look for one. ``render`` is the real engine unless
    a test injects another. Never raises to its caller: a failing engine makes the
    voice unavailable (``error`` says why) and the player goes on with tones.
    """

    def __init__(
        self,
        engine: SpeechEngine | None | _Detect = DETECT,
        cache_dir: Path | None = None,
        render: Renderer | None = None,
    ) -> None:
        self.engine: SpeechEngine | None = detect_engine() if isinstance(engine, _Detect) else engine
        self._cache_dir = cache_dir if cache_dir is not None else paths.voice_cache_dir()
        self._render = render or _run_engine
        self._lock = threading.Condition()
        self._ready: dict[str, Path] = {}
        self._urgent: deque[str] = deque()  # wanted now (a cue is waiting): rendered first
        self._plan: Callable[[], Iterable[str]] | None = None  # the latest prepare(), not yet listed
        self._planned: deque[str] = deque()  # its phrases, first needed first
        self._listing = False  # the worker is computing a plan's phrases
        self._swept = False  # renders left half-done by an app that quit: removed once
        self._rendering: str | None = None
        self._worker: threading.Thread | None = None
        self._closed = False
        self.error: str | None = None
        """Why the voice stopped working, once it has."""
        self.rendered = 0
        """How many phrases this voice rendered (not found in the cache)."""

    @property
    def available(self) -> bool:
        """True while an engine is there and has not failed."""
        return self.engine is not None and self.error is None

    @property
    def live(self) -> bool:
        """True for an engine that speaks at once instead of rendering (spd-say)."""
        return self.engine is not None and not self.engine.renders

    def describe(self) -> str:
        """The engine and voice in words, or why there is none."""
        if self.engine is None:
            return "none installed"
        return self.engine.describe() + (f" (failed: {self.error})" if self.error else "")

    def cache_path(self, text: str) -> Path:
        """Where the rendering of ``text`` by this engine is cached."""
        assert self.engine is not None
        import hashlib  # here, not at the top: it loads OpenSSL, which the first frame does not need

        digest = hashlib.sha256(f"{self.engine.key}\0{text}".encode()).hexdigest()[:32]
        return self._cache_dir / f"{digest}.wav"

    # --- asking for phrases ----------------------------------------------------------

    def prepare(self, phrases: Iterable[str] | Callable[[], Iterable[str]]) -> None:
        """Render these phrases in the background, in order, ahead of need.

        ``phrases`` may be a function (computing a session's phrases takes tens of ms:
        it then runs on the worker thread, not the caller's). Only the latest plan is
        kept: a new one (another routine highlighted) replaces what was left of the last.
        """
        if not self.available or self.live:
            return
        listed = None if callable(phrases) else list(phrases)
        with self._lock:
            if self._closed:
                return
            self._plan = phrases if callable(phrases) else (lambda: listed or [])
            self._planned.clear()
            self._start_worker()
            self._lock.notify_all()

    def path_for(self, text: str) -> Path | None:
        """The rendered WAV of ``text`` if it is ready now (never waits, never renders)."""
        if not self.available or self.live:
            return None
        with self._lock:
            found = self._ready.get(text)
        if found is not None:
            return found
        path = self.cache_path(text)
        if path.is_file():
            with self._lock:
                self._ready[text] = path
            return path
        return None

    def wait_for(self, text: str, timeout: float) -> Path | None:
        """The WAV of ``text``, rendering it next if need be; None after ``timeout`` s."""
        found = self.path_for(text)
        if found is not None or not self.available or self.live:
            return found
        with self._lock:
            if self._closed:
                return None
            if self._rendering != text:
                self._urgent.append(text)  # before any phrase planned ahead
                self._start_worker()
                self._lock.notify_all()
            self._lock.wait_for(lambda: text in self._ready or self.error is not None or self._closed, timeout)
            return self._ready.get(text)

    def render_now(self, text: str) -> Path:
        """Render ``text`` on the calling thread (the sound check); raise :class:`VoiceError`."""
        found = self.path_for(text)
        if found is not None:
            return found
        if self.engine is None:
            raise VoiceError("no speech engine installed")
        if self.error is not None:
            raise VoiceError(self.error)
        return self._render_one(text)

    def speak_live(self, text: str) -> subprocess.Popen[bytes]:
        """Speak ``text`` at once with a live engine (spd-say); raise :class:`VoiceError`."""
        if self.engine is None:
            raise VoiceError("no speech engine installed")
        try:
            return subprocess.Popen(self.engine.speak_command(one_line(text)), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise VoiceError(f"{self.engine.name} could not run: {exc}") from exc

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is waiting to be rendered; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._busy() and self._rendering is None, timeout)

    def _busy(self) -> bool:
        return bool(self._urgent or self._plan is not None or self._planned or self._listing)

    def close(self) -> None:
        """Stop rendering; a phrase half-rendered is left as a temp file nobody reads."""
        with self._lock:
            self._closed = True
            self._clear()
            self._lock.notify_all()

    def _clear(self) -> None:
        self._urgent.clear()
        self._plan = None
        self._planned.clear()

    # --- the worker -------------------------------------------------------------------

    def _start_worker(self) -> None:
        if self._worker is None:
            self._worker = threading.Thread(target=self._work, name="hamcoach-voice", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                self._rendering = None
                self._lock.notify_all()
                self._lock.wait_for(lambda: self._busy() or self._closed)
                if self._closed or self.error is not None:
                    self._clear()
                    self._lock.notify_all()
                    return
                plan = None
                if self._urgent:
                    text = self._urgent.popleft()
                elif self._plan is not None:
                    plan, self._plan = self._plan, None
                    self._listing = True
                else:
                    text = self._planned.popleft()
                if plan is None:
                    self._rendering = text
            if plan is not None:
                self._list(plan)
                continue
            try:
                if self.path_for(text) is None:
                    self._render_one(text)
            except VoiceError as exc:
                self._fail(str(exc))
            except Exception as exc:  # a bug must not leave callers waiting forever
                logger.exception("rendering %r failed", text)
                self._fail(str(exc) or type(exc).__name__)

    def _list(self, plan: Callable[[], Iterable[str]]) -> None:
        try:
            texts = list(dict.fromkeys(plan()))
        except Exception:
            logger.exception("listing the phrases to render failed")
            texts = []
        with self._lock:
            self._listing = False
            if self._plan is None:  # not replaced meanwhile
                self._planned.extend(texts)
            self._lock.notify_all()

    def _fail(self, message: str) -> None:
        with self._lock:
            if self.error is None:
                self.error = message
                logger.info("voice unavailable: %s", message)
            self._lock.notify_all()

    def _render_one(self, text: str) -> Path:
        assert self.engine is not None
        final = self.cache_path(text)
        try:
            _private_folders(self._cache_dir)
            if not self._swept:
                self._swept = True
                _sweep(self._cache_dir)
            fd, tmp_name = tempfile.mkstemp(prefix=".render.", suffix=".wav", dir=self._cache_dir)
            os.close(fd)
        except OSError as exc:
            raise VoiceError(f"cannot write the voice cache: {exc}") from exc
        tmp = Path(tmp_name)
        try:
            self._render(self.engine, one_line(text), tmp)
            trim_silence(tmp)
            os.replace(tmp, final)
        except (OSError, EOFError, wave.Error) as exc:
            raise VoiceError(f"{self.engine.name} wrote no usable sound ({exc})") from exc
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
        with self._lock:
            self._ready[text] = final
            self.rendered += 1
            self._lock.notify_all()
        return final
