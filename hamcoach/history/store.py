"""Session history and planned rest days: one TinyDB JSON file, written atomically.

The file layout and the storage under it (atomic replace, the write lock, the read
cache) live in :mod:`hamcoach.history.fileformat`; reading single documents cheaply (heads,
summaries, the lazy session list) in :mod:`hamcoach.history.documents`. Each session document stays raw bytes
until it is looked at, and is only checked when it is read, so one damaged line costs
that session (skipped, with a warning), not the whole history.

Three reads, from light to full:

- :meth:`HistoryStore.summaries`: the session's own fields, sets not parsed
  (3,650 sessions in 30-50 ms); streaks and the calendar run on these;
- :meth:`HistoryStore.sessions`: validated :class:`SessionRecord` objects, lazily;
- :meth:`HistoryStore.raw_sessions`: the stored documents as they are, for export.

Nothing is moved while reading. A file that cannot be read (permissions, I/O, not a
regular file, a dangling link) is left exactly where it is and the store refuses to
write (``unreadable`` says why). A damaged line costs that line; a file that cannot be
parsed at all gives an empty history (``unusable`` says why). Only when a damaged file
must be written is it set aside first, as ``history.json.corrupt-<time>`` (a hard
link or a copy: the bytes as they were), and said; see :func:`set_aside_files`.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from hamcoach.errors import StoreError
from hamcoach.fileio import write_target
from hamcoach.history.documents import (
    DocumentHead,
    LazySession,
    SessionList,
    SessionSummary,
    first_error,
    instant_of,
    parse_day,
    read_head,
    session_day,
    summary_of,
    validated,
)
from hamcoach.history.fileformat import (
    CHECKINS,
    DELETED,
    META,
    REST_DAYS,
    SCHEMA_VERSION,
    SESSIONS,
    AtomicJSONStorage,
    Tables,
    UnreadableFile,
    dumps,
    loads,
    set_aside_files,
)
from hamcoach.history.live import LiveSessions
from hamcoach.history.models import IN_PROGRESS, STATUSES, SessionRecord
from hamcoach.history.rules import KEEP, Keep, clean_note, edit_problem, recording_refusal

__all__ = ["ANSWERS", "SCHEMA_VERSION", "STATUSES", "AtomicJSONStorage", "DeletedSession", "HistoryStore",
           "SessionList", "SessionSummary", "StoreError", "StoreSeed", "parse_day", "session_day"]

#: The shortest part of an id that ``find_id`` takes in place of the whole id.
MIN_ID_PREFIX = 4


class DeletedSession(NamedTuple):
    """A session in the deleted table: its summary and when it was deleted."""

    summary: SessionSummary
    deleted_at: str

ANSWERS = ("better", "same", "worse")  # a check-in's answer: the back compared with before the last session

class StoreSeed(NamedTuple):
    """What a second store of the same file may start from instead of reading it: another
    store's cached documents and summaries (see :meth:`HistoryStore.seed`)."""

    signature: tuple[int, int, int]
    tables: Tables
    damage: tuple[str, ...]
    summaries: dict[str, tuple[bytes, SessionSummary | str]]


