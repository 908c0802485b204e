"""The calendar heatmap on its own in a harness app, on calendars made here.

Weeks are columns (Monday on top); each level of work has its own glyph as well as its
own shade (so it reads with NO_COLOR); a rest day without work is a ring, styled as a
rest day only when it counts for the streak; today is marked by ``◂`` beside its cell.
With the focus, a day cursor (reverse video) moves with the arrows, the line under the
grid says what the day is, and Enter posts ``Heatmap.DaySelected``. The history screen's
own tests (tests/ui/test_history*.py) show it on a real history.
"""

from __future__ import annotations

from datetime import date, timedelta

from support.harness import widget_lines
from textual.app import App, ComposeResult
from textual.widgets import Input

from hamcoach.history.stats import Calendar, week_start
from hamcoach.ui.widgets.heatmap import LABEL_WIDTH, LEVEL_GLYPHS, REST_GLYPH, TODAY_GLYPH, Heatmap, month_row

AS_OF = date(2024, 5, 8)  # a Wednesday
MINUTE = 60
FULL_LEGEND = "· 0 ░ <10 ▒ 10+ ▓ 20+ █ 40+ min a day  ◦ rest day  ◂ today"
SHORT_LEGEND = "░<10 ▒10+ ▓20+ █40+ min ◦rest ◂today"


def calendar(weeks: int = 6, work: dict[date, int] | None = None, rest: frozenset[date] = frozenset(),
             counted: frozenset[date] = frozenset(), as_of: date = AS_OF,
             sessions: dict[date, int] | None = None) -> Calendar:
    first = week_start(as_of) - timedelta(weeks=weeks - 1)
    return Calendar(as_of, first, weeks, work or {}, frozenset(), rest, counted, sessions or {})


class HeatmapApp(App[None]):
    """A field (focused first) and the heatmap after it; records the days Enter chose."""

    def __init__(self, data: Calendar | None) -> None:
        super().__init__()
        self.data = data
        self.chosen: list[tuple[date, bool]] = []

    def compose(self) -> ComposeResult:
        yield Input(id="before")
        yield Heatmap(self.data, id="heatmap")

    def on_heatmap_day_selected(self, event: Heatmap.DaySelected) -> None:
        self.chosen.append((event.day, event.control is self.query_one(Heatmap)))


def lines(app: App) -> list[str]:
    """The heatmap's lines as drawn on the screen."""
    return widget_lines(app, "#heatmap")


def week_of(data: Calendar, day: date) -> int:
    return next(i for i, column in enumerate(data.columns()) if day in column)


def cell(data: Calendar, drawn: list[str], day: date, first_week: int = 0) -> str:
    """The character drawn for ``day`` (``first_week``: the first week on show)."""
    return drawn[1 + day.weekday()][LABEL_WIDTH + week_of(data, day) - first_week]


def cell_style(app: App, data: Calendar, day: date):
    """The style the character for ``day`` is drawn in."""
    text = app.query_one(Heatmap).render()
    row_start = sum(len(line) + 1 for line in text.plain.split("\n")[:1 + day.weekday()])
    return text.get_style_at_offset(app.console, row_start + LABEL_WIDTH + week_of(data, day))


def cursor_cells(app: App) -> list[tuple[int, int]]:
    """(row, column) of each cell drawn in reverse video: the cursor's."""
    text = app.query_one(Heatmap).render()
    starts = [0]
    for line in text.plain.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    found = []
    for span in text.spans:
        if "reverse" in str(span.style):
            row = max(i for i, start in enumerate(starts) if start <= span.start)
            found.extend((row, column) for column in range(span.start - starts[row], span.end - starts[row]))
    return found


# --- what it shows --------------------------------------------------------------------------------


