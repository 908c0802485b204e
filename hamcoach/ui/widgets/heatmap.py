"""A year (or more) of training as a calendar heatmap: weeks as columns, weekdays as rows.

Each level has its own glyph as well as its own shade, so the map reads the same
with ``NO_COLOR`` set or on a monochrome terminal. Today is marked by a ``◂`` beside
its cell, and the cursor (while the calendar has focus) is drawn in reverse video:
neither needs colour. ↑/↓ move the cursor a day, ←/→ a week, as the grid is laid out.
"""

from __future__ import annotations

import string
from datetime import date, timedelta

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from hamcoach.history.stats import HEAT_LEVEL_MINUTES, Calendar

LEVEL_GLYPHS = ("·", "░", "▒", "▓", "█")
REST_GLYPH = "◦"
TODAY_GLYPH = "◂"  # beside today's cell, in the column after the grid
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


class Heatmap(Widget, can_focus=True):
    """The calendar heatmap of a :class:`~hamcoach.history.stats.Calendar`, with a legend,
    today marked and a day cursor; Enter posts :class:`Heatmap.DaySelected`."""

    # As wide as the weeks it is given: the latest weeks that fit when narrower.
    DEFAULT_CSS = """
    Heatmap {
        width: 1fr;
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
    Heatmap > .heatmap--today { color: $warning; text-style: bold; }
    Heatmap > .heatmap--cursor { text-style: bold reverse; }
    Heatmap > .heatmap--day { text-style: bold; }
    """

    COMPONENT_CLASSES = {
        "heatmap--label", "heatmap--rest", "heatmap--today", "heatmap--cursor", "heatmap--day",
        *(f"heatmap--level-{level}" for level in range(len(LEVEL_GLYPHS))),
    }

    # Out of the footer (the arrows need no telling; the keys list names them); Enter is shown.
    BINDINGS = [
        Binding("enter", "select_day", "Day's sessions", tooltip="The sessions of the day under the cursor"),
        Binding("up", "move(-1)", "Day before", show=False),
        Binding("down", "move(1)", "Day after", show=False),
        Binding("left", "move(-7)", "Week before", show=False),
        Binding("right", "move(7)", "Week after", show=False),
        Binding("end", "to_today", "Today", show=False),
    ]

    calendar: reactive[Calendar | None] = reactive(None, layout=True)
    cursor: reactive[date | None] = reactive(None)

    class DaySelected(Message):
        """Enter on a day of the calendar."""

        def __init__(self, heatmap: Heatmap, day: date) -> None:
            super().__init__()
            self.heatmap, self.day = heatmap, day

        @property
        def control(self) -> Heatmap:
            """The calendar the day was chosen on."""
            return self.heatmap

    def __init__(self, calendar: Calendar | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Heatmap.calendar, calendar)
        # set_reactive runs no watcher: the cursor starts on today here, as watch_calendar does.
        self.set_reactive(Heatmap.cursor, calendar.as_of if calendar is not None else None)

    def watch_calendar(self, calendar: Calendar | None) -> None:
        # A new calendar (a new day, more weeks): the cursor stays on its day if it can.
        if calendar is not None and (self.cursor is None or not calendar.contains(self.cursor)):
            self.cursor = calendar.as_of

    def action_move(self, days: int) -> None:
        """Move the cursor ``days`` days (a week is 7), within the calendar's days."""
        calendar = self.calendar
        if calendar is None:
            return
        day = (self.cursor or calendar.as_of) + timedelta(days=days)
        self.cursor = min(max(day, calendar.first), calendar.as_of)

    def action_to_today(self) -> None:
        """The cursor back to today."""
        if self.calendar is not None:
            self.cursor = self.calendar.as_of

    def action_select_day(self) -> None:
        """Tell the screen the day under the cursor was chosen."""
        if self.cursor is not None:
            self.post_message(self.DaySelected(self, self.cursor))

    def render(self) -> Text:
        calendar = self.calendar
        if calendar is None:
            return Text("")
        style = self.get_component_rich_style
        label = style("heatmap--label")
        out = Text(no_wrap=True, overflow="crop", end="")
        columns = calendar.columns()
        # The label column on the left, a column on the right for today's mark.
        room = self.size.width - LABEL_WIDTH - 1 if self.size.width else len(columns)
        shown = max(1, min(len(columns), room))  # the latest weeks, when not all fit...
        end = len(columns)
        cursor = self.cursor if self.has_focus else None
        if cursor is not None:  # ...or, once the cursor has gone back out of them, the weeks from its own on
            week = (cursor - calendar.first).days // 7
            if week < len(columns) - shown:  # (one more Left scrolls one week: the cursor at the left edge)
                end = week + shown
        months = month_row(calendar).ljust(len(columns))[end - shown:end]
        head = len(months) - len(months.lstrip(string.ascii_letters))
        if 0 < head < 3:  # a month's name cut by the left edge ("ay" of "May"): left out
            months = " " * head + months[head:]
        out.append(" " * LABEL_WIDTH + months.rstrip() + "\n", label)
        columns = columns[end - shown:end]
        for weekday in range(7):
            out.append(f"{WEEKDAY_LABELS[weekday]:<{LABEL_WIDTH}}", label)
            for column in columns:
                day = column[weekday]
                char, name = glyph(calendar, day)
                out.append(char, style("heatmap--cursor") if day is not None and day == cursor else style(name))
            if columns and columns[-1][weekday] == calendar.as_of:
                out.append(TODAY_GLYPH, style("heatmap--today"))
            out.append("\n")
        out.append(" " * LABEL_WIDTH)
        if cursor is not None:  # while moving: what the day under the cursor is
            width = self.size.width - LABEL_WIDTH if self.size.width else 0
            line = calendar.describe(cursor)
            if width and len(line) > width:  # a narrow calendar: the same facts, shorter
                line = calendar.describe(cursor, short=True)
            out.append(line, style("heatmap--day"))
        else:
            out.append_text(self.legend(self.size.width - LABEL_WIDTH if self.size.width else 0))
        return out

    def legend(self, width: int = 0) -> Text:
        """What the glyphs mean: minutes of work a day, rest days and today; the longest
        form that fits in ``width`` columns (0: the longest)."""
        for short, today in ((False, True), (True, True), (False, False), (True, False)):
            text = self._legend(short, today)
            if not width or text.cell_len <= width:
                break
        return text

    def _legend(self, short: bool, today: bool) -> Text:
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
        if today:
            out.append(" " if short else "  ", label)
            out.append(TODAY_GLYPH, style("heatmap--today"))
            out.append("today" if short else " today", label)
        return out
