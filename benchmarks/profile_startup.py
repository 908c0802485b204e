"""Profile hamcoach's start-up (imports to the first picker frame) with pyinstrument.

    python benchmarks/profile_startup.py [--html out.html] [--bare] [--all] [--from-run] [--flat] [--tree DIR]

Runs the real ``hamcoach`` entry point in a pty (80x24) with a throw-away data
home, quits as soon as the picker's first frame has been handed to the terminal,
and prints pyinstrument's call tree. ``--bare`` profiles the bare baseline app.
Needs ``pip install -r benchmarks/requirements.txt``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def child(out: str, html: bool, bare: bool, show_all: bool = False, from_run: bool = False,
          flat: bool = False) -> None:
    """Inside the pty: profile from before the first import (or from App.run) to the first frame."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    if not from_run:
        profiler.start()
    from textual.app import App

    if from_run:
        run = App.run

        def profiled_run(self, *args, **kwargs):
            profiler.start()
            return run(self, *args, **kwargs)

        App.run = profiled_run

    display = App._display

    def spy(self, screen, renderable):
        display(self, screen, renderable)
        name = type(screen).__name__
        if renderable is not None and name in ("PickerScreen", "Screen") and not getattr(self, "_bench_done", False):
            self._bench_done = True
            profiler.stop()
            self.exit()

    App._display = spy
    if bare:
        from bare_app import BareApp

        BareApp().run()
    else:
        from hamcoach import cli

        cli.main([])
    Path(out).write_text(profiler.output_html() if html else profiler.output_text(unicode=True, show_all=show_all, flat=flat))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] == "html", sys.argv[4] == "bare", "all" in sys.argv[5], "run" in sys.argv[5],
              "flat" in sys.argv[5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, help="write pyinstrument's HTML report here instead")
    parser.add_argument("--bare", action="store_true", help="profile the bare Textual app instead")
    parser.add_argument("--all", action="store_true", help="show library frames too (Textual, pydantic)")
    parser.add_argument("--from-run", action="store_true", help="start at App.run: leave the imports out")
    parser.add_argument("--tree", type=Path, help="profile the hamcoach package in this source tree")
    parser.add_argument("--flat", action="store_true", help="a flat list of functions by their own time")
    args = parser.parse_args()

    from common import PYTHON, DataHome, clean_env
    from ptyproc import PtyProcess

    if args.tree:
        os.environ["BENCH_TREE"] = str(args.tree.resolve())
    with DataHome() as home:
        out = args.html or Path(tempfile.mkdtemp()) / "profile.txt"
        argv = [PYTHON, __file__, "--child", str(out), "html" if args.html else "text", "bare" if args.bare else "ham",
                ("all" if args.all else "app") + ("+run" if args.from_run else "")
                + ("+flat" if args.flat else "")]
        for _ in range(2):  # the first run warms the page cache (and any cache hamcoach keeps)
            proc = PtyProcess(argv, clean_env(home))
            deadline = time.time() + 60
            while proc.status is None and time.time() < deadline:
                pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    proc.status = status
                time.sleep(0.05)
            proc.stop()
        if not Path(out).exists():
            print(bytes(proc.output[-2000:]).decode(errors="replace"))
            return 1
        if args.html:
            print(f"wrote {out}")
        else:
            print(Path(out).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
