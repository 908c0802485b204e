"""Session records as stored in the history file: one session and its sets."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
    side: Literal["left", "right"] | None = None
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
    status: Literal["completed", "partial", "in_progress"]
    duration_seconds: int | None = None
    pain: int | None = Field(None, ge=0, le=10)
    effort: int | None = Field(None, ge=1, le=10)
    sets: list[SetRecord] = Field(default_factory=list)


