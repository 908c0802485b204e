"""Live sessions across real processes: a running session is left alone by every other one.

Issue 10, finding 9: a second hamcoach offered a first one's running session for resume,
and "keep as partial" overwrote it. Each process here is a real one (subprocess), since
the marks are flocks, which threads of one process would not tell apart.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from hamcoach.history.live import LiveSessions
from hamcoach.history.store import HistoryStore, StoreError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sessions are marked with flock")

# Runs a session's part of the story in its own process: claim, save a checkpoint, then
# wait for a line on stdin ("finish" saves it as completed; anything else just exits).
RUNNER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from hamcoach.history.store import HistoryStore
    path, session_id = Path(sys.argv[1]), sys.argv[2]
    store = HistoryStore(path)
    print("claimed" if store.claim(session_id) else "busy", flush=True)
    if sys.argv[3:] == ["checkpoint"]:
        store.save_session({
            "id": session_id, "routine_id": "floor-basics", "routine_name": "Floor basics",
            "started_at": "2026-01-01T08:00:00+01:00", "ended_at": "2026-01-01T08:05:00+01:00",
            "status": "in_progress", "duration_seconds": 300, "sets": []})
        print("saved", flush=True)
    if sys.stdin.readline().strip() == "finish":
        store.save_session({**store.get(session_id).model_dump(), "status": "completed"})
        store.release(session_id)
        print("finished", flush=True)
""")

# Asks for the unfinished sessions, as a starting app does, and keeps what it got.
OFFER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from hamcoach.history.store import HistoryStore
    store = HistoryStore(Path(sys.argv[1]))
    print(",".join(r.id for r in store.unfinished_sessions()) or "-", flush=True)
    sys.stdin.readline()
""")


def start(script: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def line(process: subprocess.Popen) -> str:
    return process.stdout.readline().strip()


def end(process: subprocess.Popen, answer: str = "") -> str:
    out, _ = process.communicate(answer + "\n", timeout=60)
    return out.strip()


def crashed_session(path, session_id: str = "s1") -> None:
    """An in-progress record whose process is gone (claimed, saved, killed)."""
    runner = start(RUNNER, path, session_id, "checkpoint")
    assert (line(runner), line(runner)) == ("claimed", "saved")
    runner.kill()
    runner.wait()


@pytest.fixture
def path(tmp_path):
    return tmp_path / "home" / "history.json"


def test_a_running_session_is_not_offered_and_cannot_be_changed_from_another_process(path):
    runner = start(RUNNER, path, "s1", "checkpoint")
    try:
        assert (line(runner), line(runner)) == ("claimed", "saved")
        store = HistoryStore(path)
        before = path.read_bytes()
        assert store.running_elsewhere("s1")
        assert store.unfinished_sessions() == []  # not offered for resume
        running = store.get("s1")
        for change in (lambda: store.save_session(running.model_copy(update={"status": "partial"})),
                       lambda: store.delete("s1"),
                       lambda: store.edit_session("s1", pain=3)):
            with pytest.raises(StoreError, match="running in another hamcoach"):
                change()
        assert path.read_bytes() == before
        assert end(runner, "finish") == "finished"
    finally:
        runner.kill()
    assert [s.status for s in HistoryStore(path).summaries()] == ["completed"]


def test_a_session_whose_process_died_is_offered_to_exactly_one_process(path):
    crashed_session(path)
    offers = [start(OFFER, path) for _ in range(3)]
    try:
        got = sorted(line(p) for p in offers)
    finally:
        for p in offers:
            end(p)
    assert got == ["-", "-", "s1"]  # one of them holds it now; the others left it alone


def test_an_offered_session_is_held_until_released(path):
    crashed_session(path)
    store = HistoryStore(path)
    (record,) = store.unfinished_sessions()
    other = start(RUNNER, path, "s1")
    assert line(other) == "busy"  # e.g. a second terminal starting while the first asks
    end(other)
    store.save_session(record.model_copy(update={"status": "partial"}))  # "keep as partial"
    store.release("s1")
    again = start(RUNNER, path, "s1")
    assert line(again) == "claimed"
    end(again)
    assert HistoryStore(path).unfinished_sessions() == []  # partial now: nothing to offer


def test_a_session_finished_while_another_process_waited_is_not_offered(path):
    runner = start(RUNNER, path, "s1", "checkpoint")
    assert (line(runner), line(runner)) == ("claimed", "saved")
    store = HistoryStore(path)
    store.summaries()  # this process saw it in progress...
    assert end(runner, "finish") == "finished"  # ...and then its runner completed it
    assert store.unfinished_sessions() == []
    assert not store.live.held("s1")


def test_live_marks_within_one_process(tmp_path):
    first, second = LiveSessions(tmp_path / "live"), LiveSessions(tmp_path / "live")
    assert first.hold("a") and first.hold("a")  # again: harmless
    assert first.held("a") and first.is_live("a") and not first.running_elsewhere("a")
    assert second.is_live("a") and second.running_elsewhere("a")
    started = time.monotonic()
    assert not second.hold("a")
    assert time.monotonic() - started < 2
    first.release("a")
    assert not (tmp_path / "live" / "a.lock").exists()  # a finished session leaves no file
    assert not second.is_live("a") and second.hold("a")
    second.release_all()
    assert not second.is_live("a")


def test_an_id_that_is_not_a_plain_name_never_escapes_the_folder(tmp_path):
    live = LiveSessions(tmp_path / "live")
    for hostile in ("../../etc/passwd", "a/b", "\x1b[31m", "x" * 300, ""):
        lock = live.lock_path(hostile)
        assert lock.parent == tmp_path / "live" and lock.name.startswith("x-")
        assert live.hold(hostile)
        assert LiveSessions(tmp_path / "live").running_elsewhere(hostile)
        live.release(hostile)
    assert sorted(os.listdir(tmp_path / "live")) == []


def test_a_lock_file_left_by_a_killed_process_is_not_live(path):
    crashed_session(path)
    store = HistoryStore(path)
    assert store.live.lock_path("s1").exists()  # SIGKILL leaves the file...
    assert not store.running_elsewhere("s1")  # ...but not the lock
