"""The history screen pinned as SVG snapshots, on the fixed history of test_history.

After a deliberate change, update them with
``pytest tests/ui/test_history_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from support.history import history_app
from textual.pilot import Pilot
from textual.widgets import Input

from hamcoach.ui.screens.history import (
    HistoryScreen,
    RestDayScreen,
    SessionDetailScreen,
)


async def _open(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HistoryScreen)


def test_history_80x24(snap_compare, isolated_home):
    """Calendar, streak panel and the newest sessions in 80 columns."""
    assert snap_compare(history_app(isolated_home), terminal_size=(80, 24), run_before=_open)


def test_history_120x40(snap_compare, isolated_home):
    """The same with room: longer routine names and more rows."""
    assert snap_compare(history_app(isolated_home), terminal_size=(120, 40), run_before=_open)


def test_history_no_color(snap_compare, isolated_home, monkeypatch):
    """With NO_COLOR the calendar still reads: every level has its own glyph."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = history_app(isolated_home)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open)


def test_history_progress(snap_compare, isolated_home):
    """Progress per exercise: 12 weeks as a sparkline, the last 7 days and the best week."""

    async def run_before(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(history_app(isolated_home), terminal_size=(80, 24), run_before=run_before)


def test_history_session_detail(snap_compare, isolated_home):
    """One session's sets against the plan (the routine with a markup-like name)."""

    async def run_before(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionDetailScreen)

    assert snap_compare(history_app(isolated_home), terminal_size=(80, 24), run_before=run_before)


def test_history_rest_day_dialog(snap_compare, isolated_home):
    """The rest-day question, today filled in."""

    async def run_before(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RestDayScreen)
        pilot.app.screen.query_one(Input).cursor_blink = False  # a blink would make the picture flaky
        await pilot.pause()

    assert snap_compare(history_app(isolated_home), terminal_size=(80, 24), run_before=run_before)
