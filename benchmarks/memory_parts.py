"""What a long history costs in memory, part by part, in one fresh process (issue 15).

    python benchmarks/memory_parts.py HISTORY.json      # prints one JSON object

The parts a session goes through, in order, each measured with ``tracemalloc`` (what
Python allocated and kept, and the peak above that while the part ran) and the process's
RSS (``VmRSS``, ``VmHWM``) after it: opening the store, the summaries (streak, picker,
Today), the coach's replay, a checkpoint by the background saver, and the final save.
The history is copied to a throw-away folder first, so the file given is not changed.
bench_session.py prints these as notes beside the peak-RSS rows: when the 10-year row
grows, this says which part grew.
"""

from __future__ import annotations

import gc
import json
import shutil
import sys
import tempfile
import tracemalloc
import uuid
from datetime import date
from pathlib import Path


def _kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main(history: Path) -> dict[str, dict[str, float]]:
    from hamcoach.coaching.coach import Coach
    from hamcoach.history.checkpoint import SaveInBackground
    from hamcoach.history.models import SessionRecord
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.library import RoutineLibrary

    folder = Path(tempfile.mkdtemp(prefix="hamcoach-memory-parts-"))
    parts: dict[str, dict[str, float]] = {}
    try:
        path = folder / "history.json"
        shutil.copyfile(history, path)
        library = RoutineLibrary.load()
        gc.collect()
        tracemalloc.start()

        def part(name: str, work):
            gc.collect()
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            out = work()
            now, peak = tracemalloc.get_traced_memory()
            parts[name] = {"kept_mb": (now - before) / 1e6, "peak_mb": (peak - before) / 1e6,
                           "rss_mib": _kib("VmRSS") / 1024, "hwm_mib": _kib("VmHWM") / 1024}
            return out

        store = part("open the store", lambda: HistoryStore(path))
        part("summaries", store.summaries)
        coach = Coach(store, library, lambda: date.today())
        part("coach's replay", coach.state)
        record = SessionRecord(id=str(uuid.uuid4()), routine_id="bench-short", routine_name="Bench short",
                               started_at="2030-01-01T10:00:00+00:00", ended_at="2030-01-01T10:00:10+00:00",
                               status="in_progress")
        saver = SaveInBackground(path, live=store.live, source=store)

        def checkpoint() -> None:
            saver.save(record, print)
            saver.flush()

        part("a checkpoint (saver thread)", checkpoint)
        saver.close()
        part("the final save", lambda: store.save_session(record.model_copy(update={"status": "completed"})))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return parts


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
