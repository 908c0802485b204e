"""The voice in the app: v, the sound line on the session screen, spoken cues, the help's sound check."""

from __future__ import annotations

from support.apps import QUICK_ID, QUICK_TOML, advance, make_app, screen_text, write_routine
from support.audio import FakeRenderer, RecordingBackend

from hamcoach.settings import load_settings
from hamcoach.sound.player import CuePlayer
from hamcoach.sound.voice import SpeechEngine, Voice
from hamcoach.ui.screens.help import HelpScreen

SIZE = (80, 24)
ENGINE = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng")


def with_voice(app, voice: Voice) -> RecordingBackend:
    backend = RecordingBackend()
    app.player = CuePlayer(backend=backend, voice=voice)
    return backend


def spoken(app, voice: Voice, backend: RecordingBackend) -> list[str]:
    """What was played, phrases by their text and tones by their file."""
    assert app.player.wait_idle(2)
    names = {voice.cache_path(text): text for text in voice._ready}
    return [names.get(path, path.name) for path in backend.played]


async def test_a_session_speaks_its_cues(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    voice = Voice(ENGINE, isolated_home / "cache", render=FakeRenderer())
    backend = with_voice(app, voice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert voice.wait_idle(5)  # rendered ahead, on the voice's own thread
        await advance(pilot, 10)
        assert spoken(app, voice, backend) == [
            "Mini curl, set 1 of 2", "tick.wav", "tick.wav", "tick.wav",
            "1", "rep.wav", "2", "rep.wav", "Rest, 2 seconds"]
        assert "sound on · voice on" in screen_text(app)


async def test_v_turns_the_voice_off_and_on_and_is_remembered(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    voice = Voice(ENGINE, isolated_home / "cache", render=FakeRenderer())
    backend = with_voice(app, voice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert not app.player.voice_on
        assert load_settings(isolated_home / "settings.json").voice is False
        assert "sound on · voice off" in screen_text(app)
        assert any(n.message == "Voice off: tones only" for n in app._notifications)
        await advance(pilot, 5)
        assert spoken(app, voice, backend)[-1] == "go.wav"  # a tone, not "1"
        await pilot.press("v")
        await pilot.pause()
        assert app.player.voice_on and load_settings(isolated_home / "settings.json").voice is True
        await advance(pilot, 1)
        assert spoken(app, voice, backend)[-1] == "rep.wav"
        await advance(pilot, 1)
        assert spoken(app, voice, backend)[-1] == "2"


async def test_no_voice_installed_is_said_once_and_the_tones_play(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    backend = with_voice(app, Voice(None, isolated_home / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 6)
        assert [p.name for p in backend.played] == ["tick.wav"] * 3 + ["go.wav", "rep.wav"]
        notices = [n.message for n in app._notifications if n.title == "Voice"]
        assert len(notices) == 1 and notices[0].startswith("No voice installed, so tones only: install espeak-ng")
        assert "sound on · no voice" in screen_text(app)


async def test_the_help_screen_runs_the_sound_check(isolated_home, monkeypatch):
    monkeypatch.setattr(HelpScreen, "CHECK_GAP", 0.0)
    app = make_app(isolated_home)
    voice = Voice(ENGINE, isolated_home / "cache", render=FakeRenderer())
    backend = with_voice(app, voice)
    app.player.mode = app.player.mode.next()  # quiet: the check sounds anyway
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "s runs a sound check" in screen_text(app)
        await pilot.press("s")
        for _ in range(100):
            await pilot.pause(0.05)
            if not app.screen.checking:
                break
        await pilot.pause()
        text = screen_text(app)
        assert "Player: RecordingBackend" in text and "Voice: espeak-ng" in text
        assert "ok   session complete: played" in text and "Sound works." in text
        assert len(backend.played) == 9  # eight cues and the phrase
        assert app.player.mode.value == "quiet"  # the app's own player is left as it was
