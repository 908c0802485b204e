"""Checkpoint saves never hold up the session screen (issue 13, finding 12).

A checkpoint rewrites the whole history (70 MB at 50,000 sessions, up to half a
second). Here the save is made to wait on an event: the session must go on ticking
and redrawing meanwhile, the save must run on another thread, and it must land.
"""

from __future__ import annotations

import threading

from support.apps import QUICK_ID, QUICK_TOML, advance, make_app, session_screen, write_routine

from hamcoach.coaching.engine import PhaseKind
from hamcoach.history.checkpoint import SaveInBackground
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (80, 24)


async def test_a_slow_checkpoint_save_runs_off_the_ui_thread(isolated_home, monkeypatch):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    saver = SaveInBackground(isolated_home / "history.json", live=app.store.live)
    app.checkpoints = saver
    started, release = threading.Event(), threading.Event()
    threads: list[int] = []
    real_save = HistoryStore.save_session

    def slow_save(self, record):
        threads.append(threading.get_ident())
        started.set()
        release.wait(10)  # a 70 MB rewrite on a slow disk
        return real_save(self, record)

    monkeypatch.setattr(HistoryStore, "save_session", slow_save)
    async with app.run_test(size=SIZE) as pilot:
        ui_thread = threading.get_ident()
        await advance(pilot, 10)  # set 1 of the curl done at 9 s: a checkpoint
        assert started.wait(10)
        screen = session_screen(app)
        await advance(pilot, 4)  # while the save waits, the session goes on: set 2 under way
        assert not release.is_set()
        assert screen.engine.phase.set_number == 2 and screen.engine.phase.kind in (PhaseKind.LIFT, PhaseKind.LOWER)
        assert "set 2 of 2" in str(screen.query_one("#exercise-name").content)  # and it was drawn
        release.set()
        assert saver.flush(10)
        (record,) = HistoryStore(isolated_home / "history.json").sessions()
        assert record.status == "in_progress"
        await advance(pilot, 40)  # to the end: the final record is saved after any checkpoint
        assert isinstance(app.screen, SummaryScreen)
    saver.close()
    assert threads and threads[0] != ui_thread
    (record,) = HistoryStore(isolated_home / "history.json").sessions()
    assert record.status == "completed"
