"""Dialogs: one look (a frame with its title in the border, buttons at the bottom right,
the one that changes nothing last), arrows between the buttons, and a start-up question
that offers Discard and never takes a key typed before it appeared."""

from __future__ import annotations

from support.apps import QUICK_ID, QUICK_TOML, advance, make_app, write_routine
from textual import events
from textual.widgets import Button

from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.dialog import Dialog
from hamcoach.ui.screens.editor_prompts import ClashScreen, UnsavedChangesScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.rest_day import RestDayScreen
from hamcoach.ui.screens.resume import ResumeScreen
from hamcoach.ui.screens.safety import SafetyScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.widgets.exercise_form import ExerciseChooser

SIZE = (80, 24)


async def _unfinished(home) -> None:
    write_routine(home, QUICK_ID, QUICK_TOML)
    app = make_app(home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, 12)  # set 2 of the curl under way: checkpointed, then cut off


def _stored(home):
    return list(HistoryStore(home / "history.json").sessions())


def button_labels(screen) -> list[str]:
    return [str(button.label) for button in screen.query(".dialog-buttons Button").results(Button)]


async def test_every_dialog_has_the_one_frame_and_the_buttons_bottom_right(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    from datetime import date

    dialogs = [
        ConfirmScreen("Delete it?", yes="Delete", no="Keep", title="Delete routine"),
        SafetyScreen(),
        UnsavedChangesScreen("Mine"),
        ClashScreen("Mine", "mine", "Other", builtin=False, renamed="mine-2"),
        RestDayScreen(date(2024, 5, 6), set()),
        ExerciseChooser([]),
    ]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialogs.append(HelpScreen(app.screen))
        for dialog in dialogs:
            app.push_screen(dialog)
            await pilot.pause()
            assert isinstance(dialog, Dialog)
            frame = dialog.query_one(".dialog")
            assert frame.border_title, type(dialog).__name__
            row = dialog.query_one(".dialog-buttons")
            assert row.styles.align_horizontal == "right"
            buttons = list(row.query(Button))
            assert buttons and all(b.compact for b in buttons)
            # the buttons are the frame's last row
            assert row.region.bottom == frame.region.bottom - 1, type(dialog).__name__
            app.pop_screen()
            await pilot.pause()


async def test_the_choice_that_changes_nothing_is_last_and_escape_takes_it(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        answers = []
        app.push_screen(UnsavedChangesScreen("Mine"), answers.append)
        await pilot.pause()
        assert button_labels(app.screen) == ["Save (s)", "Discard (d)", "Stay"]
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ConfirmScreen("Sure?"), answers.append)
        await pilot.pause()
        assert button_labels(app.screen) == ["Yes (y)", "No (n)"]
        await pilot.press("escape")
        await pilot.pause()
        assert answers == ["stay", False]


async def test_arrows_move_between_the_buttons_and_enter_presses_one(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        answers = []
        app.push_screen(UnsavedChangesScreen("Mine"), answers.append)
        await pilot.pause()
        assert app.focused.id == "choice-stay"  # nothing happens on a stray Enter
        await pilot.press("left")
        assert app.focused.id == "choice-discard"
        await pilot.press("left", "left")
        assert app.focused.id == "choice-stay"  # round the row
        await pilot.press("right")
        assert app.focused.id == "choice-save"
        await pilot.press("enter")
        await pilot.pause()
        assert answers == ["save"]


async def test_the_unfinished_session_question_takes_arrows_and_enter_not_letters(isolated_home):
    await _unfinished(isolated_home)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert button_labels(app.screen) == ["Resume", "Discard", "Keep as partial"]
        for letter in "rkdy":  # no letter answers it
            await pilot.press(letter)
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert app.focused.id == "choice-resume"
        await pilot.press("right", "right", "enter")  # Keep as partial
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    (record,) = _stored(isolated_home)
    assert record.status == "partial"


async def test_discard_takes_the_unfinished_session_out_of_the_history(isolated_home):
    await _unfinished(isolated_home)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert _stored(isolated_home) == []


async def test_a_key_typed_before_the_question_appeared_is_not_an_answer(isolated_home):
    await _unfinished(isolated_home)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ResumeScreen)
        early = events.Key("enter", None)
        early.time = question.keys_from - 0.5  # read from the terminal before the dialog was mounted
        app.post_message(early)
        await pilot.pause()
        assert app.screen is question
        await pilot.press("enter")  # typed now: Resume
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
