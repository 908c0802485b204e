"""The player with the voice: phrases or tones, quiet mode, one sound at a time, bursts coalesced."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from support.audio import BlockingBackend, FailingBackend, FakeRenderer, PlayingBackend, RecordingBackend

from hamcoach.sound.phrases import Moment
from hamcoach.sound.player import CuePlayer, SoundMode
from hamcoach.sound.voice import SpeechEngine, Voice

REPO = Path(__file__).resolve().parents[2]
SOUNDS = REPO / "assets" / "sounds"
ENGINE = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng")
WAIT = 5.0


class Calls:
    def __init__(self) -> None:
        self.bells = 0
        self.flashes = 0
        self.sound_messages: list[str] = []
        self.voice_messages: list[str] = []

    def bell(self) -> None:
        self.bells += 1

    def flash(self) -> None:
        self.flashes += 1


def make(backend, voice: Voice | None = None, **kwargs) -> tuple[CuePlayer, Calls]:
    calls = Calls()
    player = CuePlayer(backend, SOUNDS, bell=calls.bell, on_unavailable=calls.sound_messages.append,
                       flash=calls.flash, on_voice=calls.voice_messages.append, voice=voice, **kwargs)
    return player, calls


def ready_voice(tmp_path: Path, *phrases: str) -> Voice:
    voice = Voice(ENGINE, tmp_path / "voice", render=FakeRenderer())
    for text in phrases:
        voice.render_now(text)
    return voice


def names(backend: RecordingBackend) -> list[str]:
    return [p.name for p in backend.played]


def settle(player: CuePlayer) -> None:
    assert player.wait_idle(WAIT)


# --- phrase or tone -------------------------------------------------------------------------------


def test_with_the_voice_on_a_moment_plays_its_rendered_phrase(tmp_path: Path) -> None:
    voice = ready_voice(tmp_path, "Rest, 30 seconds")
    backend = RecordingBackend()
    player, calls = make(backend, voice)
    player.announce(Moment(10.0, "set_done", "Rest, 30 seconds"))
    settle(player)
    assert backend.played == [voice.cache_path("Rest, 30 seconds")]
    assert calls.voice_messages == [] and player.voice_state() == "on" and player.speaking


def test_with_the_voice_off_the_tone_plays_and_a_voice_only_moment_is_silent(tmp_path: Path) -> None:
    voice = ready_voice(tmp_path, "Rest, 30 seconds", "Hip bridge")
    backend = RecordingBackend()
    player, _ = make(backend, voice, voice_on=False)
    player.announce(Moment(10.0, "set_done", "Rest, 30 seconds"))
    player.announce(Moment(11.0, None, "Hip bridge"))
    settle(player)
    assert names(backend) == ["set_done.wav"]
    assert player.voice_state() == "off" and not player.speaking
    assert player.toggle_voice() is True
    player.announce(Moment(12.0, None, "Hip bridge"))
    settle(player)
    assert backend.played[-1] == voice.cache_path("Hip bridge")


def test_a_phrase_not_ready_in_time_gives_way_to_its_tone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("hamcoach.sound.player.SPEECH_WAIT", 0.05)
    render = FakeRenderer()
    render.gate = threading.Event()  # the engine is stuck
    voice = Voice(ENGINE, tmp_path, render=render)
    backend = RecordingBackend()
    player, _ = make(backend, voice)
    player.announce(Moment(1.0, "halfway", "Halfway"))
    settle(player)
    assert names(backend) == ["halfway.wav"]
    render.gate.set()


def test_a_phrase_being_rendered_is_waited_for_briefly(tmp_path: Path) -> None:
    voice = Voice(ENGINE, tmp_path, render=FakeRenderer())
    backend = RecordingBackend()
    player, _ = make(backend, voice)
    player.announce(Moment(0.0, None, "Side plank, set 1 of 2"))  # the first moment, cold cache
    settle(player)
    assert backend.played == [voice.cache_path("Side plank, set 1 of 2")]


def test_a_failing_engine_says_so_once_and_the_tones_go_on(tmp_path: Path) -> None:
    voice = Voice(ENGINE, tmp_path, render=FakeRenderer(fail=True))
    backend = RecordingBackend()
    player, calls = make(backend, voice)
    for n in range(3):
        player.announce(Moment(float(n), "countdown", ["3", "2", "1"][n]))
        settle(player)
    assert names(backend) == ["tick.wav"] * 3
    assert calls.voice_messages == [
        "Voice unavailable (espeak-ng exited with code 1: no voice data); tones only."]
    assert player.voice_state() == "failed"


def test_no_engine_installed_is_said_once_with_how_to_get_one(tmp_path: Path) -> None:
    from hamcoach.routines.models import Routine

    backend = RecordingBackend()
    player, calls = make(backend, Voice(None, tmp_path))
    routine = Routine.model_validate({"name": "R", "exercises": [{"name": "Curl", "reps": 2}]})
    player.prepare_speech(routine)
    player.prepare_speech(routine)
    player.announce(Moment(1.0, "go", "1"))
    settle(player)
    assert names(backend) == ["go.wav"]
    assert len(calls.voice_messages) == 1
    assert calls.voice_messages[0].startswith("No voice installed, so tones only: install espeak-ng")
    assert player.voice_state() == "none"


def test_without_a_voice_object_nothing_is_said_about_voices() -> None:
    backend = RecordingBackend()
    player, calls = make(backend, None)
    player.announce(Moment(1.0, "go", "Go"))
    settle(player)
    assert names(backend) == ["go.wav"] and calls.voice_messages == []


def test_prepare_speech_renders_the_sessions_phrases_ahead(tmp_path: Path) -> None:
    from hamcoach.routines.models import Routine

    render = FakeRenderer()
    voice = Voice(ENGINE, tmp_path, render=render)
    player, _ = make(RecordingBackend(), voice)
    routine = Routine.model_validate({"name": "R", "exercises": [{"name": "Curl", "reps": 2, "sets": 2}]})
    player.prepare_speech(routine)
    assert voice.wait_idle(WAIT)
    assert render.texts[0] == "Curl, set 1 of 2"
    assert {"1", "2", "Rest, 30 seconds", "Next: Curl, set 2 of 2", "Session complete"} <= set(render.texts)


def test_a_live_engine_speaks_instead_of_the_player(tmp_path: Path, monkeypatch) -> None:
    spoken: list[str] = []

    class Done:
        def poll(self) -> int:
            return 0

        def terminate(self) -> None:
            pass

    voice = Voice(SpeechEngine("spd-say", "spd-say"), tmp_path)
    monkeypatch.setattr(voice, "speak_live", lambda text: spoken.append(text) or Done())
    backend = RecordingBackend()
    player, _ = make(backend, voice)
    player.announce(Moment(1.0, "halfway", "Halfway"))
    settle(player)
    assert spoken == ["Halfway"] and backend.played == []


# --- quiet and off ------------------------------------------------------------------------------------


def test_quiet_mode_flashes_and_never_sounds_or_rings() -> None:
    backend = RecordingBackend()
    player, calls = make(backend, mode=SoundMode.QUIET)
    for cue in ["tick", "go", "rep_phase", "complete"]:
        player.play(cue)
        settle(player)
    player.announce(Moment(1.0, None, "Hip bridge"))  # voice-only: no flash either
    settle(player)
    assert backend.played == [] and calls.bells == 0
    assert calls.flashes == 3  # not for the rep phases, which come every second or two


def test_quiet_mode_with_a_broken_player_flashes_without_a_notice() -> None:
    player, calls = make(FailingBackend(), mode=SoundMode.QUIET)
    player.play("go")
    settle(player)
    assert calls.flashes == 1 and calls.bells == 0 and calls.sound_messages == [] and player.available


def test_off_does_nothing_at_all() -> None:
    backend = RecordingBackend()
    player, calls = make(backend, mode=SoundMode.OFF)
    player.play("go")
    player.announce(Moment(1.0, "go", "Go"))
    settle(player)
    assert backend.played == [] and calls.flashes == 0 and calls.bells == 0


def test_m_cycles_on_quiet_off() -> None:
    player, _ = make(RecordingBackend())
    assert player.mode is SoundMode.ON and not player.muted
    assert player.cycle_mode() is SoundMode.QUIET and player.muted
    assert player.cycle_mode() is SoundMode.OFF and player.muted
    assert player.cycle_mode() is SoundMode.ON
    assert CuePlayer(RecordingBackend(), SOUNDS, muted=True).mode is SoundMode.OFF


# --- one sound at a time --------------------------------------------------------------------------


def test_a_tick_never_cuts_a_phrase_it_is_left_out(tmp_path: Path) -> None:
    voice = ready_voice(tmp_path, "Hip bridge, set 1 of 3, left side")
    backend = PlayingBackend()
    player, _ = make(backend, voice)
    player.announce(Moment(0.0, None, "Hip bridge, set 1 of 3, left side"))
    settle(player)
    player.announce(Moment(2.0, "tick", None))  # the get-ready's "3" while the phrase goes on
    settle(player)
    assert len(backend.played) == 1 and not backend.sounds[0].stopped
    assert player.dropped == 1
    backend.end_all()
    player.announce(Moment(3.0, "tick", None))  # the phrase has ended: the "2" plays
    settle(player)
    assert names(backend)[-1] == "tick.wav"


def test_a_newer_sound_cuts_an_older_one(tmp_path: Path) -> None:
    voice = ready_voice(tmp_path, "Hip bridge", "Held bridge")
    backend = PlayingBackend()
    player, _ = make(backend, voice)
    player.announce(Moment(0.0, None, "Hip bridge"))
    settle(player)
    player.announce(Moment(0.5, None, "Held bridge"))  # skipped on: the newer announcement wins
    settle(player)
    assert backend.sounds[0].stopped and not backend.sounds[1].stopped
    player.play("go")
    settle(player)
    assert backend.sounds[1].stopped and names(backend)[-1] == "go.wav"


def test_switch_sides_and_complete_are_heard_to_their_end() -> None:
    backend = PlayingBackend()
    player, _ = make(backend)
    player.play("switch_sides")
    settle(player)
    player.play("tick")
    time.sleep(0.1)
    assert names(backend) == ["switch.wav"]  # the tick waits for "switch sides" to end
    backend.end_all()
    settle(player)
    assert names(backend) == ["switch.wav", "tick.wav"]
    assert not backend.sounds[0].stopped


def test_a_burst_keeps_its_last_cue_and_every_must_play_in_order() -> None:
    backend = BlockingBackend()
    player, _ = make(backend)
    player.play("go")
    assert backend.started.wait(WAIT)  # the worker is busy: what follows arrives as one burst
    for cue in ["tick", "switch_sides", "set_done", "rest_over", "complete", "tick", "go"]:
        player.play(cue)
    backend.release.set()
    settle(player)
    assert names(backend) == ["go.wav", "switch.wav", "complete.wav", "go.wav"]
    assert player.dropped == 4


def test_a_burst_of_phrases_keeps_the_last(tmp_path: Path) -> None:
    voice = ready_voice(tmp_path, "A", "B", "C", "Session complete")
    backend = BlockingBackend()
    player, _ = make(backend, voice)
    player.play("go")
    assert backend.started.wait(WAIT)
    player.announce(Moment(1.0, None, "A"))
    player.announce(Moment(1.1, None, "B"))
    player.announce(Moment(1.2, "complete", "Session complete", must_play=True))
    player.announce(Moment(1.3, None, "C"))
    backend.release.set()
    settle(player)
    assert backend.played[1:] == [voice.cache_path("Session complete"), voice.cache_path("C")]


# --- the journal and the check helpers ---------------------------------------------------------------


def test_the_journal_logs_due_and_start_times(tmp_path: Path) -> None:
    journal = tmp_path / "sounds.jsonl"
    clock = iter([100.0, 100.25, 101.25]).__next__
    voice = ready_voice(tmp_path, "Go")
    backend = PlayingBackend()
    player, _ = make(backend, voice, journal=journal, clock=clock)
    player.announce(Moment(100.0, "go", "Go"))
    settle(player)
    player.announce(Moment(101.0, "tick", None))  # under the phrase: left out, and logged so
    settle(player)
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert lines == [
        {"due": 100.0, "queued": 100.0, "tone": "go", "speech": "Go", "started": 100.25,
         "file": voice.cache_path("Go").name, "spoken": True},
        {"due": 101.0, "queued": 101.25, "tone": "tick", "speech": None, "skipped": "under a phrase"},
    ]


def test_health_reports_a_failed_sound_and_for_check_keeps_the_voice(tmp_path: Path) -> None:
    class Checked(RecordingBackend):
        failed = False

        def check(self) -> None:
            if self.failed:
                raise RuntimeError("aplay exited with code 1")

    backend = Checked()
    voice = ready_voice(tmp_path, "Go")
    player, _ = make(backend, voice, mode=SoundMode.OFF, voice_on=False)
    assert player.health() is None
    checker = player.for_check()
    assert checker.mode is SoundMode.ON and checker.voice_on and checker.voice is voice
    checker.close()
    assert voice.available  # closing the check's player leaves the app's voice alone
    backend.failed = True
    assert player.health() == "aplay exited with code 1" and not player.available


@pytest.mark.parametrize("mode", list(SoundMode))
def test_modes_round_trip_through_their_names(mode: SoundMode) -> None:
    assert SoundMode(mode.value) is mode
