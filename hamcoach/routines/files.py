"""Routine files out and in: the TOML writer, atomic saves, export, import, the trash.

Core: this module never imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hamcoach.atomic import write_text_atomic
from hamcoach.errors import ImportClash, RestoreError, RoutineFileError
from hamcoach.routines.library import read_routine_file, safe_id
from hamcoach.routines.models import Exercise, Routine
from hamcoach.safe_text import CONTROL

TRASH_FOLDER = ".trash"

# --- the TOML writer ------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(text: str) -> str:
    """A TOML basic string. Control characters (C0, DEL and C1) and the bidi overrides
    and isolates are escaped, so the file is safe to print to a terminal; everything
    else stays as typed."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif CONTROL.match(char):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _string_list(items: Iterable[str], multiline: bool) -> str:
    items = list(items)
    if not items:
        return "[]"
    if not multiline:
        return "[" + ", ".join(_string(item) for item in items) + "]"
    return "[\n" + "".join(f"    {_string(item)},\n" for item in items) + "]"


def _exercise_lines(exercise: Exercise) -> list[str]:
    lines = ["[[exercises]]", f"name = {_string(exercise.name)}"]
    if exercise.cues:
        lines.append(f"cues = {_string_list(exercise.cues, multiline=True)}")
    lines.append(f"sets = {exercise.sets}")
    if exercise.reps is not None:
        lines.append(f"reps = {exercise.reps}")
    if exercise.hold is not None:
        lines.append(f"hold = {exercise.hold}")
    if exercise.tempo is not None:
        t = exercise.tempo
        lines.append(f"tempo = {{ up = {t.up}, hold = {t.hold}, down = {t.down} }}")
    lines.append(f"rest = {exercise.rest}")
    if exercise.rest_after is not None:
        lines.append(f"rest_after = {exercise.rest_after}")
    if exercise.per_side:
        lines.append("per_side = true")
    if exercise.position is not None:
        lines.append(f"position = {_string(exercise.position)}")
    if exercise.note:
        lines.append(f"note = {_string(exercise.note)}")
    return lines


def routine_to_toml(routine: Routine) -> str:
    """The routine as TOML in the documented layout and key order.

    Deterministic: the same routine always gives the same text, and reading the text
    back (``library.parse_routine_text``) gives an equal routine.
    """
    lines = [
        f"name = {_string(routine.name)}",
        f"description = {_string(routine.description)}",
        f"equipment = {_string_list(routine.equipment, multiline=False)}",
    ]
    for exercise in routine.exercises:
        lines.append("")
        lines.extend(_exercise_lines(exercise))
    return "\n".join(lines) + "\n"


# --- files ----------------------------------------------------------------------


def _check_id(routine_id: str) -> str:
    if not routine_id or safe_id(routine_id) != routine_id:
        raise ValueError(f"{routine_id!r} is not a safe routine id")
    return routine_id


def routine_path(folder: Path, routine_id: str) -> Path:
    """``folder/<id>.toml``; the id must already be safe (see ``library.safe_id``)."""
    return folder / f"{_check_id(routine_id)}.toml"


