"""Data at scale (issue 13, finding 12): import, ``history --json`` and a save, measured as a user runs them.

    python benchmarks/scale_data.py                 # 10k and 50k sessions
    python benchmarks/scale_data.py --sizes 155000  # the size that nears the 256 MB import cap
    python benchmarks/scale_data.py --tree ../other # another source tree's hamcoach

Each figure is a separate ``python -m hamcoach`` process under ``/usr/bin/time -v``:
wall time and peak resident memory ("Maximum resident set size") of the whole process.

- import: an export of N synthetic sessions (the built-in routines' real set records,
  about 14 a session) into an empty data home;
- ``history --json`` of the resulting N-session history, output to /dev/null;
- a checkpoint-sized save: ``rest`` (one rest day) into the N-session history, i.e. one
  full atomic rewrite of the file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_history import synthetic_sessions  # noqa: E402


def make_export(count: int, folder: Path, compact: bool = False) -> Path:
    years = count // 365 + 1
    sessions = synthetic_sessions(years, datetime(2025, 6, 30))[-count:]
    path = folder / f"export-{count}.json"
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"format": "hamcoach-history", "version": 1, "rest_days": [],\n "sessions": [\n')
        separators = (",", ":") if compact else (", ", ": ")
        out.write(",\n".join("  " + json.dumps(s, ensure_ascii=False, separators=separators) for s in sessions))
        out.write("\n ]}\n")
    return path


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds: user + system) of one run."""
    result = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "hamcoach", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert wall and rss, result.stderr[-2000:]
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
    code = int(re.search(r"Exit status: (\d+)", result.stderr)[1])
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", result.stderr)[1]) for kind in ("User", "System"))
    if code:
        print(result.stderr.splitlines()[:3], file=sys.stderr)
    return seconds, int(rss[1]) / 1024, code, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--tree", help="a source tree whose hamcoach to measure")
    parser.add_argument("--compact", action="store_true", help="exports without spaces (155k fit under 256 MB)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-scale-"))
    try:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "LANG": "C.UTF-8"}
        if args.tree:
            env["PYTHONPATH"] = str(Path(args.tree).resolve())
        print("wall s (CPU s, user+system) and peak RSS MB of each command, one process each")
        print(f"{'sessions':>9} {'file MB':>8} | {'import':>15} {'MB':>6} | {'history --json':>15} {'MB':>6} "
              f"| {'one save':>15} {'MB':>6}")
        for count in (int(n) for n in args.sizes.split(",")):
            export = make_export(count, folder, args.compact)
            home = folder / f"home-{count}"
            env["HAMCOACH_HOME"] = str(home)
            imp = timed(["import", str(export)], env)
            hist = timed(["history", "--json"], env)
            save = timed(["rest", "2030-01-01"], env)
            size = export.stat().st_size / 1e6
            def cell(run: tuple[float, float, int, float]) -> str:
                return f"{f'{run[0]:.1f} ({run[3]:.1f})':>15} {run[1]:>6.0f}"

            print(f"{count:>9} {size:>8.1f} | {cell(imp)} | {cell(hist)} | {cell(save)}"
                  + ("" if not (imp[2] or hist[2] or save[2]) else f"  exit codes {imp[2]}, {hist[2]}, {save[2]}"))
            export.unlink()
            shutil.rmtree(home)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
