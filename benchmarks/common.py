"""Shared pieces: where things are, a clean environment, data homes, and the result rows."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PYTHON = sys.executable
COLS, ROWS = 80, 24


def hamcoach_argv(*args: str) -> list[str]:
    """How a user starts hamcoach: the console script, run by this interpreter.

    Both apps are started as ``python <script>`` so they pay the same interpreter
    start-up; without the console script, ``python -m hamcoach`` is the same code.
    """
    script = Path(PYTHON).with_name("hamcoach")
    if script.is_file():
        return [PYTHON, str(script), *args]
    return [PYTHON, "-m", "hamcoach", *args]


def bare_argv(*args: str) -> list[str]:
    """The plain one-Label app, started the same way (``--with-models``: plus hamcoach.models)."""
    return [PYTHON, str(BENCH_DIR / "bare_app.py"), *args]


def picker_argv() -> list[str]:
    """The start-up baseline: the same-widgets bare app (bare_picker.py), started the same way."""
    return [PYTHON, str(BENCH_DIR / "bare_picker.py")]


def clean_env(home: Path | None = None, **extra: str) -> dict[str, str]:
    """A small, fixed environment: a 256-colour xterm, UTF-8, and the data home."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    if home is not None:
        env["HAMCOACH_HOME"] = str(home)
    if os.environ.get("BENCH_TREE"):  # run.py --tree: measure a candidate source tree
        env["PYTHONPATH"] = os.environ["BENCH_TREE"]
    env.update(extra)
    return env


class DataHome:
    """A throw-away HAMCOACH_HOME: settings (safety notice seen) and custom routines."""

    def __init__(self, safety_seen: bool = True, routines: dict[str, str] | None = None):
        self.path = Path(tempfile.mkdtemp(prefix="hamcoach-bench-"))
        (self.path / "routines").mkdir()
        if safety_seen:
            (self.path / "settings.json").write_text(json.dumps({"safety_notice_seen": True}))
        for name, text in (routines or {}).items():
            (self.path / "routines" / f"{name}.toml").write_text(text)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Row:
    """One line of the results table."""

    group: str
    figure: str
    value: str
    baseline: str = "—"
    ratio: str = "—"
    budget: str = "—"
    status: str = "info"  # PASS, FAIL, info or n/a
    data: dict = field(default_factory=dict)  # raw numbers, for the JSON output


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"
