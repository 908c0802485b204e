"""Pain and effort by week, with the mornings' check-ins: three rows of text, a week to a character."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from hamcoach.coaching.charts import RatingsChart

BARS = "▁▂▃▄▅▆▇█"
NONE = "·"
MORNING_GLYPHS = {"better": "b", "same": "s", "worse": "w"}


def rating_line(values: tuple[int | None, ...]) -> str:
    """One character a week on a fixed 0-10 scale (so weeks compare): ``·`` for no rating."""
    return "".join(NONE if v is None else BARS[min(len(BARS) - 1, round(v / 10 * (len(BARS) - 1)))]
                   for v in values)


def morning_line(values: tuple[str | None, ...]) -> str:
    """``b``, ``s`` or ``w`` for the worst check-in of the week, ``·`` for none."""
    return "".join(NONE if v is None else MORNING_GLYPHS[v] for v in values)


class RatingsView(Widget):
    """The chart of :func:`hamcoach.coaching.charts.ratings_chart`; glyphs, not colours, carry it."""

    DEFAULT_CSS = """
    RatingsView {
        height: auto;
    }
    RatingsView > .ratings--line { color: $accent; }
    RatingsView > .ratings--muted { color: $text-muted; }
    """

    COMPONENT_CLASSES = {"ratings--line", "ratings--muted"}

    chart: reactive[RatingsChart | None] = reactive(None, layout=True)

    def render(self) -> Text:
        muted = self.get_component_rich_style("ratings--muted")
        chart = self.chart
        if chart is None or chart.empty:
            return Text("No pain or effort rated in the last 12 weeks: rate them after a session "
                        "(rating pain lets the coach progress).", style=muted)
        line = self.get_component_rich_style("ratings--line")
        weeks = len(chart.pain)
        out = Text()
        out.append(f"{'':<18}{f'{weeks} weeks':<{weeks + 2}}last 7 days\n", style=muted)
        rows = (("pain (highest)", rating_line(chart.pain), chart.pain[-1]),
                ("effort (highest)", rating_line(chart.effort), chart.effort[-1]),
                ("mornings", morning_line(chart.mornings), chart.mornings[-1]))
        for n, (label, glyphs, last) in enumerate(rows):
            out.append(f"{label:<18}")
            out.append(glyphs, style=line)
            out.append(f"  {'—' if last is None else last}" + ("\n" if n < len(rows) - 1 else ""))
        return out
