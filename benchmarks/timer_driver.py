"""Run the real hamcoach CLI, logging when each phase change happens and when frames go out.

Used by bench_timer.py inside a pty: ``python timer_driver.py <hamcoach args>`` with
BENCH_TIMER_LOG naming the JSON file to write on exit. Nothing in hamcoach is
changed; the engine's ``_enter`` (called once per phase change, from the screen's
tick) and the terminal driver's ``write`` are wrapped to record time.monotonic().

Only the session screen's own engine is logged. The app runs other engines too: the
voice renders a session's phrases ahead of need by running the routine through a
second :class:`Engine` on a paper clock (``sound.phrases.session_plan``, on the voice
thread, once when ``run ID`` starts and again when the session screen mounts). Those
enter every phase in a millisecond and play nothing; logging them with the real one
is what made the phase sequence look like ``[0, 1, 2, 3, 4, 0, 1, ...]``. They are
counted (``paper_engines``) but not logged.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time


def main() -> int:
    from textual.drivers.linux_driver import LinuxDriver

    from hamcoach.cli.main import main as hamcoach_main
    from hamcoach.coaching.engine import Engine
    from hamcoach.ui.screens.session import SessionScreen

    phases: list[dict] = []
    planned: list[float] = []
    writes: list[tuple[float, int]] = []
    session_engines: list[int] = []  # id() of each session screen's engine, in order
    paper_engines: set[int] = set()
    enter, write, screen_init = Engine._enter, LinuxDriver.write, SessionScreen.__init__

    def logged_init(self, *args, **kwargs):
        screen_init(self, *args, **kwargs)
        session_engines.append(id(self.engine))

    def logged_enter(self, index, at, previous, announce=True):
        if id(self) not in session_engines:
            paper_engines.add(id(self))
            return enter(self, index, at, previous, announce)
        if not phases:  # the session starts: the timeline as run (the coach may have changed the file's plan)
            planned[:] = [float(p.seconds) for p in self.timeline]
        phases.append({"index": index, "kind": self.timeline[index].kind.value, "at": at,
                       "observed": time.monotonic(), "engine": session_engines.index(id(self)),
                       "thread": threading.current_thread().name})
        return enter(self, index, at, previous, announce)

    def logged_write(self, data):
        writes.append((time.monotonic(), len(data)))
        return write(self, data)

    SessionScreen.__init__ = logged_init
    Engine._enter = logged_enter
    LinuxDriver.write = logged_write
    try:
        return hamcoach_main(sys.argv[1:])
    finally:
        with open(os.environ["BENCH_TIMER_LOG"], "w") as f:
            json.dump({"phases": phases, "writes": writes, "planned": planned,
                       "session_engines": len(session_engines), "paper_engines": len(paper_engines)}, f)


if __name__ == "__main__":
    sys.exit(main())
