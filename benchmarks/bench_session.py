"""CPU while a set runs, and peak memory over a whole session, against the bare app.

``hamcoach --mute run bench-hold`` runs in a real pty: a custom routine of one hold.
Once the hold is on screen (after the 5 s get-ready) and a second has passed, the
process's CPU time (utime + stime of all its threads, from /proc/<pid>/stat) is
sampled over a fixed stretch of wall time. The session then runs to its end, is
saved, and the summary screen appears; the peak RSS (VmHWM) is read there, so it
covers the whole session and the save. That is with an empty history, against the
same-widgets bare app (bare_picker.py) on its first screen. A short session is then
run twice more, over an empty history and over a 10-year one (sessions with their
sets), and their peaks compared: what a long history costs in memory; notes from
memory_parts.py say what each part of such a session (the store, the summaries, the
coach's replay, a checkpoint, the final save) keeps, in a fresh process. The CPU
baseline is the plain one-Label app, idle for the same stretch; a note gives that
app with ``hamcoach.models`` imported (what pydantic alone costs).
"""

from __future__ import annotations

import json
import subprocess
import time

from bare_app import MARKER as BARE_MARKER
from bench_startup import PICKER_MARKER, time_to
from common import BENCH_DIR, PYTHON, DataHome, Row, bare_argv, clean_env, hamcoach_argv, picker_argv, verdict
from ptyproc import PtyProcess

CPU_BUDGET = 1.0  # % of one core
MEMORY_BUDGET = 1.3  # x the same-widgets bare app
HISTORY_MEMORY_BUDGET = 1.1  # ten years of history x an empty one
HOLD_MARKER = b"Next: Finish"  # the one-hold routine is in its hold (the word HOLD is drawn in blocks)
SUMMARY_MARKER = b"Pain now"
SETTLE = 1.0


def hold_routine(seconds: int) -> str:
    return f'''name = "Bench hold"
description = "One long hold, for measuring what a running set costs."
equipment = []

[[exercises]]
name = "Long hold"
cues = ["Stay still and breathe."]
sets = 1
hold = {seconds}
'''


def sample(proc: PtyProcess, seconds: float) -> dict:
    """CPU % of one core and terminal output over ``seconds`` of wall time."""
    out0, cpu0, t0 = len(proc.output), proc.cpu_seconds(), time.perf_counter()
    time.sleep(seconds)
    cpu1, t1, out1 = proc.cpu_seconds(), time.perf_counter(), len(proc.output)
    wall = t1 - t0
    return {"cpu_s": cpu1 - cpu0, "wall_s": wall, "cpu_pct": 100 * (cpu1 - cpu0) / wall,
            "bytes_per_s": (out1 - out0) / wall}


