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

import errno
import io
import json
import os
import re
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from tinydb import Storage

from hamcoach.atomic import write_chunks_atomic
from hamcoach.errors import StoreError
from hamcoach.fileio import TooLarge, kind_of, open_regular, reason, size_words

try:
    import fcntl
except ImportError:  # not POSIX: no cross-process lock
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 1
#: A history far past any real one (50,000 sessions are about 71 MB) is not read.
MAX_HISTORY_BYTES = 1 << 30
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


def _render(tables: Tables) -> Iterator[bytes]:
    """The file, in pieces (a 70 MB history is never copied into one bytes object)."""
    names = sorted(tables, key=lambda name: name != META)  # meta first
    yield b"{\n"
    for n, name in enumerate(names):
        yield dumps(name) + b":{\n"
        docs = tables[name]
        last = len(docs) - 1
        for i, (k, v) in enumerate(docs.items()):
            yield b'"%s":%s%s\n' % (k.encode(), v, b"," if i < last else b"")
        yield b"},\n" if n < len(names) - 1 else b"}\n"
    yield b"}\n"


def render(tables: Tables) -> bytes:
    """The whole file as bytes."""
    return b"".join(_render(tables))


def _parse_lines(data: bytes) -> Tables | None:
    """Split a file in our layout into raw documents; None if it is not in it."""
    # Line by line, not data.split(b"\n"): one split of a 100 MB history is a single C call
    # that holds the GIL for 0.2 s, and this runs on the checkpoint saver's thread while
    # the session screen waits (issue 15).
    return parse_line_stream(io.BytesIO(data))


def parse_line_stream(lines: Iterable[bytes], previous: Tables | None = None) -> Tables | None:
    """The tables of a file in our layout, read one line at a time; None if it is not in it.

    ``lines`` are the file's lines (an open binary file will do), so the file is never
    held whole. A document equal to the one under the same table and id in ``previous``
    (the tables as last read) is that same bytes object: reading a file that another
    process changed in one place keeps one copy of the rest, not two (issue 15).
    """
    it = iter(lines)
    if _chomp(next(it, b"")) != b"{":
        return None
    tables: Tables = {}
    docs: dict[str, bytes] | None = None  # the table being read
    old: dict[str, bytes] = {}  # the same table as last read
    pending: bytes | None = None  # a document line, until the next line says whether it is its table's last
    after_comma = False  # a table ended with "},": another must follow
    for raw in it:
        line = _chomp(raw)
        if docs is None:
            if line == b"}" and not after_comma:  # the end of a file without tables: nothing may follow
                return tables if next(it, None) is None else None
            head = _TABLE_LINE.fullmatch(line)
            if not head:
                return None
            try:
                name = unescape(head[1])
            except ValueError:
                return None
            docs = tables[name] = {}
            old = (previous or {}).get(name) or {}
            after_comma = False
            continue
        closing = line in (b"}", b"},")
        if pending is not None:  # each line is "<doc id>":{...}, with a comma unless its table ends after it
            key, _, doc = pending.partition(b'":')
            if not closing:
                doc = doc[:-1] if doc[-2:] == b"}," else b""
            if not (key[1:].isdigit() and key[:1] == b'"' and doc[:1] == b"{" and doc[-1:] == b"}"):
                return None
            doc_id = key[1:].decode()
            known = old.get(doc_id)
            docs[doc_id] = known if known is not None and known == doc else doc
        if line == b"}":  # the last table's end: only the file's end may follow
            return tables if _chomp(next(it, b"")) == b"}" and next(it, None) is None else None
        if closing:
            docs, pending, after_comma = None, None, True
        else:
            pending = line
    return None  # the file ended inside a table, or without its last "}"


def _chomp(line: bytes) -> bytes:
    return line[:-1] if line[-1:] == b"\n" else line


def _json_error(exc: ValueError, data: bytes) -> str:
    """Why ``data`` is not JSON, with the place: ``line 3, column 7: Expecting ','``."""
    if isinstance(exc, UnicodeDecodeError):
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return f"it is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}, column {column})"
    if isinstance(exc, json.JSONDecodeError):
        return f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    return "it is not valid JSON"


