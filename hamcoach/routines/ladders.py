"""Ladders: an exercise's easier and harder variants (rungs), easiest first.

Built-in ladders ship in ``routines/ladders.toml`` beside the routines; a user's own go
in ``ladders.toml`` in the routines folder of the data home. The file name is reserved:
the routine library never reads it as a routine. A file is validated by pydantic models
like routine files are, and a bad one is reported the same way, one line per problem
naming the file; it never stops the other ladders (or the routines) from loading.

The coaching rules (:mod:`hamcoach.coaching.progression`) see a ladder as a
:class:`~hamcoach.routines.identity.LadderSpec`: its name and its rung names.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hamcoach.errors import RoutineFileError
from hamcoach.routines.identity import LadderSpec, exercise_key
from hamcoach.routines.library import LADDERS_FILE, MAX_FILE_BYTES
from hamcoach.routines.models import Equipment, Exercise, Position, Tempo, describe_errors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

MAX_RUNGS = 10
MAX_LADDERS = 50


class _Strict(BaseModel):
    # As for routines: unknown keys are errors, text is trimmed.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Rung(_Strict):
    """One variant of a ladder, with its default work (the sets come from the routine)."""

    name: str = Field(min_length=1, max_length=80)
    cues: list[str] = Field(default_factory=list, max_length=20)
    equipment: list[Equipment] = Field(default_factory=list)
    reps: int | None = Field(None, ge=1, le=100)
    hold: int | None = Field(None, ge=1, le=900)
    tempo: Tempo | None = None
    per_side: bool = False
    position: Position | None = None  # None: the position of the exercise it stands in for

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Rung:
        if (self.reps is None) == (self.hold is None):
            raise ValueError("give exactly one of reps and hold")
        if self.tempo is not None and self.reps is None:
            raise ValueError("tempo goes only with reps, not with a hold")
        return self

    @property
    def kind(self) -> Literal["reps", "hold"]:
        """``"reps"`` or ``"hold"``."""
        return "reps" if self.reps is not None else "hold"

    def in_place_of(self, exercise: Exercise) -> Exercise:
        """This rung run where a routine has ``exercise``: name, cues, kind, tempo, per-side
        and position from the rung; sets and rests from the routine."""
        return Exercise.model_validate({
            "name": self.name, "cues": list(self.cues), "sets": exercise.sets,
            "reps": self.reps, "hold": self.hold,
            "tempo": self.tempo.model_dump() if self.tempo is not None else None,
            "rest": exercise.rest, "rest_after": exercise.rest_after, "per_side": self.per_side,
            "position": self.position or exercise.position,
        })


class Ladder(_Strict):
    """Rungs of one movement, from the easiest to the hardest."""

    name: str = Field(min_length=1, max_length=80)
    description: str = Field("", max_length=2000)
    rungs: list[Rung] = Field(min_length=2, max_length=MAX_RUNGS)

    @model_validator(mode="after")
    def _distinct_rungs(self) -> Ladder:
        seen: set[str] = set()
        for rung in self.rungs:
            key = exercise_key(rung.name)
            if key in seen:
                raise ValueError(f"the rung {rung.name!r} is in this ladder twice")
            seen.add(key)
        return self

    def spec(self) -> LadderSpec:
        """The ladder as the coaching rules see it."""
        return LadderSpec(self.name, tuple(rung.name for rung in self.rungs))


class LadderFile(_Strict):
    """A ladders file's content."""

    ladders: list[Ladder] = Field(min_length=1, max_length=MAX_LADDERS)


