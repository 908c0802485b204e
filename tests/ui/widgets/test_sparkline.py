"""Progress per exercise: the text sparkline, and the chart on its own in a harness app."""

from __future__ import annotations

import pytest
from support.harness import widget_lines
from textual.app import App, ComposeResult

from hamcoach.history.stats import ExerciseProgress
from hamcoach.ui.widgets.sparkline import BARS, ZERO, ProgressChart, amount, sparkline

# --- the sparkline ------------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "line"), [
    ([], ""),
    ([0], ZERO),
    ([0, 0, 0], "···"),
    ([8, 0, 8], "█·█"),
    ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
    ([1, 100], "▁█"),  # a little is never drawn as nothing
    ([-3, 0, 5], "··█"),  # nothing below nothing
    ([50, 100, 75, 0], "▄█▆·"),
    ([7], "█"),  # one value is its own largest
    ([11, 40], "▃█"),  # 2.2 eighths of the largest: rounded up, the bar reaches the value
])
def test_values_to_glyphs(values, line):
    assert sparkline(values) == line


def test_one_character_per_value_scaled_to_the_largest_and_in_order():
    values = [3, 141, 59, 26, 0, 535, 89, 79, 32, 38, 46, 264]
    line = sparkline(values)
    assert len(line) == len(values)
    assert line[values.index(max(values))] == BARS[-1] and line[4] == ZERO
    heights = [BARS.index(char) if char != ZERO else -1 for char in line]
    for (a, x), (b, y) in zip(zip(heights, values, strict=True), zip(heights[1:], values[1:], strict=True),
                              strict=False):
        assert (x < y) <= (a <= b) and (x > y) <= (a >= b)  # never drawn the wrong way round


def test_amounts_have_their_unit_and_thousands_separators():
    assert amount(1234, "reps") == "1,234 reps"
    assert amount(630, "s") == "630 s"


# --- the chart ----------------------------------------------------------------------------------


class ChartApp(App[None]):
    def __init__(self, progress: tuple[ExerciseProgress, ...]) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        yield ProgressChart(id="progress")

    def on_mount(self) -> None:
        self.query_one(ProgressChart).progress = self.progress


def chart(app: App) -> list[str]:
    return widget_lines(app, "#progress")


BRIDGE = ExerciseProgress("Hip bridge", "reps", (0, 10, 20, 1240))
PLANK = ExerciseProgress("Side plank", "hold", (30, 60, 0, 45))


async def test_a_row_per_exercise_with_its_weeks_last_seven_days_and_best_week():
    app = ChartApp((BRIDGE, PLANK))
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        drawn = chart(app)
        assert len(drawn) == 3 == app.query_one(ProgressChart).size.height
        assert drawn[0].split() == ["Exercise", "4", "weeks", "last", "7", "days", "best", "week"]
        assert drawn[1].split() == ["Hip", "bridge", "·▁▁█", "1,240", "reps", "1,240", "reps"]
        assert drawn[2].split() == ["Side", "plank", "▄█·▆", "45", "s", "60", "s"]
        # One column each: the sparklines line up under their heading.
        assert drawn[1].index("·▁▁█") == drawn[2].index("▄█·▆") == drawn[0].index("4 weeks")


async def test_an_exercise_with_no_work_in_the_weeks_is_left_out():
    app = ChartApp((ExerciseProgress("Old one", "reps", (0, 0, 0, 0)), BRIDGE))
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        text = "\n".join(chart(app))
        assert "Hip bridge" in text and "Old one" not in text


async def test_nothing_yet_says_so():
    app = ChartApp((ExerciseProgress("Old one", "hold", (0, 0)),))
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert chart(app) == ["No sets in the last 12 weeks yet. Finish a routine and its exercises show here."]


async def test_names_are_shown_literally_and_long_ones_cut_at_30_columns():
    markup = ExerciseProgress("[bold]x[/bold] \x1b[31m", "reps", (1, 2))
    long = ExerciseProgress("A very long exercise name that goes on and on", "hold", (5, 5))
    app = ChartApp((markup, long))
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        drawn = chart(app)
        assert drawn[1].startswith("[bold]x[/bold] ?[31m ")
        assert drawn[2].startswith("A very long exercise name tha… ")
        assert drawn[2].index("…") == 29  # 30 columns, the ellipsis the last


async def test_new_progress_redraws_the_chart_at_its_new_height():
    app = ChartApp((BRIDGE,))
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert app.query_one(ProgressChart).size.height == 2
        app.query_one(ProgressChart).progress = (BRIDGE, PLANK)
        await pilot.pause()
        assert "Side plank" in "\n".join(chart(app))
        assert app.query_one(ProgressChart).size.height == 3
