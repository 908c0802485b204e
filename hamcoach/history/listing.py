"""Which sessions the history's list shows: all of them, one routine's, one day's.

The list, its counts and the routine choices are worked out here, so the screen's
counts always agree with the rows it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from hamcoach.history.documents import SessionSummary


@dataclass(frozen=True)
class RoutineChoice:
    """A routine the history has sessions of: its id, the name to show, how many sessions."""

    routine_id: str
    name: str
    count: int


def routine_choices(summaries: Iterable[SessionSummary]) -> list[RoutineChoice]:
    """The routines of ``summaries`` (newest first), the one done last first.

    A routine is known by its id; its name is the one of its latest session. Two
    routines with the same name are told apart by their ids, in brackets.
    """
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for s in summaries:  # newest first: the first name met is the latest
        names.setdefault(s.routine_id, s.routine_name)
        counts[s.routine_id] = counts.get(s.routine_id, 0) + 1
    taken: dict[str, int] = {}
    for name in names.values():
        taken[name.casefold()] = taken.get(name.casefold(), 0) + 1
    return [RoutineChoice(rid, f"{name} ({rid})" if taken[name.casefold()] > 1 else name, counts[rid])
            for rid, name in names.items()]


def next_routine(choices: Sequence[RoutineChoice], current: str | None, step: int = 1) -> str | None:
    """The routine after ``current`` (None: all routines) in ``choices``, going round through "all"."""
    ids: list[str | None] = [None, *(c.routine_id for c in choices)]
    index = ids.index(current) if current in ids else 0
    return ids[(index + step) % len(ids)]


def filter_sessions(summaries: Iterable[SessionSummary], routine_id: str | None = None,
                    day: date | None = None) -> list[SessionSummary]:
    """The sessions of one routine (by id) and/or one day (None: any), in the order given."""
    return [s for s in summaries
            if (routine_id is None or s.routine_id == routine_id) and (day is None or s.day == day)]