def save_routine(routine: Routine, folder: Path, routine_id: str) -> Path:
    """Write ``folder/<id>.toml`` atomically (folder 0700, file 0600); return the path.

    The id must be safe as a file name, so nothing is ever written outside ``folder``.
    """
    path = routine_path(folder, routine_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mode None: a new file is private (0600); an existing one (or a link's target) keeps its mode.
    return write_text_atomic(path, routine_to_toml(routine), mode=None)


def trash_routine(path: Path, custom_dir: Path) -> Path:
    """Move a custom routine file into ``custom_dir/.trash/`` (``<home>/routines/.trash``)
    instead of deleting it, and return its new path.

    The file keeps its name, ``<id>.toml``; when the trash holds one of that name already,
    ``<id>.2.toml``, ``<id>.3.toml``... (a dot is never part of an id, so the id it had is
    always known). Its modification time is set to the moment of deleting: the trash is
    listed newest first by it. Only files directly inside ``custom_dir`` can be trashed.
    """
    path = Path(path)
    if path.resolve().parent != Path(custom_dir).resolve() or path.suffix != ".toml":
        raise ValueError(f"{path} is not a custom routine file")
    trash = Path(custom_dir) / TRASH_FOLDER
    trash.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = trash / path.name
    number = 1
    while os.path.lexists(target):
        number += 1
        target = trash / f"{path.stem}.{number}{path.suffix}"
    os.replace(path, target)
    os.utime(target)  # when it was deleted
    return target


@dataclass(frozen=True)
class DeletedRoutine:
    """A routine file in the trash."""

    routine_id: str  # the id it had, and gets back when restored
    path: Path  # its file in the trash
    deleted_at: datetime  # local time, from the file's modification time (set when it was deleted)
    name: str | None  # the routine's name; None when the file cannot be read as a routine


def trashed_id(path: Path) -> str:
    """The id a trashed file had: ``mine.toml`` and ``mine.2.toml`` were both ``mine``."""
    return path.name.split(".", 1)[0]


def deleted_routines(custom_dir: Path) -> list[DeletedRoutine]:
    """The routines in the trash, the one deleted last first (none when there is no trash)."""
    trash = Path(custom_dir) / TRASH_FOLDER
    try:
        paths = [p for p in trash.glob("*.toml") if p.is_file() and not p.name.startswith(".")]
    except OSError:
        return []
    out = []
    for path in paths:
        routine_id = trashed_id(path)
        if not routine_id or safe_id(routine_id) != routine_id:
            continue  # not a routine hamcoach put there
        try:
            deleted_at = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        except OSError:
            continue
        try:
            name: str | None = read_routine_file(path).name
        except RoutineFileError:
            name = None
        out.append(DeletedRoutine(routine_id, path, deleted_at, name))
    out.sort(key=lambda d: (d.deleted_at, d.path.name), reverse=True)
    return out


def restore_routine(custom_dir: Path, routine_id: str, builtin_ids: Iterable[str] = ()) -> DeletedRoutine:
    """Move the routine of this id deleted last back from the trash; return what was restored.

    Never overwrites: a :class:`RestoreError` (one sentence) when no deleted routine has
    that id, or when a routine of yours or a built-in one has it now; the file then stays
    in the trash.
    """
    found = [d for d in deleted_routines(custom_dir) if d.routine_id == routine_id]
    if not found:
        raise RestoreError(f"no deleted routine has the id {routine_id!r} "
                           "(`hamcoach routines list --deleted` lists them)")
    entry = found[0]
    target = routine_path(custom_dir, routine_id)
    where = f"its file stays in {entry.path}"
    if routine_id in set(builtin_ids):
        raise RestoreError(f"not restored: a built-in routine has the id {routine_id!r}; {where}")
    clash = RestoreError(f"not restored: a routine of yours has the id {routine_id!r} now ({target}); {where}")
    if os.path.lexists(target):
        raise clash
    try:
        os.link(entry.path, target)  # fails if the name was taken meanwhile: never overwrites
    except FileExistsError:
        raise clash from None
    except OSError:  # a file system without hard links: checked just above
        os.replace(entry.path, target)
        return entry
    os.unlink(entry.path)
    return entry


def unique_id(routine_id: str, taken: Iterable[str]) -> str:
    """``routine_id``, or ``routine_id-2``, ``-3``... : the first not in ``taken``."""
    taken = set(taken)
    if routine_id not in taken:
        return routine_id
    number = 2
    while f"{routine_id}-{number}" in taken:
        number += 1
    return f"{routine_id}-{number}"


def export_text(routine: Routine) -> str:
    """What ``hamcoach routines export`` writes: the canonical TOML of the routine."""
    return routine_to_toml(routine)


def export_routine(routine: Routine, out: Path | None = None) -> str:
    """The routine's TOML; also written atomically to ``out`` when given."""
    text = export_text(routine)
    if out is not None:
        write_text_atomic(Path(out), text)
    return text


def import_routine(file: Path, custom_dir: Path, force: bool = False,
                   builtin_ids: Iterable[str] = ()) -> str:
    """Validate a routine file and save it into ``custom_dir``; return its id.

    The id is the file name made safe (``library.safe_id``). Without ``force`` an
    existing routine of that id (custom, or one of ``builtin_ids``) is never
    replaced: :class:`ImportClash` is raised. Invalid files raise
    :class:`hamcoach.routines.library.RoutineFileError`.
    """
    routine = read_routine_file(Path(file))
    routine_id = safe_id(Path(file).stem)
    if not force:
        if routine_path(custom_dir, routine_id).exists():
            raise ImportClash(routine_id, builtin=False)
        if routine_id in set(builtin_ids):
            raise ImportClash(routine_id, builtin=True)
    save_routine(routine, custom_dir, routine_id)
    return routine_id
