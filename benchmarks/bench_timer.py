"""Timer accuracy on the real clock: a whole built-in routine, run by the real app.

``timer_driver.py`` runs ``hamcoach --mute run desk-break`` (the shortest built-in
routine, 500 s of holds, reps, sides and rests; ``--quick``: a 30 s routine of holds)
in a pty and logs, on
time.monotonic(), the moment the app's engine moves to each phase (that is when
the screen's timer woke it, and when the phase's cue is sounded) and every write
of a frame to the terminal. Only the session screen's engine is logged: the voice's
paper-clock runs of the routine (the phrases it renders ahead) are left out, and the
run fails unless one engine went once through the timeline on the UI thread. The plan comes from the routine itself: phase i ends
at start + the sum of the planned lengths so far. A phase's error is when the app
moved on minus when the plan says it ends; the total drift is the same for the
end of the session.

The data home holds a synthetic 10-year history (1 year with --quick), so the
saves the session makes as it goes (a checkpoint after each set) cost what they
cost for a long-time user.

Baseline, run at the same time in this process: a plain ``time.sleep`` loop aimed
at the same deadlines, and how late it wakes.
"""

from __future__ import annotations

import json
import threading
import time
from bisect import bisect_left
from pathlib import Path

from common import BENCH_DIR, PYTHON, REPO, DataHome, Row, clean_env, ms, verdict
from ptyproc import PtyProcess

PHASE_BUDGET = 0.050
DRIFT_BUDGET = 0.020
SUMMARY_MARKER = b"Pain now"

BUILT_IN = "desk-break"  # the shortest built-in routine: the whole of it is timed

QUICK_ROUTINE = '''name = "Bench timer"
description = "Thirty seconds of holds and rests, for a quick timer check."
equipment = []

[[exercises]]
name = "Hold A"
sets = 2
hold = 10
rest = 5
'''


def planned_lengths(text: str) -> list[float]:
    from hamcoach.coaching.timeline import build_timeline
    from hamcoach.routines.library import parse_routine_text

    routine = parse_routine_text(text)
    lengths = [float(p.seconds) for p in build_timeline(routine)]
    assert sum(lengths) == routine.estimated_seconds(), "timeline and estimate disagree"
    return lengths


def sleep_loop(offsets: list[float], out: list[float]) -> None:
    """The baseline: sleep until each deadline with time.sleep, note how late we woke."""
    start = time.monotonic()
    for offset in offsets:
        deadline = start + offset
        time.sleep(max(0.0, deadline - time.monotonic()))
        out.append(time.monotonic() - deadline)


def run(quick: bool = False) -> list[Row]:
    text = QUICK_ROUTINE if quick else (REPO / "routines" / f"{BUILT_IN}.toml").read_text()
    routine_id = "bench-timer" if quick else BUILT_IN
    lengths = planned_lengths(text)
    ends, total = [], 0.0
    for length in lengths[:-1]:  # the last phase is DONE, of length 0
        total += length
        ends.append(total)
    from bench_history import install_history

    years = 1 if quick else 10
    with DataHome(routines={"bench-timer": text} if quick else None) as home:
        install_history(home, years)
        log_path = Path(home) / "timer-log.json"
        env = clean_env(home, BENCH_TIMER_LOG=str(log_path))
        lateness: list[float] = []
        baseline = threading.Thread(target=sleep_loop, args=(ends, lateness), daemon=True)
        argv = [PYTHON, str(BENCH_DIR / "timer_driver.py"), "--mute", "run", routine_id]
        with PtyProcess(argv, env) as proc:
            baseline.start()
            # The coach may prescribe more than the file says (a long history levels it up):
            # the timeline as run is in the log; wait long enough for it.
            if proc.wait_for(SUMMARY_MARKER, total * 2 + 60) is None:
                raise RuntimeError(f"the timed session never ended; output ends {bytes(proc.output[-400:])!r}")
        baseline.join(total + 5)
        if not log_path.exists():
            raise RuntimeError("the timer driver left no log")
        log = json.loads(log_path.read_text())
    if log.get("planned"):
        lengths = log["planned"]
        ends, total = [], 0.0
        for length in lengths[:-1]:
            total += length
            ends.append(total)

    phases = log["phases"]
    # One session screen, one engine, one pass through its timeline on the UI thread: two
    # engines ticking, or a phase entered again, would be heard as cues said twice.
    if log.get("session_engines") != 1:
        raise RuntimeError(f"{log.get('session_engines')} session engines ran (one expected)")
    if [p["index"] for p in phases] != list(range(len(lengths))):
        raise RuntimeError(f"unexpected phase sequence {[p['index'] for p in phases]}")
    if {p["thread"] for p in phases} != {"MainThread"}:
        raise RuntimeError(f"phases entered off the UI thread: {sorted({p['thread'] for p in phases})}")
    start = phases[0]["observed"]  # the engine's start(): phase 0 begins at this clock time
    errors = [p["observed"] - (start + end) for p, end in zip(phases[1:], ends, strict=False)]
    drift = errors[-1]  # the end of the last phase is the end of the session
    write_times = [w[0] for w in log["writes"]]
    lags = []
    for p in phases[1:]:
        i = bisect_left(write_times, p["observed"])
        lags.append(write_times[i] - p["observed"] if i < len(write_times) else float("nan"))
    shown = [e + lag for e, lag in zip(errors, lags, strict=False)]
    worst = max(errors, key=abs)
    base_worst = max(lateness, key=abs)
    data = {"errors_s": errors, "frame_lag_s": lags, "baseline_lateness_s": lateness, "planned_s": total,
            "paper_engines": log.get("paper_engines")}
    return [
        Row("timer", f"worst phase end error ({routine_id}: {len(errors)} phases, {total:.0f} s, {years} y history)",
            ms(worst), ms(base_worst),
            "—", f"<= {PHASE_BUDGET * 1000:.0f} ms", verdict(all(abs(e) <= PHASE_BUDGET for e in errors)), data),
        Row("timer", "total drift at the session's end", ms(drift), ms(lateness[-1]), "—",
            f"<= {DRIFT_BUDGET * 1000:.0f} ms", verdict(abs(drift) <= DRIFT_BUDGET)),
        Row("timer", "phase change on the terminal (worst, incl. frame)", ms(max(shown, key=abs)), "—", "—",
            "note", "info", {"worst_frame_lag_s": max(lags)}),
    ]
