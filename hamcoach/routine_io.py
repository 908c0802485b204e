"""Routine files out and in: the TOML writer, atomic saves, export, import, the trash,
and the editor's draft (a form's text, validated by the same model as the files).

Core: this module never imports Textual.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from pydantic import ValidationError

from hamcoach.atomic import write_text_atomic
from hamcoach.library import read_routine_file, safe_id
from hamcoach.models import Exercise, Routine, describe_errors
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
    return write_text_atomic(path, routine_to_toml(routine))


def trash_routine(path: Path, custom_dir: Path) -> Path:
    """Move a custom routine file into ``custom_dir/.trash/`` (``<home>/routines/.trash``)
    instead of deleting it; a name already in the trash gets a number. Returns the
    new path. Only files directly inside ``custom_dir`` can be trashed."""
    path = Path(path)
    if path.resolve().parent != Path(custom_dir).resolve() or path.suffix != ".toml":
        raise ValueError(f"{path} is not a custom routine file")
    trash = Path(custom_dir) / TRASH_FOLDER
    trash.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = trash / path.name
    number = 1
    while target.exists():
        number += 1
        target = trash / f"{path.stem}-{number}{path.suffix}"
    os.replace(path, target)
    return target


def unique_id(routine_id: str, taken: Iterable[str]) -> str:
    """``routine_id``, or ``routine_id-2``, ``-3``... : the first not in ``taken``."""
    taken = set(taken)
    if routine_id not in taken:
        return routine_id
    number = 2
    while f"{routine_id}-{number}" in taken:
        number += 1
    return f"{routine_id}-{number}"


class ImportClash(Exception):
    """Importing would replace an existing routine and ``force`` was not given."""

    def __init__(self, routine_id: str, builtin: bool):
        self.routine_id = routine_id
        self.builtin = builtin
        where = "a built-in routine" if builtin else "a routine of yours"
        super().__init__(f"{where} already has the id {routine_id!r}")


def export_text(routine: Routine) -> str:
    """What ``hamcoach routines export`` writes: the canonical TOML of the routine."""
    return routine_to_toml(routine)


def export_routine(routine: Routine, out: Optional[Path] = None) -> str:
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
    :class:`hamcoach.library.RoutineFileError`.
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


# --- the editor's draft ----------------------------------------------------------
#
# A draft is what the form shows: text as typed, so that an invalid value can be
# kept, shown and undone. ``draft_data`` turns it into the dict the pydantic model
# validates, exactly like a parsed TOML file.

DEFAULT_REPS = "10"
DEFAULT_HOLD = "30"
_WHOLE = re.compile(r"\s*[+-]?[0-9]{1,9}\s*")


def exercise_draft(exercise: Optional[Exercise] = None) -> dict[str, Any]:
    """The form state of one exercise (a blank one when ``exercise`` is None)."""
    if exercise is None:
        return {"name": "", "kind": "reps", "sets": "1", "reps": DEFAULT_REPS, "hold": DEFAULT_HOLD,
                "tempo_up": "", "tempo_hold": "", "tempo_down": "", "per_side": False,
                "rest": "30", "rest_after": "", "cues": ""}
    tempo = exercise.tempo
    return {
        "name": exercise.name,
        "kind": exercise.kind,
        "sets": str(exercise.sets),
        "reps": str(exercise.reps) if exercise.reps is not None else DEFAULT_REPS,
        "hold": str(exercise.hold) if exercise.hold is not None else DEFAULT_HOLD,
        "tempo_up": str(tempo.up) if tempo else "",
        "tempo_hold": str(tempo.hold) if tempo else "",
        "tempo_down": str(tempo.down) if tempo else "",
        "per_side": exercise.per_side,
        "rest": str(exercise.rest),
        "rest_after": "" if exercise.rest_after is None else str(exercise.rest_after),
        "cues": "\n".join(exercise.cues),
    }


def routine_draft(routine: Optional[Routine] = None) -> dict[str, Any]:
    """The form state of a routine (a new one with one blank exercise when None)."""
    if routine is None:
        return {"name": "", "description": "", "equipment": [], "exercises": [exercise_draft()]}
    return {
        "name": routine.name,
        "description": routine.description,
        "equipment": list(routine.equipment),
        "exercises": [exercise_draft(ex) for ex in routine.exercises],
    }


def copy_draft(draft: dict[str, Any]) -> dict[str, Any]:
    """A deep copy (for the undo stack)."""
    return copy.deepcopy(draft)


def _number(text: str) -> Any:
    # Whole numbers become ints; anything else goes to the model as typed, so that
    # its error names what was typed.
    return int(text) if _WHOLE.fullmatch(text) else text.strip()


def exercise_data(form: dict[str, Any]) -> dict[str, Any]:
    """The dict the :class:`Exercise` model validates, from one exercise's form state."""
    data: dict[str, Any] = {
        "name": form["name"],
        "cues": [line.strip() for line in form["cues"].splitlines() if line.strip()],
        "sets": _number(form["sets"]),
        "rest": _number(form["rest"]),
    }
    if form["kind"] == "hold":
        data["hold"] = _number(form["hold"])
    else:
        data["reps"] = _number(form["reps"])
        tempo = {part: _number(form[f"tempo_{part}"]) for part in ("up", "hold", "down")
                 if form[f"tempo_{part}"].strip()}
        if tempo:
            data["tempo"] = tempo
    if form["rest_after"].strip():
        data["rest_after"] = _number(form["rest_after"])
    if form["per_side"]:
        data["per_side"] = True
    return data


