"""RadioRow (the exercise form's reps/hold toggle) and CheckRow in a harness app of their
own: one Tab stop, arrows move the cursor, space or Enter chooses, and only the user's
choice posts Changed; the marks are characters, the cursor reverse video."""

from __future__ import annotations

import pytest
from support.harness import reverse_text, widget_text
from textual.app import App, ComposeResult
from textual.widgets import Input

from hamcoach.ui.widgets.option_row import CheckRow, OptionRow, RadioRow


class RowsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[object] = []

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield RadioRow(("reps", "hold"), ("Reps", "Timed hold"), id="kind")
        yield CheckRow(("mat", "ball", "band"), id="equipment")
        yield Input(id="after")

    def on_radio_row_changed(self, event: RadioRow.Changed) -> None:
        assert event.control is self.query_one(RadioRow)
        self.changes.append(event.value)

    def on_check_row_changed(self, event: CheckRow.Changed) -> None:
        assert event.control is self.query_one(CheckRow)
        self.changes.append(sorted(event.value))


def cursor_labels(row: OptionRow) -> list[str]:
    """The pieces of the row drawn in reverse video: the option under the cursor."""
    text = row.render()
    return [text.plain[span.start:span.end] for span in text.spans if "reverse" in str(span.style)]


async def test_a_radio_row_is_one_stop_the_arrows_move_and_space_or_enter_chooses():
    app = RowsApp()
    async with app.run_test() as pilot:
        await pilot.press("tab")
        row = app.query_one(RadioRow)
        assert app.focused is row
        await pilot.press("right")
        assert row.cursor == 1 and row.value == "reps" and app.changes == []  # moved, not chosen
        assert "(•) Reps  ( ) Timed hold" in str(row.render())
        await pilot.press("space")
        assert row.value == "hold" and app.changes == ["hold"]
        await pilot.press("left", "enter")
        assert row.value == "reps" and app.changes == ["hold", "reps"]
        await pilot.press("enter")  # the choice again: no change to report
        assert app.changes == ["hold", "reps"]
        await pilot.press("tab")
        assert app.focused is app.query_one(CheckRow)


async def test_the_cursor_starts_on_the_choice_and_code_posts_nothing():
    app = RowsApp()
    async with app.run_test() as pilot:
        row = app.query_one(RadioRow)
        row.value = "hold"  # a load or an undo
        await pilot.pause()
        row.focus()
        await pilot.pause()
        assert row.cursor == 1 and app.changes == []


async def test_a_check_row_turns_each_option_on_and_off():
    app = RowsApp()
    async with app.run_test() as pilot:
        app.query_one(CheckRow).focus()
        await pilot.press("space", "right", "right", "space")
        row = app.query_one(CheckRow)
        assert row.value == {"mat", "band"}
        assert str(row.render()) == "[x] mat  [ ] ball  [x] band"
        await pilot.press("space")
        assert app.changes == [["mat"], ["band", "mat"], ["mat"]]


async def test_a_click_chooses_the_option_under_it():
    app = RowsApp()
    async with app.run_test() as pilot:
        await pilot.click(RadioRow, offset=(12, 0))  # on "( ) Timed hold"
        assert app.query_one(RadioRow).value == "hold"


async def test_each_row_shows_its_marks_as_characters_one_line_as_wide_as_its_words():
    app = RowsApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert widget_text(app, RadioRow) == "(•) Reps  ( ) Timed hold"
        assert widget_text(app, CheckRow) == "[ ] mat  [ ] ball  [ ] band"
        for row in app.query(OptionRow):
            assert (row.size.width, row.size.height) == (len(row.render().plain), 1)
            assert cursor_labels(row) == []  # no cursor without the focus


@pytest.mark.parametrize(("keys", "value"), [
    (("right", "space"), "hold"), (("down", "enter"), "hold"),
    (("left", "space"), "hold"),  # round the row: from the first back to the last
    (("right", "right", "space"), "reps"), (("up", "up", "enter"), "reps"),
])
async def test_the_arrows_move_round_the_row(keys, value):
    app = RowsApp()
    async with app.run_test() as pilot:
        row = app.query_one(RadioRow)
        row.focus()
        await pilot.press(*keys)
        assert row.value == value and app.changes == ([value] if value != "reps" else [])


async def test_the_cursor_is_drawn_only_while_the_row_has_the_focus():
    app = RowsApp()
    async with app.run_test() as pilot:
        row = app.query_one(RadioRow)
        row.focus()
        await pilot.pause()
        assert cursor_labels(row) == ["(•) Reps"]
        await pilot.press("right")
        assert cursor_labels(row) == ["( ) Timed hold"]
        assert reverse_text(app, row) == ["( ) Timed hold"]  # as drawn on the screen
        await pilot.press("tab")
        assert cursor_labels(row) == [] and reverse_text(app, row) == []
        assert widget_text(app, row) == "(•) Reps  ( ) Timed hold"


async def test_other_keys_choose_nothing():
    app = RowsApp()
    async with app.run_test() as pilot:
        app.query_one(RadioRow).focus()
        await pilot.press("right", "a", "1", "h")
        assert app.query_one(RadioRow).value == "reps" and app.changes == []


async def test_a_check_row_set_from_code_shows_it_and_posts_nothing():
    app = RowsApp()
    async with app.run_test() as pilot:
        row = app.query_one(CheckRow)
        row.value = frozenset({"ball"})
        await pilot.pause()
        assert widget_text(app, row) == "[ ] mat  [x] ball  [ ] band" and app.changes == []


async def test_a_click_on_a_check_option_turns_it_on_and_off_and_a_click_between_does_nothing():
    app = RowsApp()
    async with app.run_test() as pilot:
        row = app.query_one(CheckRow)
        await pilot.click(CheckRow, offset=(10, 0))  # on "[ ] ball"
        assert row.value == {"ball"} and app.focused is row
        await pilot.click(CheckRow, offset=(8, 0))  # the gap after "[ ] mat"
        assert row.value == {"ball"}
        await pilot.click(CheckRow, offset=(10, 0))
        assert row.value == set() and app.changes == [["ball"], []]
