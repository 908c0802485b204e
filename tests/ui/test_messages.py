"""Messages on screen: "Saved" after the ratings are written, a warning stays with the
screen it is about, and every notice starts with a capital letter."""

from __future__ import annotations

import re
from pathlib import Path

from support.apps import QUICK_ID, QUICK_LENGTH, QUICK_TOML, advance, make_app, write_routine

from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_saved_is_said_after_the_ratings_are_written_and_follows_to_the_list(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await advance(pilot, QUICK_LENGTH + 1)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("3", "tab", "7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert "Saved: pain 3, effort 7." in notices(app)
        (record,) = list(app.store.sessions())
        assert (record.pain, record.effort) == (3, 7)


async def test_a_warning_does_not_follow_the_user_to_the_next_screen(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await advance(pilot, QUICK_LENGTH + 1)
        await pilot.press("1", "1", "enter")  # pain 11: refused, with a warning
        await pilot.pause()
        assert any("Pain is 0 to 10" in n for n in notices(app))
        await pilot.press("escape")  # leave without ratings
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert not any("Pain is 0 to 10" in n for n in notices(app))


async def test_a_warning_stays_under_a_dialog_and_goes_when_its_screen_is_left(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("r")  # the rest-day dialog
        await pilot.pause()
        await pilot.press("ctrl+u", "x", "enter")  # not a date: a warning, the dialog stays
        await pilot.pause()
        assert any("Type a date" in n for n in notices(app))
        await pilot.press("escape")  # the dialog closes: still on the history, the warning too
        await pilot.pause()
        await pilot.pause()
        assert any("Type a date" in n for n in notices(app))
        await pilot.press("escape")  # back to the list: the history's warning stays behind
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert not any("Type a date" in n for n in notices(app))


async def test_start_up_warnings_are_shown_whatever_opens_first(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    write_routine(isolated_home, "broken", 'name = "Broken"\n')
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert any(n.startswith("Skipped ") for n in notices(app))


def test_every_notice_in_the_ui_starts_with_a_capital_letter():
    """A scan of the source: each notify("...") and f"..." message starts with a capital."""
    root = Path(__file__).resolve().parents[2] / "hamcoach" / "ui"
    starts = re.compile(r"""notify\(\s*f?["'](.)""")
    found = []
    for path in root.rglob("*.py"):
        for match in starts.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, match.group(1)))
    assert found
    assert [f for f in found if f[1].isalpha() and not f[1].isupper()] == []
