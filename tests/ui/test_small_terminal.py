"""60x18, the smallest size hamcoach names: every screen and dialog whole, every control
reachable; below it the covering notice still takes space (pause) and q (quit)."""

from __future__ import annotations

from support.apps import QUICK_ID, QUICK_LENGTH, QUICK_TOML, advance, make_app, session_screen, write_routine
from textual.widget import Widget

from hamcoach.ui.screens.confirm import ConfirmScreen, QuitScreen
from hamcoach.ui.screens.dialog import Dialog
from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.session_detail import SessionDetailScreen
from hamcoach.ui.screens.summary import SummaryScreen
from hamcoach.ui.screens.too_small import TooSmallScreen

SIZE = (60, 18)


def inside(widget: Widget) -> bool:
    region = widget.region
    return region.width > 0 and region.x >= 0 and region.y >= 0 and region.right <= 60 and region.bottom <= 18


def dialog_whole(app) -> None:
    screen = app.screen
    assert isinstance(screen, Dialog), screen
    assert inside(screen.query_one(".dialog")), type(screen).__name__
    for button in screen.buttons:
        assert inside(button), (type(screen).__name__, str(button.label))


async def test_a_whole_day_at_60x18(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")  # the end-session question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        dialog_whole(app)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        dialog_whole(app)
        await pilot.press("escape")
        await pilot.pause()
        await advance(pilot, QUICK_LENGTH + 10)  # the help paused it, and a 3-2-1 resumed it
        assert isinstance(app.screen, SummaryScreen)
        for selector in ("#pain", "#effort", "#summary-table"):
            assert inside(app.screen.query_one(selector)), selector
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert inside(app.screen.query_one("#history-table"))
        await pilot.press("r")
        await pilot.pause()
        dialog_whole(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert inside(app.screen.query_one("#detail-table"))


async def test_every_field_of_the_editor_is_reachable_at_60x18(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.has_class("-narrow")
        seen = {app.focused.id}  # the name has focus at first
        for _ in range(40):  # Tab round the whole form and the routine's pane
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            seen.add(focused.id)
            assert inside(focused), focused.id
            if focused.id == "ex-cues":
                await pilot.press("escape")  # back to the list, one key
                await pilot.pause()
                assert app.focused.id == "exercise-list"
        assert {"routine-name", "routine-description", "equipment", "exercise-list", "ex-name", "ex-sets",
                "ex-kind", "ex-reps", "ex-tempo_up", "ex-per_side", "ex-rest", "ex-rest_after", "ex-note",
                "ex-cues"} <= seen
        app.screen.set_focus(editor.query_one("#exercise-list"))
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # equipment, description, name
        await pilot.pause()
        assert app.focused.id == "routine-name" and inside(app.focused)
        await pilot.press("tab", "tab", "tab", "escape")  # the list: out, asking if anything is unsaved
        await pilot.pause()
        if isinstance(app.screen, Dialog):
            dialog_whole(app)


async def test_below_60x18_the_notice_still_pauses_the_session_and_q_quits(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        session = session_screen(app)
        await pilot.press("space")
        await pilot.pause()
        assert session.engine.paused
        await pilot.press("q")  # a session runs: it asks first
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
