"""The command palette (ctrl+p): hamcoach's commands beside Textual's, and the theme,
which is changed there and remembered."""

from __future__ import annotations

import json

from support.apps import (
    MARKUP_ID,
    MARKUP_NAME,
    MARKUP_TOML,
    QUICK_ID,
    QUICK_TOML,
    make_app,
    screen_text,
    write_routine,
)
from textual.command import CommandPalette
from textual.widgets import OptionList

from hamcoach.settings import load_settings
from hamcoach.ui.commands import palette_commands
from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.restore_routine import RestoreRoutineScreen
from hamcoach.ui.screens.session import SessionScreen

SIZE = (80, 24)


async def open_palette(pilot, query: str = "") -> CommandPalette:
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    if query:
        await pilot.press(*["space" if c == " " else c for c in query])
        await pilot.pause(0.3)  # the palette gathers its hits in a worker
        await pilot.pause()
    return palette


def command_names(app, screen) -> list[str]:
    return [command.name for command in palette_commands(app, screen)]


async def test_ctrl_p_lists_hamcoachs_commands_and_textuals_theme(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot)
        await pilot.pause(0.3)
        await pilot.pause()
        text = screen_text(app)
        for _ in range(16):  # the list scrolls at 80x24: every line passes the highlight
            await pilot.press("down")
            await pilot.pause()
            text += screen_text(app)
        for name in ("History", "New routine", "Restore a deleted routine", "Mute", "Theme", "Keys", "Quit"):
            assert name in text, name
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)


async def test_a_routine_is_started_by_typing_its_name(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "quick check")
        assert "Start Quick check" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.routine_id == QUICK_ID


async def test_history_and_new_routine_from_the_palette(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "history")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        # From the history, "New routine" goes back to the list and opens the editor over it.
        await open_palette(pilot, "new routine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["PickerScreen", "EditorScreen"]


async def test_restore_a_deleted_routine_from_the_palette_on_the_routine_list(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "restore")
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.message == "No deleted routines to restore." for n in app._notifications)
        ids = [r.id for r in app.screen.shown]
        app.screen.query_one("#routine-list", OptionList).highlighted = ids.index(QUICK_ID)
        await pilot.press("d", "y")
        await pilot.pause()
        assert QUICK_ID not in [r.id for r in app.screen.shown]
        await open_palette(pilot, "restore")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RestoreRoutineScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.screen.highlighted.id == QUICK_ID
        await open_palette(pilot, "history")  # the history has no restore: it is the routine list's
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Restore a deleted routine" not in command_names(app, app.screen)


async def test_a_session_offers_no_way_out_and_the_editor_none_either(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = command_names(app, app.screen)
        assert "Mute" in names and "Keys" in names
        assert not any(name.startswith("Start ") for name in names)
        assert "History" not in names and "New routine" not in names


async def test_mute_from_the_palette_says_sound_on_next_time(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "mute")
        await pilot.press("enter")
        await pilot.pause()
        assert app.player.muted
        assert "Sound on" in command_names(app, app.screen)
        assert "Mute" not in command_names(app, app.screen)


async def test_keys_from_the_palette_opens_the_help_of_the_screen(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "keys")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert isinstance(app.screen.under, PickerScreen)


async def test_voice_is_offered_once_the_app_can_speak(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        spoken: list[bool] = []
        if not callable(getattr(app, "action_toggle_voice", None)):
            assert "Voice" not in command_names(app, app.screen)
            app.action_toggle_voice = lambda: spoken.append(True)  # the hook the voice coaching fills
        assert "Voice" in command_names(app, app.screen)


async def test_a_routine_name_is_never_markup_in_the_palette(isolated_home):
    write_routine(isolated_home, MARKUP_ID, MARKUP_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "quit")
        assert f"Start {MARKUP_NAME}" in screen_text(app)
        assert app.is_running


async def test_the_theme_chosen_in_the_palette_is_remembered(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_palette(pilot, "theme")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)  # now a palette of themes
        await pilot.press(*"solarized-light")
        await pilot.pause(0.3)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "solarized-light"
    assert load_settings(isolated_home / "settings.json").theme == "solarized-light"

    again = make_app(isolated_home, write_settings=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "solarized-light"


async def test_an_unknown_theme_in_the_settings_is_left_unused(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "settings.json").write_text(
        json.dumps({"safety_notice_seen": True, "theme": "no-such-theme"}), encoding="utf-8")
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
