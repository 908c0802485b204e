"""Turn a finished (or abandoned) engine run into the session record that is stored."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from hamcoach.coaching.engine import Engine
from hamcoach.history.models import IN_PROGRESS, Checkpoint, ResumePoint, SessionRecord, SessionStatus


def session_record(
    engine: Engine,
    routine_id: str,
    started_at: datetime,
    duration_seconds: float,
    session_id: str | None = None,
    status: SessionStatus | None = None,
) -> SessionRecord:
    """The record of a session: who, when, how it went, and every set against the plan.

    Times are ISO 8601 with their UTC offset, so a session keeps the day it was
    trained on wherever the user travels later. ``ended_at`` is ``started_at`` plus the
    measured duration, never the wall clock at the end: a clock stepped back during the
    session (an NTP correction) cannot put the end before the start.

    An ``in_progress`` record (a checkpoint) carries the plan it ran and the set to go
    on with, so a resume runs that plan whatever happened to the routine file since.
    """
    duration = max(0, int(round(duration_seconds)))
    start = started_at.replace(microsecond=0)
    final: SessionStatus = status or engine.status
    checkpoint = None
    if final == IN_PROGRESS:
        point = engine.resume_point()
        checkpoint = Checkpoint(
            plan=engine.routine.model_dump(mode="json"),
            resume_at=None if point is None else ResumePoint.model_validate(
                {"exercise_index": point[0], "set": point[1], "side": point[2]}),
        )
    return SessionRecord(
        id=session_id or str(uuid.uuid4()),
        routine_id=routine_id,
        routine_name=engine.routine.name,
        started_at=start.isoformat(timespec="seconds"),
        ended_at=(start + timedelta(seconds=duration)).isoformat(timespec="seconds"),
        status=final,
        duration_seconds=duration,
        sets=engine.set_records(),
        checkpoint=checkpoint,
    )
