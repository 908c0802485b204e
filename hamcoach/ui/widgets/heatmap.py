"""A year of training as a calendar heatmap: weeks as columns, weekdays as rows.

Each level has its own glyph as well as its own shade, so the map reads the same
with ``NO_COLOR`` set or on a monochrome terminal.
"""

from __future__ import annotations

import string
from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from hamcoach.history.stats import HEAT_LEVEL_MINUTES, Calendar

LEVEL_GLYPHS = ("·", "░", "▒", "▓", "█")
REST_GLYPH = "◦"
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def glyph(calendar: Calendar, day: date | None) -> tuple[str, str]:
    """The glyph and the component class of one cell (a blank for days after as_of)."""
    if day is None:
        return " ", "heatmap--label"
    level = calendar.level(day)
    if level == 0 and day in calendar.rest:
        return REST_GLYPH, "heatmap--rest" if day in calendar.counted_rest else "heatmap--label"
    return LEVEL_GLYPHS[level], f"heatmap--level-{level}"


def month_row(calendar: Calendar) -> str:
    """Month names over the columns where a month begins, where there is room for them."""
    columns = calendar.columns()
    starts = [(index, first.month) for index, column in enumerate(columns)
              for first in column if first is not None and first.day == 1]
    # The first column gets its month's name too when the next name leaves room for it.
    if columns and (not starts or starts[0][0] >= 4):
        starts.insert(0, (0, columns[0][0].month))  # type: ignore[union-attr]
    row = [" "] * calendar.weeks
    taken_from = calendar.weeks + 1  # names are placed from the right: the recent months matter most
    for index, month in reversed(starts):
        index = min(index, calendar.weeks - 3)  # a month that begins at the right edge: shifted to fit
        if index + 4 <= taken_from:
            row[index:index + 3] = MONTHS[month - 1]
            taken_from = index
    return "".join(row).rstrip()


class Heatmap(Widget):
    """The calendar heatmap of a :class:`~hamcoach.history.stats.Calendar`, with a legend."""

    # As wide as the year when there is room; narrower, it shows the latest weeks that fit.
    DEFAULT_CSS = """
    Heatmap {
        width: 1fr;
        max-width: 58;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    Heatmap > .heatmap--label { color: $text-muted; }
    Heatmap > .heatmap--level-0 { color: $foreground 35%; }
    Heatmap > .heatmap--level-1 { color: $success 55%; }
    Heatmap > .heatmap--level-2 { color: $success 75%; }
    Heatmap > .heatmap--level-3 { color: $success 90%; }
    Heatmap > .heatmap--level-4 { color: $success; text-style: bold; }
    Heatmap > .heatmap--rest { color: $accent; text-style: bold; }
    """

    COMPONENT_CLASSES = {
        "heatmap--label", "heatmap--rest",
        *(f"heatmap--level-{level}" for level in range(len(LEVEL_GLYPHS))),
    }

    calendar: reactive[Calendar | None] = reactive(None, layout=True)

    def __init__(self, calendar: Calendar | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Heatmap.calendar, calendar)

    def render(self) -> Text:
        calendar = self.calendar
        if calendar is None:
            return Text("")
        style = self.get_component_rich_style
        label = style("heatmap--label")
        out = Text(no_wrap=True, overflow="crop", end="")
        columns = calendar.columns()
        room = self.size.width - LABEL_WIDTH if self.size.width else len(columns)
        shown = max(1, min(len(columns), room))  # the latest weeks, when not all fit
        months = month_row(calendar).ljust(len(columns))[len(columns) - shown:]
        head = len(months) - len(months.lstrip(string.ascii_letters))
        if 0 < head < 3:  # a month's name cut by the left edge ("ay" of "May"): left out
            months = " " * head + months[head:]
        out.append(" " * LABEL_WIDTH + months.rstrip() + "\n", label)
        columns = columns[len(columns) - shown:]
        for weekday in range(7):
            out.append(f"{WEEKDAY_LABELS[weekday]:<{LABEL_WIDTH}}", label)
            for column in columns:
                char, name = glyph(calendar, column[weekday])
                out.append(char, style(name))
            out.append("\n")
        out.append(" " * LABEL_WIDTH)
        out.append_text(self.legend(short=bool(self.size.width) and self.size.width < LABEL_WIDTH + 46))
        return out

    def legend(self, short: bool = False) -> Text:
        """What the glyphs mean: minutes of work a day, and rest days (``short``: in 30 columns)."""
        style = self.get_component_rich_style
        label = style("heatmap--label")
        bounds = ("0", f"<{HEAT_LEVEL_MINUTES[0]}", *(f"{m}+" for m in HEAT_LEVEL_MINUTES))
        out = Text(no_wrap=True, end="")
        for level, (char, words) in enumerate(zip(LEVEL_GLYPHS, bounds, strict=False)):
            if short and level == 0:
                continue
            out.append(char, style(f"heatmap--level-{level}"))
            out.append(f"{words} " if short else f" {words} ", label)
        out.append("min " if short else "min a day  ", label)
        out.append(REST_GLYPH, style("heatmap--rest"))
        out.append("rest" if short else " rest day", label)
        return out
