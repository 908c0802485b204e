"""Reading stored session documents cheaply: their heads, summaries and a lazy list.

A session document stays raw bytes until something looks at it. The documents this
project writes keep a fixed key order, so the fields a list or a streak needs can be
read with a regular expression instead of a full JSON parse; anything else falls back
to parsing and validating it. Used by :mod:`hamcoach.history.store`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from datetime import date
from sys import intern
from typing import Any, NamedTuple, overload

from pydantic import ValidationError

from hamcoach.errors import StoreError
from hamcoach.history.fileformat import JSON_STRING, loads, unescape
from hamcoach.history.models import NOTE_MAX_LENGTH, STATUSES, SessionRecord, SessionStatus, parse_time

DocumentHead = tuple[bytes, str | None, float | None]
# The head of a document we wrote (model_dump key order), read without a full parse.
_HEAD = re.compile(rb'\{"id":' + JSON_STRING + rb',"routine_id":' + JSON_STRING
                   + rb',"routine_name":' + JSON_STRING + rb',"started_at":' + JSON_STRING)
_NUM = rb"(null|-?\d+)"
# Every field of a document we wrote but its sets: a summary without a JSON parse.
_SUMMARY = re.compile(rb'\{"id":' + JSON_STRING + rb',"routine_id":' + JSON_STRING + rb',"routine_name":' + JSON_STRING
                      + rb',"started_at":' + JSON_STRING + rb',"ended_at":' + JSON_STRING + rb',"status":' + JSON_STRING
                      + rb',"duration_seconds":' + _NUM + rb',"pain":' + _NUM + rb',"effort":' + _NUM
                      + rb'(?:,"note":(?:null|' + JSON_STRING + rb'))?' + rb"[,}]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OFFSET = re.compile(r"\d(?:[Zz]|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d+)?)?)?)$")  # after the date


def session_day(started_at: str) -> date | None:
    """The calendar date of a start time in the UTC offset it was recorded with, or None.

    ``2024-05-06T23:50:00+02:00`` is May 6 wherever the user is now: travelling later
    does not move old sessions. A time without an offset is taken as written.
    """
    try:
        return parse_time(started_at).date()
    except (ValueError, TypeError):
        return None


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, or None for anything else."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def read_head(raw: bytes) -> tuple[str | None, str | None]:
    """A document's id and started_at, without parsing all of it when we can."""
    match = _HEAD.match(raw)
    if match:
        with suppress(ValueError):
            return unescape(match[1]), unescape(match[4])
    try:
        doc = loads(raw)
    except ValueError:
        return None, None
    get = doc.get if isinstance(doc, dict) else (lambda key: None)
    sid, started = get("id"), get("started_at")
    return (sid if isinstance(sid, str) else None, started if isinstance(started, str) else None)


def instant_of(text: str | None) -> float | None:
    """POSIX seconds of an ISO time (naive ones taken as local time), or None.

    Offsets differ between sessions (travel, daylight saving), so strings do not sort.
    """
    if text is None:
        return None
    try:
        moment = parse_time(text)
        return moment.timestamp()  # a naive time counts as local time
    except (ValueError, OverflowError, OSError):
        return None


class SessionList(Sequence[SessionRecord]):
    """Sessions newest first; each is validated on first access, in order, and kept.

    Looking at the first page of a long history is cheap; ``len()`` and ``list()``
    validate everything. Documents that fail validation are left out.
    """

    def __init__(self, keys: list[str], load: Callable[[str], SessionRecord | None]) -> None:
        self._keys, self._load, self._next = keys, load, 0
        self._done: list[SessionRecord] = []

    def _fill(self, count: int | None = None) -> None:
        # Invalid documents are dropped, so item i is known once all before it are.
        while self._next < len(self._keys) and (count is None or len(self._done) < count):
            record = self._load(self._keys[self._next])
            self._next += 1
            if record is not None:
                self._done.append(record)

    @overload
    def __getitem__(self, index: int) -> SessionRecord: ...

    @overload
    def __getitem__(self, index: slice) -> list[SessionRecord]: ...

    def __getitem__(self, index: int | slice) -> SessionRecord | list[SessionRecord]:
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


class LazySession:
    """A stored session's own fields (its summary), its sets read only when :meth:`load` is called.

    What the coach replays a long history from: the list of these is small (the summaries
    are kept by the store anyway), and each full record is validated when its turn comes
    and dropped after, so ten years of sets are never in memory at once.
    """

    __slots__ = ("_key", "_load", "summary")  # (3,650 of them for ten years: kept small)

    def __init__(self, summary: SessionSummary, key: str, load: Callable[[str], SessionRecord | None]) -> None:
        self.summary, self._key, self._load = summary, key, load

    @property
    def id(self) -> str:
        """The session's id."""
        return self.summary.id

    @property
    def routine_id(self) -> str:
        """The routine's id."""
        return self.summary.routine_id

    @property
    def ended_at(self) -> str:
        """When it ended, as stored."""
        return self.summary.ended_at

    @property
    def status(self) -> str:
        """completed, partial or in_progress."""
        return self.summary.status

    @property
    def pain(self) -> int | None:
        """The pain rating, if any."""
        return self.summary.pain

    @property
    def effort(self) -> int | None:
        """The effort rating, if any."""
        return self.summary.effort

    def load(self) -> SessionRecord | None:
        """The whole record, validated now (not kept); None when it is not valid (the store warns)."""
        return self._load(self._key)

    def __repr__(self) -> str:
        return f"<LazySession {self.summary.id!r}>"


