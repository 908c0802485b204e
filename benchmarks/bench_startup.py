"""Start-up in wall-clock time: launch to the first rendered picker frame, against the same-widgets bare app.

Both apps run in a real pseudo-terminal (80x24, xterm-256color). The clock starts
just before fork() and stops when the reader sees the marker text in the pty
output: the picker's title ("pick a routine") for hamcoach and for the same-widgets
bare app (bare_picker.py). Runs alternate in pairs (and which app goes first
rotates), after one discarded warm-up run of each so the page cache is warm for all.
The budget row is checked on the median of 10 pairs; the instruction counts
(bench_instructions.py) are the steadier figure on a shared machine.

Notes beside the budget row: the same from the fastest runs, the CPU time the
process had used when the frame arrived (much less disturbed by a busy machine
than wall time), the plain one-Label app, the one-Label app importing
``hamcoach.models`` (what pydantic and the models cost by themselves), and a first
start, when the safety notice covers the picker.
"""

from __future__ import annotations

from bare_app import MARKER as BARE_MARKER
from common import (
    DataHome,
    Row,
    bare_argv,
    clean_env,
    hamcoach_argv,
    median,
    ms,
    picker_argv,
    verdict,
)
from ptyproc import PtyProcess

PICKER_MARKER = b"pick a routine"
SAFETY_MARKER = b"Before you start"
BUDGET = 1.3  # wall clock; the instruction count has 1.25x (bench_instructions.py)


def time_to(argv: list[str], env: dict[str, str], marker: bytes, timeout: float = 30.0,
            cpu: list[float] | None = None) -> float:
    """Seconds from launch until ``marker`` is on the terminal; the app is then quit.

    With ``cpu``, the process's CPU time at that moment is appended to it: a figure
    that a busy machine disturbs much less than the wall time.
    """
    proc = PtyProcess(argv, env)
    try:
        seen = proc.wait_for(marker, timeout)
        if seen is None:
            tail = bytes(proc.output[-400:])
            raise RuntimeError(f"{argv[-1]}: marker {marker!r} not seen in {timeout} s; output ends {tail!r}")
        if cpu is not None:
            cpu.append(proc.cpu_seconds())
        return seen - proc.launched
    finally:
        proc.stop()


def run(quick: bool = False) -> list[Row]:
    runs = 5 if quick else 10
    apps = {
        "hamcoach": (hamcoach_argv(), PICKER_MARKER),
        "bare": (picker_argv(), PICKER_MARKER),  # the same-widgets bare app: the baseline
        "label": (bare_argv(), BARE_MARKER.encode()),  # a note only
        "floor": (bare_argv("--with-models"), BARE_MARKER.encode()),  # a note only
    }
    times: dict[str, list[float]] = {name: [] for name in apps}
    cpu: dict[str, list[float]] = {name: [] for name in apps}
    with DataHome() as home:
        env = clean_env(home)
        for argv, marker in apps.values():  # warm-up, discarded: page cache, and any cache hamcoach keeps
            time_to(argv, env, marker)
        order = list(apps)
        for i in range(runs):  # alternate, and rotate which goes first
            for name in order[i % 4:] + order[:i % 4]:
                if name in ("floor", "label") and i % 2:
                    continue  # notes only: every other round is enough
                argv, marker = apps[name]
                times[name].append(time_to(argv, env, marker, cpu=cpu[name]))
    safety = []
    for _ in range(2):
        with DataHome(safety_seen=False) as fresh:  # first start: the notice covers the picker
            safety.append(time_to(hamcoach_argv(), clean_env(fresh), SAFETY_MARKER))

    ham, bare, floor, label = times["hamcoach"], times["bare"], times["floor"], times["label"]
    h, b, f, la = median(ham), median(bare), median(floor), median(label)
    ratio = h / b
    return [
        Row("start-up", f"start-up to picker, wall clock (median of {runs} pairs)", ms(h), ms(b) + " same-widgets",
            f"{ratio:.2f}x", f"<= {BUDGET}x bare", verdict(ratio <= BUDGET),
            {"hamcoach_s": ham, "bare_s": bare, "median_hamcoach_s": h, "median_bare_s": b, "ratio": ratio,
             "ratio_of_minimums": min(ham) / min(bare)}),
        Row("start-up", f"  same, fastest runs (min of {runs})", ms(min(ham)), ms(min(bare)),
            f"{min(ham) / min(bare):.2f}x", "note", "info"),
        Row("start-up", "  same, CPU time to that frame (median)", ms(median(cpu["hamcoach"])),
            ms(median(cpu["bare"])), f"{median(cpu['hamcoach']) / median(cpu['bare']):.2f}x", "note", "info",
            {"cpu_s": cpu}),
        Row("start-up", f"one-Label app (median of {len(label)})", ms(la), ms(b) + " same-widgets", f"{la / b:.2f}x",
            "note", "info", {"label_s": label}),
        Row("start-up", f"one-Label app + import hamcoach.models (median of {len(floor)})", ms(f), ms(la) + " label",
            f"{f / la:.2f}x", "note: pydantic alone", "info", {"floor_s": floor}),
        Row("start-up", f"first start, to safety notice (median of {len(safety)})", ms(median(safety)), ms(b),
            f"{median(safety) / b:.2f}x", "note", "info", {"safety_s": safety}),
    ]
