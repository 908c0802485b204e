"""The history screen driven through its keys, on the fixed history of ``support.history``.

The app's wall clock is fixed at Monday 6 May 2024, 07:30 +02:00 (support.apps.WALL_TIME),
so "today" is a Monday with no session yet.
"""

from __future__ import annotations

from datetime import date

from support.apps import MARKUP_NAME, screen_text
from support.history import SIZE, TODAY, history_app, history_docs, open_history, table
from textual.widgets import ContentSwitcher, DataTable, Input

from hamcoach.history.stats import streak_for
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.history import (
    PAGE,
    HistoryScreen,
    RestDayScreen,
    SessionDetailScreen,
    TabBar,
)
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.widgets.heatmap import LABEL_WIDTH, LEVEL_GLYPHS, REST_GLYPH, Heatmap
from hamcoach.ui.widgets.sparkline import ProgressChart, sparkline

# --- opening and closing ---------------------------------------------------------------


async def test_h_opens_the_history_and_escape_goes_back(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        assert app.screen.today == TODAY
        assert app.screen.focused is table(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_the_streak_panel_shows_the_stats(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        expected = streak_for(app.store, TODAY, 3)
        # Fri-Sun trained, Thu a rest day (bridged), Wed trained, Tue only partial.
        assert (expected.current, expected.days_this_week) == (4, 0)
        text = screen_text(app)
        assert "4 days now" in text
        assert f"{expected.longest} longest" in text
        assert "0/3 this week" in text
        assert f"{expected.week_streak} weeks on target" in text
        assert "Train today to add" in text  # Monday, nothing yet


async def test_the_week_target_comes_from_the_settings(isolated_home):
    app = history_app(isolated_home, week_target=5)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        assert screen.data.streak.week_target == 5
        assert "0/5 this week" in screen_text(app)
        assert screen.data.streak == streak_for(app.store, TODAY, 5)


# --- the session table ------------------------------------------------------------------


async def test_sessions_newest_first_with_routine_names_shown_literally(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        rows = [table(app).get_row_at(i) for i in range(3)]
        assert [str(row[0]) for row in rows] == ["2024-05-05 07:07", "2024-05-04 07:14", "2024-05-03 21:21"]
        assert [str(row[3]) for row in rows] == ["completed"] * 3
        text = screen_text(app)
        assert "[bold]x[/bold] [@cli…" in text  # literal, cut to the column (Effort took 8 columns)
        assert "partial" in text  # 30 April
        assert app.is_running


async def test_the_table_fills_a_page_at_a_time(isolated_home):
    docs = history_docs()
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        assert len(docs) > 2 * PAGE
        assert table(app).row_count == PAGE
        assert f"Newest {PAGE} of {len(docs)} sessions" in screen_text(app)
        await pilot.press("ctrl+end")  # to the last row shown: more come
        await pilot.pause()
        assert PAGE < table(app).row_count < len(docs)
        for _ in range(len(docs) // PAGE):
            await pilot.press("ctrl+end")
            await pilot.pause()
        assert table(app).row_count == len(docs)
        assert table(app).cursor_row >= len(docs) - PAGE
        assert "Newest" not in screen_text(app)
        ids = [table(app).summary_at(i).id for i in range(len(docs))]
        assert ids == [s.id for s in app.store.summaries()]  # every session once, in order


async def test_enter_opens_a_session_against_its_plan_and_escape_comes_back(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        await pilot.press("down")  # the second session: 4 May, the markup-named routine
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionDetailScreen)
        assert screen.record.id == "session-002" and screen.record.routine_name == MARKUP_NAME
        detail = screen.query_one(DataTable)
        assert detail.row_count == 4
        assert [str(c) for c in detail.get_row_at(0)] == ["Hip bridge", "1/2", "", "10 reps", "10 reps ✓"]
        assert [str(c) for c in detail.get_row_at(2)][2:] == ["left", "30 s", "30 s ✓"]
        text = screen_text(app)
        assert MARKUP_NAME in text and "4 of 4 sets done" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert table(app).cursor_row == 1


async def test_a_session_with_missed_and_skipped_sets(isolated_home):
    doc = history_docs()[0]
    doc["sets"][1]["achieved"] = 7
    doc["sets"][3]["achieved"] = 0  # nothing achieved: skipped
    app = history_app(isolated_home, [doc], rest_days=())
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen.query_one(DataTable)
        assert str(detail.get_row_at(1)[4]) == "7 reps (70%), partly done"
        assert str(detail.get_row_at(3)[4]) == "skipped"
        assert "2 of 4 sets done, 1 partly done, 1 skipped" in screen_text(app)


# --- rest days -----------------------------------------------------------------------------


async def test_r_marks_and_unmarks_a_rest_day_today_by_default(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RestDayScreen)
        assert app.screen.query_one(Input).value == "2024-05-06"
        assert "Enter marks Mon 06 May 2024 as a rest day." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert TODAY in app.store.rest_days() and TODAY in HistoryStore(app.store.path).rest_days()
        assert TODAY in screen.data.calendar.rest
        assert screen.data.streak.current == 4  # bridged, not counted
        await pilot.press("r")
        await pilot.pause()
        assert "is a rest day: Enter unmarks it" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert TODAY not in app.store.rest_days()


async def test_a_typed_day_and_a_bad_date(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"2024-05-02")  # an existing rest day: unmark it
        await pilot.pause()
        assert field.value == "2024-05-02"
        await pilot.press("enter")
        await pilot.pause()
        assert date(2024, 5, 2) not in app.store.rest_days()
        assert screen.data.streak.current == 3  # Thursday no longer bridges
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "2024-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RestDayScreen)  # still asking
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and date(2024, 5, 2) not in app.store.rest_days()


# --- progress, the calendar, keys ---------------------------------------------------------


async def test_p_shows_progress_per_exercise(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "tab-progress"
        assert screen.query_one(TabBar).active == "tab-progress"
        progress = {p.exercise: p for p in screen.query_one(ProgressChart).progress}
        assert list(progress) == ["Hip bridge", "Side plank"]
        assert len(progress["Hip bridge"].weekly) == 12 and progress["Side plank"].unit == "s"
        text = screen_text(app)
        assert "Hip bridge" in text and sparkline(progress["Hip bridge"].weekly) in text
        assert "seconds held for holds" in text
        await pilot.press("enter")  # no list on show: nothing opens
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "tab-sessions" and screen.focused is table(app)


async def test_the_heatmap_marks_rest_days_and_levels_by_glyph(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        heatmap = screen.query_one(Heatmap)
        lines = heatmap.render().plain.split("\n")
        assert len(lines) == 9 and max(len(line) for line in lines) <= 80 - 2
        calendar = screen.data.calendar
        columns = calendar.columns()

        def cell(day: date) -> str:
            week = next(i for i, column in enumerate(columns) if day in column)
            return lines[1 + day.weekday()][LABEL_WIDTH + week]

        assert cell(date(2024, 5, 2)) == REST_GLYPH  # a rest day with no session
        assert cell(date(2024, 4, 24)) == REST_GLYPH  # the third in a week: marked, though not counted
        assert date(2024, 4, 24) not in calendar.counted_rest and date(2024, 4, 23) in calendar.counted_rest
        assert cell(TODAY) == LEVEL_GLYPHS[0]
        assert cell(date(2024, 5, 5)) == LEVEL_GLYPHS[calendar.level(date(2024, 5, 5))] != LEVEL_GLYPHS[0]
        assert lines[1 + 1][LABEL_WIDTH + 52] == " "  # Tuesday 7 May is still ahead
        assert "min" in lines[-1] and REST_GLYPH in lines[-1] and "◂today" in lines[-1]  # the short legend
        assert lines[1 + TODAY.weekday()][LABEL_WIDTH + 53] == "◂"  # today marked beside its cell
        assert lines[0].split()[-1] == "May"


async def test_help_lists_the_history_keys(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=(80, 30)) as pilot:
        await open_history(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Back", "Open", "Rest day", "Progress per exercise", "Correct the highlighted session",
                      "Delete the highlighted session", "Bring back the session deleted last"):
            assert words in text


async def test_an_empty_history(isolated_home):
    app = history_app(isolated_home, [], rest_days=())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        assert table(app).row_count == 0
        text = screen_text(app)
        assert "No sessions yet" in text and "0 days now" in text and "Train today to" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen


async def test_it_fits_and_reads_at_120_columns(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(app, pilot)
        assert table(app).routine_width > 30
        assert MARKUP_NAME in screen_text(app)  # the whole name fits now