async def test_a_month_row_seven_weekday_rows_and_the_legend():
    data = calendar()
    app = HeatmapApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn = lines(app)
        assert len(drawn) == 9 == app.query_one(Heatmap).size.height
        assert [line[:LABEL_WIDTH] for line in drawn[1:8]] == ["Mon ", "    ", "Wed ", "    ", "Fri ", "    ", "Sun "]
        assert drawn[0] == " " * LABEL_WIDTH + month_row(data) == "       May"  # no room for "Apr"
        assert drawn[8] == " " * LABEL_WIDTH + FULL_LEGEND
        assert app.chosen == []


async def test_each_level_of_work_has_its_own_glyph_and_shade():
    days = [AS_OF - timedelta(days=n) for n in range(1, 7)]
    work = dict(zip(days, [1, 9 * MINUTE + 59, 10 * MINUTE, 20 * MINUTE, 40 * MINUTE, 0], strict=True))
    data = calendar(work=work)
    app = HeatmapApp(data)
    async with app.run_test() as pilot:
        await pilot.pause()
        drawn = lines(app)
        assert [cell(data, drawn, day) for day in days] == ["░", "░", "▒", "▓", "█", "·"]
        assert cell(data, drawn, AS_OF) == LEVEL_GLYPHS[0]  # today, nothing yet
        assert len(set(LEVEL_GLYPHS)) == len(LEVEL_GLYPHS) and REST_GLYPH not in LEVEL_GLYPHS
        styles = {str(cell_style(app, data, day)) for day in days[1:]}  # levels 1-4 and 0
        assert len(styles) == 5  # the shades differ too, not only the glyphs


async def test_days_after_today_are_blank_and_today_is_marked_beside_its_cell():
    data = calendar()
    app = HeatmapApp(data)
    async with app.run_test() as pilot:
        await pilot.pause()
        drawn = lines(app)
        last_week = [line.ljust(80)[LABEL_WIDTH + 5] for line in drawn[1:8]]
        assert last_week == ["·", "·", "·", " ", " ", " ", " "]  # Mon-Wed of this week; Thu-Sun are ahead
        assert drawn[1 + AS_OF.weekday()][LABEL_WIDTH + 6] == TODAY_GLYPH
        assert sum(line.count(TODAY_GLYPH) for line in drawn[1:8]) == 1


async def test_a_rest_day_is_a_ring_styled_as_rest_only_when_it_counts():
    counted, extra, trained = AS_OF - timedelta(days=2), AS_OF - timedelta(days=4), AS_OF - timedelta(days=6)
    data = calendar(work={trained: 30 * MINUTE}, rest=frozenset({counted, extra, trained}),
                    counted=frozenset({counted, trained}))
    app = HeatmapApp(data)
    async with app.run_test() as pilot:
        await pilot.pause()
        drawn = lines(app)
        heatmap = app.query_one(Heatmap)
        assert cell(data, drawn, counted) == cell(data, drawn, extra) == REST_GLYPH
        assert cell(data, drawn, trained) == "▓"  # work done on a rest day shows as work
        assert cell_style(app, data, counted) == heatmap.get_component_rich_style("heatmap--rest")
        assert cell_style(app, data, extra) == heatmap.get_component_rich_style("heatmap--label")


async def test_without_a_calendar_it_draws_nothing_and_keys_do_nothing():
    app = HeatmapApp(None)
    async with app.run_test() as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.press("left", "up", "end", "enter")
        assert heatmap.render().plain == "" and heatmap.cursor is None and app.chosen == []


# --- the weeks that fit -------------------------------------------------------------------------


async def test_the_latest_weeks_that_fit_the_width_and_the_shorter_legend():
    data = calendar(weeks=52, work={AS_OF - timedelta(days=7): 45 * MINUTE})
    app = HeatmapApp(data)
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        drawn = lines(app)
        shown = 40 - LABEL_WIDTH - 1  # the label column, the weeks, a column for today's mark
        assert all(len(line) <= 40 for line in drawn)
        assert len(drawn[1 + AS_OF.weekday()]) == LABEL_WIDTH + shown + 1
        assert drawn[1 + AS_OF.weekday()].endswith("█·" + TODAY_GLYPH)  # the last weeks, today's last
        assert cell(data, drawn, AS_OF - timedelta(weeks=shown - 1), first_week=52 - shown) == "·"
        assert drawn[8] == " " * LABEL_WIDTH + SHORT_LEGEND
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        drawn = lines(app)
        assert len(drawn[1 + AS_OF.weekday()]) == LABEL_WIDTH + 52 + 1  # all of them now
        assert drawn[8] == " " * LABEL_WIDTH + FULL_LEGEND