def parse_ladders_text(text: str, path: Path = Path("<text>")) -> list[Ladder]:
    """Validate ladders TOML text; ``path`` is only used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineFileError(path, [f"not valid TOML ({exc})"]) from None
    except RecursionError:
        raise RoutineFileError(path, ["TOML is nested too deeply"]) from None
    try:
        return LadderFile.model_validate(data).ladders
    except ValidationError as exc:
        raise RoutineFileError(path, describe_errors(exc)) from None


def read_ladders_file(path: Path) -> list[Ladder]:
    """Read and validate one ladders file, or raise :class:`RoutineFileError` (one line a problem)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoutineFileError(path, [f"file is too large ({size} bytes; the limit is 1 MB)"])
        text = path.read_text(encoding="utf-8")
    except RoutineFileError:
        raise
    except UnicodeDecodeError:
        raise RoutineFileError(path, ["file is not UTF-8 text"]) from None
    except OSError as exc:
        raise RoutineFileError(path, [f"cannot read the file ({exc.strerror or exc})"]) from None
    return parse_ladders_text(text, path)


@dataclass(frozen=True)
class LoadedLadder:
    """A validated ladder and where it came from."""

    ladder: Ladder
    source: Literal["builtin", "custom"]
    path: Path

    @property
    def name(self) -> str:
        """The ladder's name."""
        return self.ladder.name


@dataclass
class LadderBook:
    """Every ladder hamcoach knows, and a look-up from a rung's name to its ladder.

    A rung belongs to one ladder only: a custom ladder that repeats a rung (or the name)
    of one loaded before it is skipped, with a line saying why.
    """

    ladders: list[LoadedLadder] = field(default_factory=list)
    errors: list[RoutineFileError] = field(default_factory=list)
    _rungs: dict[str, tuple[LoadedLadder, int]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, builtin_dir: Path | None, custom_dir: Path | None) -> LadderBook:
        """Read ``ladders.toml`` from both folders (a missing file is no ladders)."""
        book = cls()
        for folder, source in ((builtin_dir, "builtin"), (custom_dir, "custom")):
            if folder is None:
                continue
            path = Path(folder) / LADDERS_FILE
            if not path.is_file():
                continue
            try:
                ladders = read_ladders_file(path)
            except RoutineFileError as exc:
                book.errors.append(exc)
                continue
            book.add(ladders, source, path)  # type: ignore[arg-type]
        return book

    def add(self, ladders: list[Ladder], source: Literal["builtin", "custom"], path: Path) -> None:
        """Add a file's ladders; one that clashes with a ladder already here is skipped."""
        problems = []
        names = {exercise_key(loaded.name) for loaded in self.ladders}
        for index, ladder in enumerate(ladders):
            clash = self._clash(ladder, names)
            if clash:
                problems.append(f"ladders[{index}]: {clash}; this ladder is skipped")
                continue
            loaded = LoadedLadder(ladder, source, path)
            self.ladders.append(loaded)
            names.add(exercise_key(ladder.name))
            for position, rung in enumerate(ladder.rungs):
                self._rungs[exercise_key(rung.name)] = (loaded, position)
        if problems:
            self.errors.append(RoutineFileError(path, problems))

    def _clash(self, ladder: Ladder, names: set[str]) -> str:
        if exercise_key(ladder.name) in names:
            return f"a ladder named {ladder.name!r} is already loaded"
        for rung in ladder.rungs:
            found = self._rungs.get(exercise_key(rung.name))
            if found is not None:
                return f"the rung {rung.name!r} is already on the ladder {found[0].name!r}"
        return ""

    def find(self, exercise_name: str) -> tuple[LoadedLadder, int] | None:
        """The ladder whose rung this exercise is, and the rung's position (0 = easiest)."""
        return self._rungs.get(exercise_key(exercise_name))

    def rung(self, name: str) -> Rung | None:
        """The rung of this name, on whichever ladder it is."""
        found = self.find(name)
        return None if found is None else found[0].ladder.rungs[found[1]]

    def specs(self) -> tuple[LadderSpec, ...]:
        """Every ladder as the coaching rules see it."""
        return tuple(loaded.ladder.spec() for loaded in self.ladders)

    def __iter__(self) -> Iterator[LoadedLadder]:
        return iter(self.ladders)

    def __len__(self) -> int:
        return len(self.ladders)

    def error_lines(self) -> list[str]:
        """Every problem of every skipped file or ladder, one line each."""
        return [line for exc in self.errors for line in exc.lines()]
