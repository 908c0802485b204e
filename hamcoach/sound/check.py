"""The sound check: every cue and a spoken phrase through the real player, reported line by line.

Used by ``hamcoach sound-check`` and by the help screen, so that a silent setup is found
before a session rather than during one. Core: no Textual; the caller shows the lines.
"""

from __future__ import annotations

import subprocess
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hamcoach.sound.phrases import Moment
from hamcoach.sound.player import SOUND_FILES, CuePlayer, SoundMode
from hamcoach.sound.voice import VoiceError, install_hint

CHECK_PHRASE = "Sound check. If you can hear this, the voice works."
CHECK_CUES = ["tick", "go", "rep_phase", "halfway", "set_done", "rest_over", "switch_sides", "complete"]
CUE_WORDS = {
    "tick": "tick (3-2-1)", "go": "go", "rep_phase": "rep phase", "halfway": "halfway", "set_done": "set done",
    "rest_over": "rest over", "switch_sides": "switch sides", "complete": "session complete",
}
GAP = 0.35  # seconds of silence between two sounds of the check


@dataclass(frozen=True)
class CheckLine:
    """One line of the report: ``ok`` True (worked), False (failed) or None (information)."""

    text: str
    ok: bool | None = None


def run_sound_check(player: CuePlayer, report: Callable[[CheckLine], None],
                    pause: Callable[[float], None] = time.sleep,
                    explain: Callable[[CuePlayer, str], str | None] | None = None) -> bool:
    """Play each cue, then a phrase, through ``player``; report as it goes. True if sound worked.

    The player is used as it is (its mode is set to on: a check is asked for, so it sounds).
    ``explain`` gives the player's own words for a failure (by default, aplay's).
    """
    explain = explain or aplay_explains
    player.mode = SoundMode.ON
    report(CheckLine(f"Player: {player.describe_player()}"))
    voice = player.voice
    if voice is None or voice.engine is None:
        report(CheckLine(f"Voice: none installed; {install_hint()}"))
    else:
        report(CheckLine(f"Voice: {voice.engine.describe()}"))
    sound_ok = True
    for cue in CHECK_CUES:
        started = time.monotonic()
        player.play(cue)
        ended = _wait(player)
        failure = player.health()
        if failure is not None or not player.available:
            report(CheckLine(f"{CUE_WORDS[cue]}: not played ({failure or 'sound unavailable'})", ok=False))
            detail = explain(player, cue)
            if detail and detail.rsplit(": ", 1)[-1] not in (failure or ""):  # not said already
                report(CheckLine(detail, ok=False))
            if player.backend_name() == "alsa":
                report(CheckLine("`aplay -l` lists the sound cards; `alsamixer` shows what is muted."))
            sound_ok = False
            break
        length = _length(player.sounds_dir / SOUND_FILES[cue])
        report(CheckLine(f"{CUE_WORDS[cue]}: played ({length * 1000:.0f} ms)", ok=True))
        pause(max(0.0, length - (ended - started)) + GAP)
    if sound_ok and not player.reports_failures():
        report(CheckLine("This player exits without an error even when nothing could be played: "
                         "if you heard nothing, check the audio output (e.g. `speaker-test -c1 -l1`)."))
    if voice is not None and voice.engine is not None:
        sound_ok = _check_voice(player, report, play=sound_ok) and sound_ok
    return sound_ok


def _check_voice(player: CuePlayer, report: Callable[[CheckLine], None], play: bool) -> bool:
    voice = player.voice
    assert voice is not None
    started = time.monotonic()
    try:
        if not voice.live:
            voice.render_now(CHECK_PHRASE)
    except VoiceError as exc:
        report(CheckLine(f"Spoken phrase: not rendered ({exc})", ok=False))
        return False
    rendered = time.monotonic() - started
    if not play:
        report(CheckLine(f"Spoken phrase: rendered in {rendered * 1000:.0f} ms, not played (no sound)"))
        return False
    was_on = player.voice_on
    player.voice_on = True
    player.announce(Moment(at=time.monotonic(), tone=None, speech=CHECK_PHRASE))
    _wait(player, 15.0)
    player.voice_on = was_on
    failure = player.health()
    if failure is not None or not player.available:
        report(CheckLine(f"Spoken phrase: not played ({failure or 'sound unavailable'})", ok=False))
        return False
    how = "spoken live" if voice.live else f"rendered in {rendered * 1000:.0f} ms, then played"
    report(CheckLine(f"Spoken phrase: \u201c{CHECK_PHRASE}\u201d ({how})", ok=True))
    return True


def _wait(player: CuePlayer, timeout: float = 5.0) -> float:
    """Wait for the cue to be handled and its sound to end; the time it ended."""
    player.wait_idle(timeout)
    player.wait_quiet(timeout)
    return time.monotonic()


def _length(path: Path) -> float:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / w.getframerate()
    except (OSError, EOFError, wave.Error):
        return 0.0


def aplay_explains(player: CuePlayer, cue: str) -> str | None:
    """aplay's own words for why it failed (hamcoach's player hides its output)."""
    if player.backend_name() != "alsa":
        return None
    try:
        result = subprocess.run(["aplay", "-q", str(player.sounds_dir / SOUND_FILES[cue])], capture_output=True,
                                text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = result.stderr.strip().splitlines()
    return f"aplay says: {lines[-1][:120]}" if result.returncode != 0 and lines else None
