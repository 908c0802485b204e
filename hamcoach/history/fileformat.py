"""The history file's layout and its TinyDB storage: atomic writes, a write lock, a read cache.

The file is plain JSON that TinyDB reads as it is, but we write one document per line::

    {
    "meta":{
    "1":{"schema_version":1}
    },
    "sessions":{
    "1":{"id":"...","routine_id":"...",...},
    "2":{...}
    },
    "rest_days":{
    "1":{"date":"2024-05-06"}
    },
    "deleted":{
    "1":{"id":"...",...,"deleted_at":"2024-05-07T08:00:00+02:00"}
    },
    "checkins":{
    "1":{"date":"2024-05-07","answer":"worse"}
    }
    }

``deleted`` holds the sessions the user deleted, each as it was stored with a
``deleted_at`` key added at its end; they stay there until the user empties the table.

A ten-year history is about 9 MB, and parsing it whole (or building 50,000 pydantic
set records) takes several hundred ms on a modest machine. With this layout each
document stays raw bytes until it is looked at, and a save joins the untouched lines
instead of serialising them again. A file in any other layout (hand-edited, or
written by TinyDB itself) is parsed in full and gets this layout on the next save.

:mod:`hamcoach.history.store` builds the history on top of this module.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Storage

from hamcoach.atomic import write_bytes_atomic
from hamcoach.errors import StoreError

try:
    import fcntl
except ImportError:  # not POSIX: no cross-process lock
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 1
SESSIONS, META, REST_DAYS, DELETED, CHECKINS = "sessions", "meta", "rest_days", "deleted", "checkins"
Tables = dict[str, dict[str, bytes]]  # table name -> doc id -> the document's JSON
JSON_STRING = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'  # a JSON string, escapes and all
_TABLE_LINE = re.compile(JSON_STRING + rb":\{")


class CorruptFile(ValueError):
    """The file cannot be used as a history; the message says why."""


def loads(data: bytes | str) -> Any:
    """``json.loads``; JSON nested too deeply for Python's parser is a ValueError like any
    other bad JSON (``json`` itself raises RecursionError, which nothing would catch)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None