_JSON_OBJECT: Any = None


def is_json_object(raw: bytes) -> bool:
    """Whether ``raw`` is one whole JSON object (valid UTF-8, no lone surrogate escape).

    Checked by pydantic-core's parser without building the Python objects: about four
    times faster than ``json.loads``, which matters for 50,000 documents.
    """
    global _JSON_OBJECT
    if _JSON_OBJECT is None:
        from pydantic_core import SchemaValidator, core_schema

        _JSON_OBJECT = SchemaValidator(core_schema.typed_dict_schema({}, extra_behavior="ignore"))
    try:
        _JSON_OBJECT.validate_json(raw)
    except ValueError:  # ValidationError
        return False
    return True


def validated(record: SessionRecord | dict[str, Any], what: str) -> SessionRecord:
    data = record.model_dump() if isinstance(record, SessionRecord) else record
    try:
        return SessionRecord.model_validate(data)  # a model may have been edited since
    except ValidationError as exc:
        raise StoreError(f"{what} is not valid: {first_error(exc)}.") from None


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    ctx = err.get("ctx") or {}
    words = str(ctx["error"]) if err["type"] == "value_error" and "error" in ctx else err["msg"]
    return f"{where}: {words}" if where else words



class SessionSummary(NamedTuple):
    """A session without its sets: what the streaks, the calendar and the list need.

    Immutable; a named tuple because 3,650 of them are made whenever the file changes.
    """

    id: str
    routine_id: str
    routine_name: str
    started_at: str
    ended_at: str
    day: date  # the date of started_at in its own UTC offset
    status: SessionStatus
    duration_seconds: int | None
    pain: int | None
    effort: int | None
    note: str | None = None


def summary_of(raw: bytes, instant: float | None) -> SessionSummary | str:
    """The summary of one stored document, or why it cannot be used.

    The session's own fields get the same checks as :class:`SessionRecord`; the sets
    are not looked at (that is what makes it cheap). ``instant`` is the start's, from the head.
    """
    match = _SUMMARY.match(raw)
    fields: list[Any] | None = None
    if match:
        found = match.groups()
        try:
            # Escapes are rare (a quote or a backslash in a name): decode plainly when there are none.
            decode = unescape if b"\\" in match[0] else bytes.decode
            fields = [decode(text) for text in found[:6]]
            fields += [None if num == b"null" else int(num) for num in found[6:9]]
            fields.append(None if found[9] is None else decode(found[9]))
        except ValueError:
            fields = None
        # A note written elsewhere than after effort (a hand-edited file): read it all.
        if fields is not None and found[9] is None and b'"note":' in raw[match.end() - 1:]:
            fields = None
    if fields is None:  # another layout (hand-edited, an older writer): parse it all
        try:
            doc = loads(raw)
            if not isinstance(doc, dict):
                return "it is not a JSON object"
            record = SessionRecord.model_validate({k: v for k, v in doc.items() if k != "sets"})
        except ValueError as exc:  # ValidationError is a ValueError
            return first_error(exc) if isinstance(exc, ValidationError) else "it is not valid JSON"
        fields = [record.id, record.routine_id, record.routine_name, record.started_at, record.ended_at,
                  record.status, record.duration_seconds, record.pain, record.effort, record.note]
    sid, routine_id, name, started, ended, status, duration, pain, effort, note = fields
    if status not in STATUSES:
        return f"status: {status!r} is not one of {', '.join(STATUSES)}"
    if pain is not None and not 0 <= pain <= 10:
        return "pain: must be from 0 to 10"
    if effort is not None and not 1 <= effort <= 10:
        return "effort: must be from 1 to 10"
    if duration is not None and duration < 0:
        return "duration_seconds: must be 0 or more"
    if instant is None:
        return "started_at is not a date and time"
    if not _OFFSET.search(started, 10):
        return "started_at has no UTC offset"
    day: date | None
    try:  # it is a valid time, so a date at its start is its date, as written
        day = date.fromisoformat(started[:10])
    except ValueError:
        day = session_day(started)
    if day is None:
        return "started_at is not a date and time"
    if note is not None and len(note) > NOTE_MAX_LENGTH:
        return f"note: must be at most {NOTE_MAX_LENGTH} characters"
    # A history repeats a few routines and statuses thousands of times: one string each (issue 15).
    return SessionSummary(sid, intern(routine_id), intern(name), started, ended, day,
                          STATUSES[STATUSES.index(status)], duration, pain, effort, note)
