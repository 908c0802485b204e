"""The history screen corrects the record: delete (asks; u brings it back) and edit (issue 10).

On the fixed history of test_history: today is Monday 6 May 2024; the newest sessions are
Sun 5, Sat 4 and Fri 3 May, all completed, so the current streak is 4 days.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from support.apps import MARKUP_NAME, WALL_TIME, screen_text
from support.history import SIZE, TODAY, history_app, history_docs, open_history, table
from textual.widgets import Input, Static

from hamcoach.history.stats import streak_for
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.history import HistoryScreen, SessionDetailScreen
from hamcoach.ui.screens.session_edit import EditSessionScreen
from hamcoach.ui.widgets.tick_box import TickBox


def notices(app) -> list[str]:
    """Every notice shown so far (kept here: Textual drops a notice once its time is up)."""
    if not hasattr(app, "shown_notices"):
        app.shown_notices = []
        notify = app.notify

        def keep(message, **kwargs):
            app.shown_notices.append(message)
            notify(message, **kwargs)

        app.notify = keep
    return app.shown_notices


async def test_d_asks_then_deletes_and_u_brings_it_back(isolated_home):
    app = history_app(isolated_home)
    notices(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("down")  # Sat 4 May
        first = table(app).summary_at(1)
        assert first.id == "session-002"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the session of 2024-05-04 07:14" in str(app.screen.question)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert app.screen is screen and table(app).summary_at(1).id == "session-002"
        assert app.store.deleted_ids() == set()

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert table(app).summary_at(1).id == "session-003"  # the cursor stays on the row below
        assert table(app).cursor_row == 1
        assert "session-002" not in {s.id for s in app.store.summaries()}
        (deleted,) = app.store.deleted_sessions()
        assert deleted.summary.id == "session-002" and deleted.deleted_at == WALL_TIME.isoformat()
        assert screen.data.streak == streak_for(app.store, TODAY, 3)
        assert screen.data.streak.current == 1  # Sat is gone: only Sun is left of the run
        assert "1 day now" in screen_text(app)
        assert any("Press u to bring it back" in n for n in notices(app))

        await pilot.press("u")
        await pilot.pause()
        assert table(app).summary_at(1).id == "session-002" and table(app).cursor_row == 1
        assert app.store.deleted_ids() == set()
        assert screen.data.streak.current == 4
    # Restored exactly as it was stored.
    store = HistoryStore(isolated_home / "history.json")
    assert store.get("session-002").document() == history_docs()[1] | {"note": None}


async def test_u_with_nothing_deleted_does_nothing_and_is_dimmed(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        assert screen.check_action("undo_delete", ()) is None
        before = app.store.path.read_bytes()
        await pilot.press("u")
        await pilot.pause()
        assert app.store.path.read_bytes() == before


async def test_e_corrects_pain_effort_status_and_note(isolated_home):
    app = history_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, pilot)
        assert screen.data.streak.current == 4
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditSessionScreen) and form.session.id == "session-001"
        pain = form.query_one("#edit-pain", Input)
        assert app.focused is pain and pain.value == "1"
        await pilot.press("backspace", "7", "tab", "backspace", "4", "tab", "space", "tab")
        assert not form.query_one("#edit-completed", TickBox).value
        for char in "test run":
            await pilot.press("space" if char == " " else char)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        record = app.store.get("session-001")
        assert (record.pain, record.effort, record.status, record.note) == (7, 4, "partial", "test run")
        row = table(app).get_row_at(0)
        assert (str(row[3]), str(row[4])) == ("partial", "7")
        assert screen.data.streak.current == 0  # Sun is no longer a training day: the run ended on Sat
        note = screen.query_one("#history-note", Static)
        assert note.display and "Note: test run" in str(note.render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert "Note: test run" in screen_text(app)


async def test_a_bad_rating_is_named_and_the_form_stays(isolated_home):
    app = history_app(isolated_home)
    notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        before = app.store.path.read_bytes()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("backspace", "1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditSessionScreen)
        assert "Pain must be a whole number from 0 to 10." in notices(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.store.path.read_bytes() == before  # cancelled: nothing written


async def test_a_note_with_markup_and_escapes_is_shown_as_typed(isolated_home):
    app = history_app(isolated_home)
    app.store.edit_session("session-001", note=f"{MARKUP_NAME} \x1b[2J")
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, pilot)
        text = screen_text(app)
        assert f"Note: {MARKUP_NAME} ?[2J" in text
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#edit-note", Input).value == f"{MARKUP_NAME} \x1b[2J"
        assert "\x1b" not in screen_text(app)


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from hamcoach.history.store import HistoryStore
    store = HistoryStore(Path(sys.argv[1]))
    print("held" if store.claim(sys.argv[2]) else "busy", flush=True)
    sys.stdin.readline()
""")


@pytest.mark.skipif(os.name != "posix", reason="sessions are marked with flock")
async def test_a_session_running_in_another_process_is_neither_deleted_nor_edited(isolated_home):
    app = history_app(isolated_home)
    notices(app)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(isolated_home / "history.json"), "session-001"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = app.store.path.read_bytes()
        async with app.run_test(size=SIZE) as pilot:
            await open_history(app, pilot)
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("backspace", "5", "enter")
            await pilot.pause()
            running = [n for n in notices(app) if "is running in another hamcoach" in n]
            assert len(running) == 2
            assert table(app).summary_at(0).id == "session-001"
        assert app.store.path.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=30)
