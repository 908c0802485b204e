"""Exercise identity: when two exercise names mean the same exercise, and a ladder as
the coaching rules see it (a name and its rung names).

Light on purpose (no pydantic): the coaching rules and ``hamcoach status`` use it.
"""

from __future__ import annotations

from dataclasses import dataclass


def exercise_key(name: str) -> str:
    """The identity of an exercise name: trimmed at both ends, case ignored.

    ``" Hip Bridge "`` and ``"hip bridge"`` are the same exercise, in any routine.
    """
    return name.strip().casefold()


def ladder_key(ladder_name: str) -> str:
    """The identity every rung of a ladder shares; never equal to an exercise's key.

    It starts with a space, which a trimmed exercise name never does.
    """
    return " ladder:" + exercise_key(ladder_name)


@dataclass(frozen=True)
class LadderSpec:
    """A ladder for the coaching rules: its name and its rungs, easiest first."""

    name: str
    rungs: tuple[str, ...]

    @property
    def key(self) -> str:
        """The identity all its rungs share."""
        return ladder_key(self.name)
