"""The voice: engine detection, commands, the WAV cache, rendering ahead on a worker thread."""

from __future__ import annotations

import shutil
import sys
import threading
import wave
from pathlib import Path

import pytest
from support.audio import FakeRenderer, write_wav

from hamcoach import paths
from hamcoach.sound.voice import (
    SpeechEngine,
    Voice,
    VoiceError,
    detect_engine,
    install_hint,
    trim_silence,
)

ESPEAK = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng")
WAIT = 5.0


def which(*found: str):
    return lambda name: f"/usr/bin/{name}" if name in found else None


def frames(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


# --- finding an engine ---------------------------------------------------------------------


def test_linux_prefers_espeak_ng_then_espeak_then_spd_say() -> None:
    assert detect_engine(which("espeak-ng", "espeak", "spd-say"), "linux") == ESPEAK
    assert detect_engine(which("espeak", "spd-say"), "linux") == SpeechEngine("espeak", "/usr/bin/espeak")
    spd = detect_engine(which("spd-say"), "linux")
    assert spd is not None and spd.name == "spd-say" and not spd.renders
    assert detect_engine(which(), "linux") is None


def test_macos_says_and_windows_uses_sapi_through_powershell() -> None:
    assert detect_engine(which("say", "espeak-ng"), "darwin") == SpeechEngine("say", "/usr/bin/say")
    assert detect_engine(which("powershell"), "win32") == SpeechEngine("sapi", "/usr/bin/powershell")
    assert detect_engine(which("espeak-ng"), "win32") is None


def test_the_install_hint_names_a_package() -> None:
    assert "espeak-ng" in install_hint("linux") and "apt install" in install_hint("linux")
    assert "say" in install_hint("darwin")
    assert "PowerShell" in install_hint("win32")


def test_the_text_never_goes_on_the_command_line() -> None:
    text = "-rm, set 1 of 2"  # a name that would read as an option
    argv, stdin, env = ESPEAK.render_command(text, Path("/tmp/out.wav"))
    assert text not in argv and stdin == text.encode() and env == {}
    assert argv[:1] == ["/usr/bin/espeak-ng"] and "--stdin" in argv and "/tmp/out.wav" in argv
    argv, stdin, env = SpeechEngine("say", "/usr/bin/say").render_command(text, Path("/tmp/o.wav"))
    assert text not in argv and stdin == text.encode() and "--file-format=WAVE" in argv
    argv, stdin, env = SpeechEngine("sapi", "powershell").render_command(text, Path("C:/o.wav"))
    assert text not in " ".join(argv) and stdin is None
    assert env == {"HAMCOACH_SPEECH_OUT": "C:/o.wav", "HAMCOACH_SPEECH_TEXT": text}
    with pytest.raises(VoiceError):
        SpeechEngine("spd-say", "spd-say").render_command(text, Path("x.wav"))
    assert SpeechEngine("spd-say", "spd-say").speak_command(text) == ["spd-say", "--", text]


def test_the_cache_key_depends_on_text_engine_and_voice(tmp_path: Path) -> None:
    a = Voice(ESPEAK, tmp_path).cache_path("Go")
    assert a == Voice(ESPEAK, tmp_path).cache_path("Go")
    assert a != Voice(ESPEAK, tmp_path).cache_path("Go!")
    assert a != Voice(SpeechEngine("espeak-ng", "/usr/bin/espeak-ng", voice="en-gb"), tmp_path).cache_path("Go")
    assert a != Voice(SpeechEngine("espeak", "/usr/bin/espeak"), tmp_path).cache_path("Go")
    assert a.parent == tmp_path and a.suffix == ".wav"


def test_the_cache_lives_in_the_data_home_override_or_the_user_cache_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HAMCOACH_HOME", str(tmp_path / "home"))
    assert paths.voice_cache_dir() == tmp_path / "home" / "cache" / "voice"
    monkeypatch.delenv("HAMCOACH_HOME")
    from platformdirs import user_cache_dir

    assert paths.voice_cache_dir() == Path(user_cache_dir("hamcoach", appauthor=False)) / "voice"


# --- rendering -----------------------------------------------------------------------------


def test_prepare_renders_each_phrase_once_in_order_on_a_worker(tmp_path: Path) -> None:
    render = FakeRenderer()
    voice = Voice(ESPEAK, tmp_path, render=render)
    voice.prepare(["Hip bridge, set 1 of 3", "Go", "Go", "Halfway"])
    assert voice.wait_idle(WAIT)
    assert render.texts == ["Hip bridge, set 1 of 3", "Go", "Halfway"]
    assert threading.current_thread().name not in render.threads
    path = voice.path_for("Go")
    assert path is not None and path == voice.cache_path("Go") and path.is_file()
    voice.close()


def test_prepare_takes_a_function_and_runs_it_on_the_worker(tmp_path: Path) -> None:
    seen: list[str] = []

    def phrases() -> list[str]:
        seen.append(threading.current_thread().name)
        return ["One", "Two"]

    render = FakeRenderer()
    voice = Voice(ESPEAK, tmp_path, render=render)
    voice.prepare(phrases)
    assert voice.wait_idle(WAIT)
    assert render.texts == ["One", "Two"] and seen == ["hamcoach-voice"]


def test_a_phrase_rendered_before_is_read_from_the_cache(tmp_path: Path) -> None:
    first = FakeRenderer()
    Voice(ESPEAK, tmp_path, render=first).render_now("Session complete")
    again = FakeRenderer()
    voice = Voice(ESPEAK, tmp_path, render=again)
    assert voice.path_for("Session complete") == voice.cache_path("Session complete")
    voice.prepare(["Session complete"])
    assert voice.wait_idle(WAIT)
    assert again.texts == [] and voice.rendered == 0


def test_path_for_never_renders_and_wait_for_renders_next(tmp_path: Path) -> None:
    render = FakeRenderer()
    render.gate = threading.Event()
    voice = Voice(ESPEAK, tmp_path, render=render)
    assert voice.path_for("Rest, 30 seconds") is None
    voice.prepare(["A", "B", "C", "D"])
    # "Z" is wanted now: it goes before the phrases still waiting.
    waiter = threading.Thread(target=lambda: voice.wait_for("Z", WAIT))
    waiter.start()
    threading.Timer(0.2, render.gate.set).start()
    waiter.join(WAIT)
    assert voice.wait_idle(WAIT)
    assert render.texts.index("Z") <= 1  # at most "A" was under way before it
    assert voice.path_for("Z") is not None


def test_wait_for_gives_up_after_its_timeout(tmp_path: Path) -> None:
    render = FakeRenderer()
    render.gate = threading.Event()
    voice = Voice(ESPEAK, tmp_path, render=render)
    assert voice.wait_for("Slow", 0.05) is None
    render.gate.set()
    assert voice.wait_idle(WAIT)
    assert voice.path_for("Slow") is not None


def test_the_silence_around_the_words_is_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "p.wav"
    write_wav(path, seconds=0.2, lead=0.1, rate=22_050)
    assert frames(path) == int(0.2 * 22_050) + 2 * int(0.1 * 22_050)
    trim_silence(path)
    kept = frames(path)
    assert int(0.2 * 22_050) <= kept <= int(0.2 * 22_050) + 2 * 22_050 * 6 // 1000


def test_a_render_of_only_silence_is_an_error(tmp_path: Path) -> None:
    def silent(engine, text, out):
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22_050)
            w.writeframes(b"\0\0" * 1000)

    voice = Voice(ESPEAK, tmp_path, render=silent)
    with pytest.raises(VoiceError, match="only silence"):
        voice.render_now("Go")


