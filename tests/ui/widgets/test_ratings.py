"""Pain, effort and the mornings' check-ins by week: the lines, and the RatingsView in a
harness app (glyphs carry it, not colours; the last column is the last 7 days)."""

from __future__ import annotations

from datetime import date

import pytest
from support.harness import widget_lines
from textual.app import App, ComposeResult

from hamcoach.coaching.charts import RatingsChart
from hamcoach.ui.widgets.ratings import NONE, RatingsView, morning_line, rating_line

AS_OF = date(2024, 5, 8)


@pytest.mark.parametrize(("values", "line"), [
    ((), ""),
    ((None, None), NONE * 2),
    ((0, 5, 10), "▁▅█"),  # a fixed 0-10 scale: a 5 is half way whatever the other weeks
    ((5,), "▅"),
    ((1, 2, 3), "▂▂▃"),
])
def test_a_rating_line_is_on_a_fixed_scale(values, line):
    assert rating_line(values) == line


def test_a_morning_line_is_a_letter_a_week():
    assert morning_line(("better", None, "same", "worse")) == "b·sw"


class RatingsApp(App[None]):
    def __init__(self, chart: RatingsChart | None) -> None:
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield RatingsView(id="ratings")

    def on_mount(self) -> None:
        self.query_one(RatingsView).chart = self.chart


async def test_three_rows_a_week_to_a_character_and_the_last_week_in_figures():
    none = (None,) * 8
    chart = RatingsChart(AS_OF, pain=(*none, None, 2, 7, 3), effort=(*none, 5, None, 8, None),
                         mornings=(*none, None, "same", None, "worse"))
    app = RatingsApp(chart)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        drawn = widget_lines(app, RatingsView)
        assert drawn == [
            " " * 18 + "12 weeks      last 7 days",
            "pain (highest)    ·········▂▆▃  3",
            "effort (highest)  ········▅·▇·  —",
            "mornings          ·········s·w  worse",
        ]
        # The last week's figures line up under their heading.
        assert {line.index("  ", 18) + 2 for line in drawn[1:]} == {drawn[0].index("last")}
        assert app.query_one(RatingsView).size.height == 4


@pytest.mark.parametrize("chart", [None, RatingsChart(AS_OF, (None,) * 12, (None,) * 12, (None,) * 12)])
async def test_nothing_rated_says_how_to_rate(chart):
    app = RatingsApp(chart)
    async with app.run_test(size=(140, 10)) as pilot:
        await pilot.pause()
        assert widget_lines(app, RatingsView) == [
            "No pain or effort rated in the last 12 weeks: rate them after a session "
            "(rating pain lets the coach progress)."]
