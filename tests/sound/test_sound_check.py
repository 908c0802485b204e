"""The sound check: each cue and a phrase through the player, naming the player and voice."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.audio import FailingBackend, FakeRenderer, RecordingBackend

from hamcoach.cli.main import main
from hamcoach.sound.check import CHECK_CUES, CHECK_PHRASE, CheckLine, run_sound_check
from hamcoach.sound.player import SOUND_FILES, CuePlayer, SoundMode
from hamcoach.sound.voice import SpeechEngine, Voice

REPO = Path(__file__).resolve().parents[2]
SOUNDS = REPO / "assets" / "sounds"
ENGINE = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng")


class Described(RecordingBackend):
    backend = "alsa"
    reports_failures = True

    def describe(self) -> str:
        return "aplay (playsound3's alsa backend)"


def check(player: CuePlayer) -> tuple[bool, list[CheckLine]]:
    lines: list[CheckLine] = []
    ok = run_sound_check(player, lines.append, pause=lambda seconds: None, explain=lambda player, cue: None)
    return ok, lines


def test_every_cue_and_a_phrase_are_played_and_the_player_and_voice_named(tmp_path: Path) -> None:
    backend = Described()
    voice = Voice(ENGINE, tmp_path, render=FakeRenderer())
    ok, lines = check(CuePlayer(backend, SOUNDS, mode=SoundMode.OFF, voice=voice, voice_on=False))
    assert ok
    texts = [line.text for line in lines]
    assert texts[0] == "Player: aplay (playsound3's alsa backend)"
    assert texts[1] == "Voice: espeak-ng"
    assert [p.name for p in backend.played] == [SOUND_FILES[c] for c in CHECK_CUES] + [
        voice.cache_path(CHECK_PHRASE).name]
    assert all(line.ok for line in lines[2:])
    assert texts[-1].startswith(f"Spoken phrase: \u201c{CHECK_PHRASE}\u201d (rendered in ")


def test_no_voice_installed_is_named_with_how_to_get_one(tmp_path: Path) -> None:
    ok, lines = check(CuePlayer(Described(), SOUNDS, voice=Voice(None, tmp_path)))
    assert ok
    assert lines[1].text.startswith("Voice: none installed; install espeak-ng")
    assert not any("Spoken phrase" in line.text for line in lines)


def test_a_failing_player_fails_the_check_on_the_first_cue(tmp_path: Path) -> None:
    ok, lines = check(CuePlayer(FailingBackend(RuntimeError("aplay exited with code 1")), SOUNDS))
    assert not ok
    failed = [line for line in lines if line.ok is False]
    assert failed[0].text == "tick (3-2-1): not played (sound unavailable)"


def test_a_player_that_exits_non_zero_later_is_caught(tmp_path: Path) -> None:
    class ExitsBadly(Described):
        def check(self) -> None:
            if self.played:
                raise RuntimeError("aplay exited with code 1")

    ok, lines = check(CuePlayer(ExitsBadly(), SOUNDS))
    assert not ok
    assert lines[2] == CheckLine("tick (3-2-1): not played (aplay exited with code 1)", ok=False)


def test_aplay_explains_its_failure_in_its_own_words(monkeypatch) -> None:
    import subprocess

    from hamcoach.sound.check import aplay_explains

    def fake_run(argv, **kwargs):
        assert argv[:2] == ["aplay", "-q"]
        stderr = "ALSA lib ...\naplay: main:831: audio open error: No such device\n"
        return subprocess.CompletedProcess(argv, 1, "", stderr)

    monkeypatch.setattr("hamcoach.sound.check.subprocess.run", fake_run)
    player = CuePlayer(Described(), SOUNDS)
    assert aplay_explains(player, "tick") == "aplay says: aplay: main:831: audio open error: No such device"

    class Other(Described):
        backend = "gstreamer"

    assert aplay_explains(CuePlayer(Other(), SOUNDS), "tick") is None


def test_a_player_that_cannot_report_failures_is_named_as_such() -> None:
    class Gstreamer(Described):
        backend = "gstreamer"
        reports_failures = False

    ok, lines = check(CuePlayer(Gstreamer(), SOUNDS))
    assert ok
    assert any("exits without an error even when nothing could be played" in line.text for line in lines)


def test_a_voice_that_fails_to_render_fails_the_check(tmp_path: Path) -> None:
    voice = Voice(ENGINE, tmp_path, render=FakeRenderer(fail=True))
    ok, lines = check(CuePlayer(Described(), SOUNDS, voice=voice))
    assert not ok
    assert lines[-1] == CheckLine("Spoken phrase: not rendered (espeak-ng exited with code 1: no voice data)",
                                  ok=False)


# --- the command ------------------------------------------------------------------------------------


@pytest.fixture
def fake_sound(monkeypatch):
    """The command's real player and voice, swapped for fakes (the command builds its own)."""
    made: dict[str, object] = {}

    def backend_factory(*args, **kwargs):
        made["backend"] = made.get("backend") or Described()
        return made["backend"]

    monkeypatch.setattr("hamcoach.sound.player.default_backend", backend_factory)
    monkeypatch.setattr("hamcoach.sound.voice.detect_engine", lambda: None)
    monkeypatch.setattr("hamcoach.sound.check.GAP", 0.0)
    return made


def test_the_command_prints_each_step_and_exits_0(fake_sound, capsys) -> None:
    assert main(["sound-check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Player: aplay (playsound3's alsa backend)"
    assert out[1].startswith("Voice: none installed; install espeak-ng")
    assert out[2] == "ok   tick (3-2-1): played (60 ms)"
    assert out[-1].startswith("Sound works.")


def test_the_command_fails_with_one_line_when_no_sound_plays(monkeypatch, capsys) -> None:
    monkeypatch.setattr("hamcoach.sound.player.default_backend",
                        lambda: FailingBackend(RuntimeError("No supported audio backends on this system!")))
    monkeypatch.setattr("hamcoach.sound.voice.detect_engine", lambda: None)
    monkeypatch.setattr("hamcoach.sound.check.aplay_explains", lambda player, cue: None)
    assert main(["sound-check"]) == 1
    captured = capsys.readouterr()
    assert "FAIL tick (3-2-1): not played (sound unavailable)" in captured.out
    assert captured.err == "hamcoach: The sound check failed (see above)\n"