async def test_a_new_calendar_is_drawn_at_its_own_width():
    app = HeatmapApp(calendar(weeks=6))
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        app.query_one(Heatmap).calendar = calendar(weeks=60, work={AS_OF: 45 * MINUTE})
        await pilot.pause()
        row = lines(app)[1 + AS_OF.weekday()]
        assert len(row) == LABEL_WIDTH + 60 + 1 and row.endswith("█" + TODAY_GLYPH)


# --- the day cursor -----------------------------------------------------------------------------


async def test_the_cursor_starts_on_today_in_reverse_video_and_the_line_says_what_the_day_is():
    data = calendar(work={AS_OF: 25 * MINUTE}, sessions={AS_OF: 2})
    app = HeatmapApp(data)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert cursor_cells(app) == []  # no cursor without the focus
        await pilot.press("tab")
        heatmap = app.query_one(Heatmap)
        assert app.focused is heatmap and heatmap.cursor == AS_OF
        assert cursor_cells(app) == [(1 + AS_OF.weekday(), LABEL_WIDTH + 5)]
        assert lines(app)[8].strip() == "Wed 08 May 2024 (today) · 2 sessions · 25 min of work"
        await pilot.press("shift+tab")  # away: the cursor goes, the legend comes back
        assert cursor_cells(app) == [] and lines(app)[8].strip() == FULL_LEGEND


async def test_arrows_move_the_cursor_a_day_or_a_week_within_the_calendar():
    data = calendar(rest=frozenset({AS_OF - timedelta(days=8)}), counted=frozenset({AS_OF - timedelta(days=8)}))
    app = HeatmapApp(data)
    async with app.run_test() as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.press("up")  # a day back: up the column
        assert heatmap.cursor == AS_OF - timedelta(days=1)
        assert cursor_cells(app) == [(1 + 1, LABEL_WIDTH + 5)]  # Tuesday, this week
        await pilot.press("left")  # a week back: along the row
        assert heatmap.cursor == AS_OF - timedelta(days=8)
        assert cursor_cells(app) == [(1 + 1, LABEL_WIDTH + 4)]
        assert lines(app)[8].strip() == "Tue 30 Apr 2024 · no session · rest day"
        await pilot.press("down", "down", "right", "right")  # never past today
        assert heatmap.cursor == AS_OF
        await pilot.press(*["left"] * 8)  # nor before the calendar's first day
        assert heatmap.cursor == data.first
        await pilot.press("end")
        assert heatmap.cursor == AS_OF
        assert app.chosen == []  # moving chooses nothing


async def test_in_a_narrow_calendar_the_day_line_is_the_short_form_and_fits():
    data = calendar(weeks=52, work={AS_OF: 25 * MINUTE}, sessions={AS_OF: 2})
    app = HeatmapApp(data)
    async with app.run_test(size=(36, 24)) as pilot:
        app.query_one(Heatmap).focus()
        await pilot.pause()
        assert lines(app)[8] == " " * LABEL_WIDTH + "Today · 2 sessions · 25 min"
        await pilot.resize_terminal(120, 24)  # room again: the whole line
        await pilot.pause()
        assert lines(app)[8].strip() == "Wed 08 May 2024 (today) · 2 sessions · 25 min of work"


async def test_enter_posts_the_day_under_the_cursor():
    app = HeatmapApp(calendar())
    async with app.run_test() as pilot:
        app.query_one(Heatmap).focus()
        await pilot.press("enter", "up", "up", "enter")
        assert app.chosen == [(AS_OF, True), (AS_OF - timedelta(days=2), True)]