def _parse_full(data: bytes) -> tuple[Tables, list[str]]:
    """A file in another layout (hand-edited, written by TinyDB): parsed whole.

    A table or a document of the wrong shape is a damaged part, not a damaged file.
    Raises :class:`CorruptFile` when it is not a JSON object at all.
    """
    try:
        obj = json.loads(data)
    except ValueError as exc:  # also bad UTF-8
        raise CorruptFile(_json_error(exc, data)) from None
    except RecursionError:
        raise CorruptFile("it is nested too deeply to be a history") from None
    if not isinstance(obj, dict):
        raise CorruptFile("it is not shaped like a hamcoach history (not a JSON object)")
    tables: Tables = {}
    damage: list[str] = []
    for name, table in obj.items():
        if not isinstance(table, dict):
            damage.append(f"table {name}: it is not a JSON object")
            continue
        docs = tables[name] = {}
        for key, doc in table.items():
            if key.isascii() and key.isdigit() and isinstance(doc, dict):
                docs[key] = dumps(doc)
            else:
                damage.append(f"{name} document #{key}: it is not a JSON object")
    return tables, damage


_DOC_LINE = re.compile(rb'"(\d+)":(\{.*\}),?')
_KEY_START = re.compile(rb'"(\d+)":')


def _salvage(data: bytes) -> tuple[Tables, list[str]] | None:
    """Every intact line of a file in our layout whose structure is damaged somewhere.

    Each line that is not a table head, a table end or a whole ``"<id>":{...}`` line
    is one damaged line, reported by number. None if the file is not in our layout.
    """
    lines = data.split(b"\n")
    if not lines or lines[0].strip() != b"{":
        return None
    tables: Tables = {}
    damage: list[str] = []
    current: dict[str, bytes] | None = None
    heads = 0
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        head = _TABLE_LINE.fullmatch(line)
        if head:
            try:
                current = tables.setdefault(unescape(head[1]), {})
                heads += 1
                continue
            except ValueError:
                pass
        elif line in (b"}", b"},"):
            current = None  # the end of a table, or of the file
            continue
        else:
            doc = _DOC_LINE.fullmatch(line)
            if doc and current is not None:
                current[doc[1].decode()] = doc[2]
                continue
        key = _KEY_START.match(line)
        damage.append(f"line {number}" + (f" (document #{key[1].decode()})" if key else "")
                      + ": it is not a complete document")
    return (tables, damage) if heads else None


