"""hamcoach's performance harness: every figure beside its baseline, measured in the same run.

    python benchmarks/run.py                 # everything, about 25 minutes
    python benchmarks/run.py --quick         # fewer repetitions, a 30 s timer routine, 10k sessions
    python benchmarks/run.py --only instructions   # the callgrind instruction counts alone
    python benchmarks/run.py --only startup,history
    python benchmarks/run.py --json out.json # the raw numbers too

Prints a table (figure, value, baseline, ratio, budget, result) and exits 1 when a
budget is missed. It is not part of the test suite: it needs a real pty, real
time, and a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, Row  # noqa: E402

BENCHES = {
    "instructions": "bench_instructions",  # callgrind counts: start-up, --version, status
    "startup": "bench_startup",
    "session": "bench_session",  # CPU during a hold and peak memory
    "timer": "bench_timer",
    "sound": "bench_sound",  # cue latency through aplay, captured by sound-sink
    "history": "bench_history",
    "scale": "bench_scale",  # 50,000 sessions: import, history --json, a checkpoint save
}
ALIASES = {"cpu": "session", "memory": "session", "start-up": "startup", "callgrind": "instructions"}


def machine() -> dict:
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    from importlib.metadata import version

    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "platform": platform.platform(), "textual": version("textual"), "pydantic": version("pydantic"),
            "load": os.getloadavg() if hasattr(os, "getloadavg") else None}


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a shared machine's wall-clock figures move with them."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def table(rows: list[Row]) -> str:
    head = ("figure", "value", "baseline", "ratio", "budget", "result")
    cells = [head] + [(r.figure, r.value, r.baseline, r.ratio, r.budget, r.status) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = []
    for n, c in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=False)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a shorter timer routine")
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(BENCHES)} (cpu and memory = session)")
    parser.add_argument("--json", type=Path, help="also write every raw number to this file")
    parser.add_argument("--tree", type=Path, help="measure the hamcoach package in this source tree "
                        "(a candidate fix) instead of the installed one")
    args = parser.parse_args(argv)

    names = [ALIASES.get(n.strip(), n.strip()) for n in args.only.split(",") if n.strip()] or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    # In-process benchmarks must never touch the user's real data.
    os.environ["HAMCOACH_HOME"] = tempfile.mkdtemp(prefix="hamcoach-bench-home-")
    os.chdir(REPO)
    if args.tree:
        tree = str(args.tree.resolve())
        os.environ["BENCH_TREE"] = tree
        sys.path.insert(0, tree)

    info = machine()
    import hamcoach

    info["hamcoach"] = str(Path(hamcoach.__file__).parent)
    print(f"hamcoach benchmarks{' (quick)' if args.quick else ''}: {info['cpus']} x {info['cpu_model']}, "
          f"{info['platform']}, Python {info['python']}, Textual {info['textual']}, pydantic {info['pydantic']}\n"
          f"  hamcoach from {info['hamcoach']}; load average {load_average()} at the start", flush=True)
    rows: list[Row] = []
    started = time.perf_counter()
    for name in dict.fromkeys(names):
        t0 = time.perf_counter()
        print(f"  {name} ...", end="", flush=True)
        module = __import__(BENCHES[name])
        try:
            got = module.run(quick=args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others
            got = [Row(name, f"{name}: could not run", f"{type(exc).__name__}: {exc}"[:120], status="FAIL")]
        rows += got
        print(f" {time.perf_counter() - t0:.0f} s", flush=True)
    print()
    print(table(rows))
    failed = [r for r in rows if r.status == "FAIL"]
    print(f"\n{len(failed)} budget(s) missed" if failed else "\nevery budget met",
          f"in {time.perf_counter() - started:.0f} s; load average {load_average()} at the end.")
    info["load_end"] = load_average()
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "quick": args.quick, "argv": sys.argv,
                                         "rows": [r.__dict__ for r in rows]}, indent=1, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
