"""What a person sees, pinned as SVG snapshots (pytest-textual-snapshot).

The apps run on a fake monotonic clock and a fixed wall clock (see support.apps), so
each picture is the same on every run. After a deliberate change to the UI, update
them with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from support.apps import advance, hold_session_app, make_app, picker_app
from textual.pilot import Pilot

from hamcoach.coaching.engine import PhaseKind
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.safety import SafetyScreen
from hamcoach.ui.screens.session import SessionScreen

SIZE = (80, 24)


def test_picker(snap_compare, isolated_home):
    """The routine list with the first routine's details, and one custom routine."""
    app = picker_app(isolated_home)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_picker_120x40(snap_compare, isolated_home):
    """A taller terminal: the detail pane shows every exercise with its dose and cues (issue 14)."""
    app = picker_app(isolated_home)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.pause()  # the lengths as the coach runs them
        assert isinstance(app.screen, PickerScreen)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_session_mid_hold(snap_compare, isolated_home):
    """The long-hold session 20 s into a 60 s hold: HOLD, 40 s left, set 1 of 2."""
    app = hold_session_app(isolated_home)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await advance(pilot, 5 + 20, step=5)  # the get-ready count, then 20 s of the hold
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.engine.phase.kind is PhaseKind.HOLD
        assert screen.engine.remaining() == 40

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_safety_notice(snap_compare, isolated_home):
    """The one-time notice over the picker on a first start."""
    app = make_app(isolated_home, write_settings=False)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
