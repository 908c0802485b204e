"""The help screen (?) and the one-time safety notice."""

from __future__ import annotations

import json

import pytest
from support.apps import (
    QUICK_ID,
    QUICK_LENGTH,
    QUICK_TOML,
    advance,
    make_app,
    played_names,
    screen_text,
    session_screen,
    write_routine,
)

from hamcoach.coaching.engine import PhaseKind
from hamcoach.settings import load_settings
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.safety import SafetyScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


def help_rows(app) -> dict[str, str]:
    """The help table as {keys: what they do}, read off the screen."""
    rows = {}
    for line in screen_text(app).split("\n"):
        if line.count("│") < 2:
            continue
        inner = max(line.split("│")[1:-1], key=len)  # inside the dialog's border (the widest part)
        inner = inner.rstrip(" ▁▂▃▄▅▆▇█").strip()  # less the scrollbar
        if "  " in inner:
            keys, _, what = inner.partition("  ")
            rows[keys.strip()] = what.strip()
    return rows


# --- help ------------------------------------------------------------------------------------


async def test_help_in_a_session_lists_the_session_keys_and_escape_closes_it(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen)
        await pilot.press("question_mark")
        await pilot.pause()

        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        assert rows["space"] == "Pause/resume"
        assert rows["n"] == "Skip"
        assert rows["N"] == "Next exercise"
        assert rows["b"] == "Back a set"
        assert rows["+ / ="] == "More rest (during a rest)"
        assert rows["q / esc"] == "End the session"
        assert rows["?"] == "Help"
        assert rows["m"] == "Sound on, quiet (flash only), off"
        assert rows["v"] == "Voice on or off (tones only)"
        assert "Close" in screen_text(app)  # Escape, q or ? too

        await pilot.press("escape")
        await pilot.pause()
        # Back in the session, which was not asked to end by that Escape.
        assert app.screen is session
        assert not session.engine.finished


async def test_help_on_the_picker_lists_the_picker_keys(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        assert rows["⏎"] == "Start"  # enter
        assert rows["h"] == "History"
        assert (rows["1"], rows["2"], rows["3"]) == ("Mat", "Ball", "Band")
        assert rows["q"] == "Quit"
        assert "space" not in rows  # no session keys here

        await pilot.press("question_mark")  # ? closes it too
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_q_in_the_help_closes_the_help_not_the_app(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PickerScreen)


async def test_q_in_the_help_over_a_session_does_not_end_the_session(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark", "q")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert not isinstance(app.screen, ConfirmScreen)
        assert not app.screen.engine.finished


# --- the safety notice ---------------------------------------------------------------------------


async def test_the_safety_notice_shows_first_once_and_is_remembered(isolated_home):
    settings_path = isolated_home / "settings.json"
    assert not settings_path.exists()
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert isinstance(app.screen_stack[-2], PickerScreen)  # the picker waits beneath
        text = screen_text(app)
        assert "Before you start" in text
        assert "not medical care" in text and "sharp pain" in text
        assert "Understood" in text
        assert not settings_path.exists()  # not seen until it is closed

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert json.loads(settings_path.read_text(encoding="utf-8"))["safety_notice_seen"] is True
        assert load_settings(settings_path).safety_notice_seen

    again = make_app(isolated_home, write_settings=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PickerScreen)
        assert not any(isinstance(s, SafetyScreen) for s in again.screen_stack)


@pytest.mark.parametrize("key", ["escape", "space"])
async def test_the_safety_notice_also_closes_with(isolated_home, key):
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert load_settings(isolated_home / "settings.json").safety_notice_seen


async def test_the_safety_notice_keeps_other_settings(isolated_home):
    settings_path = isolated_home / "settings.json"
    isolated_home.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(json.dumps({"week_target": 5}), encoding="utf-8")
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("enter")
        await pilot.pause()
    saved = load_settings(settings_path)
    assert saved.safety_notice_seen and saved.week_target == 5


# --- bugs found and fixed -------------------------------------------------------------------------


async def test_a_session_opened_by_run_waits_for_the_safety_notice(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break", write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await advance(pilot, 10)  # reading the notice
        assert played_names(app) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.engine.phase.kind is PhaseKind.GET_READY


async def test_a_session_that_ends_under_the_help_still_leads_back_to_the_picker(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, QUICK_LENGTH - 5)  # into the last hold
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await advance(pilot, 10)  # the routine runs out while the user reads the keys

        for _ in range(4):  # leave whatever is shown: the help, the summary; go on with a session
            if isinstance(app.screen, PickerScreen):
                break
            if isinstance(app.screen, (HelpScreen, SummaryScreen)):
                await pilot.press("escape")
                await pilot.pause()
            else:
                await advance(pilot, QUICK_LENGTH + 10)
        assert isinstance(app.screen, PickerScreen)
        assert session_screen(app) is None
        assert [s.status for s in app.store.sessions()] == ["completed"]
