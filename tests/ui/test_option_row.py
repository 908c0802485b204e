"""RadioRow and CheckRow in a tiny app of their own: one Tab stop, arrows move the cursor,
space or Enter chooses, and only the user's choice posts Changed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from hamcoach.ui.widgets.option_row import CheckRow, RadioRow


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
        self.changes.append(event.value)

    def on_check_row_changed(self, event: CheckRow.Changed) -> None:
        self.changes.append(sorted(event.value))


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
