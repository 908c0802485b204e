"""The tick box, the plain text area and the sound state, each in a harness app of its own:
states in words and characters (so NO_COLOR loses nothing), user text shown literally."""

from __future__ import annotations

import pytest
from support.harness import widget_text
from textual.app import App, ComposeResult
from textual.widgets import Checkbox

from hamcoach.ui.widgets.plain_text_area import PlainTextArea
from hamcoach.ui.widgets.sound_state import SoundState
from hamcoach.ui.widgets.tick_box import TickBox

# --- the tick box -------------------------------------------------------------------------------


class TickBoxApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[bool] = []

    def compose(self) -> ComposeResult:
        yield TickBox("each set left, then right", id="box", compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.changes.append(event.value)


async def test_the_tick_box_shows_its_state_in_text_not_in_colour_alone():
    app = TickBoxApp()
    async with app.run_test(size=(40, 3)) as pilot:
        await pilot.pause()
        assert widget_text(app, TickBox) == "▐ ▌ each set left, then right"
        app.query_one(TickBox).focus()
        await pilot.press("space")
        assert widget_text(app, TickBox) == "▐X▌ each set left, then right"
        await pilot.press("enter")
        assert widget_text(app, TickBox) == "▐ ▌ each set left, then right"
        assert app.changes == [True, False]


# --- the plain text area ------------------------------------------------------------------------

HOSTILE = "cue \x1b[31mred\x1b[0m\n\u202eRTL [b]x[/b]"


class TextAreaApp(App[None]):
    def compose(self) -> ComposeResult:
        yield PlainTextArea(HOSTILE, id="area", compact=True)


async def test_the_plain_text_area_shows_control_characters_as_marks_and_keeps_them():
    app = TextAreaApp()
    async with app.run_test(size=(40, 4)) as pilot:
        await pilot.pause()
        assert widget_text(app, PlainTextArea).split("\n")[:2] == ["cue ?[31mred?[0m", "?RTL [b]x[/b]"]
        area = app.query_one(PlainTextArea)
        assert area.text == HOSTILE
        area.move_cursor((0, len("cue \x1b[31mred")))  # just after "red": one character shown for one
        await pilot.press("!")
        assert area.text == HOSTILE.replace("red", "red!")
        assert widget_text(app, PlainTextArea).split("\n")[0] == "cue ?[31mred!?[0m"


# --- the sound state ----------------------------------------------------------------------------


class SoundApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SoundState(id="sound")


@pytest.mark.parametrize(("sound", "voice", "words", "muted"), [
    ("on", None, "sound on", False),
    ("quiet", None, "QUIET (flash)", True),
    ("off", "on", "MUTED · voice on", True),
    ("bell", "failed", "bell only · voice failed", True),
    ("on", "none", "sound on · no voice", False),
])
async def test_the_sound_state_in_words_as_wide_as_they_are(sound, voice, words, muted):
    app = SoundApp()
    async with app.run_test(size=(60, 3)) as pilot:
        state = app.query_one(SoundState)
        state.sound, state.voice = sound, voice
        await pilot.pause()
        assert widget_text(app, state) == words
        assert state.content_size.width == len(words)  # the width follows the words
        assert state.muted is muted and state.has_class("-muted") is muted


async def test_muting_and_unmuting_the_sound_state():
    app = SoundApp()
    async with app.run_test(size=(60, 3)) as pilot:
        state = app.query_one(SoundState)
        state.muted = True
        await pilot.pause()
        assert state.sound == "off" and widget_text(app, state) == "MUTED"
        state.muted = False
        await pilot.pause()
        assert state.sound == "on" and widget_text(app, state) == "sound on"
