"""Run the real ``hamcoach`` in a pseudo-terminal of its own, as a user's terminal would.

Used where a test needs two real processes (two terminals on one data home): the
output is drained all the time by a thread (a full pty would block the app) and kept,
so a test can wait for words to appear and type keys.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import select
import signal
import struct
import sys
import threading
import time
from pathlib import Path

# CSI and OSC sequences, and the other two-byte escapes: what is left is the text drawn.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_NAMED = {"escape": "\x1b", "enter": "\r", "ctrl+c": "\x03", "ctrl+q": "\x11"}


class Terminal:
    """``python -m hamcoach ARGS`` on a pty of ``cols`` x ``rows`` with ``HAMCOACH_HOME=home``."""

    def __init__(self, home: Path, *args: str, cols: int = 100, rows: int = 30) -> None:
        import fcntl
        import termios

        env = {key: value for key, value in os.environ.items() if not key.startswith(("TEXTUAL", "NO_COLOR"))}
        env.update(HAMCOACH_HOME=str(home), TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        argv = [sys.executable, "-m", "hamcoach", *args]
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        pid = os.fork()
        if pid == 0:  # the child: a session of its own with the pty as its terminal
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.raw = bytearray()
        self.status: int | None = None
        self._cond = threading.Condition()
        self._eof = False
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.5)
                data = os.read(self.fd, 65536) if ready else None
            except OSError as exc:  # EIO: the child side is gone
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            if data is None:
                continue
            with self._cond:
                if not data:
                    self._eof = True
                    self._cond.notify_all()
                    return
                self.raw += data
                self._cond.notify_all()

    def mark(self) -> int:
        """Where the output is now: ``text(since=mark)`` is what was drawn after it."""
        with self._cond:
            return len(self.raw)

    def text(self, since: int = 0) -> str:
        """What was drawn (since a mark), with the escape sequences taken out."""
        with self._cond:
            return _ESCAPES.sub(b"", bytes(self.raw[since:])).decode("utf-8", "replace")

    def wait_for(self, words: str, timeout: float = 60.0, since: int = 0) -> bool:
        """Wait until ``words`` have been drawn (since a mark), escapes taken out."""
        deadline = time.monotonic() + timeout
        while True:
            if words in self.text(since):
                return True
            with self._cond:
                left = deadline - time.monotonic()
                if left <= 0 or self._eof:
                    return words in self.text(since)
                self._cond.wait(min(left, 0.2))

    def keys(self, *keys: str) -> None:
        """Type keys, one at a time, with a short gap (as a person would): a character
        stands for itself; ``escape``, ``enter``, ``ctrl+c`` and ``ctrl+q`` are named."""
        for key in keys:
            os.write(self.fd, _NAMED.get(key, key).encode())
            time.sleep(0.3 if key == "escape" else 0.15)  # a lone ESC is told from a sequence by a pause

    def wait_exit(self, timeout: float = 30.0) -> int | None:
        """The exit status once the program has ended, or None if it is still running."""
        deadline = time.monotonic() + timeout
        while self.status is None and time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.05)
        return self.status

    def close(self) -> None:
        """End the program if it still runs (ctrl+q, then signals) and free the terminal."""
        if self.status is None:
            with contextlib.suppress(OSError):
                os.write(self.fd, b"\x11")
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, sig)
                if self.wait_exit(3) is not None:
                    break
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
