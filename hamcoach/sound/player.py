"""Sound cues and spoken phrases, played off the UI thread, with a quiet mode and a bell fallback.

A moment of a session (see :mod:`hamcoach.sound.phrases`) is a tone or a phrase; both
are WAV files played by the same player. One sound at a time: a new sound cuts the one
still playing, except that a tick never cuts a phrase (it is left out) and a "switch
sides" or "session complete" is always heard to its end. A burst of cues (skipping
through a routine) is coalesced: its last cue and its must-play cues play, in order.

The player is aplay run directly where it exists (Linux), else playsound3. This module
must never import Textual. playsound3 is imported lazily because importing it probes for
audio players with subprocesses (and can raise).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hamcoach import paths

if TYPE_CHECKING:
    from hamcoach.routines.models import Routine
    from hamcoach.sound.phrases import Moment
    from hamcoach.sound.voice import Voice

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

QUIET_CUES = frozenset({"rep_phase"})  # cues the bell fallback and quiet mode's flash leave out
MINOR_TONES = frozenset({"tick", "countdown", "rep_phase"})  # never cut a phrase: left out instead
MUST_PLAY_CUES = frozenset({"complete", "switch_sides"})
SPEECH_WAIT = 1.0
"""Seconds a phrase not yet rendered is waited for; then its tone plays instead."""
MUST_PLAY_WAIT = 4.0
"""Longest wait for a must-play sound to end before the next one starts anyway."""
_POLL = 0.01

_NO_PLAYER_TEXT = "No supported audio backends"  # playsound3's message

PLAYER_NAMES = {
    "alsa": "aplay", "gstreamer": "gst-play-1.0", "ffplay": "ffplay", "afplay": "afplay",
    "appkit": "AppKit (NSSound)", "winmm": "winmm", "wmplayer": "Windows Media Player",
}
SILENT_FAILURES = frozenset({"gstreamer", "ffplay"})
"""playsound3 backends whose player exits 0 even when nothing could be played."""


class SoundMode(str, Enum):
    """What a cue does: sound (tones and voice), quiet (a screen flash only), or nothing."""

    ON = "on"
    QUIET = "quiet"
    OFF = "off"

    def next(self) -> SoundMode:
        """The mode ``m`` moves on to: on -> quiet -> off -> on."""
        order = list(SoundMode)
        return order[(order.index(self) + 1) % len(order)]


class Playing(Protocol):
    """A sound that has started."""

    def is_playing(self) -> bool:
        """True until it has ended (or failed)."""

    def stop(self) -> None:
        """Cut it short."""


class SoundBackend(Protocol):
    """Something that starts playing a sound file without waiting for it."""

    def play(self, path: Path) -> Playing | None:
        """Start playing ``path``; raise if it cannot be played. None: nothing to follow."""


class _Process:
    """A player's process as a :class:`Playing`: playing until it has exited and the sound's
    own length has passed (a player may hand a whole sound to a buffer and exit early)."""

    def __init__(self, process: Any, seconds: float = 0.0) -> None:
        self.process = process
        self.until = time.monotonic() + seconds

    def is_playing(self) -> bool:
        return bool(self.process.poll() is None or time.monotonic() < self.until)

    def stop(self) -> None:
        self.until = 0.0
        with contextlib.suppress(Exception):
            self.process.terminate()


_LENGTHS: dict[Path, float] = {}


def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds (0 if unreadable); remembered per file."""
    if path not in _LENGTHS:
        try:
            with wave.open(str(path), "rb") as w:
                _LENGTHS[path] = w.getnframes() / float(w.getframerate() or 1)
        except (OSError, EOFError, wave.Error):
            return 0.0
    return _LENGTHS[path]


