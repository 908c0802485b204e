"""The progress pane's coach charts: pain and effort by week with the mornings, and the changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hamcoach.coaching.charts import ratings_chart, recent_changes
from hamcoach.coaching.progression import Change, Position
from hamcoach.ui.widgets.ratings import morning_line, rating_line

TODAY = date(2026, 3, 31)


@dataclass(frozen=True)
class Rated:
    day: date
    pain: int | None
    effort: int | None = None
    status: str = "completed"


def test_pain_and_effort_by_week_with_the_worst_morning():
    summaries = [Rated(TODAY, 2, 6), Rated(TODAY - timedelta(days=3), 7, 8), Rated(TODAY - timedelta(days=7), 1),
                 Rated(TODAY - timedelta(days=8), 9, status="in_progress"),  # not counted
                 Rated(TODAY - timedelta(days=84), 10)]  # 12 weeks ago: out of the chart
    checkins = {TODAY - timedelta(days=1): "better", TODAY - timedelta(days=2): "worse",
                TODAY - timedelta(days=20): "same"}
    chart = ratings_chart(summaries, checkins, TODAY)
    assert len(chart.pain) == 12 and chart.pain[-1] == 7 and chart.effort[-1] == 8
    assert chart.pain[-2] == 1 and chart.effort[-2] is None and chart.pain[0] is None
    assert chart.mornings[-1] == "worse" and chart.mornings[-3] == "same" and not chart.empty
    assert rating_line(chart.pain) == "·" * 10 + "▂▆"
    assert morning_line(chart.mornings) == "·" * 9 + "s·w"
    assert ratings_chart([], {}, TODAY).empty


def test_the_coachs_changes_newest_first_in_words():
    up = Change("k", TODAY - timedelta(days=3), Position("Hip bridge", 3), Position("Marching bridge", 0),
                "step_up", "cleared twice with low pain")
    down = Change("p", TODAY - timedelta(days=1), Position("Plank", 1), Position("Plank", 0), "pain", "pain 7")
    old = Change("p", TODAY - timedelta(days=200), Position("Plank", 0), Position("Plank", 1), "step_up", "x")
    lines = recent_changes([old, up, down], {"k": "Bridge", "p": "Plank"}, TODAY)
    assert lines == ["2026-03-30  Plank: level 1 -> 0  (pain 7)",
                     "2026-03-28  Bridge: Hip bridge 3 -> Marching bridge 0  (cleared twice with low pain)"]
