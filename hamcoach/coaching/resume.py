"""Resuming an unfinished session: which plan it runs, and where it goes on.

A checkpoint (an ``in_progress`` session) saved by this version carries the routine as
it ran and the set to go on with; a resume runs exactly that, whatever happened to the
routine file since. A checkpoint from an older hamcoach has no plan: it can be resumed
only with a routine whose sets are still the ones it recorded (same exercises, sets,
sides, kinds and targets, in order), and is otherwise kept as a partial session.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationError

from hamcoach.coaching.engine import INFER, SetKey, planned_records
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.routines.models import Routine


def _shape(records: list[SetRecord]) -> list[tuple[object, ...]]:
    return [(r.exercise_index, r.exercise, r.set, r.sets, r.side, r.kind, r.target) for r in records]


def resume_plan(record: SessionRecord, current: Routine | None) -> tuple[Routine | None, str]:
    """The routine to resume ``record`` with, or None and why it cannot be resumed.

    ``current`` is the routine as its file is now (None when the file is gone); it is
    used only for a checkpoint saved without its plan.
    """
    if record.checkpoint is not None:
        try:
            return Routine.model_validate(record.checkpoint.plan), ""
        except ValidationError:
            return None, "its saved plan cannot be read"
    if current is None:
        return None, "its routine is gone"
    if _shape(planned_records(current)) != _shape(record.sets):
        return None, "its routine has changed since and this session was saved without its plan"
    return current, ""


def resume_at(record: SessionRecord) -> SetKey | None | Literal["infer"]:
    """Where a resume goes on: the checkpoint's set (None: nothing left), or INFER for an old one."""
    if record.checkpoint is None:
        return INFER
    point = record.checkpoint.resume_at
    return None if point is None else point.key
