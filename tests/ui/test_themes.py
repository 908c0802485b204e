"""Every screen reads in every built-in theme, light ones included: no word on screen is
under 3:1 against what is behind it (hamcoach.ui.colours keeps text at 4:1)."""

from __future__ import annotations

import pytest
from rich.color_triplet import ColorTriplet
from support.apps import QUICK_ID, QUICK_LENGTH, QUICK_TOML, advance, make_app, write_routine
from textual.theme import BUILTIN_THEMES

from hamcoach.ui.colours import _GLYPHS, contrast, legible, readable_dim
from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.session_detail import SessionDetailScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (80, 24)
# The ansi themes use the terminal's own colours, which only the terminal knows.
THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


def faint_words(app) -> list[tuple[float, int, str]]:
    """Each piece of text on screen under 3:1 against its background."""
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if style is None or _GLYPHS.issuperset(segment.text) or style.color is None or style.bgcolor is None:
                continue
            fore, back = style.color.triplet, style.bgcolor.triplet
            if fore is None or back is None:
                continue
            if style.reverse:
                fore, back = back, fore
            ratio = contrast(fore, back)
            if ratio < 3.0:
                found.append((round(ratio, 2), y, segment.text.strip()))
    return found


async def each_theme(app, pilot) -> dict[str, list]:
    faint = {}
    for theme in THEMES:
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        if words := faint_words(app):
            faint[theme] = words
    app.theme = "textual-dark"
    await pilot.pause()
    return faint


async def test_every_screen_reads_in_every_builtin_theme(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    faint: dict[str, dict[str, list]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 7)
        assert isinstance(app.screen, SessionScreen)
        faint["session"] = await each_theme(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        faint["help"] = await each_theme(app, pilot)
        await pilot.press("escape")
        await advance(pilot, QUICK_LENGTH + 10)
        assert isinstance(app.screen, SummaryScreen)
        faint["summary"] = await each_theme(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        faint["picker"] = await each_theme(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        faint["history"] = await each_theme(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        faint["session detail"] = await each_theme(app, pilot)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.press("c")  # the editor, with its errors and placeholders
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        faint["editor"] = await each_theme(app, pilot)
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        faint["editor list"] = await each_theme(app, pilot)
    assert {screen: themes for screen, themes in faint.items() if themes} == {}


@pytest.mark.parametrize("fore, back", [
    ((144, 156, 154), (253, 246, 227)),  # solarized-light's foreground, dimmed as Textual does
    ((0, 120, 212), (208, 208, 208)),  # a footer key on textual-light's panel
    ((250, 250, 250), (255, 255, 255)),
    ((10, 10, 10), (0, 0, 0)),
])
def test_text_is_moved_only_as_far_as_it_takes_to_read(fore, back):
    fore, back = ColorTriplet(*fore), ColorTriplet(*back)
    assert contrast(legible(fore, back), back) >= 4.0
    assert contrast(readable_dim(fore, back), back) >= 4.0
    good = ColorTriplet(20, 20, 20)
    assert legible(good, ColorTriplet(255, 255, 255)) == good  # already readable: unchanged