def dumps(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def _render(tables: Tables) -> bytes:
    names = sorted(tables, key=lambda name: name != META)  # meta first
    out = [b"{"]
    for n, name in enumerate(names):
        out.append(dumps(name) + b":{")
        if tables[name]:
            out.append(b",\n".join(b'"%s":%s' % (k.encode(), v) for k, v in tables[name].items()))
        out.append(b"}," if n < len(names) - 1 else b"}")
    out.append(b"}\n")
    return b"\n".join(out)


def _parse_lines(data: bytes) -> Tables | None:
    """Split a file in our layout into raw documents; None if it is not in it."""
    lines = data.split(b"\n")  # a raw newline never occurs inside a JSON document
    if lines[-1] == b"":
        lines.pop()
    if len(lines) < 2 or lines[0] != b"{" or lines[-1] != b"}":
        return None
    tables: Tables = {}
    i, end = 1, len(lines) - 1
    while i < end:
        head = _TABLE_LINE.fullmatch(lines[i])
        j = i + 1
        while j < end and lines[j] not in (b"}", b"},"):
            j += 1
        if not head or j == end or (lines[j] == b"},") != (j + 1 < end):
            return None
        try:
            docs = tables[unescape(head[1])] = {}
        except ValueError:
            return None
        for n in range(i + 1, j):  # each line is "<doc id>":{...} with commas between
            key, _, doc = lines[n].partition(b'":')
            if n + 1 < j:
                doc = doc[:-1] if doc[-2:] == b"}," else b""
            if not (key[1:].isdigit() and key[:1] == b'"' and doc[:1] == b"{" and doc[-1:] == b"}"):
                return None
            docs[key[1:].decode()] = doc
        i = j + 1
    return tables


def _parse_full(data: bytes) -> Tables:
    try:
        obj = json.loads(data)
    except ValueError:  # also bad UTF-8
        raise CorruptFile("it is not valid JSON") from None
    except RecursionError:
        raise CorruptFile("it is nested too deeply to be a history") from None
    if not isinstance(obj, dict) or not all(
        isinstance(table, dict) and all(
            k.isascii() and k.isdigit() and isinstance(doc, dict) for k, doc in table.items())
        for table in obj.values()
    ):
        raise CorruptFile("it is not shaped like a hamcoach history")
    return {name: {k: dumps(doc) for k, doc in table.items()} for name, table in obj.items()}


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace on write, a cross-process write lock, a read cache."""

    def __init__(self, path: str | Path, lock_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.generation = 0  # bumped whenever the cached tables change
        self._tables: Tables | None = None
        self._sig: Any = ()  # () = nothing cached; None = no file
        self._parsed: tuple[int, Any] = (-1, None)
        self._mutex = threading.RLock()
        self._depth, self._lock_fd = 0, -1

    def read(self) -> dict[str, dict[str, Any]] | None:
        """TinyDB's view: every table parsed (None when the file is missing or empty)."""
        tables = self.load()
        if self._parsed[0] != self.generation:
            data = None if tables is None else {
                name: {k: loads(v) for k, v in docs.items()} for name, docs in tables.items()}
            self._parsed = (self.generation, data)
        parsed: dict[str, dict[str, Any]] | None = self._parsed[1]
        return parsed

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write: serialise every table and replace the file."""
        self._parsed = (-1, None)  # TinyDB edits what read() gave it; never trust that copy
        self.dump({name: {str(k): dumps(d) for k, d in docs.items()} for name, docs in data.items()})
        self._parsed = (self.generation, data)

    def load(self) -> Tables | None:
        """The tables as raw JSON per document; re-read only if (mtime, size, inode) changed."""
        try:
            if _signature(os.stat(self.path)) == self._sig:
                return self._tables
            with open(self.path, "rb") as f:
                sig, data = _signature(os.fstat(f.fileno())), f.read()
        except FileNotFoundError:
            return self._remember(None, None)
        except OSError as exc:
            raise CorruptFile(f"it could not be read: {exc.strerror or exc}") from None
        tables = (_parse_lines(data) or _parse_full(data)) if data else None
        return self._remember(sig, tables)

    def dump(self, tables: Tables) -> None:
        """Write to a temp file in the same folder, fsync, and rename it over the file."""
        data = _render(tables)
        with self.locked():
            try:
                mode = os.stat(self.path).st_mode & 0o777
            except OSError:
                mode = 0o600  # what mkstemp gives a new file
            sig = _signature(write_bytes_atomic(self.path, data, mode))  # mode: keep the user's choice
            self._remember(sig, tables)

    @property
    def signature(self) -> tuple[int, int, int] | None:
        """(mtime in ns, size, inode) of the file as last read or written; None without one."""
        return self._sig if isinstance(self._sig, tuple) and self._sig else None

    def forget(self) -> None:
        """Drop the cache; the next load reads the file."""
        self._remember((), None)

    def _remember(self, sig: Any, tables: Tables | None) -> Tables | None:
        if sig != self._sig or tables is not self._tables:
            self._sig, self._tables = sig, tables
            self.generation += 1
        return tables

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock (a flock on ``<path>.lock``); re-entrant within this object."""
        if not self._mutex.acquire(timeout=self.lock_timeout):
            raise self._busy()
        try:
            if self._depth == 0 and fcntl is not None:
                self._lock_fd = self._flock()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_fd >= 0:
                    os.close(self._lock_fd)  # closing releases the flock
                    self._lock_fd = -1
        finally:
            self._mutex.release()

    def _flock(self) -> int:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise self._busy() from None
                time.sleep(0.02)
            except OSError:  # no flock here (some network filesystems): go on unlocked
                return fd

    def _busy(self) -> StoreError:
        return StoreError(f"History is locked by another hamcoach ({self.lock_path}); try again.")


def unescape(raw: bytes) -> str:
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()