def memory_parts(history, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """memory_parts.py over a history, in a fresh process: what each part of a session keeps."""
    done = subprocess.run([PYTHON, str(BENCH_DIR / "memory_parts.py"), str(history)], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory_parts.py failed: {done.stderr.strip()[-400:]}")
    parts: dict[str, dict[str, float]] = json.loads(done.stdout)
    return parts


def run(quick: bool = False) -> list[Row]:
    window = 6.0 if quick else 12.0
    hold = int(window + SETTLE + 4)  # the hold outlasts the sample
    with DataHome(routines={"bench-hold": hold_routine(hold), "bench-short": hold_routine(3)}) as home:
        env = clean_env(home)
        # A warm-up start, discarded: a daily user's machine has hamcoach in its page
        # cache (and has any cache hamcoach keeps of its own).
        time_to(hamcoach_argv(), env, PICKER_MARKER)
        with PtyProcess(hamcoach_argv("--mute", "run", "bench-hold"), env) as proc:
            if proc.wait_for(HOLD_MARKER, 30) is None:
                raise RuntimeError(f"the hold never showed; output ends {bytes(proc.output[-400:])!r}")
            time.sleep(SETTLE)
            ham = sample(proc, window)
            if proc.wait_for(SUMMARY_MARKER, hold + 15) is None:
                raise RuntimeError("the session never reached its summary")
            time.sleep(0.5)  # let the summary's first frame and the save settle
            ham["peak_rss_kib"] = proc.status_kib("VmHWM")
        # A short session over an empty history, then the same for a long-time user:
        # the store holds 10 years of history.
        from bench_history import install_history

        def short_session_peak() -> int:
            with PtyProcess(hamcoach_argv("--mute", "run", "bench-short"), env) as proc:
                if proc.wait_for(SUMMARY_MARKER, 60) is None:
                    raise RuntimeError("the short session never reached its summary")
                time.sleep(0.5)
                return proc.status_kib("VmHWM")

        (home / "history.json").unlink(missing_ok=True)
        for leftover in home.glob("history.summary.json"):
            leftover.unlink()
        empty_kib = short_session_peak()
        install_history(home, 1 if quick else 10)
        long_kib = short_session_peak()
        parts = memory_parts(home / "history.json", env)
        with PtyProcess(picker_argv(), env) as proc:
            if proc.wait_for(PICKER_MARKER, 30) is None:
                raise RuntimeError("the same-widgets bare app never showed")
            time.sleep(SETTLE)
            picker_kib = proc.status_kib("VmHWM")
        with PtyProcess(bare_argv(), env) as proc:
            if proc.wait_for(BARE_MARKER.encode(), 30) is None:
                raise RuntimeError("the bare app never showed")
            time.sleep(SETTLE)
            bare = sample(proc, window)
            bare["peak_rss_kib"] = proc.status_kib("VmHWM")
        with PtyProcess(bare_argv("--with-models"), env) as proc:  # the floor with pydantic loaded
            if proc.wait_for(BARE_MARKER.encode(), 30) is None:
                raise RuntimeError("the bare app (with models) never showed")
            time.sleep(SETTLE)
            floor_kib = proc.status_kib("VmHWM")

    mem_ratio = ham["peak_rss_kib"] / picker_kib
    history_ratio = long_kib / empty_kib
    years = 1 if quick else 10
    cpu_ratio = f"{ham['cpu_pct'] / bare['cpu_pct']:.1f}x" if bare["cpu_pct"] > 0 else "—"
    return [
        Row("cpu", f"CPU during a hold ({window:.0f} s sampled)", f"{ham['cpu_pct']:.2f} %",
            f"{bare['cpu_pct']:.2f} % label app", cpu_ratio, f"<= {CPU_BUDGET:.0f} % of a core",
            verdict(ham["cpu_pct"] <= CPU_BUDGET), {"hamcoach": ham, "bare": bare}),
        Row("cpu", "terminal output during the hold", f"{ham['bytes_per_s']:.0f} B/s",
            f"{bare['bytes_per_s']:.0f} B/s", "—", "note", "info"),
        Row("memory", "peak RSS over a session (VmHWM)", f"{ham['peak_rss_kib'] / 1024:.1f} MiB",
            f"{picker_kib / 1024:.1f} MiB same-widgets", f"{mem_ratio:.2f}x", f"<= {MEMORY_BUDGET}x bare",
            verdict(mem_ratio <= MEMORY_BUDGET), {"ratio": mem_ratio, "picker_kib": picker_kib}),
        Row("memory", f"peak RSS over a short session, {years} y history", f"{long_kib / 1024:.1f} MiB",
            f"{empty_kib / 1024:.1f} MiB empty", f"{history_ratio:.2f}x",
            f"<= {HISTORY_MEMORY_BUDGET}x empty" if not quick else "note (10 y in a full run)",
            verdict(history_ratio <= HISTORY_MEMORY_BUDGET) if not quick else "info",
            {"long_kib": long_kib, "empty_kib": empty_kib}),
        *(Row("memory", f"  {years} y in-process: {name}", f"+{part['kept_mb']:.1f} MB kept",
              f"peak +{part['peak_mb']:.1f} MB", "—", "note: tracemalloc", "info",
              {"part": name, **part}) for name, part in parts.items()),
        Row("memory", "one-Label app, idle", f"{bare['peak_rss_kib'] / 1024:.1f} MiB",
            f"{picker_kib / 1024:.1f} MiB same-widgets", f"{bare['peak_rss_kib'] / picker_kib:.2f}x", "note", "info"),
        Row("memory", "one-Label app + import hamcoach.models", f"{floor_kib / 1024:.1f} MiB",
            f"{bare['peak_rss_kib'] / 1024:.1f} MiB label", f"{floor_kib / bare['peak_rss_kib']:.2f}x",
            "note: pydantic alone", "info", {"floor_kib": floor_kib}),
    ]
