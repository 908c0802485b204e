"""Saving a session's checkpoints without holding up the screen.

A checkpoint rewrites the whole history file (atomically): with 50,000 sessions that is
about 70 MB and up to half a second, which froze the session screen when it ran on the
UI thread. :class:`SaveInBackground` saves on a thread of its own, with a history store
of its own (its own cache; the file lock orders it with every other writer; it shares
the app store's record of running sessions, so the session it saves is not taken for
one running in another process):

- a checkpoint replaces any not yet written for the same session (only the latest
  matters), so a slow disk never builds a queue;
- :meth:`settle` drops what is waiting and waits for the save under way: the final
  record of a session is then saved by the caller, and no older checkpoint can land
  after it;
- a failure is passed to the ``on_error`` given with the record (on the worker thread).

:class:`SaveNow` does the same on the caller's thread (the tests' default: no threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from hamcoach.errors import HamcoachError
from hamcoach.history.live import LiveSessions
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore, StoreSeed

OnError = Callable[[str], None]


class CheckpointSaver(Protocol):
    """Where a session screen sends its checkpoints."""

    def save(self, record: SessionRecord, on_error: OnError) -> None:
        """Save ``record`` (now, or soon); ``on_error`` gets the message if it cannot be."""

    def settle(self, timeout: float | None = None) -> bool:
        """Drop waiting checkpoints and wait for one being written; False on timeout."""

    def close(self) -> None:
        """Finish what is under way and stop."""


class SaveNow:
    """Checkpoints saved at once, on the caller's thread, into the given store."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    def save(self, record: SessionRecord, on_error: OnError) -> None:
        try:
            self.store.save_session(record)
        except (HamcoachError, OSError) as exc:
            on_error(str(exc))

    def settle(self, timeout: float | None = None) -> bool:
        return True

    def close(self) -> None:
        pass


class SaveInBackground:
    """Checkpoints saved on a worker thread, the latest per session only."""

    def __init__(self, path: Path, on_warning: Callable[[str], None] | None = None,
                 lock_timeout: float = 5.0, live: LiveSessions | None = None,
                 source: HistoryStore | None = None) -> None:
        self.path = path
        # The app's store: the saver's own store starts from its documents (one copy of a
        # long history in memory, not two; issue 15), taken on the caller's thread.
        self._source = source
        self._seed: StoreSeed | None = None
        # The app's running sessions (its store's): a session running here is not "elsewhere".
        self._live = live
        self.on_warning = on_warning  # told of a new store warning (a file set aside), on the worker thread
        self._lock_timeout = lock_timeout
        self._cond = threading.Condition()
        self._waiting: dict[str, tuple[SessionRecord, OnError]] = {}
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self._store: HistoryStore | None = None
        self.saved = 0  # how many checkpoints were written (for tests and figures)

    def save(self, record: SessionRecord, on_error: OnError) -> None:
        with self._cond:
            if self._closed:
                raise RuntimeError("the checkpoint saver is closed")
            if self._thread is None and self._source is not None:
                self._seed, self._source = self._source.seed(), None
            self._waiting.pop(record.id, None)  # a newer checkpoint replaces a waiting one
            self._waiting[record.id] = (record, on_error)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="hamcoach-checkpoints", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def settle(self, timeout: float | None = None) -> bool:
        with self._cond:
            self._waiting.clear()
            return self._cond.wait_for(lambda: not self._busy, timeout)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every waiting checkpoint is written; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy and not self._waiting, timeout)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._waiting) or self._closed)
                if not self._waiting:
                    return  # closed, and nothing left
                sid = next(iter(self._waiting))
                record, on_error = self._waiting.pop(sid)
                self._busy = True
            try:
                if self._store is None:
                    self._store = HistoryStore(self.path, self._lock_timeout, seed=self._seed)
                    self._seed = None
                    self._store.on_warning = self.on_warning
                    if self._live is not None:
                        self._store.live = self._live
                self._store.save_session(record)
                self.saved += 1
            except (HamcoachError, OSError) as exc:
                on_error(str(exc))
            except Exception as exc:  # never let the worker die silently: say it like a save error
                on_error(f"unexpected error: {exc}")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
