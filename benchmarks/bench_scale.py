"""Data at scale (issue 13, budgets from issue 15): 50,000 sessions.

- import of an export of 50,000 synthetic sessions into an empty data home, one
  ``python -m hamcoach import`` process under ``/usr/bin/time -v``: peak RSS <= 400 MB,
  wall time <= 10 s (``scale_data.py`` does the same for any size);
- ``hamcoach history --json`` of the resulting history, output thrown away: <= 3 s;
- a checkpoint save at that size, the way a session saves one (``SaveInBackground``,
  on its own thread), while this process's main thread plays the UI thread: it wakes
  every millisecond and notes the longest gap between two wake-ups (a GIL held by the
  saver in one long C call shows as a gap). The longest stall is that gap minus the
  millisecond it asked for, over two checkpoints (the first also opens the saver's own
  store): <= 20 ms. The baseline is the same loop with nothing else running.

``--quick`` uses 10,000 sessions and reports the figures as notes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import Row, verdict
from scale_data import make_export, timed

IMPORT_MB, IMPORT_S, JSON_S, STALL_S = 400, 10.0, 3.0, 0.020


def ticker(stop: threading.Event, gaps: list[float]) -> None:
    """Wake every millisecond; note each gap beyond it."""
    last = time.perf_counter()
    while not stop.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last - 0.001)
        last = now


def longest_stall(action, settle) -> float:
    gaps: list[float] = []
    stop = threading.Event()
    runner = threading.Thread(target=lambda: (action(), settle(), stop.set()), daemon=True)
    runner.start()
    ticker(stop, gaps)  # on the main thread, as the UI's event loop is
    runner.join()
    return max(gaps, default=0.0)


def checkpoint_stall(history: Path) -> tuple[float, float]:
    """(longest stall over two checkpoint saves, the same loop's longest gap with nothing running)."""
    from hamcoach.history.checkpoint import SaveInBackground
    from hamcoach.history.models import SessionRecord
    from hamcoach.history.store import HistoryStore

    store = HistoryStore(history)  # the app's own store, open as during a session
    sessions = store.sessions()
    doc = sessions[-1].model_dump(mode="json")
    doc["id"] = "00000000-0000-4000-8000-00000000bench"[:36]
    doc["status"] = "in_progress"
    record = SessionRecord.model_validate(doc)
    saver = SaveInBackground(store.path, live=store.live)
    errors: list[str] = []
    try:
        stalls = [longest_stall(lambda: saver.save(record, errors.append), saver.flush) for _ in range(2)]
    finally:
        saver.close()
    if errors:
        raise RuntimeError(f"checkpoint failed: {errors[0]}")
    quiet = longest_stall(lambda: time.sleep(1.0), lambda: None)
    return max(stalls), quiet


def run(quick: bool = False) -> list[Row]:
    count = 10_000 if quick else 50_000
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-bench-scale-"))
    try:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "LANG": "C.UTF-8",
               "HAMCOACH_HOME": str(folder / "home")}
        if os.environ.get("BENCH_TREE"):
            env["PYTHONPATH"] = os.environ["BENCH_TREE"]
        export = make_export(count, folder)
        imp = timed(["import", str(export)], env)
        hist = timed(["history", "--json"], env)
        if imp[2] or hist[2]:
            raise RuntimeError(f"exit codes: import {imp[2]}, history --json {hist[2]}")
        stall, quiet = checkpoint_stall(folder / "home" / "history.json")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    budgeted = not quick
    tag = f"{count:,} sessions"

    def status(ok: bool) -> str:
        return verdict(ok) if budgeted else "info"

    return [
        Row("scale", f"import of {tag}: peak RSS", f"{imp[1]:.0f} MB", f"{export_mb(count)} export", "—",
            f"<= {IMPORT_MB} MB", status(imp[1] <= IMPORT_MB), {"import": imp}),
        Row("scale", f"import of {tag}: wall time", f"{imp[0]:.1f} s", f"{imp[3]:.1f} s CPU", "—",
            f"<= {IMPORT_S:.0f} s", status(imp[0] <= IMPORT_S)),
        Row("scale", f"history --json at {tag}", f"{hist[0]:.2f} s", f"{hist[3]:.2f} s CPU", "—",
            f"<= {JSON_S:.0f} s", status(hist[0] <= JSON_S), {"history_json": hist}),
        Row("scale", f"checkpoint save at {tag}: longest UI-thread stall", f"{stall * 1000:.1f} ms",
            f"{quiet * 1000:.1f} ms idle", "—", f"<= {STALL_S * 1000:.0f} ms", status(stall <= STALL_S),
            {"stall_s": stall, "idle_s": quiet}),
    ]


def export_mb(count: int) -> str:
    return f"{count * 2.4 / 1000:.0f} MB"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for row in run(quick="--quick" in sys.argv):
        print(row.figure, row.value, row.baseline, row.status)
