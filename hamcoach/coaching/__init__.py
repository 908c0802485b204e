"""Coaching: a routine turned into timed phases (timeline), run on an injected clock
(engine), and what was done turned into a session record (recording).

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hamcoach.coaching.engine import (
        BACK_GRACE_SECONDS,
        INFER,
        MORE_REST_SECONDS,
        RESUME_SECONDS,
        STALL_SECONDS,
        Engine,
        SetKey,
        Snapshot,
        planned_records,
    )
    from hamcoach.coaching.recording import (
        session_record,
    )
    from hamcoach.coaching.resume import (
        resume_at,
        resume_plan,
    )
    from hamcoach.coaching.timeline import (
        PHASE_WORDS,
        WORK_KINDS,
        Cue,
        CueKind,
        Phase,
        PhaseKind,
        build_timeline,
        cue_schedule,
        loudest,
    )

_HOMES = {
    "PhaseKind": "timeline",
    "CueKind": "timeline",
    "Phase": "timeline",
    "Cue": "timeline",
    "WORK_KINDS": "timeline",
    "PHASE_WORDS": "timeline",
    "build_timeline": "timeline",
    "cue_schedule": "timeline",
    "loudest": "timeline",
    "Engine": "engine",
    "Snapshot": "engine",
    "RESUME_SECONDS": "engine",
    "MORE_REST_SECONDS": "engine",
    "BACK_GRACE_SECONDS": "engine",
    "STALL_SECONDS": "engine",
    "INFER": "engine",
    "SetKey": "engine",
    "planned_records": "engine",
    "session_record": "recording",
    "resume_plan": "resume",
    "resume_at": "resume",
}

__all__ = [
    "BACK_GRACE_SECONDS",
    "build_timeline",
    "Cue",
    "cue_schedule",
    "CueKind",
    "Engine",
    "INFER",
    "loudest",
    "MORE_REST_SECONDS",
    "Phase",
    "PHASE_WORDS",
    "PhaseKind",
    "planned_records",
    "RESUME_SECONDS",
    "resume_at",
    "resume_plan",
    "session_record",
    "SetKey",
    "Snapshot",
    "STALL_SECONDS",
    "WORK_KINDS",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
