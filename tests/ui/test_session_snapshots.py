"""The session screen as it is read from the mat, pinned at 60x18, 80x24, 120x40, 200x60
and without colour. Update with ``pytest tests/ui/test_session_snapshots.py
--snapshot-update`` after a deliberate change, and look at each SVG."""

from __future__ import annotations

from support.apps import advance
from support.session_apps import (
    BRIDGE_REP_3_LIFT,
    CURL_GET_READY,
    CURL_LEFT_REP_3,
    REST_BEFORE_CURL,
    mat_app,
)
from textual.pilot import Pilot

from hamcoach.ui.screens.session import SessionScreen


def at(seconds: float, *keys: str):
    """A run_before that moves the session ``seconds`` on, then presses ``keys``."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionScreen)
        await advance(pilot, seconds, step=5)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


def test_session_60x18_left_side_reps(snap_compare, isolated_home):
    """The smallest size: rep 3/10 on the left side, LEFT · LIFT, the whole footer."""
    assert snap_compare(mat_app(isolated_home), terminal_size=(60, 18), run_before=at(CURL_LEFT_REP_3))


def test_session_80x24_rest_before_the_next_exercise_with_a_notice(snap_compare, isolated_home):
    """The rest before the curl shows the curl and its cues; m mutes: MUTED in the corner,
    and its notice in the bottom rows, not over the figures."""
    app = mat_app(isolated_home)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at(REST_BEFORE_CURL, "m"))


def test_session_120x40_get_ready_for_a_new_position(snap_compare, isolated_home):
    """The 15 s get-ready before the band work, LEFT SIDE named."""
    assert snap_compare(mat_app(isolated_home), terminal_size=(120, 40), run_before=at(CURL_GET_READY))


def test_session_200x60_reps(snap_compare, isolated_home):
    """Rep 3/10 of the bridge, as large as 200x60 allows."""
    assert snap_compare(mat_app(isolated_home), terminal_size=(200, 60), run_before=at(BRIDGE_REP_3_LIFT))


def test_session_no_color_paused(snap_compare, isolated_home, monkeypatch):
    """With NO_COLOR the words tell the phase: LEFT SIDE · PAUSED, space to resume."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = mat_app(isolated_home)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=at(CURL_LEFT_REP_3, "space"))
