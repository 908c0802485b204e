"""One family of errors: every problem hamcoach reports to a user is a HamcoachError.

Each kind carries the exit code the CLI returns for it, and its message is one plain
sentence (or, for a routine file, one line per problem). The CLI turns any of them into
``hamcoach: <message>`` on stderr; the app shows the same words in a notice.
"""

from __future__ import annotations

from pathlib import Path


class HamcoachError(Exception):
    """A problem to report in plain words; ``exit_code`` is what the CLI returns."""

    exit_code: int = 1


class CommandError(HamcoachError):
    """A command that cannot do what was asked (an unknown id, a bad argument)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class StoreError(HamcoachError):
    """A history problem (a lock held too long, a file written by a newer hamcoach)."""


class SettingsError(HamcoachError):
    """settings.json cannot be written without losing what is in it (it did not parse)."""


class TransferError(HamcoachError):
    """A history export that cannot be imported as a whole; the message says why."""


class RoutineFileError(HamcoachError):
    """A routine file that could not be used; ``problems`` holds one line each."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__("; ".join(f"{path.name}: {p}" for p in problems))

    def lines(self) -> list[str]:
        """One ``file: place: what`` line per problem."""
        return [f"{self.path}: {problem}" for problem in self.problems]


class ImportClash(HamcoachError):
    """Importing a routine would replace an existing one and ``force`` was not given."""

    def __init__(self, routine_id: str, builtin: bool):
        self.routine_id = routine_id
        self.builtin = builtin
        where = "a built-in routine" if builtin else "a routine of yours"
        super().__init__(f"{where} already has the id {routine_id!r}")


class RestoreError(HamcoachError):
    """A deleted routine that cannot be restored: none by that id, or its id is taken
    (nothing is overwritten; the file stays in the trash)."""
