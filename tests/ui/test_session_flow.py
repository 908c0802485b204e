"""The app driven through its keys: picker, guided session, summary and the saved session.

Everything runs on fakes (see support.apps): the session is moved on by advancing a
FakeClock and ticking the screen, never by sleeping.
"""

from __future__ import annotations

from support.apps import (
    BROKEN_FILE,
    BROKEN_TOML,
    HOLD_ID,
    HOLD_TOML,
    MARKUP_ID,
    MARKUP_NAME,
    MARKUP_TOML,
    QUICK_ID,
    QUICK_LENGTH,
    QUICK_TOML,
    WALL_TIME,
    advance,
    make_app,
    played_names,
    screen_text,
    write_routine,
)
from textual.widgets import Input, OptionList

from hamcoach.coaching.engine import PhaseKind
from hamcoach.routines.library import RoutineLibrary
from hamcoach.settings import load_settings
from hamcoach.sound.player import SoundMode
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.summary import SummaryScreen
from hamcoach.ui.widgets.big_figures import BigFigures

SIZE = (80, 24)
BUILTIN_NAMES = ["Ball work", "Band work", "Desk break", "Floor basics", "Full session", "Standing at the desk"]


def listed(app) -> list[str]:
    """The routine names in the picker list, as shown (each option's first line: its length
    and when it was last done follow on the next)."""
    options = app.screen.query_one("#routine-list", OptionList)
    return [options.get_option_at_index(i).prompt.plain.split("\n")[0] for i in range(options.option_count)]


def countdown(app) -> str:
    """The big figure: seconds left, or the rep (``1/2``) while reps run."""
    return app.screen.query_one("#figure", BigFigures).text


def phase_words(app) -> str:
    """The big words under the figure: GET READY, HOLD, PAUSED, LEFT SIDE · HOLD..."""
    return app.screen.query_one("#phase-words", BigFigures).text


# --- picker ------------------------------------------------------------------------------


