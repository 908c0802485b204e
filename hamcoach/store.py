"""Session history: a TinyDB JSON file, written atomically, one writer at a time.

The file is plain JSON that TinyDB reads as it is, but we write one document per line::

    {
    "meta":{
    "1":{"schema_version":1}
    },
    "sessions":{
    "1":{"id":"...","routine_id":"...",...},
    "2":{...}
    }
    }

A ten-year history is about 9 MB, and parsing it whole (or building 50,000 pydantic
set records) takes several hundred ms on a modest machine. With this layout each
document stays raw bytes until it is looked at, and a save joins the untouched lines
instead of serialising them again. A file in any other layout (hand-edited, or
written by TinyDB itself) is parsed in full and gets this layout on the next save.
A document is only checked when it is read, so one damaged line costs that session
(skipped, with a warning), not the whole history.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Union

from pydantic import ValidationError
from tinydb import Storage

from hamcoach.models import SessionRecord

try:
    import fcntl
except ImportError:  # not POSIX: no cross-process lock
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 1
SESSIONS, META = "sessions", "meta"
Tables = dict[str, dict[str, bytes]]  # table name -> doc id -> the document's JSON
_Head = tuple[bytes, Optional[str], Optional[float]]
_STR = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'  # a JSON string, escapes and all
_TABLE_LINE = re.compile(_STR + rb":\{")
# The head of a document we wrote (model_dump key order), read without a full parse.
_HEAD = re.compile(rb'\{"id":' + _STR + rb',"routine_id":' + _STR
                   + rb',"routine_name":' + _STR + rb',"started_at":' + _STR)


class StoreError(Exception):
    """A history problem, worded as one plain sentence for the user."""


class _Corrupt(ValueError):
    """The file cannot be used as a history; the message says why."""


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def _render(tables: Tables) -> bytes:
    names = sorted(tables, key=lambda name: name != META)  # meta first
    out = [b"{"]
    for n, name in enumerate(names):
        out.append(_dumps(name) + b":{")
        if tables[name]:
            out.append(b",\n".join(b'"%s":%s' % (k.encode(), v) for k, v in tables[name].items()))
        out.append(b"}," if n < len(names) - 1 else b"}")
    out.append(b"}\n")
    return b"\n".join(out)


def _parse_lines(data: bytes) -> Optional[Tables]:
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
            docs = tables[_unescape(head[1])] = {}
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
        raise _Corrupt("it is not valid JSON") from None
    if not isinstance(obj, dict) or not all(
        isinstance(table, dict) and all(
            k.isascii() and k.isdigit() and isinstance(doc, dict) for k, doc in table.items())
        for table in obj.values()
    ):
        raise _Corrupt("it is not shaped like a hamcoach history")
    return {name: {k: _dumps(doc) for k, doc in table.items()} for name, table in obj.items()}


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible everywhere (e.g. Windows).
    with suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace on write, a cross-process write lock, a read cache."""

    def __init__(self, path: Union[str, Path], lock_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.generation = 0  # bumped whenever the cached tables change
        self._tables: Optional[Tables] = None
        self._sig: Any = ()  # () = nothing cached; None = no file
        self._parsed: tuple[int, Any] = (-1, None)
        self._mutex = threading.RLock()
        self._depth, self._lock_fd = 0, -1

    def read(self) -> Optional[dict[str, dict[str, Any]]]:
        """TinyDB's view: every table parsed (None when the file is missing or empty)."""
        tables = self.load()
        if self._parsed[0] != self.generation:
            data = None if tables is None else {
                name: {k: json.loads(v) for k, v in docs.items()} for name, docs in tables.items()}
            self._parsed = (self.generation, data)
        return self._parsed[1]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """TinyDB's write: serialise every table and replace the file."""
        self._parsed = (-1, None)  # TinyDB edits what read() gave it; never trust that copy
        self.dump({name: {str(k): _dumps(d) for k, d in docs.items()} for name, docs in data.items()})
        self._parsed = (self.generation, data)

    def load(self) -> Optional[Tables]:
        """The tables as raw JSON per document; re-read only if (mtime, size, inode) changed."""
        try:
            if _signature(os.stat(self.path)) == self._sig:
                return self._tables
            with open(self.path, "rb") as f:
                sig, data = _signature(os.fstat(f.fileno())), f.read()
        except FileNotFoundError:
            return self._remember(None, None)
        except OSError as exc:
            raise _Corrupt(f"it could not be read: {exc.strerror or exc}") from None
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
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            try:
                with open(fd, "wb") as f:
                    if mode != 0o600 and hasattr(os, "fchmod"):
                        os.fchmod(f.fileno(), mode)  # keep a mode the user chose
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                    sig = _signature(os.fstat(f.fileno()))
                os.replace(tmp, self.path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(tmp)
                raise
            _fsync_dir(self.path.parent)
            self._remember(sig, tables)

    def forget(self) -> None:
        """Drop the cache; the next load reads the file."""
        self._remember((), None)

    def _remember(self, sig: Any, tables: Optional[Tables]) -> Optional[Tables]:
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


def _unescape(raw: bytes) -> str:
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()


def _head(raw: bytes) -> tuple[Optional[str], Optional[str]]:
    """A document's id and started_at, without parsing all of it when we can."""
    match = _HEAD.match(raw)
    if match:
        with suppress(ValueError):
            return _unescape(match[1]), _unescape(match[4])
    try:
        doc = json.loads(raw)
    except ValueError:
        return None, None
    get = doc.get if isinstance(doc, dict) else (lambda key: None)
    sid, started = get("id"), get("started_at")
    return (sid if isinstance(sid, str) else None, started if isinstance(started, str) else None)


def _instant(text: Optional[str]) -> Optional[float]:
    """POSIX seconds of an ISO time (naive ones taken as local time), or None.

    Offsets differ between sessions (travel, daylight saving), so strings do not sort.
    """
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        return moment.timestamp()  # a naive time counts as local time
    except (ValueError, OverflowError, OSError):
        return None


class SessionList(Sequence):
    """Sessions newest first; each is validated on first access, in order, and kept.

    Looking at the first page of a long history is cheap; ``len()`` and ``list()``
    validate everything. Documents that fail validation are left out.
    """

    def __init__(self, keys: list[str], load: Callable[[str], Optional[SessionRecord]]) -> None:
        self._keys, self._load, self._next, self._done = keys, load, 0, []

    def _fill(self, count: Optional[int] = None) -> None:
        # Invalid documents are dropped, so item i is known once all before it are.
        while self._next < len(self._keys) and (count is None or len(self._done) < count):
            record = self._load(self._keys[self._next])
            self._next += 1
            if record is not None:
                self._done.append(record)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            forward = (index.step or 1) > 0 and (index.start or 0) >= 0
            self._fill(index.stop if forward and index.stop is not None and index.stop >= 0 else None)
        else:
            self._fill(index + 1 if index >= 0 else None)
        return self._done[index]

    def __iter__(self) -> Iterator[SessionRecord]:
        i = 0
        while True:
            self._fill(i + 1)
            if i >= len(self._done):
                return
            yield self._done[i]
            i += 1

    def __len__(self) -> int:
        self._fill()
        return len(self._done)

    def __bool__(self) -> bool:
        self._fill(1)
        return bool(self._done)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, tuple, SessionList)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SessionList: {len(self._done)} validated of {len(self._keys)} stored>"


def _valid(record: Union[SessionRecord, dict], what: str) -> SessionRecord:
    data = record.model_dump() if isinstance(record, SessionRecord) else record
    try:
        return SessionRecord.model_validate(data)  # a model may have been edited since
    except ValidationError as exc:
        raise StoreError(f"{what} is not valid: {_first_error(exc)}.") from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


class HistoryStore:
    """The session history. Reads are cached; each change is one locked read-modify-write."""

    def __init__(self, path: Path, lock_timeout: float = 5.0) -> None:
        self._storage = AtomicJSONStorage(path, lock_timeout)
        self.warnings: list[str] = []
        self.read_only = False
        self._refusal = ""  # why writes are refused
        self._gen = -1
        self._heads: dict[str, _Head] = {}  # doc id -> (raw, session id, start instant)
        self._index: dict[str, str] = {}  # session id -> doc id
        self._order: list[str] = []  # doc ids, newest first
        self._list: Optional[SessionList] = None
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._tables()  # read now, so a damaged file is found (and set aside) at open

    @property
    def path(self) -> Path:
        """The history file."""
        return self._storage.path

    def sessions(self) -> SessionList:
        """Valid sessions, newest first by start instant; invalid ones noted in warnings."""
        self._tables()
        if self._list is None:
            heads = self._heads
            self._list = SessionList(self._order, lambda key: self._record(heads, key))
        return self._list

    def raw_sessions(self) -> list[dict]:
        """The stored documents as fresh dicts, newest first (undated ones last)."""
        self._tables()
        out = []
        for key in self._order:
            with suppress(ValueError):
                doc = json.loads(self._heads[key][0])
                if isinstance(doc, dict):
                    out.append(doc)
                    continue
            self._warn(f"Skipped session #{key} in {self.path.name}: it is not a JSON object.")
        return out

    def get(self, session_id: str) -> Optional[SessionRecord]:
        """The session with this id, or None."""
        self._tables()
        key = self._index.get(session_id)
        return None if key is None else self._record(self._heads, key)

    def save_session(self, record: Union[SessionRecord, dict]) -> None:
        """Insert the session, or replace the stored one with the same id."""
        record = _valid(record, "That session")
        raw = _dumps(record.model_dump(mode="json"))

        def change(sessions: dict[str, bytes]) -> None:
            key = self._index.get(record.id)
            sessions[_next_key(sessions) if key is None else key] = raw

        self._mutate(change)

    def set_ratings(self, session_id: str, pain: Optional[int], effort: Optional[int]) -> None:
        """Store the pain (0-10) and effort (1-10) check-in of a saved session."""
        for name, value, low in (("Pain", pain, 0), ("Effort", effort, 1)):
            if value is not None and (type(value) is not int or not low <= value <= 10):
                raise StoreError(f"{name} must be a whole number from {low} to 10.")

        def change(sessions: dict[str, bytes]) -> None:
            key = self._index.get(session_id)
            if key is None:
                raise StoreError(f"There is no session {session_id!r} in the history.")
            try:
                doc = json.loads(sessions[key])
                doc["pain"], doc["effort"] = pain, effort
            except (ValueError, TypeError):
                raise StoreError(f"Session {session_id!r} is damaged in {self.path.name}.") from None
            sessions[key] = _dumps(doc)

        self._mutate(change)

    def add_many(self, docs: list[dict]) -> int:
        """Add sessions in one write; ids already stored are skipped. Returns how many were added."""
        records = [_valid(doc, f"Session {n} of {len(docs)}") for n, doc in enumerate(docs, 1)]
        raws = [(r.id, _dumps(r.model_dump(mode="json"))) for r in records]

        def change(sessions: dict[str, bytes]) -> int:
            seen, key, added = set(self._index), int(_next_key(sessions)), 0
            for sid, raw in raws:
                if sid not in seen:
                    seen.add(sid)
                    sessions[str(key + added)] = raw
                    added += 1
            return added

        return self._mutate(change)

    def delete(self, session_id: str) -> bool:
        """Remove the session with this id; False if there was none."""
        return self._mutate(lambda sessions: sessions.pop(self._index.get(session_id, ""), None) is not None)

    # --- internals -----------------------------------------------------------

    def _mutate(self, change: Callable[[dict[str, bytes]], Any]) -> Any:
        # The whole read-modify-write runs under the lock, on a copy of the table, so
        # another process's write is never lost and a failed write leaves the cache intact.
        if self.read_only:
            raise StoreError(self._refusal)
        try:
            with self._storage.locked():
                tables = dict(self._tables())
                if self.read_only:
                    raise StoreError(self._refusal)
                before = tables.get(SESSIONS, {})
                sessions = dict(before)
                result = change(sessions)
                if sessions != before:
                    tables[SESSIONS] = sessions
                    tables[META] = {"1": _dumps({"schema_version": SCHEMA_VERSION})}
                    self._storage.dump(tables)
        except OSError as exc:
            raise StoreError(f"Could not save the history to {self.path}: {exc.strerror or exc}.") from None
        return result

    def _tables(self) -> Tables:
        try:
            tables = self._storage.load()
        except _Corrupt as exc:
            tables = self._set_aside(exc)
        if self._storage.generation != self._gen:
            self._gen = self._storage.generation
            self._rebuild(tables or {})
        return tables or {}

    def _set_aside(self, exc: _Corrupt) -> Optional[Tables]:
        """Move a damaged file aside (never overwrite it) and start an empty history."""
        name = self.path.name
        try:
            with self._storage.locked():
                try:
                    return self._storage.load()  # another process may have replaced it meanwhile
                except _Corrupt as again:
                    exc = again
                stamp = time.strftime("%Y%m%d-%H%M%S")
                target, n = self.path.with_name(f"{name}.corrupt-{stamp}"), 1
                while target.exists():
                    target, n = self.path.with_name(f"{name}.corrupt-{stamp}-{n}"), n + 1
                os.rename(self.path, target)
        except OSError as err:
            self.read_only = True
            self._refusal = f"{name} could not be used nor moved aside; changes are not saved."
            self._warn(f"{name} could not be used ({exc}) nor moved aside ({err.strerror or err}).")
            self._storage.forget()
            return None
        self._warn(f"{name} could not be used ({exc}); it was moved to {target} "
                   "and a new history was started.")
        return self._storage.load()

    def _rebuild(self, tables: Tables) -> None:
        version = SCHEMA_VERSION
        for raw in tables.get(META, {}).values():
            with suppress(ValueError, AttributeError):
                found = json.loads(raw).get("schema_version")
                if type(found) is int:
                    version = found
        if version > SCHEMA_VERSION:
            self.read_only = True
            name = self.path.name
            self._refusal = (f"{name} was written by a newer hamcoach (schema {version}); "
                             "upgrade hamcoach to change it.")
            self._warn(f"{name} was written by a newer hamcoach (schema {version}); it is open read-only.")
        old, heads = self._heads, {}
        for key, raw in tables.get(SESSIONS, {}).items():
            head = old.get(key)
            if head is None or head[0] != raw:  # unchanged documents are not looked at again
                sid, started = _head(raw)
                head = (raw, sid, _instant(started))
            heads[key] = head
        self._heads, self._list = heads, None
        self._index = {head[1]: key for key, head in heads.items() if head[1] is not None}
        self._order = sorted(heads, key=lambda k: (heads[k][2] is not None, heads[k][2] or 0.0, int(k)),
                             reverse=True)

    def _record(self, heads: dict[str, _Head], key: str) -> Optional[SessionRecord]:
        raw, _, instant = heads[key]
        try:
            record = SessionRecord.model_validate_json(raw)
        except ValidationError as exc:
            self._warn(f"Skipped session #{key} in {self.path.name}: {_first_error(exc)}.")
            return None
        if instant is None:
            self._warn(f"Skipped session #{key} in {self.path.name}: started_at is not a date and time.")
            return None
        return record

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _next_key(sessions: dict[str, bytes]) -> str:
    return str(max(map(int, sessions), default=0) + 1)
