"""The session screen's rules: sizes, colours, notices, the smallest terminal and below it."""

from __future__ import annotations

import itertools

import pytest
from support.apps import HOLD_ID, HOLD_TOML, advance, make_app, screen_text, session_screen, write_routine
from support.session_apps import (
    BRIDGE_REP_3_LIFT,
    CURL_LEFT_REP_3,
    REST_BEFORE_CURL,
    mat_app,
)
from textual.color import Color, rgb_to_lab
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from hamcoach.coaching.engine import PhaseKind
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.too_small import TooSmallScreen
from hamcoach.ui.widgets.big_figures import BigFigures

SIZES = [(60, 18), (80, 24), (120, 40), (200, 60)]


def widget_region(screen, selector: str) -> Region:
    return screen.query_one(selector).region


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("moment", [BRIDGE_REP_3_LIFT, REST_BEFORE_CURL, CURL_LEFT_REP_3])
async def test_the_figure_grows_with_the_terminal_and_everything_still_fits(isolated_home, moment):
    rows = {}
    for size in SIZES:
        app = mat_app(isolated_home / f"{size[0]}x{size[1]}")  # a fresh history: nothing to resume
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await advance(pilot, moment, step=5)
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            figure = screen.query_one("#figure", BigFigures)
            words = screen.query_one("#phase-words", BigFigures)
            rows[size] = figure.shown_rows()
            assert words.shown_rows() >= (3 if size != (60, 18) or len(words.text) < 14 else 1)
            # Every part of the screen is on it, one under the other, none overlapping.
            parts = ["#session-top", "#exercise-name", "#exercise-cues", "#figure", "#phase-words",
                     "#phase-bar", "#session-row", "#next-up", "Footer"]
            regions = [widget_region(screen, part) for part in parts]
            for part, region in zip(parts, regions, strict=True):
                assert region.height >= 1 and Region(0, 0, *size).contains_region(region), part
            for (a, ra), (b, rb) in itertools.combinations(zip(parts, regions, strict=True), 2):
                assert not ra.overlaps(rb), (a, b)
            # The figure is drawn whole: as many rows of blocks as it says.
            lines = screen_text(app).split("\n")[figure.region.y:figure.region.bottom]
            assert sum(1 for line in lines if line.strip()) == rows[size]
    assert rows[(80, 24)] >= 5 and rows[(120, 40)] >= 9, rows
    assert rows[(60, 18)] <= rows[(80, 24)] < rows[(120, 40)] < rows[(200, 60)], rows


