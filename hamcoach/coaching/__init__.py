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
        MORE_REST_SECONDS,
        RESUME_SECONDS,
        Engine,
        Snapshot,
    )
    from hamcoach.coaching.recording import (
        session_record,
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
    "session_record": "recording",
}

__all__ = [
    "BACK_GRACE_SECONDS",
    "build_timeline",
    "Cue",
    "cue_schedule",
    "CueKind",
    "Engine",
    "loudest",
    "MORE_REST_SECONDS",
    "Phase",
    "PHASE_WORDS",
    "PhaseKind",
    "RESUME_SECONDS",
    "session_record",
    "Snapshot",
    "WORK_KINDS",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
