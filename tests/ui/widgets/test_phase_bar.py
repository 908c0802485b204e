"""The phase bar in a harness app: ``progress`` as filled cells on a track, text not colour,
set by its owner or run on a clock until a time (a fake clock here: nothing sleeps)."""

from __future__ import annotations

import pytest
from support.clock import FakeClock
from support.harness import widget_text
from textual.app import App, ComposeResult

from hamcoach.ui.widgets.phase_bar import PhaseBar


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PhaseBar(id="bar")


@pytest.mark.parametrize(("progress", "cells"), [(0.0, 0), (0.5, 40), (1.0, 80), (2.0, 80), (-1.0, 0),
                                               (1 / 3, 27)])  # 26.7 cells: the nearest
async def test_the_phase_bar_fills_its_width(progress, cells):
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(PhaseBar).progress = progress
        await pilot.pause()
        assert widget_text(app, PhaseBar) == "█" * cells + "░" * (80 - cells)


async def test_the_bar_follows_the_width_of_the_terminal():
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(PhaseBar).progress = 0.25
        await pilot.pause()
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert widget_text(app, PhaseBar) == "█" * 15 + "░" * 45


async def test_a_running_bar_fills_from_its_clock_and_stops_when_told():
    clock = FakeClock(100.0)
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(PhaseBar)
        bar.run(clock, end=102.0, length=4.0)  # a 4 s phase with 2 s to go: half done at once
        await pilot.pause()
        assert bar.running and widget_text(app, bar) == "█" * 40 + "░" * 40
        clock.advance(5.0)  # past the end: full, never more
        bar.run(clock, end=102.0, length=4.0)
        await pilot.pause()
        assert widget_text(app, bar) == "█" * 80
        bar.stop()
        assert not bar.running
        bar.progress = 0.0  # its owner sets it again
        await pilot.pause()
        assert widget_text(app, bar) == "░" * 80


async def test_the_bar_is_repainted_only_when_a_cell_changes(monkeypatch):
    app = BarApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(PhaseBar)
        bar.progress = 0.5
        await pilot.pause()
        repaints: list[object] = []
        refresh = bar.refresh
        monkeypatch.setattr(bar, "refresh", lambda *args, **kwargs: (repaints.append(args), refresh(*args, **kwargs)))
        bar.progress = 0.505  # 40.4 cells: still 40
        assert repaints == []
        bar.progress = 0.52  # 41.6: 42 cells
        assert len(repaints) == 1
        await pilot.pause()
        assert widget_text(app, bar) == "█" * 42 + "░" * 38
