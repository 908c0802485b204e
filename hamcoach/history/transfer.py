"""History in and out: the JSON export (which import takes back) and a CSV of sets.

The formats are described for users in docs/DATA.md. In short::

    {"format": "hamcoach-history", "version": 1,
     "sessions": [<stored session documents, oldest first>],
     "rest_days": ["YYYY-MM-DD", ...],
     "checkins": [{"date": "YYYY-MM-DD", "answer": "better" | "same" | "worse"}, ...]}

Import merges by session id (a session already stored is left as it is; so is a
check-in already stored for a date), and checks
every session first: nothing is written unless all are valid, or the caller asks to
skip the invalid ones. It streams: one session at a time is parsed and checked, and
kept only as its JSON, so 50,000 sessions import in a few hundred MB. It also takes a
history file itself (``history.json``, or one set aside as ``history.json.corrupt-*``,
read line by line if its layout is damaged).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, TYPE_CHECKING, Any

from pydantic import ValidationError

from hamcoach.errors import TransferError
from hamcoach.history.fileformat import CHECKINS, REST_DAYS, SCHEMA_VERSION, SESSIONS, dumps, loads, parse_history
from hamcoach.history.jsonstream import JSONStream, StreamError
from hamcoach.history.jsonstream import TooLarge as JSONTooLarge
from hamcoach.history.models import SessionRecord, parse_time
from hamcoach.history.outcomes import document_set_outcome
from hamcoach.history.store import ANSWERS, STATUSES, parse_day
from hamcoach.safe_text import CONTROL, shown

if TYPE_CHECKING:
    from hamcoach.history.store import HistoryStore

FORMAT = "hamcoach-history"
VERSION = 1
REQUIRED = ("id", "routine_id", "routine_name", "started_at", "ended_at", "status")
SESSION_COLUMNS = ("session_id", "routine_id", "routine_name", "started_at", "ended_at", "status",
                   "duration_seconds", "pain", "effort", "note")
SET_COLUMNS = ("exercise_index", "exercise", "set", "sets", "side", "kind", "target", "achieved", "skipped",
               "outcome")
CSV_COLUMNS = SESSION_COLUMNS + SET_COLUMNS
# Ten years of daily sessions export to about 8 MB; a file far past that is a mistake.
MAX_IMPORT_BYTES = 256 * 1024 * 1024


# --- export ------------------------------------------------------------------------


def export_document(store: HistoryStore) -> dict[str, Any]:
    """The export: every stored session document, oldest first, and the rest days."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "sessions": list(reversed(store.raw_sessions())),
        "rest_days": [day.isoformat() for day in sorted(store.rest_days())],
        "checkins": [{"date": day.isoformat(), "answer": answer} for day, answer in sorted(store.checkins().items())],
    }


# json escapes C0 characters but leaves DEL, C1 and the bidi overrides raw; they can only
# be inside strings, where \uXXXX means the same, so the export is safe to print. A lone
# surrogate (stored by an older hamcoach) is escaped too: it could not be written as UTF-8.
_ESCAPED = re.compile(f"{CONTROL.pattern}|[\ud800-\udfff]")


def _escape_controls(text: str) -> str:
    return _ESCAPED.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def json_text(doc: dict[str, Any]) -> str:
    """An export document as JSON text: one session per line, so it reads and diffs well."""

    def dump(value: Any) -> str:
        return _escape_controls(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))

    sessions = ",\n  ".join(dump(s) for s in doc["sessions"])
    return (f'{{"format": {dump(doc["format"])}, "version": {doc["version"]},\n'
            f' "rest_days": {dump(doc["rest_days"])},\n'
            f' "checkins": {dump(doc.get("checkins", []))},\n'
            f' "sessions": [{chr(10) + "  " + sessions + chr(10) if sessions else ""} ]}}\n')


# A spreadsheet takes a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        # Never an escape sequence (CSV goes to terminals too), never a formula: a
        # leading ' makes a spreadsheet show the text as it is.
        text: str = shown(value)
        return "'" + text if text.startswith(_FORMULA_START) else text
    return str(value)


