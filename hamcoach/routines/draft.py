"""The editor's draft of a routine: text fields as typed, checked by the same models as a file."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from hamcoach.routines.files import routine_path, unique_id
from hamcoach.routines.library import RoutineLibrary, safe_id
from hamcoach.routines.models import Exercise, Routine, describe_errors

# --- the editor's draft ----------------------------------------------------------
#
# A draft is what the form shows: text as typed, so that an invalid value can be
# kept, shown and undone. ``draft_data`` turns it into the dict the pydantic model
# validates, exactly like a parsed TOML file.

#: Where a value sits in a draft: ``("name",)`` or ``("exercises", index, field)``.
FieldKey = tuple[Any, ...]

DEFAULT_REPS = "10"
DEFAULT_HOLD = "30"
_WHOLE = re.compile(r"\s*[+-]?[0-9]{1,9}\s*")


def exercise_draft(exercise: Exercise | None = None) -> dict[str, Any]:
    """The form state of one exercise (a blank one when ``exercise`` is None)."""
    if exercise is None:
        return {"name": "", "kind": "reps", "sets": "1", "reps": DEFAULT_REPS, "hold": DEFAULT_HOLD,
                "tempo_up": "", "tempo_hold": "", "tempo_down": "", "per_side": False,
                "rest": "30", "rest_after": "", "cues": "", "note": "", "position": None}
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
        "note": exercise.note,
        "position": exercise.position,  # no field in the form yet: kept as it was
    }


def routine_draft(routine: Routine | None = None) -> dict[str, Any]:
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
    if form.get("position") is not None:
        data["position"] = form["position"]
    if form.get("note", "").strip():
        data["note"] = form["note"]
    return data


def draft_data(draft: dict[str, Any]) -> dict[str, Any]:
    """The dict the :class:`Routine` model validates, from the editor's form state."""
    return {
        "name": draft["name"],
        "description": draft["description"],
        "equipment": list(draft["equipment"]),
        "exercises": [exercise_data(form) for form in draft["exercises"]],
    }


def _field_key(loc: FieldKey) -> FieldKey:
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


def validate_draft(draft: dict[str, Any]) -> tuple[Routine | None, dict[FieldKey, str]]:
    """Validate the form with the routine model.

    Returns the routine (None when invalid) and the errors in words, keyed by field
    (see ``_field_key``); several problems of one field are joined with ``; ``.
    """
    try:
        return Routine.model_validate(draft_data(draft)), {}
    except ValidationError as exc:
        errors: dict[FieldKey, str] = {}
        for error, line in zip(exc.errors(), describe_errors(exc), strict=False):
            loc = tuple(error.get("loc", ()))
            words = line.split(": ", 1)[1] if loc and ": " in line else line
            if error.get("type") in ("int_parsing", "int_type") and error.get("input") == "":
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
    "rest": "rest", "rest_after": "rest after", "per_side": "per side", "cues": "cues", "note": "note",
}


def error_lines(errors: dict[FieldKey, str]) -> list[str]:
    """The errors as sentences for people: ``exercise 2, reps: must be at most 100``."""
    lines = []
    for key, words in errors.items():
        if key[0] == "exercises" and len(key) == 3:
            lines.append(f"exercise {key[1] + 1}, {FIELD_LABELS.get(key[2], key[2])}: {words}")
        else:
            lines.append(f"{FIELD_LABELS.get(key[0], key[0])}: {words}")
    return lines



# --- the save plan -----------------------------------------------------------------
#
# Where the editor saves a routine. A routine already saved keeps its id, even when
# renamed, so that its history and `hamcoach run ID` keep working. A new one takes the
# id made from its name; when that id is taken the user is asked: overwrite (only a
# routine of their own, never a built-in one), save under a free id, or cancel.


@dataclass(frozen=True)
class SavePlan:
    """Where a routine from the editor goes, and whether the user must be asked first."""

    routine_id: str  # the id to save as (on a clash: the id that is taken)
    clash: bool = False  # the id is taken by another routine or file: ask first
    builtin: bool = False  # ... by a built-in routine, which is never overwritten
    other_name: str = ""  # the name of the routine that has the id
    renamed: str = ""  # a free id to offer instead

    @property
    def may_overwrite(self) -> bool:
        """Whether "overwrite" is a choice: only a file of the user's own."""
        return self.clash and not self.builtin


def id_taken(library: RoutineLibrary, routine_id: str) -> bool:
    """Whether ``routine_id`` names a routine, or a custom file (even a broken one)."""
    return library.get(routine_id) is not None or routine_path(library.custom_dir, routine_id).exists()


def plan_save(routine: Routine, current_id: str | None, library: RoutineLibrary) -> SavePlan:
    """The save plan for ``routine``, which has the id ``current_id`` if it was saved before."""
    if current_id is not None:
        return SavePlan(current_id)
    wanted = safe_id(routine.name)
    if not id_taken(library, wanted):
        return SavePlan(wanted)
    custom_dir = library.custom_dir
    taken = {r.id for r in library.routines}
    taken |= {path.stem for path in custom_dir.glob("*.toml")} if custom_dir.is_dir() else set()
    other = library.get(wanted)
    # A broken file of that id (skipped by the library) is the user's: it may be overwritten.
    builtin = not routine_path(custom_dir, wanted).exists()
    return SavePlan(wanted, clash=True, builtin=builtin, other_name=other.name if other else wanted,
                    renamed=unique_id(wanted, taken))
