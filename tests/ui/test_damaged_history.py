"""A damaged or newer history file in the app: never overwritten, and said in one line.

A file of which nothing can be used (truncated, not JSON, the wrong shape, nested too
deeply) is left as it is and said in one notice; only when the app must save is it set
aside as ``history.json.corrupt-<time>`` (the bytes as they were), and said again. A
file that cannot be read at all is left where it is and nothing is saved over it. A file from a newer hamcoach
is read but never written: a whole session leaves it byte for byte as it was, and the
summary says the session was not saved and that hamcoach needs an upgrade.
"""

from __future__ import annotations

import json
import os

import pytest
from support.apps import (
    QUICK_ID,
    QUICK_LENGTH,
    QUICK_TOML,
    advance,
    make_app,
    write_routine,
)

import hamcoach.fileio as fileio
from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.history import HistoryScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.summary import SummaryScreen

SIZE = (100, 30)
DOC = {"id": "a", "routine_id": QUICK_ID, "routine_name": "Quick check", "started_at": "2024-05-05T07:30:00+02:00",
       "ended_at": "2024-05-05T07:40:00+02:00", "status": "completed", "duration_seconds": 600, "sets": []}


def _truncated(path) -> bytes:
    HistoryStore(path).add_many([DOC])
    data = path.read_bytes()
    return data[: len(data) // 2]


DAMAGED = {
    "truncated": _truncated,
    "not JSON": lambda path: b"not json at all\n",
    "the wrong shape": lambda path: b'{"sessions": {"1": [1, 2]}}',
    "a JSON list": lambda path: b"[]",
    "nested too deeply": lambda path: b'{"sessions": {"1": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}",
    "bad UTF-8": lambda path: b'{"sessions": {"1": {"id": "\xff"}}}',
}


def history_notices(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "History"]


def _aside(home):
    return [p for p in home.iterdir() if p.name.startswith("history.json.corrupt-")]


@pytest.mark.parametrize("case", DAMAGED)
async def test_the_app_leaves_a_damaged_history_until_it_must_save_then_sets_it_aside(isolated_home, case):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    path = isolated_home / "history.json"
    damaged = DAMAGED[case](path)
    path.write_bytes(damaged)
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.is_running
        (notice,) = history_notices(app)
        assert "\n" not in notice
        assert notice.startswith("history.json cannot be read as a history (")
        assert notice.endswith("; it is left as it is until hamcoach must save, and then set aside.")
        assert _aside(isolated_home) == [] and path.read_bytes() == damaged
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.data.summaries == []
        await pilot.press("escape")
        await pilot.pause()
        app.start_session(app.library.get(QUICK_ID))
        await pilot.pause()
        await advance(pilot, 10)  # the first set's checkpoint: a save, so the file is set aside first
        (aside,) = _aside(isolated_home)
        assert aside.read_bytes() == damaged
        why = notice[len("history.json cannot be read as a history ("):notice.index("); it is left")]
        assert history_notices(app)[-1] == (f"history.json could not be used ({why}); it was set aside as {aside} "
                                            "and a new history was started.")
    assert aside.read_bytes() == damaged
    assert [s.status for s in HistoryStore(path).sessions()] == ["in_progress"]


async def test_an_unreadable_history_is_left_where_it_is_and_nothing_is_saved(isolated_home, monkeypatch):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    path = isolated_home / "history.json"
    HistoryStore(path).add_many([DOC])
    before = path.read_bytes()
    real_open = os.open

    def unreadable(name, flags, *args):  # tests run as root: refuse it here instead
        if os.fspath(name) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(fileio.os, "open", unreadable)
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert history_notices(app) == ["history.json cannot be read (Permission denied); it is left as it is, and "
                                        "nothing is saved until it can be read."]
        await advance(pilot, QUICK_LENGTH + 1)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert str(summary.query_one("#summary-status").content).startswith(
            "Not saved: history.json cannot be read (Permission denied); nothing is saved until it can be.")
    monkeypatch.undo()
    assert path.read_bytes() == before and _aside(isolated_home) == []


async def test_a_newer_history_is_never_written_and_the_summary_says_to_upgrade(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    path = isolated_home / "history.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 2}}, "sessions": {"1": {**DOC, "new_field": 1}},
                                "new_table": {"1": {"x": 1}}}))
    before = path.read_bytes()
    refusal = "history.json was written by a newer hamcoach (schema 2); upgrade hamcoach to change it."
    app = make_app(isolated_home, start_routine=QUICK_ID)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert history_notices(app) == [
            "history.json was written by a newer hamcoach (schema 2); it is open read-only."]
        await advance(pilot, QUICK_LENGTH - 2)
        # The checkpoints after each set failed too, and said so once, during the session.
        progress = [n.message for n in app._notifications if n.message.startswith("Could not save progress")]
        assert progress == [f"Could not save progress: {refusal}"]
        await advance(pilot, 3)
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        status = str(summary.query_one("#summary-status").content)
        assert status == f"Not saved: {refusal}  Press ctrl+r to try again."
        # That warning stayed with the session; the summary says it in its own words.
        assert not any(n.message.startswith("Could not save progress") for n in app._notifications)
        await pilot.press("ctrl+r")  # trying again changes nothing
        await pilot.pause()
        assert str(summary.query_one("#summary-status").content).startswith(f"Not saved: {refusal}")
        for key in "3", "tab", "5", "enter":  # ratings: not saved either
            await pilot.press(key)
        await pilot.pause()
        assert path.read_bytes() == before
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        # The history screen still shows what the file holds.
        await pilot.press("h")
        await pilot.pause()
        assert [s.id for s in app.screen.data.summaries] == ["a"]
        await pilot.press("r", "enter")  # a rest day: refused, said, not written
        await pilot.pause()
        assert any(n.message == refusal for n in app._notifications)
    assert path.read_bytes() == before
    assert not _aside(isolated_home)
