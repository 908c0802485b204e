"""The store across processes: killed mid-save, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from hamcoach.history.store import HistoryStore

WRITER = textwrap.dedent("""
    import sys
    from hamcoach.history.store import HistoryStore
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = HistoryStore(__import__("pathlib").Path(path), lock_timeout=30)
    for i in range(count):
        session_id = f"{prefix}-{i}"
        store.save_session({
            "id": session_id, "routine_id": "floor-basics", "routine_name": "Floor basics",
            "started_at": f"2026-01-01T08:{i % 60:02d}:00+01:00", "ended_at": "2026-01-01T09:00:00+01:00",
            "status": "completed", "duration_seconds": 600,
            "sets": [{"exercise_index": 0, "exercise": "Bridge", "set": s, "sets": 3, "kind": "reps",
                      "target": 10, "achieved": 10} for s in range(1, 4)],
        })
        print(session_id, flush=True)  # only after save_session returned
""")


def start_writer(path, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix, str(count)],
                            stdout=subprocess.PIPE, text=True)


def test_sigkill_at_random_moments_never_loses_a_returned_save(tmp_path):
    path = tmp_path / "history.json"
    rng = random.Random(20261120)
    confirmed: set[str] = set()
    for round_number in range(12):
        writer = start_writer(path, f"r{round_number}", 10_000)
        # Wait until it is really saving, then kill it at a random moment.
        first = writer.stdout.readline().strip()
        assert first, "the writer never saved"
        deadline = time.monotonic() + rng.uniform(0.0, 0.25)
        lines = [first]
        while time.monotonic() < deadline:  # read what it confirms until the kill moment
            line = writer.stdout.readline().strip()
            if line:
                lines.append(line)
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate()
        lines += [line for line in rest.split() if line]
        confirmed.update(lines)
        store = HistoryStore(path)
        assert store.warnings == [], store.warnings  # never corrupt, never moved aside
        stored = {s["id"] for s in store.raw_sessions()}
        missing = confirmed - stored
        assert not missing, f"round {round_number}: lost {sorted(missing)[:5]}"
    leftovers = [p.name for p in tmp_path.iterdir()
                 if p.name not in {"history.json", "history.json.lock", "history.summary.json"}]
    # A kill can leave a temp file behind; it must never be mistaken for the history (or its summary).
    assert all(name.startswith((".history.json.", ".history.summary.json.")) for name in leftovers), leftovers


def test_two_processes_saving_100_sessions_each_lose_nothing(tmp_path):
    path = tmp_path / "history.json"
    writers = [start_writer(path, name, 100) for name in ("a", "b")]
    outputs = [w.communicate(timeout=300)[0].split() for w in writers]
    assert all(w.returncode == 0 for w in writers)
    assert [len(o) for o in outputs] == [100, 100]
    ids = {s["id"] for s in HistoryStore(path).raw_sessions()}
    assert len(ids) == 200
    assert ids == {f"{p}-{i}" for p in ("a", "b") for i in range(100)}
