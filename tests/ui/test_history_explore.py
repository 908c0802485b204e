"""Exploring the history (issue 14): the calendar's day cursor, the list by day and by
routine, the weekly target, the detail against the previous run, the room at each size.

On the fixed history of test_history: today is Monday 6 May 2024 with no session yet;
Thursday 2 May is a rest day with no session; 3 May has one session.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from support.apps import MARKUP_NAME, footer_keys, screen_text
from support.history import SIZE, TODAY, history_app, history_docs, open_history, table
from textual.widgets import DataTable, Input, Static

from hamcoach.history.listing import filter_sessions
from hamcoach.ui.screens.history import HistoryScreen, SessionDetailScreen
from hamcoach.ui.screens.week_target import WeekTargetScreen
from hamcoach.ui.widgets.heatmap import LABEL_WIDTH, TODAY_GLYPH, Heatmap


async def focus_calendar(app, pilot) -> Heatmap:
    heatmap = app.screen.query_one(Heatmap)
    await pilot.press("tab")  # from the list (focused at first) to the calendar and back
    await pilot.pause()
    if app.screen.focused is not heatmap:
        await pilot.press("tab")
        await pilot.pause()
    assert app.screen.focused is heatmap
    return heatmap


def title(app) -> str:
    return str(app.screen.query_one("#history-title", Static).render())


# --- the calendar's cursor ------------------------------------------------------------------


async def test_arrows_move_the_cursor_by_day_and_week_within_the_calendar(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        heatmap = await focus_calendar(app, pilot)
        assert heatmap.cursor == TODAY
        await pilot.press("up")  # a day back: up the column (Monday to the Sunday before)
        assert heatmap.cursor == TODAY - timedelta(days=1)
        await pilot.press("left", "left")  # a week back each: along the row
        assert heatmap.cursor == TODAY - timedelta(days=15)
        await pilot.press("right", "down")
        assert heatmap.cursor == TODAY - timedelta(days=7)
        await pilot.press("right", "right", "down")  # never past today
        assert heatmap.cursor == TODAY
        for _ in range(60):
            await pilot.press("left")
        assert heatmap.cursor == heatmap.calendar.first  # nor before the calendar's first day
        await pilot.press("end")
        assert heatmap.cursor == TODAY


async def test_today_is_marked_and_the_cursor_reads_without_colour(isolated_home, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        lines = heatmap.render().plain.split("\n")
        row = lines[1 + TODAY.weekday()]
        assert row[LABEL_WIDTH + 53] == TODAY_GLYPH  # a mark beside today's cell, not a colour
        assert sum(line.count(TODAY_GLYPH) for line in lines[1:8]) == 1
        await focus_calendar(app, pilot)
        await pilot.press("up")
        rendered = heatmap.render()
        # The cursor's cell is drawn in reverse video (an attribute, kept with NO_COLOR)...
        cursor_cells = [span for span in rendered.spans if "reverse" in str(span.style)]
        assert len(cursor_cells) == 1
        # ...and the line under the grid says which day it is.
        assert rendered.plain.split("\n")[-1].strip().startswith("Sun 05 May 2024 · 1 session")


async def test_the_footer_offers_the_days_sessions_only_on_the_calendar(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        keys = footer_keys(app)
        assert "⏎ Open" in keys and not any("Day's sessions" in k for k in keys)
        await focus_calendar(app, pilot)
        await pilot.pause()
        keys = footer_keys(app)
        assert "⏎ Day's sessions" in keys
        assert not any(k.endswith(("Open", "Edit", "Delete")) for k in keys)  # they act on the list


async def test_enter_on_a_day_lists_its_sessions_and_escape_all_again(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        heatmap = await focus_calendar(app, pilot)
        await pilot.press("up", "up", "up")  # Friday 3 May
        await pilot.press("enter")
        await pilot.pause()
        assert screen.day_filter == date(2024, 5, 3)
        assert [s.day for s in table(app).summaries] == [date(2024, 5, 3)] and table(app).row_count == 1
        assert "1 of 328 sessions" in title(app) and "Fri 03 May 2024" in screen_text(app)
        assert screen.focused is table(app)  # Enter again opens the session
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.record.started_at.startswith("2024-05-03")
        await pilot.press("escape")
        await pilot.pause()
        assert "esc All days" in footer_keys(app)
        await pilot.press("escape")  # all days again, not back to the picker
        await pilot.pause()
        assert app.screen is screen and screen.day_filter is None and len(table(app).summaries) == 328
        assert "328 sessions" in title(app) and " of " not in title(app)
        assert heatmap.cursor == date(2024, 5, 3)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_a_day_without_sessions_says_so(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await focus_calendar(app, pilot)
        await pilot.press("enter")  # today: nothing yet
        await pilot.pause()
        assert table(app).row_count == 0 and screen.focused is screen.query_one(Heatmap)
        assert "No sessions here: Esc shows every day" in screen_text(app)


async def test_r_on_the_calendar_marks_and_unmarks_the_day_under_the_cursor(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(app, pilot)
        heatmap = await focus_calendar(app, pilot)
        await pilot.press("down")  # still today: the cursor stops there
        await pilot.press("up", "up", "up", "up")  # Thursday 2 May, a rest day
        await pilot.press("r")
        await pilot.pause()
        assert date(2024, 5, 2) not in app.store.rest_days()
        assert date(2024, 5, 2) not in heatmap.calendar.rest  # the calendar shows it at once
        assert "2024-05-02 is no longer a rest day." in [n.message for n in app._notifications]
        await pilot.press("r")
        await pilot.pause()
        assert date(2024, 5, 2) in app.store.rest_days() and date(2024, 5, 2) in heatmap.calendar.rest
        assert heatmap.cursor == date(2024, 5, 2)


# --- by routine -----------------------------------------------------------------------------


async def test_f_shows_one_routine_at_a_time_and_the_counts_agree(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        everything = app.store.summaries()
        seen = []
        for _ in range(3):
            await pilot.press("f")
            await pilot.pause()
            rid = screen.routine_filter
            assert rid is not None
            seen.append(rid)
            listed = table(app).summaries
            assert listed == filter_sessions(everything, rid) and {s.routine_id for s in listed} == {rid}
            assert f"{len(listed):,} of 328 sessions" in title(app)
            assert f"{len(listed):,} sessions" in str(screen.query_one("#history-filter", Static).render())
        assert sorted(seen) == ["r0", "r1", "r2"] and seen[0] == "r1"  # the one done last first
        await pilot.press("f")  # after the last: all again
        await pilot.pause()
        assert screen.routine_filter is None and len(table(app).summaries) == 328
        await pilot.press("F")  # backwards: the last one
        await pilot.pause()
        assert screen.routine_filter == seen[-1]


async def test_the_routine_and_the_day_filter_together(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("f")  # r1: 5 May's routine
        await focus_calendar(app, pilot)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert [s.id for s in table(app).summaries] == ["session-001"]
        assert "1 of 328 sessions" in title(app)
        await pilot.press("escape", "tab", "up", "enter")  # 4 May: another routine's day
        await pilot.pause()
        assert screen.day_filter == date(2024, 5, 4) and table(app).row_count == 0
        assert "No sessions here" in screen_text(app)


# --- the weekly target --------------------------------------------------------------------


async def test_t_sets_the_weekly_target_and_the_streak_follows(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, WeekTargetScreen)
        field = app.screen.query_one(Input)
        assert field.value == "3" and app.screen.focused is field
        field.value = ""
        await pilot.press("9", "enter")  # refused: the dialog stays, the file is not written
        await pilot.pause()
        assert isinstance(app.screen, WeekTargetScreen) and "from 1 to 7" in screen_text(app)
        assert json.loads((isolated_home / "settings.json").read_text()).get("week_target") is None
        field.value = ""
        await pilot.press("5", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert json.loads((isolated_home / "settings.json").read_text())["week_target"] == 5
        assert app.settings.week_target == 5 and screen.data.streak.week_target == 5
        assert "/5 this week" in screen_text(app)


async def test_escape_leaves_the_target_as_it_was(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        await pilot.press("t", "backspace", "6", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.settings.week_target == 3


# --- against the previous run ----------------------------------------------------------------


async def test_the_detail_compares_with_the_previous_run_of_the_routine(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_history(app, pilot)
        await pilot.press("enter")  # 5 May (n=1), routine r1: its previous run is 2 days back? n=4 is a gap: n=7
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.comparison is not None and detail.comparison.previous is not None
        assert detail.comparison.previous.id == "session-007"  # 29 April, the same routine (n % 3 == 1)
        text = screen_text(app)
        assert "Against the previous run of this routine:" in text
        compare = detail.query_one("#compare-table", DataTable)
        labels = [str(compare.get_row_at(i)[0]) for i in range(compare.row_count)]
        assert labels[:2] == ["Sets done", "Work time"] and "Hip bridge" in labels and "Side plank" in labels


async def test_the_first_run_says_there_is_no_earlier_one(isolated_home):
    docs = [d for d in history_docs() if d["id"] == "session-001"]
    app = history_app(isolated_home, docs)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert "The first run of this routine: there is no earlier one" in screen_text(app)
        assert not app.screen.query_one("#compare-table", DataTable).display


# --- the room at each size ------------------------------------------------------------------


async def test_effort_at_80_columns_and_the_note_with_room(isolated_home):
    docs = history_docs()
    docs[0]["note"] = "Left knee stiff"
    for doc in docs:
        doc["routine_name"] = "Floor basics"
    app = history_app(isolated_home, docs)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        labels = [c.label.plain for c in table(app).ordered_columns]
        assert labels == ["Date", "Routine", "Duration", "Status", "Pain", "Effort"]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        labels = [c.label.plain for c in table(app).ordered_columns]
        assert labels[-1] == "Note" and "Left knee stiff" in screen_text(app)


async def test_a_wide_terminal_shows_more_weeks_and_wider_columns(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await open_history(app, pilot)
        calendar = screen.query_one(Heatmap).calendar
        assert calendar is not None and calendar.weeks > 100  # two years and more, as the width allows
        lines = screen.query_one(Heatmap).render().plain.split("\n")
        assert len(lines[1]) - LABEL_WIDTH >= calendar.weeks  # all of them on screen
        assert table(app).note_width >= 24 and MARKUP_NAME in screen_text(app)  # the longest name whole
        assert table(app).row_count and screen.query_one("#history-table").size.height >= 30


async def test_60x18_keeps_rows_and_the_new_controls_reachable(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=(60, 18)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.query_one("#history-table").size.height >= 4  # the header and rows, not only a bar
        assert "t sets the target" in screen_text(app) and "f shows one" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "Save" in text and "Cancel" in text
        await pilot.press("escape")
        await focus_calendar(app, pilot)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert screen.day_filter == TODAY - timedelta(days=1) and table(app).row_count == 1