def test_an_engine_that_fails_makes_the_voice_unavailable_and_says_why(tmp_path: Path) -> None:
    render = FakeRenderer(fail=True)
    voice = Voice(ESPEAK, tmp_path, render=render)
    voice.prepare(["Go", "Halfway"])
    assert voice.wait_idle(WAIT)
    assert not voice.available
    assert voice.error == "espeak-ng exited with code 1: no voice data"
    assert render.texts == ["Go"]  # it stops at the first failure
    assert voice.wait_for("Halfway", WAIT) is None  # at once, not after the timeout
    assert list(tmp_path.glob("*.wav")) == [] and list(tmp_path.glob(".render.*")) == []


def test_a_file_that_is_not_a_wav_is_an_error(tmp_path: Path) -> None:
    voice = Voice(ESPEAK, tmp_path, render=lambda engine, text, out: out.write_bytes(b"nonsense"))
    with pytest.raises(VoiceError, match="no usable sound"):
        voice.render_now("Go")


def test_without_an_engine_nothing_is_rendered(tmp_path: Path) -> None:
    render = FakeRenderer()
    voice = Voice(None, tmp_path, render=render)
    assert not voice.available and voice.describe() == "none installed"
    voice.prepare(["Go"])
    assert voice.path_for("Go") is None and voice.wait_for("Go", 0.01) is None
    with pytest.raises(VoiceError):
        voice.render_now("Go")
    assert render.texts == []


