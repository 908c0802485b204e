"""Run the real hamcoach CLI, logging when each phase change happens and when frames go out.

Used by bench_timer.py inside a pty: ``python timer_driver.py <hamcoach args>`` with
BENCH_TIMER_LOG naming the JSON file to write on exit. Nothing in hamcoach is
changed; the engine's ``_enter`` (called once per phase change, from the screen's
tick) and the terminal driver's ``write`` are wrapped to record time.monotonic().
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    from textual.drivers.linux_driver import LinuxDriver

    from hamcoach.cli.main import main as hamcoach_main
    from hamcoach.coaching.engine import Engine

    phases: list[dict] = []
    planned: list[float] = []
    writes: list[tuple[float, int]] = []
    enter, write = Engine._enter, LinuxDriver.write

    def logged_enter(self, index, at, previous, announce=True):
        if index == 0:  # a (re)start: the app may rebuild the session once the coach has the history
            phases.clear()
            # the timeline as run: the coach may have changed the routine file's plan
            planned[:] = [float(p.seconds) for p in self.timeline]
        phases.append({"index": index, "kind": self.timeline[index].kind.value,
                       "at": at, "observed": time.monotonic()})
        return enter(self, index, at, previous, announce)

    def logged_write(self, data):
        writes.append((time.monotonic(), len(data)))
        return write(self, data)

    Engine._enter = logged_enter
    LinuxDriver.write = logged_write
    try:
        return hamcoach_main(sys.argv[1:])
    finally:
        with open(os.environ["BENCH_TIMER_LOG"], "w") as f:
            json.dump({"phases": phases, "writes": writes, "planned": planned}, f)


if __name__ == "__main__":
    sys.exit(main())
