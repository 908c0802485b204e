"""The coach in the app: the session runs the progressed prescription (and the current rung),
the routine list shows it, and the summary says what happens next time as ratings are typed.

All on fakes: a FakeClock moves the session, the wall clock is fixed (2024-05-06 07:30 +02:00).
"""

from __future__ import annotations

from datetime import timedelta

from support.apps import WALL_TIME, advance, make_app, screen_text, write_routine
from textual.widgets import Input, OptionList, Static

from hamcoach.coaching.coach import RATE_PAIN_LINE, SAFETY_LINE
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines.identity import ladder_key
from hamcoach.ui.screens.morning_check import MorningCheckScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (100, 32)
QUICK_ID = "quick-bridge"
QUICK_TOML = """\
name = "Quick bridge"
equipment = ["mat"]

[[exercises]]
name = "Hip bridge"
position = "floor"
cues = ["Roll the back of the pelvis down, then lift."]
sets = 1
reps = 2
tempo = { up = 1, hold = 0, down = 1 }
"""


def done_before(home, days: list[float], exercise: str = "Hip bridge", target: int = 2, pain: int | None = 1) -> None:
    """Sessions ``days`` days before the wall clock's day, each one set of ``exercise`` fully done."""
    store = HistoryStore(home / "history.json")
    for n in days:
        ended = WALL_TIME - timedelta(days=n)
        store.save_session(SessionRecord(
            id=f"before-{n}", routine_id=QUICK_ID, routine_name="Quick bridge",
            started_at=(ended - timedelta(minutes=5)).isoformat(), ended_at=ended.isoformat(),
            status="completed", duration_seconds=300, pain=pain, effort=5,
            sets=[SetRecord(exercise_index=0, exercise=exercise, set=1, sets=1, kind="reps", target=target,
                            achieved=target)]))


def picker_detail(app) -> str:
    return app.screen.query_one("#detail", Static).content.plain


async def highlight(pilot, name: str) -> None:
    options = pilot.app.screen.query_one("#routine-list", OptionList)
    names = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
    options.highlighted = next(i for i, shown in enumerate(names) if shown.startswith(name))
    await pilot.pause()


async def test_the_session_runs_the_level_the_coach_reached_and_the_list_shows_it(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [3, 2])  # cleared twice with pain 1: level 1, 2 more reps
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await highlight(pilot, "Quick bridge")
        assert "Hip bridge  1 x 4 reps (+2)" in picker_detail(app)
        await highlight(pilot, "Floor basics")  # the same exercise in another routine: the same level
        assert "Hip bridge  3 x 12 reps (+2)" in picker_detail(app)
        # Never run: as written (at 32 rows the dose goes on with its rest, then the cues).
        assert "Core set-up  2 x 20 s hold · rest 20 s\n" in picker_detail(app)

        await highlight(pilot, "Quick bridge")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.engine.routine.exercises[0].reps == 4  # the engine runs the prescription
        assert "(+2)" in screen.query_one("#exercise-name", Static).content.plain
        await advance(pilot, 15 + 4 * 2 + 1)  # get ready (onto the floor), 4 reps of 2 s
        assert isinstance(app.screen, SummaryScreen)
        saved = app.store.get(app.screen.record.id)
        assert [(s.exercise, s.target, s.achieved) for s in saved.sets] == [("Hip bridge", 4, 4)]


async def test_the_summary_says_what_happens_next_time_as_ratings_are_typed(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [3, 2])
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 15 + 4 * 2 + 1)
        assert isinstance(app.screen, SummaryScreen)

        def coach_text() -> str:
            return app.screen.query_one("#summary-coach", Static).content.plain

        assert RATE_PAIN_LINE in coach_text()  # nothing typed yet: rating pain lets it progress
        await pilot.press("1")
        assert "Hip bridge: cleared with low pain; clear it once more like this and it goes up to 6 reps" \
            in coach_text()
        assert RATE_PAIN_LINE not in coach_text() and SAFETY_LINE not in coach_text()
        await pilot.press("backspace", "7")
        assert "Next time: Hip bridge: pain 7: easing off to 2 reps next time" in coach_text()
        assert SAFETY_LINE in coach_text()
        await pilot.press("backspace", "4")
        assert "Hip bridge: pain 4, holding at 4 reps" in coach_text()
        await pilot.press("backspace", "2", "tab", "9")  # effort 9: too hard to count toward a step
        assert app.screen.query_one("#effort", Input).value == "9"
        assert "Next time" not in coach_text()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.store.get(next(iter(app.store.sessions())).id).pain == 2


async def test_a_routine_naming_a_rung_runs_the_current_rung_with_its_own_sets(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [2], exercise="Marching bridge", target=10)  # the ladder starts there
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(pilot, "Quick bridge")
        assert "Marching bridge  1 x 10 reps (new rung)" in picker_detail(app)
        assert "Hip bridge" not in picker_detail(app)
        await pilot.press("enter")
        await pilot.pause()
        exercise = app.screen.engine.routine.exercises[0]
        assert (exercise.name, exercise.sets, exercise.reps) == ("Marching bridge", 1, 10)  # sets: the routine's
        assert exercise.tempo.rep_seconds == 6  # the rung's tempo
        assert "Marching bridge" in screen_text(app) and "(new rung)" in screen_text(app)
        await advance(pilot, 15 + 10 * 6 + 1, step=5)
        assert isinstance(app.screen, SummaryScreen)
        assert [s.exercise for s in app.screen.record.sets] == ["Marching bridge"]  # the record says which rung