def choose_backend(environ: Mapping[str, str] = os.environ, platform: str = sys.platform,
                   which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The player to use: ``aplay`` (run directly), or a playsound3 backend, or None for
    playsound3's own choice.

    On Linux, aplay when it is there, unless ``PLAYSOUND3_BACKEND`` names another
    player: it is the quickest to start (2-3 ms run directly, against 17-23 through
    playsound3, about 50 for gst-play and 120-140 for ffplay) and the only one whose
    exit code tells that nothing could be played. playsound3 itself accepts aplay only
    when mpg123 is installed too, which WAV files do not need. Elsewhere,
    ``PLAYSOUND3_BACKEND`` or playsound3's own choice.
    """
    wanted = environ.get("PLAYSOUND3_BACKEND") or None
    if platform.startswith("linux") and wanted in (None, "alsa") and which("aplay"):
        return "aplay"
    return wanted


def default_backend() -> SoundBackend:
    """The lowest-latency player that is there: aplay run directly, else playsound3."""
    chosen = choose_backend()
    if chosen == "aplay":
        return AplayBackend(shutil.which("aplay") or "aplay")
    return Playsound3Backend(chosen)


_APLAY_PREFIX = re.compile(r"^aplay: [\w.]+:\d+: ")  # aplay: main:831: audio open error: ...


class AplayBackend:
    """Runs ``aplay`` directly for each WAV file.

    Started without playsound3's ``preexec_fn`` (which makes every sound a full fork of
    the app and runs Python in the child), a sound starts in 2-3 ms instead of about 20.
    aplay exits non-zero, with a reason on stderr, when it cannot play: that is reported.
    """

    backend = "alsa"  # the same player as playsound3's alsa backend
    reports_failures = True

    def __init__(self, program: str = "aplay") -> None:
        self.program = program
        self._playing: list[subprocess.Popen[bytes]] = []

    def describe(self) -> str:
        """``aplay (/usr/bin/aplay, run directly)``."""
        return f"aplay ({self.program}, run directly)"

    def play(self, path: Path) -> Playing:
        """Start ``path``; raise if it cannot start or an earlier sound failed."""
        self.check()
        process = subprocess.Popen([self.program, "--quiet", str(path)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._playing.append(process)
        return _Process(process, wav_seconds(path))

    def check(self) -> None:
        """Raise if a sound started so far ended in failure, with aplay's own reason."""
        still_playing, failure = [], None
        for process in self._playing:
            code = process.poll()
            if code is None:
                still_playing.append(process)
                continue
            reason = b""
            if process.stderr is not None:
                with contextlib.suppress(OSError):
                    reason = process.stderr.read()
                process.stderr.close()
            if code != 0 and failure is None:
                lines = reason.decode("utf-8", "replace").strip().splitlines()
                detail = f": {_APLAY_PREFIX.sub('', lines[-1])}" if lines else ""
                failure = f"aplay exited with code {code}{detail}"
        self._playing = still_playing
        if failure is not None:
            raise RuntimeError(failure)


