"""A session survives a tiny terminal and a broken sound player without missing a beat."""

from __future__ import annotations

from support.apps import (
    HOLD_ID,
    HOLD_TOML,
    advance,
    make_app,
    played_names,
    session_screen,
    write_routine,
)
from support.audio import FailingBackend

from hamcoach.coaching.engine import PhaseKind
from hamcoach.sound.player import CuePlayer
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.too_small import TooSmallScreen


async def test_shrinking_to_40x12_and_back_keeps_the_timer_and_the_cues(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 10)  # 5 s into the 60 s hold
        screen = session_screen(app)
        assert screen.engine.phase.kind is PhaseKind.HOLD and round(screen.engine.remaining()) == 55
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small-text").content)
        assert "at least 60x18" in text and "40x12" in text
        played_before = len(played_names(app))
        await advance(pilot, 30)  # the halfway cue falls while the notice is up
        assert round(screen.engine.remaining()) == 25
        assert played_names(app)[played_before:] == ["halfway.wav"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one("#figure").text == "25"


async def test_starting_in_a_tiny_terminal_says_so(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)


async def test_a_failing_player_falls_back_to_the_bell_and_says_so_once(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    app.player = CuePlayer(backend=FailingBackend(RuntimeError("player crashed")))
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 20)
        screen = session_screen(app)
        assert screen.engine.phase.kind is PhaseKind.HOLD  # the session carries on
        notices = [n.message for n in app._notifications if "Sound unavailable" in n.message]
        assert notices == ["Sound unavailable (player crashed); using the terminal bell."]
        # 3-2-1, go: one bell each (the first cue found the player broken and rang too).
        assert len(bells) == 4
