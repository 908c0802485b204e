"""The routine library: built-in and custom routine files, read and validated.

A broken file never stops the others from loading: its problems are collected as
one line each (file, place, what is wrong) for the app and the CLI to show.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from hamcoach import paths
from hamcoach.errors import RoutineFileError
from hamcoach.fileio import TooLarge, read_regular, reason
from hamcoach.routines.models import Routine, describe_errors

if TYPE_CHECKING:
    from hamcoach.routines.ladders import LadderBook

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

MAX_FILE_BYTES = 1_000_000
# A file of ladders (hamcoach.routines.ladders) beside the routines; never read as a routine.
LADDERS_FILE = "ladders.toml"
RESERVED_IDS = frozenset({LADDERS_FILE.removesuffix(".toml")})
Source = Literal["builtin", "custom"]


@dataclass(frozen=True)
class LoadedRoutine:
    """A validated routine with the id and origin of its file."""

    id: str
    routine: Routine
    source: Source
    path: Path

    @property
    def name(self) -> str:
        """The routine's display name."""
        return self.routine.name


def read_routine_file(path: Path) -> Routine:
    """Read and validate one TOML routine file, or raise :class:`RoutineFileError`.

    Only a regular file (a link is followed) of at most 1 MB, checked while reading: a
    FIFO or a device in the routines folder is one error line, never a hang.
    """
    try:
        _, data = read_regular(path, MAX_FILE_BYTES)
    except TooLarge:
        try:
            size = f"{path.stat().st_size} bytes; "
        except OSError:
            size = ""
        raise RoutineFileError(path, [f"file is too large ({size}the limit is 1 MB)"]) from None
    except OSError as exc:
        raise RoutineFileError(path, [f"cannot read the file ({reason(exc)})"]) from None
    try:
        text = data.decode("utf-8-sig")  # a byte order mark (some editors add one) is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineFileError(path, [f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}, "
                                      f"column {column})"]) from None
    return parse_routine_text(text, path)


def parse_routine_text(text: str, path: Path = Path("<text>")) -> Routine:
    """Validate routine TOML text; ``path`` is only used in error messages."""
    text = text.removeprefix("\ufeff")  # a byte order mark (some editors add one) is not TOML, but is fine
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineFileError(path, [f"not valid TOML ({exc})"]) from None
    except RecursionError:
        raise RoutineFileError(path, ["TOML is nested too deeply"]) from None
    try:
        return Routine.model_validate(data)
    except ValidationError as exc:
        raise RoutineFileError(path, describe_errors(exc)) from None


_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def safe_id(name: str) -> str:
    """Turn a name into a routine id that is safe as a file name.

    Lowercase letters, digits, ``-`` and ``_`` only: no separators, no ``..``, never
    hidden (no leading dot) and never empty.
    """
    # Fold accents first so "Übung" becomes "ubung" rather than losing the letter.
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("-", folded.strip().lower()).strip("-_")
    slug = re.sub(r"-{2,}", "-", slug)[:60].strip("-_")
    if slug in RESERVED_IDS:  # "ladders.toml" is the ladders file, not a routine
        return f"{slug}-routine"
    return slug or "routine"


def _no_ladders() -> LadderBook:
    from hamcoach.routines.ladders import LadderBook

    return LadderBook()


@dataclass
class RoutineLibrary:
    """All routines hamcoach knows: the built-in ones and the user's own.

    Custom routines override nothing: when a custom id equals a built-in one, the
    custom routine is listed under its own source and the built-in stays too.

    ``ladders.toml`` in either folder holds ladders, not a routine: it is read into
    ``ladders`` (see :mod:`hamcoach.routines.ladders`), and its problems join ``errors``.
    """

    builtin_dir: Path
    custom_dir: Path
    routines: list[LoadedRoutine] = field(default_factory=list)
    errors: list[RoutineFileError] = field(default_factory=list)
    ladders: LadderBook = field(default_factory=lambda: _no_ladders())

    @classmethod
    def load(cls, builtin_dir: Path | None = None, custom_dir: Path | None = None) -> RoutineLibrary:
        """Read both folders; bad files end up in ``errors``, the rest in ``routines``."""
        library = cls(builtin_dir or paths.builtin_routines_dir(), custom_dir or paths.custom_routines_dir())
        library.reload()
        return library

    def reload(self) -> None:
        """Read the folders again (after an edit, import or delete)."""
        from hamcoach.routines.ladders import LadderBook

        self.routines, self.errors = [], []
        for folder, source in ((self.builtin_dir, "builtin"), (self.custom_dir, "custom")):
            if not folder.is_dir():
                if os.path.lexists(folder):  # a file, or a link to nowhere: say so, naming it
                    why = "it is a link that leads nowhere" if folder.is_symlink() else "it is not a folder"
                    self.errors.append(RoutineFileError(folder, [f"cannot read the routines folder ({why})"]))
                continue
            for path in sorted(folder.glob("*.toml")):
                if path.name.startswith(".") or path.name == LADDERS_FILE:
                    continue
                if safe_id(path.stem) != path.stem:
                    # The id is the file name, and an id is what the editor saves to and
                    # what `hamcoach run` takes: only ids that are safe as file names.
                    self.errors.append(RoutineFileError(path, [
                        f"the file name is not a routine id (lowercase letters, digits, - and _); "
                        f"rename it to {safe_id(path.stem)}.toml"]))
                    continue
                try:
                    routine = read_routine_file(path)
                except RoutineFileError as exc:
                    self.errors.append(exc)
                    continue
                self.routines.append(LoadedRoutine(path.stem, routine, source, path))  # type: ignore[arg-type]
        self.ladders = LadderBook.load(self.builtin_dir, self.custom_dir)
        self.errors.extend(self.ladders.errors)

    def get(self, routine_id: str) -> LoadedRoutine | None:
        """The routine with this id; a custom one wins over a built-in of the same id."""
        found = [r for r in self.routines if r.id == routine_id]
        custom = [r for r in found if r.source == "custom"]
        return (custom or found)[0] if found else None

    def error_lines(self) -> list[str]:
        """Every problem of every skipped file, one line each."""
        return [line for exc in self.errors for line in exc.lines()]