async def test_a_cursor_further_back_than_the_width_brings_its_weeks_into_view():
    long_ago = AS_OF - timedelta(weeks=40)
    data = calendar(weeks=52, work={long_ago: 45 * MINUTE})
    app = HeatmapApp(data)
    async with app.run_test(size=(40, 24)) as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        shown = 40 - LABEL_WIDTH - 1
        for day in (AS_OF - timedelta(weeks=10), long_ago, data.first):  # set from code: attributes down
            heatmap.cursor = day
            await pilot.pause()
            [(row, column)] = cursor_cells(app)
            assert row == 1 + day.weekday() and LABEL_WIDTH <= column < LABEL_WIDTH + shown
            assert lines(app)[row][column] == LEVEL_GLYPHS[data.level(day)]  # "█" long ago
        assert column == LABEL_WIDTH  # the first week, at the left edge
        assert TODAY_GLYPH not in "".join(lines(app)[1:8])  # today's week is out of view now
        await pilot.press("end")
        assert cursor_cells(app) == [(1 + AS_OF.weekday(), LABEL_WIDTH + shown - 1)]
        assert lines(app)[1 + AS_OF.weekday()].endswith(TODAY_GLYPH)


async def test_the_weeks_in_view_stay_put_while_the_cursor_moves_among_them():
    data = calendar(weeks=52)
    app = HeatmapApp(data)
    async with app.run_test(size=(40, 24)) as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.pause()
        shown = 40 - LABEL_WIDTH - 1
        [(row, today_column)] = cursor_cells(app)
        await pilot.press("left")  # a week back: the cursor moves, the grid does not
        assert cursor_cells(app) == [(row, today_column - 1)]
        assert lines(app)[1 + AS_OF.weekday()].endswith(TODAY_GLYPH)  # today still in view
        for _ in range(shown - 2):
            await pilot.press("left")
        assert cursor_cells(app) == [(row, LABEL_WIDTH)]  # the left edge, still the same weeks
        assert lines(app)[1 + AS_OF.weekday()].endswith(TODAY_GLYPH)
        await pilot.press("left")  # one more: the grid moves a week, the cursor stays at the edge
        assert cursor_cells(app) == [(row, LABEL_WIDTH)]
        assert TODAY_GLYPH not in "".join(lines(app)[1:8])


async def test_a_new_calendar_keeps_the_cursor_on_its_day_if_it_can():
    app = HeatmapApp(calendar())
    async with app.run_test() as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.press("left")
        heatmap.calendar = calendar(work={AS_OF: MINUTE})  # the same days, more work
        await pilot.pause()
        assert heatmap.cursor == AS_OF - timedelta(days=7)
        heatmap.calendar = calendar(as_of=AS_OF + timedelta(weeks=8))  # a later year: the day is gone
        await pilot.pause()
        assert heatmap.cursor == AS_OF + timedelta(weeks=8)


# --- the month names ----------------------------------------------------------------------------


def test_months_are_named_over_the_week_they_begin_in():
    data = calendar(weeks=12, as_of=date(2024, 5, 22))  # from Monday 4 March 2024
    assert data.first == date(2024, 3, 4)
    row = month_row(data)
    assert row[week_of(data, date(2024, 4, 1)):][:3] == "Apr" and row[week_of(data, date(2024, 5, 1)):][:3] == "May"
    assert row == "Mar Apr May"  # the first column named too, where there is room


def test_a_month_beginning_in_the_last_column_is_shifted_to_fit():
    data = calendar(weeks=8, as_of=date(2024, 7, 3))  # 1 July is in the last column
    row = month_row(data)
    assert row.endswith("Jul") and len(row) == data.weeks


def test_a_name_with_no_room_before_the_next_is_left_out():
    # 1 May falls two columns from the end: "May" moves one column left, and April's
    # name would touch it, so the most recent month keeps its name and April goes without.
    assert month_row(calendar(weeks=10)) == "Mar    May"