def csv_rows(sessions: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """One row per set with the session's columns repeated; a session without sets is one row."""
    for session in sessions:
        head = [_cell(session.get("id" if column == "session_id" else column)) for column in SESSION_COLUMNS]
        sets = session.get("sets")
        sets = [s for s in sets if isinstance(s, dict)] if isinstance(sets, list) else []
        if not sets:
            yield head + [""] * len(SET_COLUMNS)
        for s in sets:
            # skipped and outcome are counted by the one rule (hamcoach.history.outcomes), so a
            # file saved by an older hamcoach (skipped false with nothing achieved) reads the same.
            outcome = document_set_outcome(s)
            derived: dict[str, object] = {} if outcome is None else {"skipped": outcome == "skipped",
                                                                     "outcome": outcome}
            yield head + [_cell(derived[column] if column in derived else s.get(column)) for column in SET_COLUMNS]


def csv_text(sessions: Iterable[dict[str, Any]]) -> str:
    """Session documents as CSV (RFC 4180, a header row first), one row per set."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(sessions))
    return out.getvalue()


# --- import ------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why one entry of the file cannot be imported."""

    where: str  # e.g. "sessions[3]" or "rest_days[0]"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportCheck:
    """The file, checked: what can be imported (as ``(id, JSON)`` documents) and what cannot."""

    documents: list[tuple[str, bytes]] = field(default_factory=list)
    rest_days: list[date] = field(default_factory=list)
    checkins: dict[date, str] = field(default_factory=dict)  # one per date: a later entry wins
    problems: list[Problem] = field(default_factory=list)
    invalid_sessions: int = 0
    repaired: set[str] = field(default_factory=set)  # ids of sessions whose end was put right

    def add_session(self, where: str, doc: Any) -> None:
        """Check one session document and keep it (serialised) or its problems, one per line.

        An end before the start is put right first (:func:`repair_times`)."""
        fixed = repair_times(doc)
        record, reasons = session_problems(fixed)
        if record is None:
            sid = doc.get("id") if isinstance(doc, dict) else None
            label = where + (f" (id {sid!r})" if isinstance(sid, str) and sid else "")
            self.problems.extend(Problem(label, reason) for reason in reasons)
            self.invalid_sessions += 1
        else:
            if fixed is not doc:
                self.repaired.add(record.id)
            self.documents.append((record.id, dumps(record.document())))

    def add_rest_day(self, where: str, text: Any) -> None:
        """Check one rest day."""
        day = parse_day(text)
        if day is None:
            self.problems.append(Problem(where, f"is not a YYYY-MM-DD date (got {text!r})"))
        else:
            self.rest_days.append(day)

    def add_checkin(self, where: str, entry: Any) -> None:
        """Check one next-morning check-in (``{"date": ..., "answer": ...}``)."""
        text = entry.get("date") if isinstance(entry, dict) else None
        day = parse_day(text) if isinstance(text, str) else None
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if day is None or answer not in ANSWERS:
            got = repr(entry)
            got = got if len(got) <= 80 else got[:77] + "..."
            self.problems.append(Problem(where, "needs a YYYY-MM-DD date and an answer of "
                                         f"{', '.join(ANSWERS)} (got {got})"))
        else:
            self.checkins[day] = str(answer)


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: int  # sessions new to the history
    present: int  # valid sessions whose id was stored already (or came earlier in the file)
    invalid: int  # sessions that could not be imported
    rest_days_added: int
    problems: tuple[Problem, ...] = ()
    written: bool = True
    repaired: int = 0  # sessions added with their end put right (it was before their start)
    deleted: int = 0  # valid sessions left out because the user deleted them (they stay deleted)
    checkins_added: int = 0


def _source(data: bytes | str | IO[bytes]) -> IO[bytes]:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")  # a lone surrogate is then bad UTF-8, and said
    return io.BytesIO(data) if isinstance(data, bytes) else data


def _start(stream: JSONStream) -> None:
    """The input must start an object: anything else is not an export (or not JSON)."""
    if stream.peek() == "{":
        return
    stream.value()  # JSON, but not an object: not an export (or a StreamError saying where it is not JSON)
    raise _not_an_export()


def _not_an_export() -> TransferError:
    return TransferError(f'it is not a hamcoach export (no "format": "{FORMAT}")')


def parse_export(data: bytes | str) -> tuple[list[Any], list[Any]]:
    """The sessions and rest days of an export, as they are; TransferError if it is not one."""
    sessions, rest_days, _checkins = parse_export_all(data)
    return sessions, rest_days


def parse_export_all(data: bytes | str) -> tuple[list[Any], list[Any], list[Any]]:
    """The sessions, rest days and check-ins of a small export, as they are; TransferError if it is not one.

    :func:`read_import` is the streaming reader the import uses; this one is for tests and tools.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise TransferError(f"it is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    sessions: list[Any] = []
    rest: list[Any] = []
    checkins: list[Any] = []
    stream = JSONStream(_source(data), MAX_IMPORT_BYTES)
    try:
        _start(stream)
        top, kinds = _read_top(stream, lambda where, doc: sessions.append(doc), lambda where, day: rest.append(day),
                               lambda where, entry: checkins.append(entry))
    except StreamError as exc:
        raise TransferError(str(exc)) from None
    _check_top(top, kinds)
    return sessions, rest, checkins


def _read_top(stream: JSONStream, session: Callable[[str, Any], None], rest_day: Callable[[str, Any], None],
              checkin: Callable[[str, Any], None]) -> tuple[dict[str, Any], dict[str, str]]:
    """Walk the top-level object: sessions, rest days and check-ins go to the callbacks one at
    a time (a list in an export, a table of documents in a history file); the rest is returned."""
    top: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    for key in stream.members():
        char = stream.peek()
        if key == "sessions" and char in "[{" and char:
            kinds[key] = char
            if char == "[":
                for index, doc in enumerate(stream.items()):
                    session(f"sessions[{index}]", doc)
            else:
                for doc_id in stream.members():
                    session(f"sessions #{doc_id}", stream.value())
        elif key == "rest_days" and char in "[{" and char:
            kinds[key] = char
            if char == "[":
                for index, text in enumerate(stream.items()):
                    rest_day(f"rest_days[{index}]", text)
            else:
                for doc_id in stream.members():
                    value = stream.value()
                    rest_day(f"rest_days #{doc_id}", value.get("date") if isinstance(value, dict) else value)
        elif key == "checkins" and char in "[{" and char:
            kinds[key] = char
            if char == "[":
                for index, entry in enumerate(stream.items()):
                    checkin(f"checkins[{index}]", entry)
            else:
                for doc_id in stream.members():
                    checkin(f"checkins #{doc_id}", stream.value())
        else:
            top[key] = stream.value()
    stream.end()
    return top, kinds


def _check_top(top: dict[str, Any], kinds: dict[str, str]) -> None:
    """An export (``format``, ``version``, a list of sessions), or a history file (tables)."""
    if "format" not in top and kinds.get("sessions") == "{":  # a history file, set aside or copied
        versions = [doc.get("schema_version") for doc in (top.get("meta") or {}).values() if isinstance(doc, dict)]
        newest = max((v for v in versions if type(v) is int), default=SCHEMA_VERSION)
        if newest > SCHEMA_VERSION:
            raise TransferError(f"it was written by a newer hamcoach (schema {newest}); upgrade hamcoach to import it")
        return
    if top.get("format") != FORMAT:
        raise _not_an_export()
    version = top.get("version")
    if type(version) is not int or version < 1:
        raise TransferError('its "version" is not a whole number')
    if version > VERSION:
        raise TransferError(f"it was written by a newer hamcoach (version {version}); upgrade hamcoach to import it")
    if kinds.get("sessions") != "[":
        raise TransferError('its "sessions" is not a list')
    if kinds.get("rest_days", "[") != "[" or ("rest_days" in top and not isinstance(top["rest_days"], list)):
        raise TransferError('its "rest_days" is not a list')
    if kinds.get("checkins", "[") != "[" or ("checkins" in top and not isinstance(top["checkins"], list)):
        raise TransferError('its "checkins" is not a list')


def read_import(data: bytes | str | IO[bytes]) -> ImportCheck:
    """Read and check an export (or a history file) one session at a time.

    A history file whose layout is damaged (a set-aside ``history.json.corrupt-*``) is
    read line by line instead: each damaged line is one problem. Raises TransferError
    for a file that is neither.
    """
    source = _source(data)
    with suppress(AttributeError, OSError, ValueError):  # a real file: refuse a huge one before reading it
        if os.fstat(source.fileno()).st_size > MAX_IMPORT_BYTES:
            raise TransferError(f"it is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    check = ImportCheck()
    stream = JSONStream(source, MAX_IMPORT_BYTES)
    try:
        _start(stream)
        top, kinds = _read_top(stream, check.add_session, check.add_rest_day, check.add_checkin)
    except JSONTooLarge as exc:
        raise TransferError(str(exc)) from None
    except StreamError as exc:
        salvaged = _salvaged(source)
        if salvaged is None:
            raise TransferError(str(exc)) from None
        return salvaged
    _check_top(top, kinds)
    return check


def _salvaged(source: IO[bytes]) -> ImportCheck | None:
    """A history file in hamcoach's own layout with damaged lines: what can be read of it."""
    if not source.seekable():
        return None
    source.seek(0)
    tables, damage = parse_history(source.read(MAX_IMPORT_BYTES + 1))
    if not tables or not isinstance(tables.get(SESSIONS), dict):
        return None
    check = ImportCheck()
    for part in damage:
        where, _, why = part.partition(": ")
        check.problems.append(Problem(where, why))
    for key, raw in tables.get(SESSIONS, {}).items():
        try:
            doc = loads(raw)
        except ValueError as exc:
            check.problems.append(Problem(f"sessions #{key}", f"is not valid JSON ({exc})"))
            check.invalid_sessions += 1
            continue
        check.add_session(f"sessions #{key}", doc)
    for key, raw in tables.get(REST_DAYS, {}).items():
        try:
            value = loads(raw)
        except ValueError:
            value = raw.decode("utf-8", "replace")
        check.add_rest_day(f"rest_days #{key}", value.get("date") if isinstance(value, dict) else value)
    for key, raw in tables.get(CHECKINS, {}).items():
        try:
            entry = loads(raw)
        except ValueError:
            entry = raw.decode("utf-8", "replace")
        check.add_checkin(f"checkins #{key}", entry)
    return check


def _time(value: str) -> datetime | None:
    try:
        return parse_time(value)
    except ValueError:
        return None


def _instant(moment: datetime) -> float:
    return moment.timestamp()  # a naive time counts as local time, as in the store


def _got(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _reasons(exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors():
        where = ""
        for part in error.get("loc", ()):
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        kind = error.get("type", "")
        ctx = error.get("ctx") or {}
        got = _got(error.get("input"))
        if kind == "missing":
            words = "is required"
        elif kind == "literal_error" and where == "status":
            words = f"must be one of {', '.join(STATUSES)} (got {error.get('input')!r})"
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            words = f"must be a whole number (got {got})"
        elif kind in ("bool_type", "bool_parsing"):
            words = f"must be true or false (got {got})"
        elif kind == "string_type":
            words = f"must be text (got {got})"
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = "at least" if kind == "greater_than_equal" else "at most"
            words = f"must be {bound} {next(iter(ctx.values()), '?')} (got {got})"
        elif kind == "value_error" and "error" in ctx:
            words = str(ctx["error"])
        else:
            words = str(error.get("msg", "is invalid"))
            words = words[:1].lower() + words[1:]
        out.append(f"{where} {words}" if where else words)
    return out


def session_problems(doc: Any) -> tuple[SessionRecord | None, list[str]]:
    """A session document as a record, or every reason it cannot be one (one each)."""
    if not isinstance(doc, dict):
        return None, ["is not a JSON object"]
    reasons: list[str] = []
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        reasons.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} required")
    record = None
    try:
        record = SessionRecord.model_validate(doc)
    except ValidationError as exc:
        reasons.extend(r for r in _reasons(exc) if not (missing and r.endswith(" is required")
                                                         and r.split(" ", 1)[0] in missing))
    if isinstance(doc.get("id"), str) and not doc["id"]:
        reasons.append("id must not be empty")
    started, ended = (_time(value) if isinstance(value, str) else None
                      for value in (doc.get("started_at"), doc.get("ended_at")))
    if started is not None and ended is not None and started.tzinfo and ended.tzinfo:
        try:
            if _instant(ended) < _instant(started):
                reasons.append("ended_at is before started_at")
        except (OverflowError, OSError, ValueError):
            reasons.append("started_at or ended_at is out of range")
    if reasons or record is None:
        return None, reasons or ["is invalid"]
    return record, []


def check_session(doc: Any) -> tuple[SessionRecord | None, str | None]:
    """A session document as a record, or the reasons it cannot be one (in one line).

    An ``ended_at`` before ``started_at`` is refused here; :func:`repair_times` puts it right.
    """
    record, reasons = session_problems(doc)
    return record, "; ".join(reasons) if reasons else None


def repair_times(doc: Any) -> Any:
    """A session document whose end is before its start, with ``ended_at`` set to ``started_at``
    plus its duration (0 when it has none), as hamcoach now records every session; any other
    value as it is.

    Older hamcoach took the end from the wall clock, so a clock stepped back during a
    session (an NTP correction) could put it before the start.
    """
    if not isinstance(doc, dict) or not all(isinstance(doc.get(k), str) for k in ("started_at", "ended_at")):
        return doc
    started, ended = _time(doc["started_at"]), _time(doc["ended_at"])
    duration = doc.get("duration_seconds")
    if started is None or ended is None or (duration is not None and (type(duration) is not int or duration < 0)):
        return doc
    if started.tzinfo is None or ended.tzinfo is None:
        return doc  # refused for its missing offset; nothing to put right
    try:
        if _instant(ended) >= _instant(started):
            return doc
        repaired = (started + timedelta(seconds=duration or 0)).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return doc
    return {**doc, "ended_at": repaired}


def check_export(sessions: list[Any], rest_days: list[Any], checkins: Sequence[Any] = ()) -> ImportCheck:
    """Check every entry; the valid ones are kept in file order."""
    check = ImportCheck()
    for index, doc in enumerate(sessions):
        check.add_session(f"sessions[{index}]", doc)
    for index, text in enumerate(rest_days):
        check.add_rest_day(f"rest_days[{index}]", text)
    for index, entry in enumerate(checkins):
        check.add_checkin(f"checkins[{index}]", entry)
    return check


def import_history(store: HistoryStore, data: bytes | str | IO[bytes], skip_invalid: bool = False) -> ImportResult:
    """Merge an export (or a history file) into the history in one write.

    With any invalid entry nothing is written (``written`` is False) unless
    ``skip_invalid``, which writes the valid ones. Raises TransferError for a file that
    is not an export, and StoreError if the history cannot be written.
    """
    check = read_import(data)
    invalid = check.invalid_sessions
    known, deleted = store.session_ids(), store.deleted_ids()
    seen: set[str] = set()
    present = gone = 0
    for sid, _ in check.documents:
        if sid in deleted and sid not in seen:
            gone += 1
        elif sid in known or sid in seen:
            present += 1
        seen.add(sid)
    if check.problems and not skip_invalid:
        return ImportResult(0, present, invalid, 0, tuple(check.problems), written=False, deleted=gone)
    # merge_documents skips deleted sessions too; a date that has a check-in keeps it.
    added, rest_added, checkins_added = store.merge_documents(check.documents, check.rest_days, check.checkins)
    repaired = len(check.repaired - known - deleted)  # only those added: one already stored is left as it is
    return ImportResult(added, len(check.documents) - added - gone, invalid, rest_added, tuple(check.problems),
                        repaired=repaired, deleted=gone, checkins_added=checkins_added)