async def test_a_caution_shows_in_the_routine_list(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [5, 2], pain=7)  # three days apart (and not last night: no morning check)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(pilot, "Quick bridge")
        detail = picker_detail(app)
        assert "Caution: Pain of 6 or more twice within 7 days" in detail and "clinician" in detail


async def test_the_morning_after_a_rated_session_the_app_asks_once(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [3, 2])  # level 1 ...
    store = HistoryStore(isolated_home / "history.json")
    last = WALL_TIME - timedelta(hours=11)  # ... and last night's session, rated pain 2
    store.save_session(SessionRecord(
        id="last-night", routine_id=QUICK_ID, routine_name="Quick bridge", started_at=last.isoformat(),
        ended_at=last.isoformat(), status="completed", pain=2,
        sets=[SetRecord(exercise_index=0, exercise="Hip bridge", set=1, sets=1, kind="reps", target=4, achieved=4)]))
    app = make_app(isolated_home, morning_check=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MorningCheckScreen)
        question = " ".join(str(w.render()) for w in app.screen.query(".dialog-text").results(Static))
        assert "session yesterday (Quick bridge, ended 20:30)" in question
        await pilot.press("w")  # a start-up question takes no letters...
        await pilot.pause()
        assert isinstance(app.screen, MorningCheckScreen)
        await pilot.press("right", "enter")  # ...but arrows and Enter: from Same to Worse
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.store.checkins() == {WALL_TIME.date(): "worse"}
        await highlight(pilot, "Quick bridge")
        await pilot.pause()
        bridge = app.coach.state().get(ladder_key("Bridge"))
        assert (bridge.level, bridge.last_change.cause) == (0, "worse")  # eased off from level 1
        assert "Hip bridge  1 x 2 reps · tempo" in picker_detail(app) and "(+2)" not in picker_detail(app)
    again = make_app(isolated_home, write_settings=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PickerScreen)  # asked once


async def test_the_morning_check_can_be_skipped_and_is_not_asked_again(isolated_home):
    done_before(isolated_home, [0.5])  # 12 hours ago
    app = make_app(isolated_home, morning_check=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MorningCheckScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.store.checkins() == {}
    again = make_app(isolated_home, write_settings=False)  # the settings remember it was asked
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, PickerScreen)


async def test_a_rung_can_be_swapped_for_today_at_the_get_ready(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [3])  # the bridge ladder stands on the hip bridge, level 0
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "> harder" in screen_text(app) and "< easier" not in screen_text(app)  # the bottom rung
        await pilot.press("less_than_sign")  # nothing easier: it says so and changes nothing
        assert screen.engine.routine.exercises[0].name == "Hip bridge"
        await pilot.press("greater_than_sign")
        await pilot.pause()
        swapped = screen.engine.routine.exercises[0]
        assert (swapped.name, swapped.sets, swapped.reps) == ("Marching bridge", 1, 10)
        assert "(swapped for today)" in screen_text(app) and "< easier" in screen_text(app)
        await advance(pilot, 15 + 10 * 6 + 1, step=5)
        assert isinstance(app.screen, SummaryScreen)
        assert {s.exercise for s in app.screen.record.sets} == {"Marching bridge"}  # the record says which rung
        await pilot.press("1", "enter")
        await pilot.pause()
        bridge = app.coach.state().get(ladder_key("Bridge"))
        assert (bridge.rung, bridge.level) == ("Hip bridge", 0)  # a swap is not a level change, nor a clear


async def test_the_picker_suggests_today_and_offers_a_short_version_to_keep_the_streak(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    store = HistoryStore(isolated_home / "history.json")
    done = {"ball-work": 1, "band-work": 2, "desk-break": 3, QUICK_ID: 4, "floor-basics": 5, "full-session": 6,
            "standing-desk": 1.5}  # (it needs no equipment: done lately, so not suggested here)
    for rid, n in done.items():  # a six-day streak, up to yesterday
        ended = WALL_TIME - timedelta(days=n)
        store.save_session(SessionRecord(
            id=rid, routine_id=rid, routine_name=rid, started_at=ended.isoformat(), ended_at=ended.isoformat(),
            status="completed", sets=[SetRecord(exercise_index=0, exercise="Plank", set=1, sets=1, kind="hold",
                                                target=20, achieved=20)]))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = app.screen.query_one("#today", Static)
        assert str(today.render()) == ("Today: Full session (last done 6 days ago), t to start it; "
                                       "s for a short version that keeps your 6-day streak")
        await pilot.press("3")  # the band is put away: the routines that need none
        assert str(today.render()).startswith("Today: Floor basics (last done 5 days ago), t to start it")
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.routine_id == "floor-basics" and screen.engine.routine.name == "Floor basics (short)"
        assert [ex.sets for ex in screen.engine.routine.exercises] == [1, 1, 1]


async def test_the_morning_check_can_be_turned_off_in_the_settings(isolated_home):
    done_before(isolated_home, [0.5])
    app = make_app(isolated_home)  # the tests' settings say "morning_check": false
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_history_progress_shows_pain_effort_mornings_and_the_coachs_changes(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    done_before(isolated_home, [3, 2], pain=2)
    HistoryStore(isolated_home / "history.json").set_checkin(WALL_TIME.date() - timedelta(days=1), "same")
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "pain (highest)" in text and "effort (highest)" in text and "mornings" in text
        assert "···········s" in text  # yesterday's check-in, in this week's column
        assert "2024-05-04  Bridge: level 0 -> 1  (cleared twice with low pain)" in text