def parse_history(data: bytes) -> tuple[Tables | None, list[str]]:
    """The tables of a history file, and what could not be read of it (one line each).

    Our one-document-per-line layout is split without parsing; any other JSON is parsed
    whole; a file in our layout with a damaged line loses that line only. A file that
    yields nothing is ``({}, [why])``; an empty file is ``(None, [])``.
    """
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark (an editor's)
        data = data[3:]
    if not data or data.isspace():  # (never data.strip(): a copy of 70 MB)
        return None, []
    tables = _parse_lines(data)
    if tables is not None:
        return tables, []
    try:
        return _parse_full(data)
    except CorruptFile as exc:
        salvaged = _salvage(data)
        if salvaged is None:
            return {}, [str(exc)]
        return salvaged


def _capped(handle: BinaryIO, path: Path) -> Iterator[bytes]:
    """The lines of an open file, raising :class:`TooLarge` past the history's size cap
    (a file that grew after it was opened, or one whose size the system does not say)."""
    total = 0
    for line in handle:
        total += len(line)
        if total > MAX_HISTORY_BYTES:
            raise TooLarge(path, f"it is larger than {size_words(MAX_HISTORY_BYTES)}", errno.EFBIG)
        yield line


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace on write, a cross-process write lock, a read cache.

    ``damage`` lists what the last read could not use (one line each); the tables hold
    everything else. A file that cannot be read at all raises :class:`UnreadableFile`
    and is left exactly as it is.
    """

    def __init__(self, path: str | Path, lock_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.generation = 0  # bumped whenever the cached tables change
        self.damage: list[str] = []
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
        except OSError:
            pass  # opening it says why, naming the file
        try:
            st, tables, damage = self._read()
        except FileNotFoundError:
            self.damage = []
            return self._remember(None, None)
        except OSError as exc:
            self.forget()
            raise UnreadableFile(reason(exc)) from None
        self.damage = damage
        return self._remember(_signature(st), tables)

    def _read(self) -> tuple[os.stat_result, Tables | None, list[str]]:
        """The file's stat (as opened), its tables and its damage.

        A file in our layout is read a line at a time, never whole, and the documents
        that did not change since the last read are kept as they were (one copy, not
        two, while a long history is read again after another process saved); any
        other file is read whole and parsed by :func:`parse_history`.
        """
        with open_regular(self.path, MAX_HISTORY_BYTES) as handle:
            st = os.fstat(handle.fileno())
            lines = _capped(handle, self.path)
            tables = parse_line_stream(lines, self._tables)
            if tables is not None:
                return st, tables, []
            handle.seek(0)
            data = handle.read(MAX_HISTORY_BYTES + 1)
        if len(data) > MAX_HISTORY_BYTES:
            raise TooLarge(self.path, f"it is larger than {size_words(MAX_HISTORY_BYTES)}", errno.EFBIG)
        parsed, damage = parse_history(data)
        return st, parsed, damage

    def dump(self, tables: Tables) -> None:
        """Write to a temp file in the same folder, fsync, and rename it over the file."""
        with self.locked():
            # mode None: keep the user's choice (0600 for a new file); a link is followed.
            sig = _signature(write_chunks_atomic(self.path, _render(tables), None))
            self.damage = []
            self._remember(sig, tables)

    def cached(self) -> tuple[tuple[int, int, int], Tables | None] | None:
        """The file's signature and tables as last read or written; None without a file or a cache."""
        sig = self.signature
        return None if sig is None else (sig, self._tables)

    def adopt(self, sig: tuple[int, int, int], tables: Tables, damage: list[str]) -> None:
        """Start from another storage's cache of the same file (as :meth:`load` would have
        read it when the file had this signature); it is read again if it has changed."""
        self.damage = damage
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
        fd = open_lock_file(self.lock_path)
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


class UnreadableFile(OSError):
    """The history file exists but cannot be read (permissions, I/O, not a regular file)."""


def open_lock_file(lock_path: Path) -> int:
    """Open (or create) the lock file: a plain file in the data home, never a link's target.

    A :class:`StoreError` naming the lock file if it cannot be used.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
    except OSError as exc:
        why = reason(exc)
        if os.path.islink(lock_path):
            why = f"it is a link to {os.readlink(lock_path)} (hamcoach never follows a link for its lock)"
        elif os.path.isdir(lock_path):
            why = "it is a folder, not a file"
        raise StoreError(f"Cannot use the lock file {lock_path}: {why}; `hamcoach doctor` says more.") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise StoreError(f"Cannot use the lock file {lock_path}: it is {kind_of(st.st_mode)}, "
                         "not a regular file; `hamcoach doctor` says more.")
    return fd


def history_folders(path: Path) -> list[Path]:
    """Where files that belong with the history lie: beside ``path``, and beside its target if it is a link."""
    folders = [path.parent]
    if os.path.islink(path):
        target = Path(os.path.realpath(path)).parent
        if target != path.parent:
            folders.append(target)
    return folders


def real_name(path: Path) -> str:
    """The name of the file ``path`` is, following links (``path``'s own name if it dangles)."""
    return Path(os.path.realpath(path)).name if os.path.islink(path) else path.name


def set_aside_files(path: Path) -> list[Path]:
    """The histories set aside beside ``path`` (``NAME.corrupt-<time>``), oldest first."""
    found: list[Path] = []
    for folder, name in zip(history_folders(path), (path.name, real_name(path)), strict=False):
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        found.extend(Path(entry.path) for entry in entries if entry.name.startswith(f"{name}.corrupt-"))
    return found


def unescape(raw: bytes) -> str:
    return json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode()
