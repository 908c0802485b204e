"""Driving the routine editor and the picker with the keyboard, as a person would, and
``MINE``, a custom routine with hostile markup in its text."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from hamcoach.routines.files import save_routine
from hamcoach.routines.models import Exercise, Routine, Tempo
from hamcoach.ui.app import HamcoachApp
from hamcoach.ui.screens.picker import PickerScreen
from support.apps import make_app

MINE = Routine(
    name="Morning [b]hams",
    description="Gentle start.",
    equipment=["mat"],
    exercises=[
        Exercise(name="Hip bridge", cues=["Lift slowly.", "Keep [red]hips[/red] level."], sets=3, reps=8,
                 tempo=Tempo(up=2, hold=1, down=2), rest=30),
        Exercise(name="Side plank", sets=2, hold=20, rest=20, per_side=True),
        Exercise(name="Child's pose", sets=1, hold=45),
    ],
)


def with_mine(home: Path) -> HamcoachApp:
    """The app with one custom routine, ``mine``."""
    save_routine(MINE, home / "routines", "mine")
    return make_app(home)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*["space" if char == " " else char for char in text])


async def paste(pilot: Pilot, text: str) -> None:
    """Paste into the focused field, as a terminal does (typing key by key is slow in Pilot)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def clear_and_type(pilot: Pilot, text: str) -> None:
    """Empty the focused input, then type."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def focus(pilot: Pilot, selector: str) -> None:
    """Press Tab (or shift+Tab, whichever is shorter) until ``selector`` has focus."""
    screen = pilot.app.screen
    target = screen.query_one(selector)
    chain = screen.focus_chain
    assert target in chain, f"{selector} is not in the Tab order"
    steps = (chain.index(target) - chain.index(pilot.app.focused)) % len(chain)
    key = "tab" if steps <= len(chain) // 2 else "shift+tab"
    for _ in range(len(chain)):
        if pilot.app.focused is target:
            return
        await pilot.press(key)
    raise AssertionError(f"Tab never reached {selector}")


async def open_picker_item(pilot: Pilot, name: str, key: str) -> None:
    """Highlight the routine called ``name`` in the picker and press ``key``."""
    picker = pilot.app.screen
    assert isinstance(picker, PickerScreen)
    index = next(i for i, r in enumerate(picker.shown) if r.routine.name == name and
                 (r.source == "custom" or name != MINE.name))
    picker.query_one("#routine-list", OptionList).highlighted = index
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
