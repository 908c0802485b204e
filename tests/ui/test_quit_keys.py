"""ctrl+q and ctrl+c follow Textual's convention (issue 10, finding 11).

ctrl+q quits, and asks first wherever something would be lost (unsaved changes in the
editor, a running session). ctrl+c copies in a text field; elsewhere it does what q does
on that screen (or Escape where q means nothing). Before, ctrl+c quit at once from every
screen, unsaved changes and all, and never copied.
"""

from __future__ import annotations

import io

from rich.console import Console
from support.apps import QUICK_ID, QUICK_TOML, advance, make_app, session_screen, write_routine
from support.editor import MINE, focus, open_picker_item, type_text, with_mine
from textual.widgets import Input

from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.confirm import ConfirmScreen, QuitScreen
from hamcoach.ui.screens.editor import EditorScreen, UnsavedChangesScreen
from hamcoach.ui.screens.help import HelpScreen, key_table
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.resume import ResumeScreen
from hamcoach.ui.screens.session import SessionScreen

SIZE = (80, 24)


async def _dirty_editor(app, pilot) -> EditorScreen:
    await pilot.pause()
    await open_picker_item(pilot, MINE.name, "e")
    await type_text(pilot, "!")  # the name field has focus: the routine now has unsaved changes
    editor = app.screen
    assert isinstance(editor, EditorScreen) and editor.dirty
    return editor


async def test_ctrl_c_in_the_editor_with_unsaved_changes_asks_instead_of_quitting(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        editor = await _dirty_editor(app, pilot)
        await focus(pilot, "#exercise-list")  # not a text field: ctrl+c is Escape here (no q)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, UnsavedChangesScreen)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is editor and editor.dirty


async def test_ctrl_c_in_a_text_field_copies(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        editor = await _dirty_editor(app, pilot)
        name = editor.query_one("#routine-name", Input)
        assert app.focused is name
        await pilot.press("ctrl+c")  # nothing selected: nothing to copy, and never a way out
        await pilot.pause()
        assert app.is_running and app.screen is editor
        await pilot.press("shift+home")  # select all of it
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running and app.screen is editor
        assert app.clipboard == f"{MINE.name}!"
        assert name.value == f"{MINE.name}!"


async def test_ctrl_q_in_the_editor_with_unsaved_changes_asks_first(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        editor = await _dirty_editor(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuitScreen)
        assert "The changes to Morning [b]hams! are not saved." in str(app.screen.question)
        await pilot.press("ctrl+q")  # again while asking: still asking, never a second dialog
        await pilot.pause()
        assert sum(isinstance(s, QuitScreen) for s in app.screen_stack) == 1
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and editor.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_and_ctrl_c_quit_at_once_where_nothing_is_lost(isolated_home):
    for key in ("ctrl+q", "ctrl+c"):  # on the routine list, q quits: so does ctrl+c
        app = make_app(isolated_home)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PickerScreen)
            await pilot.press(key)
            await pilot.pause()
            assert not app.is_running, key


async def test_ctrl_c_in_the_history_goes_back_as_escape_does(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PickerScreen)


async def test_ctrl_c_in_a_session_asks_to_end_it_as_q_does(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, 6)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmScreen) and not isinstance(app.screen, QuitScreen)
        assert "End this session now?" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and not app.screen.engine.paused


async def test_ctrl_q_in_a_session_asks_pauses_and_keeps_it_for_resume(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, 10)  # set 1 done, resting
        screen = session_screen(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and screen.engine.paused
        assert "offers to resume it" in str(app.screen.question)
        await pilot.press("n")  # stay: the session carries on
        await pilot.pause()
        assert app.screen is screen and not screen.engine.paused
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running
    (record,) = HistoryStore(isolated_home / "history.json").sessions()
    assert record.status == "in_progress"
    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)  # the lock went with the app: it is offered


async def test_the_help_screen_lists_ctrl_q_and_ctrl_c(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(key_table(app.screen.under, app.BINDINGS, app.get_key_display))
        text = console.export_text()
        assert "^q" in text and "^c" in text
        assert "Quit hamcoach (asks first during a session or with unsaved changes)" in text
        assert "Copy in a text field; elsewhere what q (or Escape) does on this screen" in text


async def test_quitting_at_the_resume_question_leaves_the_session_to_the_next_start(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, 10)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    asked = make_app(isolated_home)
    async with asked.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(asked.screen, ResumeScreen)  # held by this app while it asks
        await pilot.press("ctrl+q")  # nothing is lost by leaving the question
        await pilot.pause()
        assert not asked.is_running
    again = make_app(isolated_home)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
