"""Tests for hamcoach.sound.player: cue mapping, muting, the bell fallback, the WAV assets."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest
from support.audio import BlockingBackend, FailingBackend, RecordingBackend

from hamcoach import paths
from hamcoach.sound.player import SOUND_FILES, CuePlayer, Playsound3Backend

REPO = Path(__file__).resolve().parents[2]

SOUNDS = REPO / "assets" / "sounds"
WAIT = 5.0  # generous upper bound for wait_idle; it returns as soon as idle


class Calls:
    """Collects bell rings and unavailable messages, with the thread they ran on."""

    def __init__(self) -> None:
        self.bells = 0
        self.messages: list[str] = []
        self.threads: set[str] = set()

    def bell(self) -> None:
        self.bells += 1
        self.threads.add(threading.current_thread().name)

    def unavailable(self, message: str) -> None:
        self.messages.append(message)
        self.threads.add(threading.current_thread().name)


def make_player(backend, sounds_dir: Path = SOUNDS, **kwargs) -> tuple[CuePlayer, Calls]:
    calls = Calls()
    player = CuePlayer(
        backend=backend,
        sounds_dir=sounds_dir,
        bell=calls.bell,
        on_unavailable=calls.unavailable,
        **kwargs,
    )
    return player, calls


def play_all(player: CuePlayer, cues) -> None:
    # One at a time, so the backlog limit never drops a cue in these tests.
    for cue in cues:
        player.play(cue)
        assert player.wait_idle(WAIT)


# --- cue mapping, muting -------------------------------------------------------


def test_each_cue_plays_its_file() -> None:
    backend = RecordingBackend()
    player, calls = make_player(backend)
    play_all(player, SOUND_FILES)
    assert backend.played == [SOUNDS / name for name in SOUND_FILES.values()]
    assert player.available and calls.bells == 0 and calls.messages == []
    player.close()


def test_countdown_and_tick_share_a_file() -> None:
    assert SOUND_FILES["countdown"] == SOUND_FILES["tick"] == "tick.wav"
    assert SOUND_FILES["switch_sides"] == "switch.wav"
    assert SOUND_FILES["rep_phase"] == "rep.wav"


def test_default_sounds_dir_is_the_bundled_one() -> None:
    assert paths.sounds_dir().resolve() == SOUNDS.resolve()
    backend = RecordingBackend()
    player = CuePlayer(backend=backend)
    player.play("go")
    assert player.wait_idle(WAIT)
    assert backend.played == [paths.sounds_dir() / "go.wav"]
    player.close()


def test_muted_plays_nothing_and_rings_nothing() -> None:
    backend = RecordingBackend()
    player, calls = make_player(backend, muted=True)
    play_all(player, ["go", "tick", "complete"])
    assert backend.played == [] and calls.bells == 0
    # Muted with a broken backend: still silent, and no notice either.
    failing, calls = make_player(FailingBackend(), muted=True)
    play_all(failing, ["go"])
    assert calls.bells == 0 and calls.messages == [] and failing.available


def test_toggle_mute() -> None:
    backend = RecordingBackend()
    player, _ = make_player(backend)
    assert player.muted is False
    assert player.toggle_mute() is True and player.muted is True
    play_all(player, ["go"])
    assert backend.played == []
    assert player.toggle_mute() is False and player.muted is False
    play_all(player, ["go"])
    assert backend.played == [SOUNDS / "go.wav"]
    player.muted = True
    assert player.muted is True
    player.close()


def test_unknown_cue_is_ignored() -> None:
    backend = RecordingBackend()
    player, calls = make_player(backend)
    play_all(player, ["no-such-cue"])
    assert backend.played == [] and calls.bells == 0 and player.available


# --- fallback ----------------------------------------------------------------


def test_failing_backend_falls_back_to_the_bell_and_says_so_once() -> None:
    backend = FailingBackend(RuntimeError("player crashed"))
    player, calls = make_player(backend)
    play_all(player, ["countdown", "go", "rep_phase", "complete"])
    assert calls.bells == 3  # every cue but the rep-phase tick, which would ring every second
    assert calls.messages == ["Sound unavailable (player crashed); using the terminal bell."]
    assert player.available is False
    assert backend.calls == 1  # the rest of the session does not retry the player
    player.close()


def test_missing_sounds_dir_falls_back(tmp_path: Path) -> None:
    backend = RecordingBackend()
    player, calls = make_player(backend, sounds_dir=tmp_path / "nowhere")
    play_all(player, ["go", "tick"])
    assert backend.played == []
    assert calls.bells == 2
    assert len(calls.messages) == 1 and "missing sound file go.wav" in calls.messages[0]
    assert not player.available


def test_corrupt_sound_file_falls_back(tmp_path: Path) -> None:
    (tmp_path / "go.wav").write_bytes(b"not a wav file at all")
    backend = RecordingBackend()
    player, calls = make_player(backend, sounds_dir=tmp_path)
    play_all(player, ["go"])
    assert backend.played == [] and calls.bells == 1
    assert calls.messages == ["Sound unavailable (unreadable sound file go.wav); using the terminal bell."]


def test_callbacks_go_through_dispatch_on_the_worker_thread() -> None:
    dispatched = []

    def dispatch(callback) -> None:
        dispatched.append(threading.current_thread().name)
        callback()

    player, calls = make_player(FailingBackend(), dispatch=dispatch)
    play_all(player, ["go", "tick"])
    # 1 notice + 2 bells, all handed to dispatch from the worker, not the caller.
    assert len(dispatched) == 3
    assert threading.current_thread().name not in set(dispatched) | calls.threads
    player.close()


def test_a_bell_that_raises_does_not_kill_the_worker() -> None:
    def bad_bell() -> None:
        raise RuntimeError("app already closed")

    player = CuePlayer(backend=FailingBackend(), sounds_dir=SOUNDS, bell=bad_bell)
    play_all(player, ["go", "go"])  # wait_idle would time out if the worker died
    player.close()


def test_no_bell_or_notice_callbacks_is_fine() -> None:
    player = CuePlayer(backend=FailingBackend(), sounds_dir=SOUNDS)
    play_all(player, ["go", "tick"])
    assert not player.available


# --- the real playsound3 backend -------------------------------------------------


def test_playsound3_without_a_player_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import playsound3.playsound3 as ps3

    # Force playsound3's own "no player" path, whatever this machine has.
    monkeypatch.setattr(ps3, "DEFAULT_BACKEND", None)
    player, calls = make_player(Playsound3Backend())
    play_all(player, ["go", "tick"])
    assert calls.bells == 2
    assert calls.messages == ["Sound unavailable (no audio player found); using the terminal bell."]


def test_playsound_exception_from_a_backend_falls_back() -> None:
    import playsound3

    error = playsound3.PlaysoundException("No supported audio backends on this system!")
    player, calls = make_player(FailingBackend(error))
    play_all(player, ["halfway"])
    assert calls.bells == 1 and "no audio player found" in calls.messages[0]


def test_player_that_exits_non_zero_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    import playsound3.playsound3 as ps3

    class ExitedPopen:
        def poll(self) -> int:
            return 3

        def wait(self) -> int:
            return 3

        def terminate(self) -> None:
            pass

    class SilentFailure(ps3.SoundBackend):
        def check(self) -> bool:
            return True

        def play(self, sound: str) -> ExitedPopen:
            return ExitedPopen()

    monkeypatch.setattr(ps3, "DEFAULT_BACKEND", SilentFailure())
    player, calls = make_player(Playsound3Backend())
    play_all(player, ["go", "tick", "tick"])
    # The first start "succeeds"; its exit code is noticed on the next cue.
    assert calls.bells == 2
    assert calls.messages == [
        "Sound unavailable (audio player exited with code 3); using the terminal bell."
    ]


def test_aplay_is_chosen_when_it_is_there_even_without_mpg123() -> None:
    from hamcoach.sound.player import choose_backend

    def which(found: set[str]):
        return lambda name: f"/usr/bin/{name}" if name in found else None

    assert choose_backend({}, "linux", which({"aplay"})) == "aplay"
    assert choose_backend({}, "linux", which({"aplay", "gst-play-1.0", "ffplay"})) == "aplay"
    assert choose_backend({"PLAYSOUND3_BACKEND": "alsa"}, "linux", which({"aplay"})) == "aplay"
    assert choose_backend({}, "linux", which({"gst-play-1.0"})) is None  # playsound3's own choice
    assert choose_backend({}, "darwin", which({"aplay"})) is None
    assert choose_backend({"PLAYSOUND3_BACKEND": "ffplay"}, "linux", which({"aplay"})) == "ffplay"


def fake_aplay(tmp_path: Path, script: str) -> str:
    program = tmp_path / "aplay"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(0o755)
    return str(program)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for aplay")
def test_aplay_run_directly_plays_and_reports_how_it_failed(tmp_path: Path) -> None:
    from hamcoach.sound.player import AplayBackend

    good = AplayBackend(fake_aplay(tmp_path, 'echo "$2" >> "$(dirname "$0")/played"'))
    playing = good.play(SOUNDS / "go.wav")
    deadline = time.monotonic() + WAIT
    while playing.is_playing() and time.monotonic() < deadline:
        time.sleep(0.01)
    good.check()
    assert (tmp_path / "played").read_text() == f"{SOUNDS / 'go.wav'}\n"
    assert good.describe().startswith("aplay (") and good.reports_failures

    bad = AplayBackend(fake_aplay(tmp_path, 'echo "ALSA lib confmisc.c:855: oops" >&2; '
                                            'echo "aplay: main:831: audio open error: No such device" >&2; exit 1'))
    player, calls = make_player(bad)
    play_all(player, ["go"])
    bad_done = time.monotonic() + WAIT
    while bad._playing and bad._playing[0].poll() is None and time.monotonic() < bad_done:
        time.sleep(0.01)
    play_all(player, ["tick"])
    assert calls.messages == ["Sound unavailable (aplay exited with code 1: audio open error: No such device); "
                              "using the terminal bell."]
    assert calls.bells == 1  # the tick, once the failure was known


def test_playsound3_backend_plays_through_the_chosen_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    import playsound3.playsound3 as ps3

    started: list[str] = []

    class Finished:
        def poll(self) -> int:
            return 0

        def wait(self) -> int:
            return 0

        def terminate(self) -> None:
            pass

    class Recorder(ps3.SoundBackend):
        def check(self) -> bool:
            return True

        def play(self, sound: str) -> Finished:
            started.append(sound)
            return Finished()

    monkeypatch.setitem(ps3._BACKEND_MAP, "alsa", Recorder())
    monkeypatch.setattr(ps3, "DEFAULT_BACKEND", None)  # as with aplay but no mpg123
    backend = Playsound3Backend(backend="alsa")
    playing = backend.play(SOUNDS / "go.wav")
    assert started == [str((SOUNDS / "go.wav").absolute())]
    assert playing.is_playing() is True  # its process is done, but not the sound's 250 ms
    playing.stop()
    assert playing.is_playing() is False
    assert backend.describe() == "aplay (playsound3's alsa backend)"
    assert backend.reports_failures


def test_warm_up_reaches_the_backend_unless_muted() -> None:
    backend = RecordingBackend()
    CuePlayer(backend=backend, sounds_dir=SOUNDS, muted=True).warm_up()
    assert backend.warmed_up is False
    CuePlayer(backend=backend, sounds_dir=SOUNDS).warm_up()
    assert backend.warmed_up is True
    CuePlayer(backend=FailingBackend(), sounds_dir=SOUNDS).warm_up()  # no warm_up: fine


# --- never blocking ------------------------------------------------------------


def test_a_slow_player_never_blocks_the_caller_and_a_backlog_is_coalesced() -> None:
    backend = BlockingBackend()
    player, calls = make_player(backend)
    player.play("go")
    assert backend.started.wait(WAIT)  # the worker is now stuck inside play()
    for _ in range(5):
        player.play("tick")  # returns at once although the player is stuck
    assert player.wait_idle(timeout=0) is False
    backend.release.set()
    assert player.wait_idle(WAIT)
    # The five ticks waiting came as one burst: its last one plays, the rest are coalesced.
    assert backend.played == [SOUNDS / "go.wav", SOUNDS / "tick.wav"]
    assert player.dropped == 4
    assert calls.bells == 0
    player.close()


def test_close_stops_the_worker_and_ignores_later_cues() -> None:
    backend = RecordingBackend()
    player, _ = make_player(backend)
    play_all(player, ["go"])
    worker = player._worker
    player.close()
    assert worker is not None and not worker.is_alive()
    player.play("go")
    assert player.wait_idle(WAIT)
    assert backend.played == [SOUNDS / "go.wav"]
    player.close()  # twice is fine


def test_close_without_any_cue_is_fine() -> None:
    CuePlayer(backend=RecordingBackend(), sounds_dir=SOUNDS).close()


# --- the WAV assets ----------------------------------------------------------------


def test_every_cue_has_its_file() -> None:
    for cue, name in SOUND_FILES.items():
        assert (SOUNDS / name).is_file(), f"{cue}: {name} is missing"


@pytest.mark.parametrize("path", sorted(SOUNDS.glob("*.wav")), ids=lambda p: p.name)
def test_wav_is_short_16_bit_pcm_mono(path: Path) -> None:
    with wave.open(str(path), "rb") as w:
        assert w.getcomptype() == "NONE"
        assert w.getsampwidth() == 2
        assert w.getnchannels() == 1
        assert w.getframerate() == 44_100
        frames = w.getnframes()
        assert len(w.readframes(frames)) == frames * 2
    assert 0 < frames / 44_100 < 1.5


def test_sounds_are_small_and_all_used() -> None:
    wavs = sorted(SOUNDS.glob("*.wav"))
    assert sum(p.stat().st_size for p in wavs) < 400_000
    assert {p.name for p in wavs} == set(SOUND_FILES.values())


# --- import hygiene ------------------------------------------------------------------


def test_importing_audio_pulls_in_neither_playsound3_nor_textual() -> None:
    code = (
        "import sys, hamcoach.sound.player as a\n"
        "a.CuePlayer()\n"  # building the default backend must not import either
        "assert 'playsound3' not in sys.modules, 'playsound3 imported'\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
