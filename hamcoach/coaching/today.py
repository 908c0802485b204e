"""What to do today: the routine the picker suggests, and a short version when the streak is at stake.

A pure function of the routines, the equipment at hand, the history's summaries and the
rest days, and the day: the picker shows its answer, and ``t`` / ``s`` start it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from hamcoach.history.streaks import compute_streak, counted_rest_days
from hamcoach.wording import since_words

if TYPE_CHECKING:  # the picker's first frame uses this module without pydantic (issue 15)
    from hamcoach.routines.models import Routine

SHORT_EXERCISES = 3  # a short version: the first set of at most this many exercises


class _Summary(Protocol):
    @property
    def routine_id(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class LastDone:
    """When a routine was last done: the day, and whether a session of it that day was completed."""

    day: date
    completed: bool  # False: only partial sessions that day


def last_done(summaries: Iterable[_Summary], today: date) -> dict[str, LastDone]:
    """Each routine id's last day done, in one pass over the history's summaries.

    Done means a ``completed`` or a ``partial`` session: both are ended sessions the
    history lists (and the calendar shades). A session ``in_progress`` (running, or cut
    off and not yet resumed or kept) is not done yet; deleted sessions are not in the
    summaries; a day after ``today`` (a clock set wrong) is left out.
    """
    last: dict[str, LastDone] = {}
    for s in summaries:
        if s.status not in ("completed", "partial") or s.day > today:
            continue
        seen = last.get(s.routine_id)
        if seen is None or s.day > seen.day:
            last[s.routine_id] = LastDone(s.day, s.status == "completed")
        elif s.day == seen.day and s.status == "completed" and not seen.completed:
            last[s.routine_id] = LastDone(s.day, True)
    return last


@dataclass(frozen=True)
class Suggestion:
    """Today's suggestion."""

    routine_id: str | None  # None on a rest day, or when nothing fits the equipment at hand
    rest_day: bool
    last_done: date | None  # when the suggested routine was last done (None: never)
    streak: int  # training days in the current run (as of today)
    at_stake: bool  # the run ends tonight unless today becomes a training day
    today: date = date.min  # the day it was worked out for (words say "yesterday" from it)

    def words(self, name: str) -> str:
        """One line for the picker."""
        if self.rest_day:
            return "Today is a planned rest day."
        since = f"last done {since_words(self.last_done, self.today)}" if self.last_done else "not done yet"
        line = f"Today: {name} ({since}), t to start it"
        if self.at_stake:
            line += f"; s for a short version that keeps your {self.streak}-day streak"
        return line


def suggest(routines: Sequence[tuple[str, Routine]], at_hand: Iterable[str], summaries: Iterable[_Summary],
            rest_days: Iterable[date], today: date) -> Suggestion:
    """The routine done least recently among those that fit the equipment at hand (the
    first in the list on a tie, or among those never done); none on a marked rest day."""
    summaries = list(summaries)
    training = {s.day for s in summaries if s.status == "completed"}
    return suggest_from([(rid, routine.equipment) for rid, routine in routines], at_hand, training, rest_days,
                        last_done(summaries, today), today)


def suggest_from(routines: Sequence[tuple[str, Iterable[str]]], at_hand: Iterable[str], training: Iterable[date],
                 rest_days: Iterable[date], last_days: Mapping[str, LastDone], today: date) -> Suggestion:
    """:func:`suggest` from what the history's digest keeps: each routine's (id, equipment),
    the days with a completed session, the rest days, and each routine's last day done."""
    rest = set(rest_days)
    training = set(training)
    streak = compute_streak(training, rest, today).current
    at_stake = streak > 0 and today not in training and today not in counted_rest_days(d for d in rest if d <= today)
    if today in rest:
        return Suggestion(None, True, None, streak, False, today)
    last = {rid: done.day for rid, done in last_days.items() if done.day <= today}
    hand = set(at_hand)
    fits = [rid for rid, equipment in routines if set(equipment) <= hand]
    if not fits:
        return Suggestion(None, False, None, streak, at_stake, today)
    order = {rid: n for n, rid in enumerate(fits)}
    chosen = min(fits, key=lambda rid: (last.get(rid, date.min), order[rid]))
    return Suggestion(chosen, False, last.get(chosen), streak, at_stake, today)


def short_version(routine: Routine) -> Routine:
    """The first set of at most 3 exercises, with their rests: a few minutes that still count."""
    exercises = [exercise.model_copy(update={"sets": 1}) for exercise in routine.exercises[:SHORT_EXERCISES]]
    name = routine.name if len(routine.name) > 72 else f"{routine.name} (short)"
    return routine.model_copy(update={"name": name, "exercises": exercises})
