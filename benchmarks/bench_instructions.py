"""Instruction counts (issue 15): start-up, ``--version`` and ``status``, each against its baseline.

``valgrind --tool=callgrind`` counts every instruction a process runs. The count of a
run that ends at a fixed point repeats to within 0.1 % whatever else the machine is
doing, where wall time on a shared machine moves by 2-3x: so the budgets that are
ratios of two programs are checked on counts, with the wall-clock figures beside them
(bench_startup.py).

- start-up: ``first_frame.py hamcoach`` (the real entry point, headless at 80x24, ending
  with ``os._exit`` at the first frame that shows the picker) against ``first_frame.py
  picker`` (the same-widgets bare app, ending the same way); the plain one-Label app is
  a note. A data home with the safety notice seen and an empty history.
- ``hamcoach --version`` (the console script, as a user types it) against
  ``python -c pass``.
- ``hamcoach status`` over a ten-year history (its summary file written by a first
  run, as after any save) against ``python -c pass``.

Each program runs once uncounted (its bytecode caches written, the page cache warm, and
hamcoach's cache of routine summaries written, so the counted start-ups are warm ones),
then is counted ``reps`` times with ``PYTHONHASHSEED=0``; the figure is the median and
the spread (max/min - 1) is reported, so a run that did not end at a fixed point shows.
valgrind must be installed: the rows say how to get it when it is not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import BENCH_DIR, PYTHON, DataHome, Row, clean_env, hamcoach_argv, median, verdict

STARTUP_BUDGET = 1.25  # x the same-widgets bare app
VERSION_BUDGET = 2.5  # x python -c pass
STATUS_BUDGET = 4.0  # x python -c pass
SPREAD_LIMIT = 0.001  # 0.1 %
_COLLECTED = re.compile(rb"Collected : (\d+)")


def valgrind() -> str | None:
    """The valgrind program, installed with apt-get (as root) when missing and possible."""
    found = shutil.which("valgrind")
    if found is None and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "valgrind"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        found = shutil.which("valgrind")
    return found


def count(tool: str, argv: list[str], env: dict[str, str]) -> int:
    """Instructions of one run of ``argv`` under callgrind (its output thrown away)."""
    result = subprocess.run([tool, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            timeout=900)
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(argv[-2:])} failed under callgrind: {' | '.join(tail)}")
    return int(found[1])


def counted(tool: str, argv: list[str], env: dict[str, str], reps: int) -> dict:
    subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)  # uncounted: bytecode and page caches
    runs = [count(tool, argv, env) for _ in range(reps)]
    return {"runs": runs, "median": median(runs), "spread": max(runs) / min(runs) - 1}


def giga(n: float) -> str:
    return f"{n / 1e9:.3f}e9"


def frame_text(which: str, env: dict[str, str]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "frame.txt"
        subprocess.run([PYTHON, str(BENCH_DIR / "first_frame.py"), which, "--dump", str(out)], env=env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        return out.read_text() if out.exists() else ""


def run(quick: bool = False) -> list[Row]:
    tool = valgrind()
    if tool is None:
        why = "valgrind not found: install it (apt-get install valgrind, dnf install valgrind)"
        return [Row("instructions", name, why, status="FAIL") for name in (
            "start-up to picker, instructions", "hamcoach --version, instructions", "hamcoach status, instructions")]
    reps = 2 if quick else 3
    from bench_history import install_history

    results: dict[str, dict] = {}
    with DataHome() as home:
        env = clean_env(home, PYTHONHASHSEED="0")
        first = [PYTHON, str(BENCH_DIR / "first_frame.py")]
        results["pass"] = counted(tool, [PYTHON, "-c", "pass"], env, reps)
        results["version"] = counted(tool, hamcoach_argv("--version"), env, reps)
        results["hamcoach"] = counted(tool, [*first, "hamcoach"], env, reps)
        results["picker"] = counted(tool, [*first, "picker"], env, reps)
        results["label"] = counted(tool, [*first, "label"], env, reps)
        results["models"] = counted(tool, [*first, "picker-models"], env, reps)
        same = frame_text("hamcoach", env) == frame_text("picker", env)
        install_history(home, 10)
        results["status"] = counted(tool, hamcoach_argv("status"), env, reps)  # the first, uncounted, writes the digest

    spread = max(r["spread"] for r in results.values())
    base, ham, picker, label = (results[k]["median"] for k in ("pass", "hamcoach", "picker", "label"))
    version, status = results["version"]["median"], results["status"]["median"]
    startup = ham / picker
    return [
        Row("instructions", "start-up to picker, instructions (callgrind)", giga(ham), giga(picker) + " same-widgets",
            f"{startup:.2f}x", f"<= {STARTUP_BUDGET}x bare", verdict(startup <= STARTUP_BUDGET),
            {k: v for k, v in results.items()}),
        Row("instructions", "  same, vs the plain one-Label app", giga(ham), giga(label) + " label",
            f"{ham / label:.2f}x", "note", "info"),
        Row("instructions", "  same-widgets bare app vs one-Label app", giga(picker), giga(label) + " label",
            f"{picker / label:.2f}x", "note", "info"),
        Row("instructions", "  same-widgets bare app + import hamcoach's pydantic models", giga(results["models"]["median"]),
            giga(picker) + " same-widgets", f"{results['models']['median'] / picker:.2f}x", "note: pydantic alone",
            "info"),
        Row("instructions", "  first frames' text, hamcoach and bare app", "same" if same else "DIFFERENT", "—", "—",
            "note: bare_picker.py must match", "info"),
        Row("instructions", "hamcoach --version, instructions", giga(version), giga(base) + " python -c pass",
            f"{version / base:.2f}x", f"<= {VERSION_BUDGET}x", verdict(version / base <= VERSION_BUDGET)),
        Row("instructions", "hamcoach status, 10 y history, instructions", giga(status), giga(base) + " python -c pass",
            f"{status / base:.2f}x", f"<= {STATUS_BUDGET}x", verdict(status / base <= STATUS_BUDGET)),
        Row("instructions", f"  counts repeat to within (max spread of {reps} runs)", f"{spread * 100:.3f} %", "—", "—",
            f"note: <= {SPREAD_LIMIT * 100:.1f} % expected", "info"),
    ]
