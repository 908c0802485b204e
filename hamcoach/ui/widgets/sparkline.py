"""Progress per exercise: one text sparkline per exercise, a week to a character."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from hamcoach.history.stats import ExerciseProgress
from hamcoach.ui.text import plain

BARS = "▁▂▃▄▅▆▇█"
ZERO = "·"


def sparkline(values: Sequence[int]) -> str:
    """One character per value, scaled to the largest; ``·`` for nothing at all."""
    top = max(values, default=0)
    if top <= 0:
        return ZERO * len(values)
    return "".join(ZERO if v <= 0 else BARS[min(len(BARS), max(1, math.ceil(v / top * len(BARS)))) - 1]
                   for v in values)


def amount(value: int, unit: str) -> str:
    """``120 reps`` or ``630 s`` (seconds held)."""
    return f"{value:,} {unit}"


class ProgressChart(Widget):
    """A table of exercises: the last weeks as a sparkline, the last 7 days, and the best week."""

    DEFAULT_CSS = """
    ProgressChart {
        height: auto;
    }
    ProgressChart > .progress--spark { color: $accent; }
    ProgressChart > .progress--muted { color: $text-muted; }
    """

    COMPONENT_CLASSES = {"progress--spark", "progress--muted"}

    progress: reactive[tuple[ExerciseProgress, ...]] = reactive((), layout=True)

    def render(self) -> Table | Text:
        muted = self.get_component_rich_style("progress--muted")
        shown = [p for p in self.progress if p.total > 0]
        if not shown:
            return Text("No sets in the last 12 weeks yet. Finish a routine and its exercises show here.",
                        style=muted)
        weeks = len(shown[0].weekly)
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False,
                      header_style=muted)
        table.add_column("Exercise", no_wrap=True, overflow="ellipsis", max_width=30)
        table.add_column(f"{weeks} weeks", no_wrap=True)
        table.add_column("last 7 days", justify="right", no_wrap=True)
        table.add_column("best week", justify="right", no_wrap=True)
        spark = self.get_component_rich_style("progress--spark")
        for p in shown:
            table.add_row(plain(p.exercise), Text(sparkline(p.weekly), style=spark),
                          amount(p.weekly[-1], p.unit), amount(max(p.weekly), p.unit))
        return table