class Playsound3Backend:
    """Plays files with playsound3, imported on first use (or by :meth:`warm_up`)."""

    def __init__(self, backend: str | None = None) -> None:
        self._lock = threading.Lock()
        self._module: Any = None
        self._import_error: Exception | None = None
        self._playing: list[Any] = []  # playsound3 Sound objects not yet reaped
        self._wanted = backend  # None: playsound3's own choice
        self.backend: str | None = None
        """The playsound3 backend in use once loaded (``alsa``, ``gstreamer``...), or None."""

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
                    from playsound3 import playsound3 as implementation
                except Exception as exc:  # e.g. a broken player failing its probe
                    self._import_error = exc
                else:
                    self._module = playsound3
                    self.backend = self._wanted or implementation.DEFAULT_BACKEND
            if self._import_error is not None:
                raise RuntimeError(f"cannot load playsound3: {self._import_error}")
            return self._module

    def describe(self) -> str:
        """The player in words, e.g. ``aplay (playsound3's alsa backend)``; loads playsound3."""
        try:
            self._load()
        except RuntimeError as exc:
            return f"none ({exc})"
        if self.backend is None:
            return "none (no audio player found)"
        name = PLAYER_NAMES.get(self.backend, self.backend)
        return f"{name} (playsound3's {self.backend} backend)"

    @property
    def reports_failures(self) -> bool:
        """False for players that exit 0 even when nothing was played (gst-play, ffplay)."""
        return self.backend not in SILENT_FAILURES

    def check(self) -> None:
        """Raise if a sound played so far ended in failure (a non-zero exit)."""
        if self._module is not None:
            self._reap()

    def play(self, path: Path) -> Playing:
        """Start playing ``path`` (non-blocking); raise on any failure.

        A player that fails can exit silently with a non-zero code, so each
        call also checks how earlier sounds ended and raises if one failed.
        """
        playsound3 = self._load()
        self._reap()
        sound = playsound3.playsound(str(path), block=False, backend=self.backend)
        self._playing.append(sound)
        return _Process(sound.subprocess, wav_seconds(path))

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
            player = PLAYER_NAMES.get(self.backend or "", "audio player")
            raise self._module.PlaysoundException(f"{player} exited with code {failed}")


def _direct(callback: Callable[[], None]) -> None:
    callback()


@dataclass
class _Item:
    """One moment waiting to sound."""

    tone: str | None
    speech: str | None = None
    must: bool = False
    due: float | None = None  # the engine's clock time it was due at
    queued: float | None = None  # the player's clock time it was handed over at


@dataclass
class _Current:
    """The sound playing now."""

    playing: Playing
    speech: bool
    must: bool