def draft_data(draft: dict[str, Any]) -> dict[str, Any]:
    """The dict the :class:`Routine` model validates, from the editor's form state."""
    return {
        "name": draft["name"],
        "description": draft["description"],
        "equipment": list(draft["equipment"]),
        "exercises": [exercise_data(form) for form in draft["exercises"]],
    }


def _field_key(loc: tuple) -> tuple:
    """Which form field an error belongs to: ``("name",)``, ``("exercises",)`` or
    ``("exercises", index, field)`` with the form's field names."""
    if not loc:
        return ("routine",)
    if loc[0] != "exercises" or len(loc) == 1:
        return (loc[0],)
    index = loc[1]
    if len(loc) == 2:
        return ("exercises", index, "kind")  # "give exactly one of reps and hold"
    field = loc[2]
    if field == "tempo" and len(loc) > 3 and loc[3] in ("up", "hold", "down"):
        return ("exercises", index, f"tempo_{loc[3]}")
    return ("exercises", index, field)


def validate_draft(draft: dict[str, Any]) -> tuple[Optional[Routine], dict[tuple, str]]:
    """Validate the form with the routine model.

    Returns the routine (None when invalid) and the errors in words, keyed by field
    (see ``_field_key``); several problems of one field are joined with ``; ``.
    """
    try:
        return Routine.model_validate(draft_data(draft)), {}
    except ValidationError as exc:
        errors: dict[tuple, str] = {}
        for error, line in zip(exc.errors(), describe_errors(exc)):
            loc = tuple(error.get("loc", ()))
            words = line.split(": ", 1)[1] if loc and ": " in line else line
            if error.get("type") == "int_parsing" and error.get("input") == "":
                words = "is required (a whole number)"
            key = _field_key(loc)
            if key == ("exercises",) and error.get("type") == "too_short":
                words = "add at least one exercise"
            errors[key] = f"{errors[key]}; {words}" if key in errors else words
        return None, errors


FIELD_LABELS = {
    "name": "name", "description": "description", "equipment": "equipment", "exercises": "exercises",
    "kind": "reps or hold", "sets": "sets", "reps": "reps", "hold": "hold", "tempo": "tempo",
    "tempo_up": "tempo up", "tempo_hold": "tempo hold", "tempo_down": "tempo down",
    "rest": "rest", "rest_after": "rest after", "per_side": "per side", "cues": "cues",
}


def error_lines(errors: dict[tuple, str]) -> list[str]:
    """The errors as sentences for people: ``exercise 2, reps: must be at most 100``."""
    lines = []
    for key, words in errors.items():
        if key[0] == "exercises" and len(key) == 3:
            lines.append(f"exercise {key[1] + 1}, {FIELD_LABELS.get(key[2], key[2])}: {words}")
        else:
            lines.append(f"{FIELD_LABELS.get(key[0], key[0])}: {words}")
    return lines

