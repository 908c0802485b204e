"""Session documents as an export or the history file holds them, for the transfer,
store and record tests."""

from __future__ import annotations

import json

from hamcoach.history.transfer import FORMAT


def full(sid: str, started: str = "2024-05-06T07:30:00+02:00", **extra) -> dict:
    """A session as the app records it: every field, with sets."""
    doc = {
        "id": sid, "routine_id": "floor-basics", "routine_name": "Floor basics", "started_at": started,
        "ended_at": started[:11] + "07:44:10" + started[19:], "status": "completed", "duration_seconds": 850,
        "pain": 1, "effort": 6, "note": None,
        "sets": [
            {"exercise_index": 0, "exercise": "Core set-up", "set": 1, "sets": 2, "side": None, "kind": "hold",
             "target": 20, "achieved": 20, "skipped": False},
            {"exercise_index": 1, "exercise": "Bird dog", "set": 1, "sets": 1, "side": "left", "kind": "reps",
             "target": 8, "achieved": 5, "skipped": False},
        ],
    }
    return {**doc, **extra}



def minimal(sid: str, started: str = "2024-05-01T07:00:00Z", **extra) -> dict:
    """Only the keys an import needs."""
    return {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": started, "ended_at": started,
            "status": "partial", **extra}



def export_of(sessions: list, rest_days: list | None = None, **extra) -> bytes:
    doc = {"format": FORMAT, "version": 1, "sessions": sessions, **extra}
    if rest_days is not None:
        doc["rest_days"] = rest_days
    return json.dumps(doc).encode()
