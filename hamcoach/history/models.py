"""Session records as stored in the history file: one session and its sets."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hamcoach.routines.models import Side

#: Where a session stands. ``in_progress`` is a checkpoint of a session still running
#: (or left unfinished); only ``completed`` sessions make training days.
SessionStatus = Literal["completed", "partial", "in_progress"]
COMPLETED: Final = "completed"
PARTIAL: Final = "partial"
IN_PROGRESS: Final = "in_progress"
STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)
#: The longest note a session can carry (a few words of the user's own).
NOTE_MAX_LENGTH: Final = 200

# The stored form (docs/DATA.md): what `isoformat()` writes, always with seconds, an
# optional fraction and the UTC offset, or `Z`. `datetime.fromisoformat` alone takes
# more forms on 3.11+ (`20240501T100000`, `+0200`, week dates) than on 3.10, so the
# same file would read differently by version: the shape is checked here first, and
# fields are bounded so that no version's leniency (an offset of +02:75, 24:00) is left.
# ASCII: `\d` would also match other scripts' digits.
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.([0-9]{1,6}))?"
    r"(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?",
    re.ASCII,
)


def parse_time(text: str) -> datetime:
    """A stored time, ``YYYY-MM-DDTHH:MM:SS[.ffffff](±HH:MM|Z)``, the same on every Python.

    Anything else raises ValueError. A time without an offset is still read (as a
    naive datetime) because older files may hold one.
    """
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError("not a date and time like 2024-05-01T07:30:00+02:00")
    fraction, offset = match.groups()
    if fraction is not None and len(fraction) not in (3, 6):  # 3.10 reads only these two lengths
        start, end = match.span(1)
        text = text[:start] + fraction.ljust(6, "0") + text[end:]
    if offset == "Z":  # 3.10 does not read Z
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)  # ValueError for a day that does not exist

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str | None) -> str | None:
    """``value``, unless it holds a lone surrogate (valid JSON, ``"\\ud800"``, but not
    Unicode: it could never be written out again); the error gives its place."""
    if value is None:
        return value
    bad = _SURROGATE.search(value)
    if bad:
        raise ValueError(f"contains invalid Unicode (a lone surrogate \\u{ord(bad[0]):04x} at character "
                         f"{bad.start() + 1})")
    return value


def offset_time(value: str) -> str:
    """``value``, if it is an ISO 8601 date and time with a UTC offset (or ``Z``)."""
    try:
        moment = parse_time(value)
    except ValueError:
        raise ValueError(f"is not an ISO 8601 date and time with a UTC offset (got {value!r})") from None
    if moment.tzinfo is None:
        raise ValueError(f"has no UTC offset (got {value!r}); write it like 2024-05-06T07:30:00+02:00")
    return value


class SetRecord(BaseModel):
    """What happened in one set on one side: the target and what was achieved."""

    # Strict: a file's true is not 1, its "7" is not 7 (no coercion on any input).
    model_config = ConfigDict(extra="ignore", strict=True)

    exercise_index: int
    exercise: str
    set: int
    sets: int
    side: Side | None = None
    kind: Literal["reps", "hold"]
    target: int  # reps, or seconds of hold
    achieved: int = 0  # reps completed, or whole seconds held
    skipped: bool = False  # nothing achieved; kept in step with ``achieved`` (see below)

    @model_validator(mode="after")
    def _skipped_means_nothing_achieved(self) -> SetRecord:
        # A set with nothing achieved is skipped, and one with something achieved is not,
        # whatever an older file says (hamcoach before 0.2 wrote skipped false for a set
        # that was only started). Set only when it differs: pydantic's __setattr__ costs
        # more than the rest of this check, and an import validates ~700,000 sets.
        if self.skipped != (self.achieved <= 0):
            self.skipped = self.achieved <= 0
        return self

    _text = field_validator("exercise")(valid_text)


class ResumePoint(BaseModel):
    """Which set (and side) an unfinished session goes on with."""

    model_config = ConfigDict(extra="ignore", strict=True)

    exercise_index: int
    set: int
    side: Side | None = None

    @property
    def key(self) -> tuple[int, int, Side | None]:
        """(exercise, set, side), as the engine keys a set."""
        return (self.exercise_index, self.set, self.side)


class Checkpoint(BaseModel):
    """What an unfinished session needs to go on: the plan it ran, and where it was.

    The plan is kept as the routine's fields (as in a routine file) and is checked
    only when the session is resumed, so a damaged plan costs the resume, never the
    session.
    """

    model_config = ConfigDict(extra="ignore")

    plan: dict[str, Any]
    resume_at: ResumePoint | None = None  # None: no set was left to do


class SessionRecord(BaseModel):
    """One session as stored in the history file."""

    model_config = ConfigDict(extra="ignore", strict=True)

    id: str
    routine_id: str
    routine_name: str
    started_at: str  # ISO 8601 with the local UTC offset
    ended_at: str
    status: SessionStatus
    duration_seconds: int | None = Field(None, ge=0)
    pain: int | None = Field(None, ge=0, le=10)
    effort: int | None = Field(None, ge=1, le=10)
    note: str | None = Field(None, max_length=NOTE_MAX_LENGTH)  # the user's own words, added in the history
    sets: list[SetRecord] = Field(default_factory=list)
    checkpoint: Checkpoint | None = None  # only while the session is in progress

    def document(self) -> dict[str, Any]:
        """The record as stored: JSON types, in field order; no ``checkpoint`` key when there is none."""
        return self.model_dump(mode="json", exclude={"checkpoint"} if self.checkpoint is None else None)

    _text = field_validator("id", "routine_id", "routine_name", "note")(valid_text)
    _times = field_validator("started_at", "ended_at")(offset_time)


