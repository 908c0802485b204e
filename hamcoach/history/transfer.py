"""History in and out: the JSON export (which import takes back) and a CSV of sets.

The formats are described for users in docs/DATA.md. In short::

    {"format": "hamcoach-history", "version": 1,
     "sessions": [<stored session documents, oldest first>],
     "rest_days": ["YYYY-MM-DD", ...],
     "checkins": [{"date": "YYYY-MM-DD", "answer": "better" | "same" | "worse"}, ...]}

Import merges by session id (a session already stored is left as it is; so is a
check-in already stored for a date), and checks
every session first: nothing is written unless all are valid, or the caller asks to
skip the invalid ones.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from hamcoach.errors import TransferError
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


def _escape_controls(text: str) -> str:
    # json escapes C0 characters but leaves DEL, C1 and the bidi overrides raw; they can
    # only be inside strings, where \uXXXX means the same, so the export is safe to print.
    return CONTROL.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


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
    """The file, checked: what can be imported and what cannot."""

    sessions: list[SessionRecord] = field(default_factory=list)
    rest_days: list[date] = field(default_factory=list)
    checkins: dict[date, str] = field(default_factory=dict)  # one per date: a later entry wins
    problems: list[Problem] = field(default_factory=list)
    invalid_sessions: int = 0
    repaired: set[str] = field(default_factory=set)  # ids of sessions whose end was put right


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


def parse_export(data: bytes | str) -> tuple[list[Any], list[Any]]:
    """The sessions and rest days of an export, as they are; TransferError if it is not one."""
    sessions, rest_days, _checkins = parse_export_all(data)
    return sessions, rest_days


def parse_export_all(data: bytes | str) -> tuple[list[Any], list[Any], list[Any]]:
    """The sessions, rest days and check-ins of an export, as they are; TransferError if it is not one."""
    if len(data) > MAX_IMPORT_BYTES:
        raise TransferError(f"it is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        doc = json.loads(data)
    except ValueError:
        raise TransferError("it is not valid JSON") from None
    except RecursionError:
        raise TransferError("it is nested too deeply to be an export") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise TransferError(f'it is not a hamcoach export (no "format": "{FORMAT}")')
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise TransferError('its "version" is not a whole number')
    if version > VERSION:
        raise TransferError(f"it was written by a newer hamcoach (version {version}); upgrade hamcoach to import it")
    sessions, rest_days, checkins = doc.get("sessions"), doc.get("rest_days", []), doc.get("checkins", [])
    if not isinstance(sessions, list):
        raise TransferError('its "sessions" is not a list')
    if not isinstance(rest_days, list):
        raise TransferError('its "rest_days" is not a list')
    if not isinstance(checkins, list):
        raise TransferError('its "checkins" is not a list')
    return sessions, rest_days, checkins


def _time(value: str) -> datetime | None:
    try:
        return parse_time(value)
    except ValueError:
        return None


def _instant(moment: datetime) -> float:
    return moment.timestamp()  # a naive time counts as local time, as in the store


def _reasons(exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors():
        where = ""
        for part in error.get("loc", ()):
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        kind = error.get("type", "")
        if kind == "missing":
            words = "is required"
        elif kind == "literal_error" and where == "status":
            words = f"must be one of {', '.join(STATUSES)} (got {error.get('input')!r})"
        else:
            words = str(error.get("msg", "is invalid"))
            words = words[:1].lower() + words[1:]
        out.append(f"{where} {words}" if where else words)
    return out


def check_session(doc: Any) -> tuple[SessionRecord | None, str | None]:
    """A session document as a record, or the reason it cannot be one.

    An ``ended_at`` before ``started_at`` is refused here; :func:`repair_times` puts it right.
    """
    if not isinstance(doc, dict):
        return None, "is not a JSON object"
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        return None, f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} required"
    try:
        record = SessionRecord.model_validate(doc)
    except ValidationError as exc:
        reasons = _reasons(exc)
        more = f" (and {len(reasons) - 3} more)" if len(reasons) > 3 else ""
        return None, "; ".join(reasons[:3]) + more
    if not record.id:
        return None, "id must not be empty"
    started, ended = _time(record.started_at), _time(record.ended_at)
    for name, moment in (("started_at", started), ("ended_at", ended)):
        if moment is None:
            return None, f"{name} is not an ISO 8601 date and time (got {getattr(record, name)!r})"
    try:
        if _instant(ended) < _instant(started):  # type: ignore[arg-type]
            return None, "ended_at is before started_at"
    except (OverflowError, OSError, ValueError):
        return None, "started_at or ended_at is out of range"
    return record, None


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
        fixed = repair_times(doc)
        record, reason = check_session(fixed)
        if record is not None and fixed is not doc:
            check.repaired.add(record.id)
        if record is None:
            sid = doc.get("id") if isinstance(doc, dict) else None
            label = f"sessions[{index}]" + (f" (id {sid!r})" if isinstance(sid, str) and sid else "")
            check.problems.append(Problem(label, reason or "is invalid"))
            check.invalid_sessions += 1
        else:
            check.sessions.append(record)
    for index, text in enumerate(rest_days):
        day = parse_day(text)
        if day is None:
            check.problems.append(Problem(f"rest_days[{index}]", f"is not a YYYY-MM-DD date (got {text!r})"))
        else:
            check.rest_days.append(day)
    for index, entry in enumerate(checkins):
        text = entry.get("date") if isinstance(entry, dict) else None
        day = parse_day(text) if isinstance(text, str) else None
        answer = entry.get("answer") if isinstance(entry, dict) else None
        if day is None or answer not in ANSWERS:
            got = repr(entry)
            got = got if len(got) <= 80 else got[:77] + "..."
            check.problems.append(Problem(f"checkins[{index}]", "needs a YYYY-MM-DD date and an answer of "
                                          f"{', '.join(ANSWERS)} (got {got})"))
        else:
            check.checkins[day] = answer
    return check


def import_history(store: HistoryStore, data: bytes | str, skip_invalid: bool = False) -> ImportResult:
    """Merge an export into the history in one write.

    With any invalid entry nothing is written (``written`` is False) unless
    ``skip_invalid``, which writes the valid ones. Raises TransferError for a file that
    is not an export, and StoreError if the history cannot be written.
    """
    check = check_export(*parse_export_all(data))
    invalid = check.invalid_sessions
    known, deleted = store.session_ids(), store.deleted_ids()
    seen: set[str] = set()
    present = gone = 0
    for record in check.sessions:
        if record.id in deleted and record.id not in seen:
            gone += 1
        elif record.id in known or record.id in seen:
            present += 1
        seen.add(record.id)
    if check.problems and not skip_invalid:
        return ImportResult(0, present, invalid, 0, tuple(check.problems), written=False, deleted=gone)
    # merge_all skips deleted sessions too; a date that has a check-in keeps it.
    added, rest_added, checkins_added = store.merge_all(check.sessions, check.rest_days, check.checkins)
    repaired = len(check.repaired - known - deleted)  # only those added: one already stored is left as it is
    return ImportResult(added, len(check.sessions) - added - gone, invalid, rest_added, tuple(check.problems),
                        repaired=repaired, deleted=gone, checkins_added=checkins_added)
