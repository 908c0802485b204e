"""History: session records, the store (one TinyDB JSON file, atomic and locked),
reading single documents, the file format, export and import, and the streak rules.

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs `hamcoach status` more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hamcoach.errors import StoreError, TransferError
    from hamcoach.history.checkpoint import CheckpointSaver, SaveInBackground, SaveNow
    from hamcoach.history.digest import (
        Digest,
    )
    from hamcoach.history.doctor import Doctor, Finding, examine
    from hamcoach.history.documents import (
        SessionList,
        SessionSummary,
        parse_day,
        session_day,
    )
    from hamcoach.history.fileformat import SCHEMA_VERSION, AtomicJSONStorage
    from hamcoach.history.models import (
        COMPLETED,
        IN_PROGRESS,
        PARTIAL,
        STATUSES,
        Checkpoint,
        ResumePoint,
        SessionRecord,
        SessionStatus,
        SetRecord,
        parse_time,
    )
    from hamcoach.history.outcomes import (
        SetTally,
        session_status,
        set_outcome,
        tally,
    )
    from hamcoach.history.stats import (
        calendar,
        overview,
        progress_for,
        streak_for,
        training_days,
    )
    from hamcoach.history.store import (
        HistoryStore,
    )
    from hamcoach.history.streaks import (
        Streak,
        compute_streak,
        counted_rest_days,
    )
    from hamcoach.history.sync import conflict_copies, merge_conflict_copies, merge_copy
    from hamcoach.history.transfer import (
        MAX_IMPORT_BYTES,
        check_export,
        csv_text,
        export_document,
        import_history,
        json_text,
        parse_export,
    )

_HOMES = {
    "Digest": "digest",
    "CheckpointSaver": "checkpoint",
    "SaveInBackground": "checkpoint",
    "SaveNow": "checkpoint",
    "Doctor": "doctor",
    "Finding": "doctor",
    "examine": "doctor",
    "conflict_copies": "sync",
    "merge_conflict_copies": "sync",
    "merge_copy": "sync",
    "SessionRecord": "models",
    "SetRecord": "models",
    "parse_time": "models",
    "Checkpoint": "models",
    "ResumePoint": "models",
    "SetTally": "outcomes",
    "session_status": "outcomes",
    "set_outcome": "outcomes",
    "tally": "outcomes",
    "HistoryStore": "store",
    "STATUSES": "models",
    "SessionStatus": "models",
    "COMPLETED": "models",
    "PARTIAL": "models",
    "IN_PROGRESS": "models",
    "SessionList": "documents",
    "SessionSummary": "documents",
    "session_day": "documents",
    "parse_day": "documents",
    "SCHEMA_VERSION": "fileformat",
    "StoreError": "fileformat",
    "AtomicJSONStorage": "fileformat",
    "TransferError": "transfer",
    "MAX_IMPORT_BYTES": "transfer",
    "export_document": "transfer",
    "json_text": "transfer",
    "csv_text": "transfer",
    "import_history": "transfer",
    "parse_export": "transfer",
    "check_export": "transfer",
    "Streak": "streaks",
    "streak_for": "stats",
    "compute_streak": "streaks",
    "overview": "stats",
    "calendar": "stats",
    "progress_for": "stats",
    "counted_rest_days": "streaks",
    "training_days": "stats",
}

__all__ = [
    "CheckpointSaver",
    "conflict_copies",
    "Doctor",
    "examine",
    "Finding",
    "merge_conflict_copies",
    "merge_copy",
    "SaveInBackground",
    "SaveNow",
    "AtomicJSONStorage",
    "calendar",
    "check_export",
    "Checkpoint",
    "COMPLETED",
    "compute_streak",
    "counted_rest_days",
    "csv_text",
    "Digest",
    "export_document",
    "HistoryStore",
    "import_history",
    "IN_PROGRESS",
    "json_text",
    "MAX_IMPORT_BYTES",
    "overview",
    "parse_day",
    "parse_export",
    "parse_time",
    "PARTIAL",
    "progress_for",
    "ResumePoint",
    "SCHEMA_VERSION",
    "session_day",
    "session_status",
    "SessionList",
    "SessionRecord",
    "SessionStatus",
    "SessionSummary",
    "set_outcome",
    "SetRecord",
    "SetTally",
    "STATUSES",
    "StoreError",
    "Streak",
    "streak_for",
    "tally",
    "training_days",
    "TransferError",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