async def test_picker_lists_every_builtin_routine_and_details_the_highlighted_one(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert listed(app) == BUILTIN_NAMES
        text = screen_text(app)
        assert "6 of 6 shown" in text
        # The first routine is highlighted and its exercises are in the detail pane.
        assert app.screen.highlighted.id == "ball-work"
        assert "Feet-on-ball hold" in text and "3 x 20 s hold" in text and "Ball hamstring curl" in text

        await pilot.press("down", "down")  # Desk break
        await pilot.pause()
        assert app.screen.highlighted.id == "desk-break"
        text = screen_text(app)
        for exercise in ("Core set-up", "Standing hip extension", "Kneeling pelvic drop", "Child's pose"):
            assert exercise in text
        assert "Feet-on-ball hold" not in text


async def test_equipment_keys_hide_routines_that_need_what_is_not_at_hand(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)  # needs no equipment
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert listed(app) == [*BUILTIN_NAMES, "Quick check (custom)"]

        await pilot.press("2")  # no ball
        assert listed(app) == ["Band work", "Desk break", "Floor basics", "Standing at the desk",
                               "Quick check (custom)"]
        assert "[ ] 2 ball" in screen_text(app)
        assert "5 of 7 shown" in screen_text(app)

        await pilot.press("3")  # no ball, no band
        assert listed(app) == ["Desk break", "Floor basics", "Standing at the desk", "Quick check (custom)"]

        await pilot.press("2")  # the ball is back
        assert listed(app) == ["Ball work", "Desk break", "Floor basics", "Standing at the desk",
                               "Quick check (custom)"]

        await pilot.press("3", "1")  # no mat: only the routines that need no equipment
        assert listed(app) == ["Standing at the desk", "Quick check (custom)"]
        assert "[ ] 1 mat" in screen_text(app)
        await pilot.press("end")
        assert app.screen.highlighted.id == QUICK_ID
        assert "Mini curl" in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.loaded.id == QUICK_ID


async def test_no_routine_fits_says_how_to_change_the_filter(isolated_home, tmp_path):
    # A built-in routine needs no equipment, so it takes a library without it for none to fit.
    write_routine(isolated_home, "mat-only", QUICK_TOML.replace('description', 'equipment = ["mat"]\ndescription'))
    app = make_app(isolated_home)
    app.library = RoutineLibrary.load(builtin_dir=tmp_path / "no-builtins", custom_dir=isolated_home / "routines")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert listed(app) == ["Quick check (custom)"]
        await pilot.press("1")
        await pilot.pause()
        assert listed(app) == []
        assert "No routine fits the equipment at hand" in screen_text(app)
        await pilot.press("enter")  # nothing to start
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


# --- a whole session ----------------------------------------------------------------------


async def test_full_flow_from_picker_to_a_saved_completed_session(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end")  # the custom routine is listed last
        assert app.screen.highlighted.id == QUICK_ID
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert len(app.screen_stack) == 3  # default, picker, one session (Enter started it once)
        text = screen_text(app)
        assert "Quick check" in text and "exercise 1 of 2" in text and phase_words(app) == "GET READY"
        assert countdown(app) == "5"

        await advance(pilot, QUICK_LENGTH - 1)
        assert isinstance(app.screen, SessionScreen)  # one second to go
        assert all(s.status == "in_progress" for s in app.store.sessions())  # checkpoints only
        await advance(pilot, 1)

        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "Session complete" in summary and "Quick check" in summary
        assert "4 of 4 sets done" in summary

        sessions = list(app.store.sessions())
        assert len(sessions) == 1
        record = sessions[0]
        assert record.status == "completed"
        assert record.routine_id == QUICK_ID
        assert record.routine_name == "Quick check"
        assert record.started_at == WALL_TIME.isoformat(timespec="seconds") == "2024-05-06T07:30:00+02:00"
        assert record.duration_seconds == QUICK_LENGTH
        assert record.pain is None and record.effort is None
        sets = [(s.exercise, s.set, s.side, s.kind, s.target, s.achieved, s.skipped) for s in record.sets]
        assert sets == [
            ("Mini curl", 1, None, "reps", 2, 2, False),
            ("Mini curl", 2, None, "reps", 2, 2, False),
            ("Side hold", 1, "left", "hold", 6, 6, False),
            ("Side hold", 1, "right", "hold", 6, 6, False),
        ]

        # One sound per moment, the most important one: 3-2-1, go, each rep phase, ...
        assert played_names(app) == [
            "tick.wav", "tick.wav", "tick.wav", "go.wav",          # get ready, set 1
            "rep.wav", "rep.wav", "rep.wav", "set_done.wav",       # reps, into the rest
            "go.wav", "rep.wav", "rep.wav", "rep.wav", "set_done.wav",  # set 2
            "rest_over.wav", "tick.wav", "tick.wav", "tick.wav", "go.wav",  # get ready, left hold
            "tick.wav", "tick.wav", "tick.wav", "switch.wav",      # hold countdown, switch sides
            "tick.wav", "tick.wav", "tick.wav", "go.wav",          # right hold
            "tick.wav", "tick.wav", "tick.wav", "complete.wav",
        ]


async def finish_quick_session(pilot) -> None:
    await pilot.pause()
    await advance(pilot, QUICK_LENGTH + 1)
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_ratings_are_added_to_the_saved_session_and_the_picker_comes_back(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick_session(pilot)
        assert app.screen.focused is app.screen.query_one("#pain", Input)
        await pilot.press("3", "tab", "7", "enter")
        await pilot.pause()

        assert isinstance(app.screen, PickerScreen)
        (record,) = list(app.store.sessions())
        assert (record.pain, record.effort) == (3, 7)
        assert record.status == "completed"


async def test_a_rating_out_of_range_is_refused_and_the_session_is_unchanged(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick_session(pilot)
        before = app.store.sessions()[0]
        await pilot.press("1", "1", "tab", "7", "enter")
        await pilot.pause()

        assert isinstance(app.screen, SummaryScreen)
        assert any("Pain is 0 to 10" in n.message for n in app._notifications)
        assert app.store.sessions()[0] == before
        assert (before.pain, before.effort) == (None, None)

        # Put it right: back to the pain box, 3 instead of 11, and it is saved.
        await pilot.press("shift+tab", "backspace", "backspace", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert (app.store.sessions()[0].pain, app.store.sessions()[0].effort) == (3, 7)


async def test_escape_on_the_summary_leaves_without_ratings(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick_session(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        (record,) = list(app.store.sessions())
        assert (record.pain, record.effort) == (None, None)


# --- controls -------------------------------------------------------------------------------


async def test_pause_freezes_the_countdown_and_resume_counts_in_for_three_seconds(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        engine = app.screen.engine
        await advance(pilot, 15)  # get ready 5 s, then 10 s into the 60 s hold
        assert engine.phase.kind is PhaseKind.HOLD
        assert countdown(app) == "50"

        await pilot.press("space")
        assert engine.paused
        assert phase_words(app) == "PAUSED"
        assert "space to resume" in screen_text(app)
        assert app.screen.query_one("#stage").has_class("-paused")
        await advance(pilot, 10, step=5)
        assert engine.remaining() == 50
        assert countdown(app) == "50"
        assert phase_words(app) == "PAUSED"

        await pilot.press("space")
        assert not engine.paused
        assert phase_words(app) == "GET READY"
        assert "space to resume" not in screen_text(app)
        assert countdown(app) == "3"
        await advance(pilot, 2)
        assert phase_words(app) == "GET READY" and countdown(app) == "1"
        await advance(pilot, 1)
        assert phase_words(app) == "HOLD"
        assert engine.phase.kind is PhaseKind.HOLD
        assert countdown(app) == "50"  # where the pause left it
        await advance(pilot, 1)
        assert countdown(app) == "49"


async def test_q_asks_first_and_n_keeps_the_session_going(isolated_home):
    write_routine(isolated_home, HOLD_ID, HOLD_TOML)
    app = make_app(isolated_home, start_routine=HOLD_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.screen
        await advance(pilot, 10)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "End this session now?" in screen_text(app)
        assert session.engine.paused  # no time passes while the question is up
        await advance(pilot, 30, step=10)
        assert session.engine.remaining() == 55

        await pilot.press("n")
        await pilot.pause()
        assert app.screen is session
        assert not session.engine.paused and not session.engine.finished
        await advance(pilot, 3)  # the count-in, then on with the hold
        assert session.engine.remaining() == 55
        assert all(s.status == "in_progress" for s in app.store.sessions())


async def test_q_then_y_ends_early_and_saves_a_partial_session(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, 12)  # set 1 done, into set 2 of the curls
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()

        assert isinstance(app.screen, SummaryScreen)
        assert "Session ended early" in screen_text(app)
        (record,) = list(app.store.sessions())
        assert record.status == "partial"
        assert record.routine_id == QUICK_ID
        assert record.duration_seconds == 12
        assert [(s.exercise, s.side, s.achieved, s.skipped) for s in record.sets] == [
            ("Mini curl", None, 2, False),
            ("Mini curl", None, 0, True),  # started, but no rep finished: nothing achieved is skipped
            ("Side hold", "left", 0, True),
            ("Side hold", "right", 0, True),
        ]


async def test_escape_in_a_session_asks_too(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape in the question is "no"
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert all(s.status == "in_progress" for s in app.store.sessions())


async def test_skip_back_and_more_rest_reach_the_engine(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        engine = app.screen.engine
        assert engine.phase.kind is PhaseKind.GET_READY

        await pilot.press("n")  # skip the get-ready: the short 3-2-1, then the work
        assert engine.phase.kind is PhaseKind.LIFT and engine.phase.rep == 1 and engine.snapshot().resuming
        await advance(pilot, 3)
        assert phase_words(app) == "LIFT" and countdown(app) == "1/2"
        assert "set 1 of 2" in screen_text(app)

        await pilot.press("plus")  # not resting: the key is not offered and changes nothing
        assert "+15s" not in screen_text(app)
        assert engine.phase.kind is PhaseKind.LIFT and engine.remaining() == 1

        await pilot.press("n")  # skip the rest of set 1
        assert engine.phase.kind is PhaseKind.REST
        assert engine.remaining() == 2
        assert "+15s" in screen_text(app)  # offered in the footer now
        await pilot.press("plus")
        assert engine.remaining() == 17
        assert countdown(app) == "17"
        await pilot.press("equals_sign")  # = is + without shift
        assert engine.remaining() == 32

        await advance(pilot, 5)
        await pilot.press("b")  # back to the start of set 1, after a count-in
        assert engine.phase.kind is PhaseKind.LIFT
        assert (engine.phase.set_number, engine.phase.rep) == (1, 1)
        assert engine.snapshot().resuming
        assert phase_words(app) == "GET READY"

        await pilot.press("N")  # on to the next exercise
        assert engine.routine.exercises[engine.phase.exercise_index].name == "Side hold"
        assert "exercise 2 of 2" in screen_text(app)


async def test_m_cycles_sound_quiet_and_off(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    flashes = []
    app._flash = lambda: flashes.append(1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.player.mode is SoundMode.ON and not app.player.muted
        await pilot.press("m")
        assert app.player.mode is SoundMode.QUIET and app.player.muted
        assert any(n.message == "Quiet: a screen flash, no sound" for n in app._notifications)
        assert load_settings(isolated_home / "settings.json").sound == "quiet"  # remembered
        await advance(pilot, 5)  # the 3-2-1 and the go: no sound, a flash each
        assert played_names(app) == []
        assert len(flashes) == 4

        await pilot.press("m")
        assert app.player.mode is SoundMode.OFF
        assert any(n.message == "Sound off" for n in app._notifications)
        await advance(pilot, 1)  # a rep phase: nothing at all
        assert played_names(app) == [] and len(flashes) == 4

        await pilot.press("m")
        assert app.player.mode is SoundMode.ON
        await advance(pilot, 1)
        assert played_names(app) == ["rep.wav"]
        assert load_settings(isolated_home / "settings.json").sound == "on"


async def test_m_works_on_the_picker_too(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert app.player.muted
        await pilot.press("m", "m")
        assert not app.player.muted


# --- starting straight into a routine -------------------------------------------------------


async def test_run_opens_straight_into_the_session(isolated_home):
    app = make_app(isolated_home, start_routine="desk-break")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.loaded.id == "desk-break"
        assert isinstance(app.screen_stack[-2], PickerScreen)  # q at the end leads back to it
        text = screen_text(app)
        assert "Desk break" in text and "exercise 1 of 5" in text
        assert "Core set-up" in text and phase_words(app) == "GET READY"


async def test_run_with_an_unknown_routine_shows_the_picker(isolated_home):
    app = make_app(isolated_home, start_routine="no-such-routine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


# --- user text is shown as typed ----------------------------------------------------------------


async def test_markup_in_routine_text_is_shown_literally_and_does_nothing(isolated_home):
    write_routine(isolated_home, MARKUP_ID, MARKUP_TOML)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.library.get(MARKUP_ID).name == MARKUP_NAME
        assert listed(app)[-1] == f"{MARKUP_NAME} (custom)"
        await pilot.press("end")
        await pilot.pause()
        assert app.screen.highlighted.id == MARKUP_ID
        lines = screen_text(app).split("\n")
        # The list wraps the name over three lines; the detail pane over two (under the
        # title, the equipment filter and today's suggestion).
        # (The list's last routine, at the bottom of a list of two lines a routine.)
        assert "│ [bold]x[/bold]      " in lines[16]
        assert "│ [@click=app.quit]quit[/]     │" in lines[17]
        assert "│ [/bold] (custom)     " in lines[18]
        assert "│   35 s · never     " in lines[19]
        assert "│ [bold]x[/bold] [@click=app.quit]quit[/]      │" in lines[4]
        assert "│ [red]not red[/red] [/]  " in lines[10]
        assert "1. [@click=app.quit]Click me[/]  1 x 30 s" in lines[12]

        # Clicking "quit" in the list selects the routine; it is not a link that quits the app.
        await pilot.click("#routine-list", offset=(20, 14))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.loaded.id == MARKUP_ID
        text = screen_text(app)
        assert f" {MARKUP_NAME}  ·  exercise 1 of 1" in text
        assert " [@click=app.quit]Click me[/]   set 1 of 1" in text.split("\n")[1]
        assert "• [bold]stay[/bold] [/bold]" in text
        assert "• [@click=app.quit]quit[/]" in text
        assert "Next: [@click=app.quit]Click me[/]: set 1/1" in text

        # Nor are the "quit" of the title and of the second cue.
        await pilot.click("#session-title", offset=(1 + MARKUP_NAME.index("quit"), 0))
        await pilot.click("#exercise-cues", offset=(20, 1))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, SessionScreen)
        await advance(pilot, 6)  # and it runs: get ready, then the hold
        assert app.screen.engine.phase.kind is PhaseKind.HOLD


# --- a broken routine file ------------------------------------------------------------------------


async def test_a_broken_routine_file_is_skipped_and_named_in_the_picker(short_home):
    write_routine(short_home, QUICK_ID, QUICK_TOML)
    (short_home / "routines" / BROKEN_FILE).write_text(BROKEN_TOML, encoding="utf-8")
    app = make_app(short_home)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert listed(app) == [*BUILTIN_NAMES, "Quick check (custom)"]
        text = screen_text(app)
        assert "Skipped 1 routine file" in text
        assert BROKEN_FILE in text
        assert "exercises[0].reps: must be at least 1 (got 0)" in text
        # A notice says so as well, with the full path.
        assert any(BROKEN_FILE in n.message and "reps" in n.message for n in app._notifications)


async def test_the_picker_has_no_problem_line_when_every_file_is_good(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#picker-problems").display
        assert "Skipped" not in screen_text(app)
        assert not app._notifications


# --- bugs found and fixed -------------------------------------------------------------------------


async def test_q_as_the_routine_runs_out_shows_the_summary_without_a_question(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await advance(pilot, QUICK_LENGTH - 1)
        app.clock.advance(1.001)  # the end is due; the timer has not woken yet
        await pilot.press("q")
        await pilot.pause()
        assert len(app.store.sessions()) == 1 and app.store.sessions()[0].status == "completed"
        assert isinstance(app.screen, SummaryScreen)
