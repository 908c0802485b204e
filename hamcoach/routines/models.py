"""The data hamcoach works with: routines (as read from TOML) and session records.

Every routine file is validated by these pydantic models; the editor validates
with them too, so a file and a form can never disagree about what is valid.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails

Equipment = Literal["mat", "ball", "band"]
EQUIPMENT: tuple[str, ...] = ("mat", "ball", "band")

# Where the body is (and what it holds) during an exercise. Moving from one to another
# (down onto the mat, onto the ball, a band round the ankle) takes longer than a next set.
Position = Literal["floor", "kneeling", "ball", "band", "standing"]
POSITIONS: tuple[str, ...] = ("floor", "kneeling", "ball", "band", "standing")
START_POSITION: Position = "standing"  # at the keyboard, before the first exercise

#: The side of the body a per-side set works.
Side = Literal["left", "right"]

NOTE_MAX_LENGTH = 120  # an exercise's note: a reminder, one line

# Seconds the engine adds around the work; the estimate uses the same numbers.
GET_READY_SECONDS = 5  # before an exercise done in the position of the one before
POSITION_CHANGE_SECONDS = 15  # before an exercise in a new position (the first one too, unless standing)
SWITCH_SIDES_SECONDS = 5
# The position of an exercise that names none: the first of these the routine's equipment has.
_EQUIPMENT_POSITIONS: tuple[tuple[str, Position], ...] = (("mat", "floor"), ("ball", "ball"), ("band", "band"))


class _Strict(BaseModel):
    # Unknown keys are errors: a typo such as `rets = 10` must not be ignored. Strict types:
    # `per_side = "yes"` or `= 1` is not true, `rest = 10.5` is not 10.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class Tempo(_Strict):
    """Seconds for each phase of one rep."""

    up: int = Field(1, ge=0, le=10)
    hold: int = Field(0, ge=0, le=10)
    down: int = Field(1, ge=0, le=10)

    @model_validator(mode="after")
    def _moves(self) -> Tempo:
        if self.up + self.down < 1:
            raise ValueError("up + down must be at least 1 second")
        return self

    @property
    def rep_seconds(self) -> int:
        """Length of one rep."""
        return self.up + self.hold + self.down


class Exercise(_Strict):
    """One exercise of a routine: sets of reps (with a tempo) or of timed holds."""

    name: str = Field(min_length=1, max_length=80)
    cues: list[str] = Field(default_factory=list, max_length=20)
    sets: int = Field(1, ge=1, le=20)
    reps: int | None = Field(None, ge=1, le=100)
    hold: int | None = Field(None, ge=1, le=900)
    tempo: Tempo | None = None
    rest: int = Field(30, ge=0, le=900)
    rest_after: int | None = Field(None, ge=0, le=900)
    per_side: bool = False
    position: Position | None = None  # None: derived from the routine's equipment
    # A reminder of the user's for this exercise (band strength, a setting): one line,
    # shown in the session beside the cues.
    note: str = Field("", max_length=NOTE_MAX_LENGTH)

    @field_validator("note")
    @classmethod
    def _one_line(cls, note: str) -> str:
        if "\n" in note or "\r" in note:
            raise ValueError("must be one line")
        return note

    @model_validator(mode="wrap")
    @classmethod
    def _reps_or_hold(cls, data: Any, handler: ModelWrapValidatorHandler[Exercise]) -> Exercise:
        # Checked on the input, beside the fields' own checks, so that a file with both
        # `reps` and `hold` and a bad `rest` hears of all three problems at once.
        shape = []
        if isinstance(data, dict):
            reps, hold = data.get("reps") is not None, data.get("hold") is not None
            if reps == hold:
                shape.append("give exactly one of reps and hold")
            elif data.get("tempo") is not None and not reps:
                shape.append("tempo goes only with reps, not with a hold")
        try:
            exercise = handler(data)
        except ValidationError as exc:
            if not shape:
                raise
            raise _with_problems(exc, data, shape) from None
        if shape:
            raise _with_problems(None, data, shape)
        return exercise

    @property
    def kind(self) -> Literal["reps", "hold"]:
        """``"reps"`` or ``"hold"``."""
        return "reps" if self.reps is not None else "hold"

    @property
    def effective_tempo(self) -> Tempo:
        """The tempo in force (the default one when none was given)."""
        return self.tempo or Tempo()

    @property
    def effective_rest_after(self) -> int:
        """Rest after the last set; defaults to ``rest``."""
        return self.rest if self.rest_after is None else self.rest_after

    @property
    def sides(self) -> tuple[Side | None, ...]:
        """The sides each set runs on."""
        return ("left", "right") if self.per_side else (None,)

    @property
    def work_seconds(self) -> int:
        """Seconds of work in one set on one side."""
        if self.reps is not None:
            return self.reps * self.effective_tempo.rep_seconds
        return self.hold or 0

    def prescription(self) -> str:
        """A short human summary, e.g. ``3 x 10 reps`` or ``2 x 45 s hold, each side``."""
        what = f"{self.reps} reps" if self.reps is not None else f"{self.hold} s hold"
        side = ", each side" if self.per_side else ""
        return f"{self.sets} x {what}{side}"


class Routine(_Strict):
    """A routine file's content. Its id is the file name, kept outside the model."""

    name: str = Field(min_length=1, max_length=80)
    description: str = Field("", max_length=2000)
    equipment: list[Equipment] = Field(default_factory=list)
    exercises: list[Exercise] = Field(min_length=1, max_length=100)

    def default_position(self) -> Position:
        """The position of an exercise that does not name one, from the equipment:
        on the floor with a mat, else on the ball, in the band, or standing with none."""
        for item, position in _EQUIPMENT_POSITIONS:
            if item in self.equipment:
                return position
        return "standing"

    def position_of(self, index: int) -> Position:
        """Where the body is during exercise ``index``."""
        return self.exercises[index].position or self.default_position()

    def get_ready_seconds(self, index: int) -> int:
        """The get-ready count before exercise ``index``: longer when the position changes
        from the exercise before (or, for the first, from standing at the keyboard)."""
        before = self.position_of(index - 1) if index > 0 else START_POSITION
        return GET_READY_SECONDS if self.position_of(index) == before else POSITION_CHANGE_SECONDS

    def estimated_seconds(self) -> int:
        """Planned length: get-ready counts, work, side switches and rests."""
        total = 0
        last = len(self.exercises) - 1
        for index, ex in enumerate(self.exercises):
            total += self.get_ready_seconds(index)
            sides = len(ex.sides)
            total += ex.sets * sides * ex.work_seconds
            total += ex.sets * (sides - 1) * SWITCH_SIDES_SECONDS
            total += (ex.sets - 1) * ex.rest
            if index != last:
                total += ex.effective_rest_after
        return total


