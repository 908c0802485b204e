"""Issue 10 through the app: what a session saves and shows, and how resume carries on."""

from __future__ import annotations

import re
from datetime import timedelta

from support.apps import (
    QUICK_ID,
    QUICK_LENGTH,
    QUICK_TOML,
    WALL_TIME,
    advance,
    make_app,
    screen_text,
    session_screen,
    write_routine,
)

from hamcoach.coaching.engine import PhaseKind
from hamcoach.history.models import parse_time
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.resume import ResumeScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.session_detail import SessionDetailScreen
from hamcoach.ui.screens.summary import SummaryScreen
from hamcoach.ui.widgets.big_figures import BigFigures

SIZE = (80, 24)
COUNT = re.compile(r"\d+ of \d+ sets? done(, \d+ partly done)?(, \d+ skipped)?")

# Three short holds, then reps: for a checkpoint after three hold sets (finding 8).
PLANK_ID = "plank"
PLANK_TOML = """\
name = "Plank then curl"

[[exercises]]
name = "Plank"
sets = 3
hold = 4
rest = 2
rest_after = 2

[[exercises]]
name = "Curl"
sets = 1
reps = 2
tempo = { up = 1, hold = 0, down = 1 }
"""
# The same file after an edit that removed the plank.
EDITED_TOML = """\
name = "Plank then curl"

[[exercises]]
name = "Bridge"
sets = 3
reps = 5
"""


def stored(home) -> list:
    return list(HistoryStore(home / "history.json").sessions())


async def press_until_summary(pilot, key: str, limit: int = 60) -> int:
    presses = 0
    while not isinstance(pilot.app.screen, SummaryScreen) and presses < limit:
        await pilot.press(key)
        await advance(pilot, 0.4, step=0.4)
        presses += 1
    return presses


# --- 1 and 2 ----------------------------------------------------------------------------------------


async def test_finding_1_skipping_through_the_desk_break_is_saved_partial(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_until_summary(pilot, "n")
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Session ended early" in text
        assert "0 of 9 sets done, 9 skipped" in text
    (record,) = stored(isolated_home)
    assert record.status == "partial"
    assert all(s.achieved == 0 and s.skipped for s in record.sets)


async def test_finding_2_the_summary_and_the_history_detail_count_the_same(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 5 + 9)  # 9 s into the first 20 s hold
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = COUNT.search(str(app.screen.query_one("#summary-status").content))
        record = app.screen.record
        await app.push_screen(SessionDetailScreen(record))
        await pilot.pause()
        detail = COUNT.search(str(app.screen.query_one("#detail-facts").content))
    assert summary is not None and detail is not None
    assert summary[0] == detail[0] == "0 of 9 sets done, 1 partly done, 8 skipped"


# --- 3 ------------------------------------------------------------------------------------------------


async def test_finding_3_a_stall_pauses_and_the_screen_says_for_how_long(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 10)  # 5 s into the first hold
        await advance(pilot, 600, step=600)  # the process was stopped for ten minutes
        engine = session_screen(app).engine
        assert engine.paused and engine.remaining() == 15
        assert app.screen.query_one("#phase-words", BigFigures).text == "PAUSED"
        assert "interrupted for 10:00" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    (record,) = stored(isolated_home)
    assert record.sets[0].achieved == 5 and record.status == "partial"
    assert record.duration_seconds == 10  # the ten minutes nobody saw are not in it


async def test_the_session_is_woken_at_least_once_a_second(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        engine = screen.engine
        engine.next_wakeup = lambda: app.clock() + 30  # an engine with nothing to show for 30 s
        await advance(pilot, 0.3, step=0.3)
        assert screen._timer is not None and screen._timer._interval <= 1.0


# --- 4 ------------------------------------------------------------------------------------------------


async def test_finding_4_back_on_the_right_side_redoes_the_right_side(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 37)  # 4 s into the right-side hold (33-39)
        engine = session_screen(app).engine
        assert engine.phase.side == "right"
        await pilot.press("b")
        await pilot.pause()
        assert engine.phase.side == "right" and engine.phase.kind is PhaseKind.HOLD
        assert app.screen.query_one("#phase-words", BigFigures).text.startswith("RIGHT")


# --- 7 and 8: resume -------------------------------------------------------------------------------


async def test_finding_7_resume_does_not_go_back_to_an_exercise_skipped_on_purpose(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 7)  # set 1 of the curl, rep 1 done
        await pilot.press("N")  # on to the side hold
        await pilot.pause()
        await advance(pilot, 2)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        phase = session_screen(app).engine.phase
        assert phase.exercise_index == 1, phase


async def test_finding_7_resume_goes_on_with_the_right_side_after_a_left_side_cut_short(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 24)  # 2 s into the left-side hold (22-28)
        await pilot.press("n")  # to switch sides
        await pilot.pause()
        await advance(pilot, 1)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        engine = session_screen(app).engine
        assert engine.phase.side == "right"
        await advance(pilot, 15)
        assert isinstance(app.screen, SummaryScreen)
    (record,) = stored(isolated_home)
    assert [(s.side, s.achieved) for s in record.sets[2:]] == [("left", 2), ("right", 6)]


async def test_finding_8_resume_runs_the_plan_it_was_checkpointed_with(isolated_home):
    path = write_routine(isolated_home, PLANK_ID, PLANK_TOML)
    app = make_app(isolated_home, start_routine=PLANK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 5 + 3 * 4 + 2 * 2 + 1)  # three plank sets held, resting before the curl
    path.write_text(EDITED_TOML, encoding="utf-8")  # the plank is gone from the file
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Curl" in screen_text(app) or "Curl" in app.screen.engine.next_up()
        await advance(pilot, 20)
        assert isinstance(app.screen, SummaryScreen)
    (record,) = stored(isolated_home)
    assert [(s.exercise, s.achieved) for s in record.sets] == [("Plank", 4), ("Plank", 4), ("Plank", 4), ("Curl", 2)]
    assert record.status == "completed"


# --- 10 -----------------------------------------------------------------------------------------------


async def test_finding_10_a_wall_clock_stepped_back_mid_session_still_ends_after_the_start(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    times = [WALL_TIME]
    app = make_app(isolated_home, start_routine=QUICK_ID, wall_clock=lambda: times[-1])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 12)
        times.append(WALL_TIME - timedelta(minutes=30))  # an NTP correction
        await advance(pilot, 30)
        assert isinstance(app.screen, SummaryScreen)
    (record,) = stored(isolated_home)
    assert parse_time(record.ended_at) - parse_time(record.started_at) == timedelta(seconds=QUICK_LENGTH)