class HistoryStore:
    """The session history. Reads are cached; each change is one locked read-modify-write."""

    def __init__(self, path: Path, lock_timeout: float = 5.0, *, digest: bool = True,
                 seed: StoreSeed | None = None) -> None:
        self._storage = AtomicJSONStorage(path, lock_timeout)
        if seed is not None:
            self._storage.adopt(seed.signature, seed.tables, list(seed.damage))
        self._digest = digest  # keep history.summary.json (for `hamcoach status`) up to date
        self.warnings: list[str] = []
        self.on_warning: Callable[[str], None] | None = None  # told of each new warning (the app shows it)
        self.read_only = False
        self.unreadable: str | None = None  # why the file cannot be read (it is left as it is)
        self.unusable: str | None = None  # why nothing in the file could be used
        self._refusal = ""  # why writes are refused
        self._gen = -1
        self._heads: dict[str, DocumentHead] = {}  # doc id -> (raw, session id, start instant)
        self._index: dict[str, str] = {}  # session id -> doc id
        self._order: list[str] = []  # doc ids, newest first
        self._list: SessionList | None = None
        self._summaries: list[SessionSummary] | None = None
        # doc id -> (raw, summary)
        self._summary_of: dict[str, tuple[bytes, SessionSummary | str]] = dict(seed.summaries) if seed else {}
        self._rest: frozenset[date] | None = None
        self._deleted: frozenset[str] | None = None
        # Running sessions are marked in the data home, beside the history file.
        self.live = LiveSessions(self.path.parent / "live")
        self._checkins: dict[date, str] | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._tables()  # read now, so a damaged file is found (and said) at open
        for aside in set_aside_files(self.path):
            self._warn(f"{aside} holds a history that was set aside because it could not be read; "
                       "`hamcoach doctor --fix` merges what can be read back in.")

    @property
    def path(self) -> Path:
        """The history file."""
        return self._storage.path

    def stamp(self) -> list[int] | None:
        """The history file's (mtime in ns, size, inode) as last read or written."""
        self._tables()
        sig = self._storage.signature
        return None if sig is None else list(sig)

    def seed(self) -> StoreSeed | None:
        """This store's cached documents and summaries, for another store of the same file to
        start from (the checkpoint saver's, on its own thread): the two then hold one copy of
        a long history, not two. Taken on the thread that uses this store. The other store
        reads the file again if it has changed since (its signature says so); the seed is
        never changed by either (a store's tables and summaries are replaced, not edited).
        None when nothing is cached (no file, or it could not be read).
        """
        self._tables()
        cached = self._storage.cached()
        if cached is None or cached[1] is None or self.unreadable is not None:
            return None
        return StoreSeed(cached[0], cached[1], tuple(self._storage.damage), dict(self._summary_of))

    @property
    def generation(self) -> int:
        """A number that changes whenever the stored history does (this process's writes or another's)."""
        self._tables()
        return self._gen

    def sessions(self) -> SessionList:
        """Valid sessions, newest first by start instant; invalid ones noted in warnings."""
        self._tables()
        if self._list is None:
            heads = self._heads
            self._list = SessionList(self._order, lambda key: self._record(heads, key))
        return self._list

    def summaries(self) -> list[SessionSummary]:
        """Every usable session without its sets, newest first; cheap, and cached until a change.

        A document whose own fields are invalid is left out (with a warning); its sets
        are not checked here, so one with damaged sets is summarised but not in sessions().
        """
        self._tables()
        if self._summaries is None:
            out = []
            known, self._summary_of = self._summary_of, {}
            for key in self._order:
                raw, _, instant = self._heads[key]
                cached = known.get(key)
                # A save changes one document: the others keep their summaries.
                summary = cached[1] if cached is not None and cached[0] is raw else summary_of(raw, instant)
                self._summary_of[key] = (raw, summary)
                if isinstance(summary, SessionSummary):
                    out.append(summary)
                else:
                    self._warn(f"Skipped session #{key} in {self.path.name}: {summary}.")
            self._summaries = out
        return list(self._summaries)

    def lazy_sessions(self) -> list[LazySession]:
        """The sessions of :meth:`summaries`, newest first, each validated whole only when loaded.

        Nothing validated is kept: a replay of ten years loads one record at a time. A
        session whose sets are damaged loads as None, with the warning :meth:`sessions`
        gives. The documents are those of this moment: a later change of the file does
        not change what the list loads.
        """
        self.summaries()  # (fills the summary of each document)
        known, load = self._summary_of, partial(self._record, self._heads)
        out = []
        for key in self._order:
            summary = known[key][1]
            if isinstance(summary, SessionSummary):
                out.append(LazySession(summary, key, load))
        return out

    def rest_days(self) -> set[date]:
        """The days marked as planned rest days."""
        tables = self._tables()
        if self._rest is None:
            days = set()
            for key, raw in tables.get(REST_DAYS, {}).items():
                day = _rest_date(raw)
                if day is None:
                    self._warn(f"Skipped rest day #{key} in {self.path.name}: it is not a YYYY-MM-DD date.")
                else:
                    days.add(day)
            self._rest = frozenset(days)
        return set(self._rest)

    def add_rest_day(self, day: date) -> bool:
        """Mark a day as a planned rest day; False if it already was one."""
        day = _plain_date(day)

        def change(rest: dict[str, bytes]) -> bool:
            if any(_rest_date(raw) == day for raw in rest.values()):
                return False
            rest[_next_key(rest)] = dumps({"date": day.isoformat()})
            return True

        return bool(self._mutate(change, REST_DAYS))

    def remove_rest_day(self, day: date) -> bool:
        """Unmark a rest day; False if it was not one."""
        day = _plain_date(day)

        def change(rest: dict[str, bytes]) -> bool:
            keys = [key for key, raw in rest.items() if _rest_date(raw) == day]
            for key in keys:
                del rest[key]
            return bool(keys)

        return bool(self._mutate(change, REST_DAYS))

    def checkins(self) -> dict[date, str]:
        """The next-morning check-ins: one answer (better, same or worse) per date."""
        tables = self._tables()
        if self._checkins is None:
            found: dict[date, str] = {}
            for key, raw in sorted(tables.get(CHECKINS, {}).items(), key=lambda item: int(item[0])):
                checkin = _checkin(raw)
                if checkin is None:
                    self._warn(f"Skipped check-in #{key} in {self.path.name}: it needs a YYYY-MM-DD date "
                               f"and an answer of {', '.join(ANSWERS)}.")
                else:
                    found[checkin[0]] = checkin[1]  # a later document for the date wins
            self._checkins = found
        return dict(self._checkins)

    def set_checkin(self, day: date, answer: str) -> str | None:
        """Record the check-in of a date; an earlier answer for that date is replaced.

        Returns the answer it replaced, or None.
        """
        day = _plain_date(day)
        if answer not in ANSWERS:
            raise StoreError(f"A check-in answer is one of {', '.join(ANSWERS)}, not {answer!r}.")

        def change(checkins: dict[str, bytes]) -> str | None:
            keys = [key for key, raw in checkins.items() if (_checkin(raw) or (None,))[0] == day]
            previous = None
            for key in sorted(keys, key=int):
                previous = (_checkin(checkins.pop(key)) or (None, None))[1]
            checkins[_next_key(checkins)] = dumps({"date": day.isoformat(), "answer": answer})
            return previous

        previous: str | None = self._mutate(change, CHECKINS)
        return previous

    def remove_checkin(self, day: date) -> bool:
        """Forget the check-in of a date; False if there was none."""
        day = _plain_date(day)

        def change(checkins: dict[str, bytes]) -> bool:
            keys = [key for key, raw in checkins.items() if (_checkin(raw) or (None,))[0] == day]
            for key in keys:
                del checkins[key]
            return bool(keys)

        return bool(self._mutate(change, CHECKINS))

    def raw_sessions(self) -> list[dict[str, Any]]:
        """The stored documents as fresh dicts, newest first (undated ones last)."""
        self._tables()
        out = []
        for key in self._order:
            with suppress(ValueError):
                doc = loads(self._heads[key][0])
                if isinstance(doc, dict):
                    out.append(doc)
                    continue
            self._warn(f"Skipped session #{key} in {self.path.name}: it is not a JSON object.")
        return out

    def raw_documents(self) -> list[bytes]:
        """The stored session documents as the file holds them (JSON bytes, not checked), newest first."""
        self._tables()
        return [self._heads[key][0] for key in self._order]

    def session_ids(self) -> set[str]:
        """The ids of every stored session document, valid or not."""
        self._tables()
        return set(self._index)

    def get(self, session_id: str) -> SessionRecord | None:
        """The session with this id, or None."""
        self._tables()
        key = self._index.get(session_id)
        return None if key is None else self._record(self._heads, key)

    def save_session(self, record: SessionRecord | dict[str, Any]) -> None:
        """Record a session: insert it, or replace the stored one with the same id.

        This is the recording path (a running session's checkpoints and end, keeping an
        unfinished one as partial), so it follows :func:`~hamcoach.history.rules.recording_refusal`:
        a completed session is never moved to another status, nor a partial one back
        to in progress. A session another process is running, or one the user deleted,
        is refused.
        """
        record = validated(record, "That session")
        raw = dumps(record.document())
        self._refuse_if_running_elsewhere(record.id)

        def change(sessions: dict[str, bytes], deleted: dict[str, bytes]) -> None:
            key = self._index.get(record.id)
            if key is None and record.id in _ids_in(deleted):
                raise StoreError(f"Session {record.id!r} was deleted; restore it before it is changed.")
            if key is not None:
                refusal = recording_refusal(_status_in(sessions[key]), record.status)
                if refusal:
                    raise StoreError(f"Session {record.id!r} is not changed: {refusal}.")
            sessions[_next_key(sessions) if key is None else key] = raw

        self._mutate(change, SESSIONS, DELETED)

    def set_ratings(self, session_id: str, pain: int | None, effort: int | None) -> None:
        """Store the pain (0-10) and effort (1-10) check-in of a saved session."""
        for name, value, low in (("Pain", pain, 0), ("Effort", effort, 1)):
            if value is not None and (type(value) is not int or not low <= value <= 10):
                raise StoreError(f"{name} must be a whole number from {low} to 10.")

        def change(sessions: dict[str, bytes]) -> None:
            key = self._index.get(session_id)
            if key is None:
                raise StoreError(f"There is no session {session_id!r} in the history.")
            try:
                doc = loads(sessions[key])
                doc["pain"], doc["effort"] = pain, effort
            except (ValueError, TypeError):
                raise StoreError(f"Session {session_id!r} is damaged in {self.path.name}.") from None
            sessions[key] = dumps(doc)

        self._mutate(change)

    def add_many(self, docs: list[dict[str, Any]]) -> int:
        """Add sessions in one write; ids already stored are skipped. Returns how many were added."""
        return self.merge(docs)[0]

    def merge(self, docs: Sequence[SessionRecord | dict[str, Any]],
              rest_days: Iterable[date] = ()) -> tuple[int, int]:
        """Add sessions and rest days in one write, all or nothing; what is stored already is skipped.

        Returns how many sessions and how many rest days were added.
        """
        sessions, days, _checkins = self.merge_all(docs, rest_days)
        return sessions, days

    def merge_all(self, docs: Sequence[SessionRecord | dict[str, Any]], rest_days: Iterable[date] = (),
                  checkins: dict[date, str] | None = None) -> tuple[int, int, int]:
        """:meth:`merge`, and check-ins too: a date that already has one keeps it.

        Returns how many sessions, rest days and check-ins were added.
        """
        records = [validated(doc, f"Session {n} of {len(docs)}") for n, doc in enumerate(docs, 1)]
        return self.merge_documents([(r.id, dumps(r.document())) for r in records], rest_days, checkins)

    def merge_documents(self, raws: Sequence[tuple[str, bytes]], rest_days: Iterable[date] = (),
                        checkins: dict[date, str] | None = None) -> tuple[int, int, int]:
        """:meth:`merge_all` for documents already checked and serialised (``(id, JSON)`` pairs):
        an import of 50,000 sessions never holds them all as models."""
        days = sorted({_plain_date(day) for day in rest_days})
        answers = sorted((_plain_date(day), answer) for day, answer in (checkins or {}).items())
        if any(answer not in ANSWERS for _day, answer in answers):
            raise StoreError(f"A check-in answer is one of {', '.join(ANSWERS)}.")

        def change(sessions: dict[str, bytes], rest: dict[str, bytes], deleted: dict[str, bytes],
                   morning: dict[str, bytes]) -> tuple[int, int, int]:
            # A session the user deleted stays deleted: an import does not bring it back.
            seen, key, added = set(self._index) | _ids_in(deleted), int(_next_key(sessions)), 0
            for sid, raw in raws:
                if sid not in seen:
                    seen.add(sid)
                    sessions[str(key + added)] = raw
                    added += 1
            known = {_rest_date(raw) for raw in rest.values()}
            new_days = [day for day in days if day not in known]
            first = int(_next_key(rest))
            for n, day in enumerate(new_days):
                rest[str(first + n)] = dumps({"date": day.isoformat()})
            answered = {(_checkin(raw) or (None,))[0] for raw in morning.values()}
            new_checkins = [(day, answer) for day, answer in answers if day not in answered]
            first = int(_next_key(morning))
            for n, (day, answer) in enumerate(new_checkins):
                morning[str(first + n)] = dumps({"date": day.isoformat(), "answer": answer})
            return added, len(new_days), len(new_checkins)

        added: tuple[int, int, int] = self._mutate(change, SESSIONS, REST_DAYS, DELETED, CHECKINS)
        return added

    def note(self, message: str) -> None:
        """Add a one-line warning for the user (a merge's report, say), as the store's own are."""
        self._warn(message)

    def update_tables(self, change: Callable[..., Any], *names: str) -> Any:
        """One locked read-modify-write of raw tables: ``change`` gets a copy of each named
        table (``{doc id: JSON bytes}``, the sessions if none is named) and edits it; the file
        is written if anything changed. What ``change`` returns is returned. For merges
        (conflict copies, set-aside files) that need more than :meth:`merge`."""
        return self._mutate(change, *names)

    # --- running sessions ---------------------------------------------------------

    def claim(self, session_id: str) -> bool:
        """Mark a session as running in this process; False if another process runs it."""
        return self.live.hold(session_id)

    def release(self, session_id: str) -> None:
        """The session no longer runs here: other processes may offer or change it."""
        self.live.release(session_id)

    def running_elsewhere(self, session_id: str) -> bool:
        """Whether another process (or another store object) is running this session now."""
        return self.live.running_elsewhere(session_id)

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions left in progress by a process that is gone (a crash, a closed terminal).

        Newest first. Each one returned is claimed for this store, so no other process
        offers it meanwhile: resume it (and release it when its record is final), or keep
        it as partial and release it. A session another process runs is not returned.
        """
        out = []
        for summary in self.summaries():
            if summary.status != IN_PROGRESS or self.live.held(summary.id) or not self.claim(summary.id):
                continue
            record = self.get(summary.id)  # again, now that it is ours: its runner may have just ended it
            if record is None or record.status != IN_PROGRESS:
                self.release(summary.id)
                continue
            out.append(record)
        return out

    # --- the user's corrections ----------------------------------------------------

    def find_id(self, text: str, deleted: bool = False) -> str:
        """The id of a stored (or, with ``deleted``, a deleted) session from its id or the
        first characters of it; StoreError with one plain sentence if there is none or several."""
        self._tables()
        ids = {summary.id for summary, _ in self.deleted_sessions()} if deleted else set(self._index)
        where = "among the deleted sessions" if deleted else "in the history"
        if text in ids:
            return text
        matches = sorted(i for i in ids if i.startswith(text)) if len(text) >= MIN_ID_PREFIX else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise StoreError(f"{text!r} is the start of {len(matches)} session ids {where}; give more of it.")
        raise StoreError(f"There is no session with the id {text!r} {where}.")

    def delete(self, session_id: str, deleted_at: datetime | None = None) -> bool:
        """Move the session to the deleted table, where it is kept until :meth:`purge_deleted`.

        False if there was no such session. A session another process runs is refused.
        ``deleted_at`` (default: now) is stored with it.
        """
        self._refuse_if_running_elsewhere(session_id)
        stamp = dumps((deleted_at or datetime.now().astimezone()).isoformat(timespec="seconds"))

        def change(sessions: dict[str, bytes], deleted: dict[str, bytes]) -> bool:
            key = self._index.get(session_id)
            if key is None:
                return False
            raw = sessions.pop(key)
            for old in [k for k, doc in deleted.items() if read_head(doc)[0] == session_id]:
                del deleted[old]  # deleted before and imported again since: keep the latest
            deleted[_next_key(deleted)] = _with_deleted_at(raw, stamp)
            return True

        return bool(self._mutate(change, SESSIONS, DELETED))

    def restore(self, session_id: str) -> SessionSummary:
        """Bring a deleted session back into the history, as it was; returns its summary."""

        def change(sessions: dict[str, bytes], deleted: dict[str, bytes]) -> SessionSummary:
            keys = [k for k, doc in deleted.items() if read_head(doc)[0] == session_id]
            if not keys:
                raise StoreError(f"There is no session with the id {session_id!r} among the deleted sessions.")
            if session_id in self._index:
                raise StoreError(f"A session with the id {session_id!r} is in the history already.")
            raw = _without_deleted_at(deleted.pop(keys[-1]))
            for key in keys[:-1]:
                del deleted[key]
            summary = summary_of(raw, instant_of(read_head(raw)[1]))
            if not isinstance(summary, SessionSummary):
                raise StoreError(f"Session {session_id!r} cannot be restored: {summary}.")
            sessions[_next_key(sessions)] = raw
            return summary

        result: SessionSummary = self._mutate(change, SESSIONS, DELETED)
        return result

    def deleted_sessions(self) -> list[DeletedSession]:
        """The sessions in the deleted table, the most recently deleted first."""
        out = []
        for key, raw in self._tables().get(DELETED, {}).items():
            sid, started = read_head(raw)
            summary = summary_of(_without_deleted_at(raw), instant_of(started))
            if not isinstance(summary, SessionSummary):
                self._warn(f"Skipped deleted session #{key} in {self.path.name}: {summary}.")
                continue
            try:
                stamp = loads(raw).get("deleted_at")
            except (ValueError, AttributeError):
                stamp = None
            out.append((int(key), DeletedSession(summary, stamp if isinstance(stamp, str) else "")))
        return [item for _, item in sorted(out, key=lambda pair: (pair[1].deleted_at, pair[0]), reverse=True)]

    def deleted_ids(self) -> set[str]:
        """The ids of the sessions in the deleted table (cached until the file changes)."""
        tables = self._tables()
        if self._deleted is None:
            self._deleted = frozenset(_ids_in(tables.get(DELETED, {})))
        return set(self._deleted)

    def purge_deleted(self) -> int:
        """Empty the deleted table for good; returns how many sessions were in it."""

        def change(deleted: dict[str, bytes]) -> int:
            count = len(deleted)
            deleted.clear()
            return count

        count: int = self._mutate(change, DELETED)
        return count

    def edit_session(self, session_id: str, *, pain: int | None | Keep = KEEP, effort: int | None | Keep = KEEP,
                     status: str | Keep = KEEP, note: str | None | Keep = KEEP) -> SessionRecord:
        """Correct a saved session: its pain and effort (None clears), its status
        (completed or partial) and its note (None or "" clears). Fields left at KEEP stay.

        A session another process runs is refused. Returns the session as now stored.
        """
        if not isinstance(note, Keep):
            note = clean_note(note)
        problem = edit_problem(pain, effort, status, note)
        if problem:
            raise StoreError(problem)
        self._refuse_if_running_elsewhere(session_id)
        update = {name: value for name, value in (("pain", pain), ("effort", effort), ("status", status),
                                                  ("note", note)) if not isinstance(value, Keep)}

        def change(sessions: dict[str, bytes]) -> SessionRecord:
            key = self._index.get(session_id)
            if key is None:
                raise StoreError(f"There is no session with the id {session_id!r} in the history.")
            try:
                doc = loads(sessions[key])
                record = SessionRecord.model_validate({**doc, **update})
            except ValidationError as exc:
                raise StoreError(f"Session {session_id!r} cannot be changed: {first_error(exc)}.") from None
            except (ValueError, TypeError):
                raise StoreError(f"Session {session_id!r} is damaged in {self.path.name}.") from None
            # The known fields in their usual order (summaries read them fast), then any others as they were.
            fields = record.document()
            sessions[key] = dumps({**fields, **{k: v for k, v in doc.items() if k not in SessionRecord.model_fields}})
            return record

        result: SessionRecord = self._mutate(change)
        return result

    def _refuse_if_running_elsewhere(self, session_id: str) -> None:
        if self.running_elsewhere(session_id):
            raise StoreError(f"Session {session_id!r} is running in another hamcoach; "
                             "it can be changed once it ends there.")

    # --- internals -----------------------------------------------------------

    def _mutate(self, change: Callable[..., Any], *names: str) -> Any:
        # The whole read-modify-write runs under the lock, on copies of the tables (the
        # sessions unless named), so another process's write is never lost and a failed
        # write leaves the cache intact. ``change`` gets one dict per table, in order.
        names = names or (SESSIONS,)
        if self.read_only:
            raise StoreError(self._refusal)
        try:
            with self._storage.locked():
                tables = dict(self._tables())
                if self.read_only:
                    raise StoreError(self._refusal)
                before = [tables.get(name, {}) for name in names]
                after = [dict(table) for table in before]
                result = change(*after)
                if after != before:
                    tables.update((n, t) for n, t, b in zip(names, after, before, strict=False) if t != b)
                    tables[META] = {"1": dumps({"schema_version": SCHEMA_VERSION})}
                    aside = self._keep_damaged_file() if self._storage.damage else None
                    unusable = self.unusable  # (the digest below reads the new file, which has no damage)
                    self._storage.dump(tables)
                    if aside is not None:
                        self._said_set_aside(aside, unusable)
                    self._write_digest()
        except OSError as exc:
            raise StoreError(f"Could not save the history to {self.path}: {exc.strerror or exc}.") from None
        return result

    def _write_digest(self) -> None:
        """Refresh history.summary.json (still under the lock, so the last writer's is the last);
        best effort: a reader rebuilds it when it does not match the history."""
        if not self._digest:
            return
        from hamcoach.history import digest

        try:
            summary, stamp = digest.build(self)
            digest.write(digest.digest_path(self.path), summary, stamp)
        except (OSError, ValueError):
            pass

    def _tables(self) -> Tables:
        try:
            tables = self._storage.load()
        except UnreadableFile as exc:
            self._cannot_read(str(exc))
            tables = None
        if self._storage.generation != self._gen:
            self._gen = self._storage.generation
            self._rebuild(tables or {})
            self._note_damage(tables)
        return tables or {}

    def _cannot_read(self, why: str) -> None:
        """The file is there but cannot be read: leave it be, and refuse to write over it."""
        name = self.path.name
        if self.unreadable is None:
            self.unreadable = why
            self.read_only = True
            self._refusal = f"{name} cannot be read ({why}); nothing is saved until it can be."
            self._warn(f"{name} cannot be read ({why}); it is left as it is, and nothing is saved until "
                       "it can be read.")

    def _note_damage(self, tables: Tables | None) -> None:
        damage = self._storage.damage
        self.unusable = None
        if not damage:
            return
        name = self.path.name
        if not any(docs for table, docs in (tables or {}).items() if table != META):
            self.unusable = damage[0]
            self._warn(f"{name} cannot be read as a history ({'; '.join(damage[:3])}); it is left as it is "
                       "until hamcoach must save, and then set aside.")
            return
        for part in damage[:5]:
            where, _, why = part.partition(": ")
            self._warn(f"Skipped {where} of {name}: {why}.")
        if len(damage) > 5:
            self._warn(f"Skipped {len(damage) - 5} more damaged parts of {name}.")

    def _keep_damaged_file(self) -> Path:
        """Before a damaged file is rewritten: keep it, byte for byte, as ``NAME.corrupt-<time>``.

        A hard link where the filesystem has them (instant, whatever the size), else a copy;
        beside the file itself (a link's target), so a synced folder keeps it too.
        """
        target = write_target(self.path)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside, n = target.with_name(f"{target.name}.corrupt-{stamp}"), 1
        while os.path.lexists(aside):
            aside, n = target.with_name(f"{target.name}.corrupt-{stamp}-{n}"), n + 1
        try:
            os.link(target, aside)
        except OSError:
            shutil.copy2(target, aside)
        return aside

    def _said_set_aside(self, aside: Path, unusable: str | None) -> None:
        name = self.path.name
        if unusable is not None:
            # It said the file was left as it is: no longer true, and said below instead.
            self.warnings = [w for w in self.warnings if not w.startswith(f"{name} cannot be read as a history (")]
            self._warn(f"{name} could not be used ({unusable}); it was set aside as {aside} "
                       "and a new history was started.")
        else:
            self._warn(f"{name} was damaged; the file as it was is kept as {aside}, and everything that "
                       "could be read was saved (`hamcoach doctor --fix` merges back what can be read).")
        self.unusable = None

    def _rebuild(self, tables: Tables) -> None:
        version = SCHEMA_VERSION
        for raw in tables.get(META, {}).values():
            with suppress(ValueError, AttributeError):
                found = loads(raw).get("schema_version")
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
                sid, started = read_head(raw)
                head = (raw, sid, instant_of(started))
            heads[key] = head
        self._heads, self._list, self._summaries, self._rest = heads, None, None, None
        self._deleted, self._checkins = None, None
        self._index = {head[1]: key for key, head in heads.items() if head[1] is not None}
        self._order = sorted(heads, key=lambda k: (heads[k][2] is not None, heads[k][2] or 0.0, int(k)),
                             reverse=True)

    def _record(self, heads: dict[str, DocumentHead], key: str) -> SessionRecord | None:
        raw, _, instant = heads[key]
        try:
            record = SessionRecord.model_validate_json(raw)
        except ValidationError as exc:
            self._warn(f"Skipped session #{key} in {self.path.name}: {first_error(exc)}.")
            return None
        if instant is None:
            self._warn(f"Skipped session #{key} in {self.path.name}: started_at is not a date and time.")
            return None
        return record

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            if self.on_warning is not None:
                self.on_warning(message)


def _next_key(sessions: dict[str, bytes]) -> str:
    return str(max(map(int, sessions), default=0) + 1)


def _rest_date(raw: bytes) -> date | None:
    try:
        doc = loads(raw)
    except ValueError:
        return None
    day = doc.get("date") if isinstance(doc, dict) else None
    return parse_day(day) if isinstance(day, str) else None


def _checkin(raw: bytes) -> tuple[date, str] | None:
    try:
        doc = loads(raw)
    except ValueError:
        return None
    if not isinstance(doc, dict) or doc.get("answer") not in ANSWERS:
        return None
    text = doc.get("date")
    day = parse_day(text) if isinstance(text, str) else None
    return None if day is None else (day, str(doc["answer"]))


def _plain_date(day: date) -> date:
    if not isinstance(day, date):
        raise TypeError(f"a rest day is a date, not {type(day).__name__}")
    return day.date() if isinstance(day, datetime) else day


def _ids_in(table: dict[str, bytes]) -> set[str]:
    return {sid for sid in (read_head(raw)[0] for raw in table.values()) if sid is not None}


def _status_in(raw: bytes) -> str | None:
    try:
        status = loads(raw).get("status")
    except (ValueError, AttributeError):
        return None
    return status if isinstance(status, str) else None


def _with_deleted_at(raw: bytes, stamp: bytes) -> bytes:
    # Appended, so the document's own bytes stay as they were and restore gives them back.
    return raw[:-1] + (b',"deleted_at":' if raw[:-1].rstrip() != b"{" else b'"deleted_at":') + stamp + b"}"


def _without_deleted_at(raw: bytes) -> bytes:
    try:
        doc = loads(raw)
        stamp = doc.pop("deleted_at")
    except (ValueError, AttributeError, KeyError):
        return raw
    suffix = b',"deleted_at":' + dumps(stamp) + b"}"
    return raw[:-len(suffix)] + b"}" if raw.endswith(suffix) else dumps(doc)
