"""Run a program in a real pseudo-terminal, as a user's terminal would.

The child gets a fresh session with the pty as its controlling terminal and a
fixed window size (set before it starts, so its first frame already has it).
A reader thread drains the output all the time: a full pty buffer would block the
app's writes and distort every measurement.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import select
import signal
import struct
import termios
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


class PtyProcess:
    """A child process on a pty, with its whole output kept and timestamped."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: str | None = None,
                 cols: int = 80, rows: int = 24):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.launched = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: become a session leader on the pty, then exec
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                if cwd:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.output = bytearray()
        self.chunks: list[tuple[float, int]] = []  # (perf_counter when read, output length after it)
        self._cond = threading.Condition()
        self._eof = False
        self.rusage = None
        self.status: int | None = None
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.5)
                if not ready:
                    continue
                data = os.read(self.fd, 65536)
            except OSError as exc:  # EIO: the child side is gone
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            with self._cond:
                if not data:
                    self._eof = True
                    self._cond.notify_all()
                    return
                self.output += data
                self.chunks.append((time.perf_counter(), len(self.output)))
                self._cond.notify_all()

    def wait_for(self, marker: bytes, timeout: float = 20.0, start: int = 0) -> float | None:
        """Block until ``marker`` appears in the output after offset ``start``.

        Returns the perf_counter time at which the chunk holding it was read, or
        None on timeout or end of output.
        """
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                if self.output.find(marker, start) >= 0:
                    return time.perf_counter()
                left = deadline - time.perf_counter()
                if left <= 0 or self._eof:
                    return None
                self._cond.wait(left)

    def send(self, data: bytes) -> None:
        """Type into the terminal."""
        os.write(self.fd, data)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process (all its threads) so far."""
        with open(f"/proc/{self.pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime

    def status_kib(self, key: str) -> int:
        """A ``/proc/<pid>/status`` figure in KiB, such as VmHWM (peak RSS) or VmRSS."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        raise KeyError(key)

    def stop(self, keys: bytes = b"\x11", timeout: float = 5.0) -> int:
        """Quit with ``keys`` (ctrl+q), escalating to SIGTERM and SIGKILL; return the status."""
        if self.status is None:
            with contextlib.suppress(OSError):
                self.send(keys)
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, sig)
                deadline = time.perf_counter() + timeout
                while time.perf_counter() < deadline:
                    pid, status, rusage = os.wait4(self.pid, os.WNOHANG)
                    if pid:
                        self.status, self.rusage = status, rusage
                        break
                    time.sleep(0.01)
                if self.status is not None:
                    break
        self._reader.join(2.0)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        return self.status if self.status is not None else -1

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
