"""A session cut off mid-way (crash, closed terminal) is checkpointed and offered back."""

from __future__ import annotations

from support.apps import (
    QUICK_ID,
    QUICK_TOML,
    advance,
    make_app,
    session_screen,
    write_routine,
)
from textual.widgets import Static

from hamcoach.coaching.engine import PhaseKind
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.resume import ResumeScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


async def _run_then_close(home, seconds: float) -> None:
    """Run the quick routine for ``seconds`` and close the app without ending the session."""
    app = make_app(home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, seconds)


def _dialog_text(app) -> str:
    return str(app.screen.query_one(".dialog-text", Static).content)


def _only_session(home):
    from hamcoach.history.store import HistoryStore

    (record,) = list(HistoryStore(home / "history.json").sessions())
    return record


async def test_each_completed_set_is_checkpointed_as_in_progress(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, 10)  # set 1 of the curl done, resting
        (record,) = list(app.store.sessions())
        assert record.status == "in_progress"
        assert [(s.set, s.achieved, s.skipped) for s in record.sets[:2]] == [(1, 2, False), (2, 0, True)]


async def test_closing_mid_session_offers_resume_and_resume_carries_on(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)  # set 2 of the curl under way
    first = _only_session(isolated_home)
    assert first.status == "in_progress"

    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        text = _dialog_text(app)
        assert "Quick check" in text and "1 of 4 sets done" in text
        await pilot.press("enter")
        await pilot.pause()
        screen = session_screen(app)
        assert screen is not None
        phase = screen.engine.phase
        assert (phase.kind, phase.exercise_index, phase.set_number) == (PhaseKind.LIFT, 0, 2)
        await advance(pilot, 60)
        assert isinstance(app.screen, SummaryScreen)
    final = _only_session(isolated_home)
    assert final.id == first.id and final.status == "completed"
    assert final.started_at == first.started_at
    assert [s.achieved for s in final.sets] == [2, 2, 6, 6]


async def test_keeping_it_as_partial_changes_only_its_status(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)
    before = _only_session(isolated_home)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    after = _only_session(isolated_home)
    assert after.status == "partial"
    assert before.checkpoint is not None and after.checkpoint is None  # the plan kept for a resume goes
    assert after.model_copy(update={"status": "in_progress", "checkpoint": before.checkpoint}) == before


async def test_an_unfinished_session_whose_routine_is_gone_resumes_with_the_plan_it_kept(isolated_home):
    path = write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)
    path.unlink()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = session_screen(app)
        assert screen is not None and screen.engine.routine.name == "Quick check"
        await advance(pilot, 40)
        assert isinstance(app.screen, SummaryScreen)
    final = _only_session(isolated_home)
    assert final.status == "completed" and final.routine_id == QUICK_ID and final.checkpoint is None


def _drop_the_plan(home) -> None:
    """Make the stored checkpoint look like one an older hamcoach saved: no plan, no resume point."""
    store = HistoryStore(home / "history.json")
    (record,) = list(store.sessions())
    store.save_session(record.model_copy(update={"checkpoint": None}))


async def test_an_old_checkpoint_whose_routine_is_gone_can_only_be_kept(isolated_home):
    path = write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)
    _drop_the_plan(isolated_home)
    path.unlink()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "routine is gone" in _dialog_text(app)
        await pilot.press("enter")  # no resume to be had: Keep has focus
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert _only_session(isolated_home).status == "partial"


async def test_an_old_checkpoint_resumes_with_its_routine_if_the_routine_still_has_its_sets(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)  # set 1 of the curl done, set 2 under way
    _drop_the_plan(isolated_home)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        phase = session_screen(app).engine.phase
        assert (phase.exercise_index, phase.set_number) == (0, 2)  # the set under way, from its start


async def test_an_old_checkpoint_whose_routine_has_changed_is_kept_as_partial(isolated_home):
    path = write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    await _run_then_close(isolated_home, 12)
    _drop_the_plan(isolated_home)
    path.write_text(QUICK_TOML.replace("reps = 2", "reps = 3"), encoding="utf-8")
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "routine has changed since" in _dialog_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    record = _only_session(isolated_home)
    assert record.status == "partial" and [s.achieved for s in record.sets] == [2, 0, 0, 0]
