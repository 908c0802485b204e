"""Coaching: a routine turned into timed phases (timeline), run on an injected clock
(engine), and what was done turned into a session record (recording).

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs `hamcoach status` more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hamcoach.coaching.charts import (
        RatingsChart,
        ratings_chart,
        recent_changes,
    )
    from hamcoach.coaching.coach import (
        Coach,
        MorningCheck,
        Outlook,
        morning_check_due,
        report,
        report_json,
        session_outlook,
        state_for,
    )
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
    from hamcoach.coaching.prescription import (
        Planned,
        Prescription,
        neighbour_rung,
        prescribe,
    )
    from hamcoach.coaching.progression import (
        Caution,
        Change,
        CheckIn,
        CoachState,
        ExerciseState,
        Position,
        Progression,
        coach_state,
        replay,
        with_level,
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
    from hamcoach.coaching.today import (
        Suggestion,
        short_version,
        suggest,
    )

_HOMES = {
    "Caution": "progression",
    "Change": "progression",
    "CheckIn": "progression",
    "CoachState": "progression",
    "ExerciseState": "progression",
    "Position": "progression",
    "Progression": "progression",
    "coach_state": "progression",
    "replay": "progression",
    "with_level": "progression",
    "Planned": "prescription",
    "Prescription": "prescription",
    "neighbour_rung": "prescription",
    "prescribe": "prescription",
    "Coach": "coach",
    "MorningCheck": "coach",
    "Outlook": "coach",
    "morning_check_due": "coach",
    "report": "coach",
    "report_json": "coach",
    "session_outlook": "coach",
    "state_for": "coach",
    "Suggestion": "today",
    "short_version": "today",
    "suggest": "today",
    "RatingsChart": "charts",
    "ratings_chart": "charts",
    "recent_changes": "charts",
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
    "Caution",
    "Change",
    "CheckIn",
    "Coach",
    "coach_state",
    "CoachState",
    "Cue",
    "cue_schedule",
    "CueKind",
    "Engine",
    "ExerciseState",
    "INFER",
    "loudest",
    "MORE_REST_SECONDS",
    "morning_check_due",
    "MorningCheck",
    "neighbour_rung",
    "Outlook",
    "Phase",
    "PHASE_WORDS",
    "PhaseKind",
    "Planned",
    "planned_records",
    "Position",
    "prescribe",
    "Prescription",
    "Progression",
    "ratings_chart",
    "RatingsChart",
    "recent_changes",
    "replay",
    "report",
    "report_json",
    "resume_at",
    "resume_plan",
    "RESUME_SECONDS",
    "session_outlook",
    "session_record",
    "SetKey",
    "short_version",
    "Snapshot",
    "STALL_SECONDS",
    "state_for",
    "suggest",
    "Suggestion",
    "with_level",
    "WORK_KINDS",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
