"""SIGTERM and SIGHUP (a terminal window closed, a logout) end hamcoach like ctrl+q:
the terminal is put back and the session under way is saved (finding 8).

A real ``hamcoach`` process in a real pseudo-terminal: the signal is sent while the
first set of a session is under way, then the terminal's output after it is read for
the sequences that restore it, and the history for the checkpoint.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import threading
import time

import pytest
from support.apps import QUICK_ID, QUICK_TOML, write_routine

from hamcoach.history.store import HistoryStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")

LEAVE_ALT_SCREEN, MOUSE_OFF, CURSOR_ON = b"\x1b[?1049l", b"\x1b[?1000l", b"\x1b[?25h"


class Terminal:
    """``hamcoach`` on a pty of its own (a session leader, as in a terminal window)."""

    def __init__(self, home, *args: str) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TERM": "xterm-256color",
               "LANG": "C.UTF-8", "HAMCOACH_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
        pid = os.fork()
        if pid == 0:
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.execve(sys.executable, [sys.executable, "-m", "hamcoach", *args], env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd, self.output = pid, master, bytearray()
        self.status: int | None = None
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        self.status = os.waitpid(self.pid, 0)[1]

    def read_until(self, marker: bytes | None, timeout: float = 60) -> bool:
        """Read the output until ``marker`` appears (or, for None, until the terminal closes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker is not None and marker in self.output:
                return True
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError as exc:
                if exc.errno != errno.EIO:
                    raise
                data = b""
            if not data:
                return marker is None
            self.output += data
        return False

    def exit_status(self, timeout: float = 30) -> int | None:
        self._waiter.join(timeout)
        return self.status

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self._waiter.join(10)
        with contextlib.suppress(OSError):
            os.close(self.fd)


@pytest.fixture
def home(isolated_home):
    write_routine(isolated_home, QUICK_ID, QUICK_TOML)
    (isolated_home / "settings.json").write_text('{"safety_notice_seen": true}')
    return isolated_home


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal_and_saves_the_session(home, signum):
    terminal = Terminal(home, "--mute", "run", QUICK_ID)
    try:
        assert terminal.read_until(b"Mini curl"), terminal.output[-2000:]
        mark = len(terminal.output)
        os.kill(terminal.pid, signum)
        assert terminal.read_until(None), "the app did not end"
        status = terminal.exit_status()
    finally:
        terminal.close()
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + signum
    after = bytes(terminal.output[mark:])
    assert LEAVE_ALT_SCREEN in after and MOUSE_OFF in after and CURSOR_ON in after
    assert b"Traceback" not in terminal.output and b"stopped unexpectedly" not in terminal.output
    (session,) = HistoryStore(home / "history.json").sessions()  # the first set under way: saved
    assert session.status == "in_progress" and session.routine_id == QUICK_ID


def test_a_closed_terminal_window_saves_the_session(home):
    terminal = Terminal(home, "--mute", "run", QUICK_ID)
    try:
        assert terminal.read_until(b"Mini curl"), terminal.output[-2000:]
        os.close(terminal.fd)  # the window closes: the kernel hangs up the session (SIGHUP)
        status = terminal.exit_status()
    finally:
        terminal.close()
    assert status is not None, "the app did not end"
    (session,) = HistoryStore(home / "history.json").sessions()
    assert session.status == "in_progress"