async def test_at_60x18_the_footer_is_whole_and_every_control_works(isolated_home):
    app = mat_app(isolated_home)
    async with app.run_test(size=(60, 18), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        engine = screen.engine
        await advance(pilot, 65 + 1, step=5)  # 1 s into the first rest: "+15s" is offered
        assert engine.phase.kind is PhaseKind.REST
        keys = list(screen.query(FooterKey))
        assert [k.description for k in keys] == ["Pause", "Skip", "Back", "+15s", "End", "Help", "Sound"]
        assert all(key.region.right <= 60 and key.region.height == 1 for key in keys)

        await pilot.press("plus")
        assert engine.remaining() == pytest.approx(29 + 15)
        await pilot.press("space")
        assert engine.paused and screen.query_one("#stage").has_class("-paused")
        await pilot.press("space")
        assert not engine.paused
        await pilot.press("n")
        assert engine.phase.kind is PhaseKind.LIFT and engine.phase.set_number == 2
        await pilot.press("b")
        assert engine.phase.set_number == 1  # just begun: back to the set before
        await pilot.press("N")
        assert engine.phase.exercise_index == 1
        await pilot.press("m")
        assert app.player.muted and "QUIET (flash)" in screen_text(app)
        await pilot.press("m")
        assert app.player.muted and "MUTED" in screen_text(app)
        await pilot.press("m")
        assert not app.player.muted and "sound on" in screen_text(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.screen is screen and not engine.finished


async def test_below_the_smallest_size_space_still_pauses_and_the_notice_says_where_it_is(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 10)  # 5 s into the 60 s hold
        session = session_screen(app)
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        cover = app.screen
        assert isinstance(cover, TooSmallScreen)
        await pilot.pause()
        assert cover.status == "HOLD  55  ·  space to pause"
        await pilot.press("space")
        await pilot.pause()
        assert session.engine.paused
        assert cover.status == "PAUSED  55  ·  space to resume"
        assert "PAUSED  55" in screen_text(app)
        await advance(pilot, 20)
        assert session.engine.remaining() == 55  # paused means paused
        await pilot.press("space")
        await pilot.pause()
        assert not session.engine.paused and cover.status.startswith("GET READY  3")


async def test_a_paused_session_says_so_on_the_notice_at_once(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 10)
        await pilot.press("space")
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.status == "PAUSED  55  ·  space to resume"


# --- notices ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_notices_keep_off_the_figures(isolated_home, size):
    app = mat_app(isolated_home)
    async with app.run_test(size=size, notifications=True) as pilot:
        await advance(pilot, CURL_LEFT_REP_3, step=5)
        screen = app.screen
        app.notify("Could not save progress: " + "a long reason " * 12, severity="warning", timeout=30)
        app.notify("No voice is installed; see the README.", title="Voice", timeout=30)
        await pilot.pause()
        await pilot.pause()
        toasts = list(screen.query(Toast))
        assert toasts
        stage = screen.query_one("#stage").region
        for toast in toasts:
            visible = toast.region.intersection(screen.region)
            if visible.area:
                assert not visible.overlaps(stage), (toast.region, stage)


# --- colour ----------------------------------------------------------------------------------------


def delta_e(a: Color, b: Color) -> float:
    la, lb = rgb_to_lab(a), rgb_to_lab(b)
    return ((la.L - lb.L) ** 2 + (la.a - lb.a) ** 2 + (la.b - lb.b) ** 2) ** 0.5


def contrast(a: Color, b: Color) -> float:
    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_every_builtin_theme_tells_the_phases_apart_and_keeps_the_figures_readable(isolated_home):
    """Work, rest, get ready and paused differ by a CIE76 colour distance of at least 30 in
    every built-in theme (side by side, 2.3 is just noticeable), and the figures on each keep
    a contrast of at least 3:1 (WCAG's level for large text; these are many rows tall)."""
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 10)
        await pilot.press("space")  # paused: nothing redraws the stage behind the test's back
        screen = app.screen
        stage, figure = screen.query_one("#stage"), screen.query_one("#figure")
        worst = []
        for theme in BUILTIN_THEMES:
            app.theme = theme
            colours = {}
            for mood in ("-work", "-rest", "-ready", "-paused"):
                stage.remove_class("-work", "-rest", "-ready", "-paused", "-done")
                stage.add_class(mood)
                await pilot.pause()
                background = stage.styles.background
                ink = background + figure.visual_style.foreground
                colours[mood] = background
                assert contrast(ink, background) >= 3, (theme, mood, ink, background)
            distance = min(delta_e(a, b) for a, b in itertools.combinations(colours.values(), 2))
            worst.append((round(distance), theme))
        assert min(worst)[0] >= 30, sorted(worst)[:3]


# --- cost ------------------------------------------------------------------------------------------


async def test_a_running_hold_relays_out_nothing_between_phases(isolated_home, monkeypatch):
    """A Static.update lays out the whole screen: during a hold only the figure and the bar
    (reactive, repaint only) change each second."""
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 10)
        updates = []
        original = Static.update
        monkeypatch.setattr(Static, "update", lambda self, *a, **k: (updates.append(self.id), original(self, *a, **k)))
        layouts = []
        original_refresh = BigFigures.refresh

        def refresh(self, *args, **kwargs):
            layouts.append(kwargs.get("layout", False))
            return original_refresh(self, *args, **kwargs)

        monkeypatch.setattr(BigFigures, "refresh", refresh)
        await advance(pilot, 20)
        assert updates == []
        assert layouts and not any(layouts)


async def test_a_rep_phase_bar_moves_between_whole_seconds(isolated_home):
    app = mat_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 15 + 10, step=5)  # rep 3 starts its 2 s lift
        screen = app.screen
        bar = screen.query_one("#phase-bar")
        assert screen.engine.phase.kind is PhaseKind.LIFT and bar.running and bar.progress == 0
        app.clock.advance(0.5)  # no tick: the screen's own wake-up is a second away
        await pilot.pause(0.6)  # a step or two of the bar's own timer
        assert bar.progress == pytest.approx(0.25)
        await pilot.press("space")
        assert not bar.running and bar.progress == pytest.approx(0.25)  # paused, it stays
