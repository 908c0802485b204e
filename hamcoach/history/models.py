"""Session records as stored in the history file: one session and its sets."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from hamcoach.routines.models import Side

#: Where a session stands. ``in_progress`` is a checkpoint of a session still running
#: (or left unfinished); only ``completed`` sessions make training days.
SessionStatus = Literal["completed", "partial", "in_progress"]
COMPLETED: Final = "completed"
PARTIAL: Final = "partial"
IN_PROGRESS: Final = "in_progress"
STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)


def parse_time(text: str) -> datetime:
    """An ISO 8601 time as stored; also takes a trailing ``Z`` (Python 3.10's parser does not)."""
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)



class SetRecord(BaseModel):
    """What happened in one set on one side: the target and what was achieved."""

    model_config = ConfigDict(extra="ignore")

    exercise_index: int
    exercise: str
    set: int
    sets: int
    side: Side | None = None
    kind: Literal["reps", "hold"]
    target: int  # reps, or seconds of hold
    achieved: int = 0  # reps completed, or whole seconds held
    skipped: bool = False


class SessionRecord(BaseModel):
    """One session as stored in the history file."""

    model_config = ConfigDict(extra="ignore")

    id: str
    routine_id: str
    routine_name: str
    started_at: str  # ISO 8601 with the local UTC offset
    ended_at: str
    status: SessionStatus
    duration_seconds: int | None = None
    pain: int | None = Field(None, ge=0, le=10)
    effort: int | None = Field(None, ge=1, le=10)
    sets: list[SetRecord] = Field(default_factory=list)