class CuePlayer:
    """Plays cues and phrases on a daemon worker thread; never raises, never blocks.

    When sound turns out to be unavailable (no player, playsound3 failing,
    missing or corrupt file) it falls back to ``bell`` for the rest of the
    session and calls ``on_unavailable`` once with a one-line plain-text
    message (show it with markup off). In quiet mode a cue calls ``flash``
    and nothing sounds. ``on_voice`` gets the voice's one-line notices (none
    installed; failed).

    The callbacks are run from the worker thread through ``dispatch`` (default:
    called directly). A UI must marshal them to its own thread, e.g.
    ``dispatch=app.call_from_thread`` in Textual.

    ``voice`` None means no voice at all (nothing is said about it); a
    :class:`~hamcoach.sound.voice.Voice` without an engine means "none installed".
    ``journal``, when given, gets one JSON line per sound started or left out
    (due time, start time, what), for checking the timing against a capture.
    """

    def __init__(
        self,
        backend: SoundBackend | None = None,
        sounds_dir: Path | None = None,
        muted: bool = False,
        bell: Callable[[], None] | None = None,
        on_unavailable: Callable[[str], None] | None = None,
        dispatch: Callable[[Callable[[], None]], None] | None = None,
        *,
        mode: SoundMode | None = None,
        voice: Voice | None = None,
        voice_on: bool = True,
        flash: Callable[[], None] | None = None,
        on_voice: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        journal: Path | None = None,
    ) -> None:
        self._backend: SoundBackend = backend if backend is not None else default_backend()
        self._sounds_dir = sounds_dir if sounds_dir is not None else paths.sounds_dir()
        self._mode = mode if mode is not None else (SoundMode.OFF if muted else SoundMode.ON)
        self._voice = voice
        self._voice_on = voice_on
        self._bell = bell
        self._flash = flash
        self._on_unavailable = on_unavailable
        self._on_voice = on_voice
        self._dispatch = dispatch or _direct
        self._clock = clock
        self._journal = journal
        self._available = True
        self._voice_told = False
        self._checked: set[Path] = set()  # files already known to be good WAVs
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._pending = 0  # queued or playing; guarded by _idle
        self._idle = threading.Condition()
        self._worker: threading.Thread | None = None
        self._current: _Current | None = None
        self._closed = False
        self._owns_voice = True  # close() closes it, unless it is another player's
        self.dropped = 0
        """How many cues were coalesced away in bursts or left out under a phrase."""

    def attach(
        self,
        bell: Callable[[], None] | None = None,
        on_unavailable: Callable[[str], None] | None = None,
        dispatch: Callable[[Callable[[], None]], None] | None = None,
        flash: Callable[[], None] | None = None,
        on_voice: Callable[[str], None] | None = None,
    ) -> None:
        """Connect the callbacks once the UI exists (the player is built before it)."""
        self._bell = bell
        self._flash = flash
        self._on_unavailable = on_unavailable
        self._on_voice = on_voice
        self._dispatch = dispatch or _direct

    # --- modes --------------------------------------------------------------------------

    @property
    def mode(self) -> SoundMode:
        """Sound, quiet (a flash only) or off."""
        return self._mode

    @mode.setter
    def mode(self, value: SoundMode) -> None:
        self._mode = value

    def cycle_mode(self) -> SoundMode:
        """On -> quiet -> off -> on; return the new mode."""
        self._mode = self._mode.next()
        return self._mode

    @property
    def muted(self) -> bool:
        """True when no cue makes a sound (quiet or off)."""
        return self._mode is not SoundMode.ON

    @muted.setter
    def muted(self, value: bool) -> None:
        self._mode = SoundMode.OFF if value else SoundMode.ON

    def toggle_mute(self) -> bool:
        """Sound on or off (quiet counts as off); return the new ``muted`` value."""
        self.muted = not self.muted
        return self.muted

    @property
    def available(self) -> bool:
        """False once sound has failed and the bell fallback is in use."""
        return self._available

    @property
    def sounds_dir(self) -> Path:
        """The folder of the cue WAV files."""
        return self._sounds_dir

    def describe_player(self) -> str:
        """The audio player in words (it may load playsound3: not on the UI thread)."""
        describe = getattr(self._backend, "describe", None)
        return str(describe()) if describe is not None else type(self._backend).__name__

    def backend_name(self) -> str | None:
        """playsound3's backend in use (``alsa``...), when known."""
        name = getattr(self._backend, "backend", None)
        return name if isinstance(name, str) else None

    def reports_failures(self) -> bool:
        """False when the player cannot tell that nothing was played (gst-play, ffplay)."""
        return bool(getattr(self._backend, "reports_failures", True))

    def health(self) -> str | None:
        """Why sound failed, checking how the sounds so far ended; None while it works."""
        check = getattr(self._backend, "check", None)
        if self._available and check is not None:
            try:
                check()
            except Exception as exc:
                self._available = False
                return _describe(exc)
        return None if self._available else "sound unavailable"

    def for_check(self) -> CuePlayer:
        """A player for the sound check: the same player and voice, sound and voice on."""
        player = CuePlayer(self._backend, self._sounds_dir, mode=SoundMode.ON, voice=self._voice, voice_on=True,
                           clock=self._clock)
        player._owns_voice = False
        return player

    # --- the voice ------------------------------------------------------------------------

    @property
    def voice(self) -> Voice | None:
        """The voice, if one was given."""
        return self._voice

    @property
    def voice_on(self) -> bool:
        """Whether phrases are wanted (the ``v`` key); they are said only if a voice works."""
        return self._voice_on

    @voice_on.setter
    def voice_on(self, value: bool) -> None:
        self._voice_on = value

    def toggle_voice(self) -> bool:
        """Voice on or off; return the new ``voice_on``."""
        self._voice_on = not self._voice_on
        return self._voice_on

    @property
    def speaking(self) -> bool:
        """True when cues will be spoken: voice wanted, sound on, and a voice that works."""
        return (self._voice_on and self._mode is SoundMode.ON and self._voice is not None
                and self._voice.available)

    def voice_state(self) -> str:
        """``on``, ``off``, ``none`` (no engine installed) or ``failed``."""
        if not self._voice_on:
            return "off"
        if self._voice is None or self._voice.engine is None:
            return "none"
        return "on" if self._voice.available else "failed"

    def voice_notice(self) -> str | None:
        """What to tell the user about the voice, if anything: none installed, or failed."""
        from hamcoach.sound.voice import install_hint

        voice = self._voice
        if voice is None or not self._voice_on:
            return None
        if voice.engine is None:
            return f"No voice installed, so tones only: {install_hint()}."
        if voice.error is not None:
            return f"Voice unavailable ({voice.error}); tones only."
        return None

    def prepare_speech(self, routine: Routine, tell: bool = True) -> None:
        """Render a session's phrases ahead of need (a routine highlighted in the picker, a
        session starting); with ``tell``, say once if no voice is installed."""
        if self._voice is None or not self._voice_on:
            return
        if self._voice.engine is None:
            if tell:
                self._tell_voice()
            return
        from hamcoach.sound.phrases import session_phrases

        self._voice.prepare(lambda: session_phrases(routine))

    def _tell_voice(self) -> None:
        message = self.voice_notice()
        if message is None or self._voice_told or self._on_voice is None:
            return
        self._voice_told = True
        callback = self._on_voice
        self._dispatch(lambda: callback(message))

    # --- playing ----------------------------------------------------------------------

    def warm_up(self) -> None:
        """Let the backend get ready early (e.g. import playsound3), if it can."""
        warm = getattr(self._backend, "warm_up", None)
        if warm is not None and self._mode is SoundMode.ON:
            warm()

    def play(self, cue_name: str) -> None:
        """Queue the tone ``cue_name``; returns at once and never raises."""
        if cue_name not in SOUND_FILES:
            logger.debug("unknown cue %r ignored", cue_name)
            return
        self._put(_Item(cue_name, must=cue_name in MUST_PLAY_CUES))

    def announce(self, moment: Moment) -> None:
        """Queue a moment of a session: its phrase if the voice speaks, else its tone."""
        tone = moment.tone if moment.tone in SOUND_FILES else None
        voice = self._voice
        if tone is None and not (moment.speech and self._voice_on and voice is not None and voice.available):
            return  # it would be silent: it must not take a sounding cue's place in a burst
        self._put(_Item(tone, moment.speech, moment.must_play, moment.at))

    def _put(self, item: _Item) -> None:
        if self._mode is SoundMode.OFF:
            return
        if self._journal is not None:
            item.queued = self._clock()
        with self._idle:  # the lock also keeps cues from landing after close()'s stop
            if self._closed:
                return
            self._pending += 1
            if self._worker is None:  # started lazily: no thread until needed
                self._worker = threading.Thread(target=self._work, name="hamcoach-audio", daemon=True)
                self._worker.start()
            self._queue.put(item)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued cue has been handled; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    flush = wait_idle

    def wait_quiet(self, timeout: float) -> bool:
        """Block until the sound playing now has ended (the sound check); False on timeout."""
        end = time.monotonic() + timeout
        while self._current is not None and self._current.playing.is_playing():
            if time.monotonic() >= end:
                return False
            time.sleep(_POLL)
        return True

    def close(self, timeout: float | None = 1.0) -> None:
        """Stop the worker thread; later cues are ignored."""
        with self._idle:
            self._closed = True
            worker = self._worker
            if worker is not None:
                self._queue.put(None)  # after any cue already queued
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout)
        if self._voice is not None and self._owns_voice:
            self._voice.close()

    # --- the worker -------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = self._drain(batch)
            try:
                self._play_batch(batch)
            except Exception:  # a failing bell or dispatch must not kill the worker
                logger.exception("sound cue %r failed", first)
            finally:
                with self._idle:
                    self._pending -= len(batch)
                    self._idle.notify_all()
            if stop:
                return

    def _drain(self, batch: list[_Item]) -> bool:
        """Add whatever else is queued to ``batch``; True when close() was among it."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return False
            if item is None:
                return True
            batch.append(item)

    def _play_batch(self, batch: list[_Item]) -> None:
        # A "switch sides" or "complete" still playing is heard to its end; what comes
        # meanwhile waits, and is coalesced with whatever else comes while it waits.
        self._wait_for_current(batch, only_must=True)
        if len(batch) > 1:
            keep = [item for item in batch[:-1] if item.must] + [batch[-1]]
            for item in batch:
                if not any(item is k for k in keep):
                    self._log(item, skipped="coalesced")
            self.dropped += len(batch) - len(keep)
        else:
            keep = batch
        for n, item in enumerate(keep):
            if n:  # the kept cues of a burst one after another, not on top of each other
                self._wait_for_current(None, only_must=False)
            self._start(item)

    def _wait_for_current(self, batch: list[_Item] | None, only_must: bool) -> None:
        current = self._current
        if current is None or (only_must and not current.must):
            return
        end = time.monotonic() + MUST_PLAY_WAIT
        while current.playing.is_playing() and time.monotonic() < end:
            time.sleep(_POLL)
            if batch is not None:
                self._drain_waiting(batch)

    def _drain_waiting(self, batch: list[_Item]) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is None:  # close() while waiting: put the stop back for the loop
                self._queue.put(None)
                return
            batch.append(item)

    def _start(self, item: _Item) -> None:
        if self._mode is SoundMode.OFF:  # muted while the cue was waiting
            return
        if self._mode is SoundMode.QUIET:
            if item.tone is not None and item.tone not in QUIET_CUES and self._flash is not None:
                self._dispatch(self._flash)
            return
        if self._available:
            try:
                chosen = self._choose(item)
                if chosen is None:
                    return
                path, speech = chosen
                current = self._current
                if current is not None and current.playing.is_playing():
                    if current.speech and not speech and item.tone in MINOR_TONES and not item.must:
                        self.dropped += 1  # a tick would garble the phrase: the phrase says enough
                        self._log(item, skipped="under a phrase")
                        return
                    current.playing.stop()
                started = self._clock()
                playing = self._play_path(path, speech, item)
                self._log(item, started=started, file=path.name if path else None, spoken=speech)
                self._current = _Current(playing, speech, item.must) if playing is not None else None
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
        if self._bell is not None and item.tone is not None and item.tone not in QUIET_CUES:
            self._dispatch(self._bell)

    def _choose(self, item: _Item) -> tuple[Path | None, bool] | None:
        """The file to play (None: a live engine speaks it), and whether it is a phrase."""
        voice = self._voice
        if item.speech and self._voice_on and voice is not None and voice.available:
            if voice.live:
                return None, True
            path = voice.path_for(item.speech) or voice.wait_for(item.speech, SPEECH_WAIT)
            if path is not None:
                return path, True
            if voice.error is not None:
                self._tell_voice()
        elif item.speech and self._voice_on and voice is not None and voice.engine is None:
            self._tell_voice()
        if item.tone is None:
            return None
        path = self._sounds_dir / SOUND_FILES[item.tone]
        self._check_file(path)
        return path, False

    def _play_path(self, path: Path | None, speech: bool, item: _Item) -> Playing | None:
        if path is None:  # a live engine (spd-say): not through the player
            assert self._voice is not None and item.speech is not None
            return _Process(self._voice.speak_live(item.speech))
        return self._backend.play(path)

    def _log(self, item: _Item, **fields: Any) -> None:
        if self._journal is None:
            return
        entry = {"due": item.due, "queued": item.queued, "tone": item.tone, "speech": item.speech, **fields}
        try:
            with self._journal.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
        except OSError:
            logger.debug("sound journal not writable", exc_info=True)
            self._journal = None

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
