"""Routines: the Routine and Exercise models, the library of built-in and custom
routines, their TOML files, and the editor's draft.

The public names are importable from this package; each is loaded with its module on
first use, so importing the package costs nothing (start-up stays fast).
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing costs `hamcoach status` more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hamcoach.errors import ImportClash, RoutineFileError
    from hamcoach.routines.draft import (
        copy_draft,
        error_lines,
        exercise_draft,
        routine_draft,
        validate_draft,
    )
    from hamcoach.routines.files import (
        TRASH_FOLDER,
        DeletedRoutine,
        deleted_routines,
        export_routine,
        export_text,
        import_routine,
        restore_routine,
        routine_path,
        routine_to_toml,
        save_routine,
        trash_routine,
        trashed_id,
        unique_id,
    )
    from hamcoach.routines.identity import (
        LadderSpec,
        exercise_key,
        ladder_key,
    )
    from hamcoach.routines.ladders import (
        Ladder,
        LadderBook,
        LoadedLadder,
        Rung,
        parse_ladders_text,
        read_ladders_file,
    )
    from hamcoach.routines.library import (
        MAX_FILE_BYTES,
        LoadedRoutine,
        RoutineLibrary,
        parse_routine_text,
        read_routine_file,
        safe_id,
    )
    from hamcoach.routines.models import (
        EQUIPMENT,
        GET_READY_SECONDS,
        POSITION_CHANGE_SECONDS,
        POSITIONS,
        SWITCH_SIDES_SECONDS,
        Equipment,
        Exercise,
        Position,
        Routine,
        Tempo,
        describe_errors,
    )

_HOMES = {
    "LadderBook": "ladders",
    "Ladder": "ladders",
    "LoadedLadder": "ladders",
    "Rung": "ladders",
    "parse_ladders_text": "ladders",
    "read_ladders_file": "ladders",
    "LadderSpec": "identity",
    "exercise_key": "identity",
    "ladder_key": "identity",
    "Equipment": "models",
    "EQUIPMENT": "models",
    "GET_READY_SECONDS": "models",
    "POSITION_CHANGE_SECONDS": "models",
    "POSITIONS": "models",
    "Position": "models",
    "SWITCH_SIDES_SECONDS": "models",
    "Tempo": "models",
    "Exercise": "models",
    "Routine": "models",
    "describe_errors": "models",
    "MAX_FILE_BYTES": "library",
    "RoutineFileError": "library",
    "LoadedRoutine": "library",
    "RoutineLibrary": "library",
    "read_routine_file": "library",
    "parse_routine_text": "library",
    "safe_id": "library",
    "TRASH_FOLDER": "files",
    "DeletedRoutine": "files",
    "deleted_routines": "files",
    "restore_routine": "files",
    "trashed_id": "files",
    "ImportClash": "files",
    "routine_to_toml": "files",
    "routine_path": "files",
    "save_routine": "files",
    "trash_routine": "files",
    "unique_id": "files",
    "export_text": "files",
    "export_routine": "files",
    "import_routine": "files",
    "exercise_draft": "draft",
    "routine_draft": "draft",
    "copy_draft": "draft",
    "validate_draft": "draft",
    "error_lines": "draft",
}

__all__ = [
    "copy_draft",
    "DeletedRoutine",
    "deleted_routines",
    "describe_errors",
    "EQUIPMENT",
    "Equipment",
    "error_lines",
    "Exercise",
    "exercise_draft",
    "exercise_key",
    "export_routine",
    "export_text",
    "GET_READY_SECONDS",
    "import_routine",
    "ImportClash",
    "Ladder",
    "ladder_key",
    "LadderBook",
    "LadderSpec",
    "LoadedLadder",
    "LoadedRoutine",
    "MAX_FILE_BYTES",
    "parse_ladders_text",
    "parse_routine_text",
    "Position",
    "POSITION_CHANGE_SECONDS",
    "POSITIONS",
    "read_ladders_file",
    "read_routine_file",
    "restore_routine",
    "Routine",
    "routine_draft",
    "routine_path",
    "routine_to_toml",
    "RoutineFileError",
    "RoutineLibrary",
    "Rung",
    "safe_id",
    "save_routine",
    "SWITCH_SIDES_SECONDS",
    "Tempo",
    "TRASH_FOLDER",
    "trash_routine",
    "trashed_id",
    "unique_id",
    "validate_draft",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
