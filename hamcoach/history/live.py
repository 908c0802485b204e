"""Which sessions are running right now, in this process or any other on the machine.

A running session is *live*: the process that runs it holds an exclusive ``flock`` on
``<data home>/live/<session id>.lock`` from the moment it starts until its record is
final. The kernel drops the lock when the process ends, however it ends (a crash, a
closed terminal, SIGKILL), so a lock file nobody holds is simply a session that is no
longer running. Nothing is written into the history for this: liveness is never stale.

Other processes use it to leave a live session alone: it is not offered for resume,
and it cannot be kept as partial, deleted or edited from elsewhere.

Without ``fcntl`` (Windows) or where the file system refuses ``flock``, sessions
cannot be marked: :meth:`LiveSessions.hold` still succeeds and only this object's own
holds count as live.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: How long :meth:`LiveSessions.hold` retries a lock that is busy: a probe by
#: :meth:`LiveSessions.is_live` holds it for microseconds; a running session for good.
HOLD_PATIENCE = 0.25


class LiveSessions:
    """The live-session locks in one folder; this object's own holds are remembered."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fds: dict[str, int] = {}  # session id -> the open, locked lock file (-1: unlocked)

    def lock_path(self, session_id: str) -> Path:
        """The lock file of a session (ids that are not plain names are hashed)."""
        name = session_id if _SAFE_ID.fullmatch(session_id) else \
            "x-" + hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()[:40]
        return self.folder / f"{name}.lock"

    def held(self, session_id: str) -> bool:
        """Whether this object holds the session (it is running here)."""
        return session_id in self._fds

    def hold(self, session_id: str) -> bool:
        """Mark the session as running here; False if another process runs it.

        Holding it again is harmless. Where sessions cannot be marked (no flock, a
        folder that cannot be created) it is held in this object only.
        """
        if session_id in self._fds:
            return True
        if fcntl is None:
            self._fds[session_id] = -1
            return True
        path = self.lock_path(session_id)
        deadline = time.monotonic() + HOLD_PATIENCE
        while True:
            try:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                self._fds[session_id] = -1
                return True
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.01)
                continue
            except OSError:  # no flock on this file system: go on unmarked
                os.close(fd)
                self._fds[session_id] = -1
                return True
            # A holder that let go unlinks the file: a lock on the old inode guards nothing.
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # for a person looking: who runs it
            self._fds[session_id] = fd
            return True

    def release(self, session_id: str) -> None:
        """The session is no longer running here (its record is final, or it was handed back)."""
        fd = self._fds.pop(session_id, None)
        if fd is None or fd < 0:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.lock_path(session_id))  # while still locked: nobody waits on a dead file
        os.close(fd)

    def release_all(self) -> None:
        """Let go of every session held here."""
        for session_id in list(self._fds):
            self.release(session_id)

    def is_live(self, session_id: str) -> bool:
        """Whether the session is running, here or in another process."""
        if session_id in self._fds:
            return True
        if fcntl is None:
            return False
        try:
            fd = os.open(self.lock_path(session_id), os.O_RDONLY)
        except OSError:  # no lock file: not running
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(fd)  # closing also drops our probe's lock
        return False

    def running_elsewhere(self, session_id: str) -> bool:
        """Whether another process (or another store in this one) runs the session."""
        return session_id not in self._fds and self.is_live(session_id)