def test_control_characters_never_reach_the_engine(tmp_path: Path) -> None:
    render = FakeRenderer()
    Voice(ESPEAK, tmp_path, render=render).render_now("Evil\x1b[2J name\nhere")
    assert render.texts == ["Evil?[2J name?here"]


def test_an_unwritable_cache_is_a_voice_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    voice = Voice(ESPEAK, blocker / "voice", render=FakeRenderer())
    with pytest.raises(VoiceError, match="voice cache"):
        voice.render_now("Go")


# --- a real engine (skipped where none is installed) ---------------------------------------------


@pytest.mark.skipif(not (shutil.which("espeak-ng") or shutil.which("espeak")), reason="no espeak installed")
def test_a_real_espeak_renders_a_phrase_that_starts_at_once(tmp_path: Path) -> None:
    engine = detect_engine()
    assert engine is not None and engine.name in ("espeak-ng", "espeak")
    voice = Voice(engine, tmp_path)
    path = voice.render_now("Hip bridge, set 1 of 3, left side")
    with wave.open(str(path), "rb") as w:
        rate, data = w.getframerate(), w.readframes(w.getnframes())
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
    import array

    samples = array.array("h")
    samples.frombytes(data)
    onset = next(i for i, v in enumerate(samples) if abs(v) > 200)
    assert onset / rate <= 0.010  # the engine's lead-in silence is gone
    assert 1.0 < len(samples) / rate < 5.0


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("true"), reason="needs a POSIX `true`")
def test_a_live_engine_speaks_through_its_own_program(tmp_path: Path) -> None:
    voice = Voice(SpeechEngine("spd-say", shutil.which("true") or "true"), tmp_path)
    assert voice.live and voice.available
    voice.prepare(["Go"])  # nothing to render for a live engine
    assert voice.path_for("Go") is None
    process = voice.speak_live("Go")
    assert process.wait(WAIT) == 0


def test_a_new_plan_replaces_what_was_left_of_the_last(tmp_path: Path) -> None:
    render = FakeRenderer()
    render.gate = threading.Event()
    voice = Voice(ESPEAK, tmp_path, render=render)
    voice.prepare(["A1", "A2", "A3"])  # one routine highlighted...
    deadline = threading.Event()
    while not render.threads and not deadline.wait(0.01):
        pass  # "A1" is under way
    voice.prepare(["B1", "B2"])  # ...then another
    render.gate.set()
    assert voice.wait_idle(WAIT)
    assert render.texts == ["A1", "B1", "B2"]


def test_renders_left_half_done_by_an_app_that_quit_are_swept_away(tmp_path: Path) -> None:
    import os
    import time

    tmp_path.mkdir(exist_ok=True)
    old = tmp_path / ".render.abc123.wav"
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".render.def456.wav"  # another app's render under way
    fresh.write_bytes(b"half")
    Voice(ESPEAK, tmp_path, render=FakeRenderer()).render_now("Go")
    assert not old.exists() and fresh.exists()
