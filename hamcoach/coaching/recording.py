"""Turn a finished (or abandoned) engine run into the session record that is stored."""

from __future__ import annotations

import uuid
from datetime import datetime

from hamcoach.coaching.engine import Engine
from hamcoach.history.models import SessionRecord


def session_record(
    engine: Engine,
    routine_id: str,
    started_at: datetime,
    ended_at: datetime,
    duration_seconds: float,
    session_id: str | None = None,
    status: str | None = None,
) -> SessionRecord:
    """The record of a session: who, when, how it went, and every set against the plan.

    Times are ISO 8601 with their UTC offset, so a session keeps the day it was
    trained on wherever the user travels later.
    """
    return SessionRecord(
        id=session_id or str(uuid.uuid4()),
        routine_id=routine_id,
        routine_name=engine.routine.name,
        started_at=started_at.isoformat(timespec="seconds"),
        ended_at=ended_at.isoformat(timespec="seconds"),
        status=status or engine.status,  # type: ignore[arg-type]
        duration_seconds=int(round(duration_seconds)),
        sets=engine.set_records(),
    )