def _with_problems(exc: ValidationError | None, data: Any, problems: list[str]) -> ValidationError:
    """``exc``'s errors and ``problems`` (whole-exercise ones) in one ValidationError."""
    errors: list[InitErrorDetails] = []
    if exc is not None:
        for error in exc.errors():
            detail: InitErrorDetails = {"type": error["type"], "loc": error["loc"], "input": error["input"]}
            if "ctx" in error:
                detail["ctx"] = error["ctx"]
            errors.append(detail)
    errors.extend({"type": "value_error", "loc": (), "input": data, "ctx": {"error": ValueError(problem)}}
                  for problem in problems)
    return ValidationError.from_exception_data("Exercise", errors)


# --- errors in plain words

def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "model-after") or str(part).startswith(
            ("function-", "tagged-union")
        ):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _words(error: ErrorDetails) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown key (check the spelling)"
    if kind == "missing":
        return "is required"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bounds = {"greater_than_equal": "at least", "less_than_equal": "at most",
                  "greater_than": "more than", "less_than": "less than"}
        limit = next(iter(ctx.values()), "?")
        return f"must be {bounds[kind]} {limit} (got {error.get('input')!r})"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number (got {error.get('input')!r})"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false (got {error.get('input')!r})"
    if kind in ("string_type",):
        return "must be text"
    if kind in ("list_type",):
        return "must be a list, like [\"a\", \"b\"]"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or EQUIPMENT
        return f"must be one of {', '.join(expected)} (got {error.get('input')!r})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "is invalid")))
    if kind in ("model_type", "dict_type"):
        return "must be a table of keys"
    return str(error.get("msg", "is invalid")).lower()


def describe_errors(exc: ValidationError) -> list[str]:
    """Turn a pydantic error into lines like ``exercises[2].reps: must be at most 100``."""
    lines = []
    for error in exc.errors():
        where = _location(tuple(error.get("loc", ())))
        lines.append(f"{where}: {_words(error)}" if where else _words(error))
    return lines
