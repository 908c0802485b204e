"""The streak rules, light enough for ``hamcoach status`` (no pydantic, no store).

:mod:`hamcoach.history.stats` states the contract and builds on these; docs/DATA.md says
the same in prose.
"""

from __future__ import annotations

from collections import Counter, namedtuple
from datetime import date, timedelta

# Not typing.TYPE_CHECKING, and a namedtuple rather than a dataclass: `hamcoach status`
# imports this module, and typing or dataclasses would cost it more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

REST_WINDOW_DAYS = 6
REST_DAYS_PER_WINDOW = 2
DEFAULT_WEEK_TARGET = 3
ONE_DAY, ONE_WEEK = timedelta(days=1), timedelta(days=7)


class Streak(namedtuple("Streak", "as_of current longest week_target week_streak days_this_week")):
    """The streak figures as of one day.

    ``as_of`` (a date); ``current``: training days in the current run; ``longest``: in the
    longest run up to as_of; ``week_target``: training days a week needs; ``week_streak``:
    consecutive weeks that met the target; ``days_this_week``: training days in as_of's ISO
    week, up to as_of.
    """

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``hamcoach streak --json``: exactly these six keys."""
        return {"as_of": self.as_of.isoformat(), "current": self.current, "longest": self.longest,
                "week_target": self.week_target, "week_streak": self.week_streak,
                "days_this_week": self.days_this_week}


def counted_rest_days(rest_days: Iterable[date]) -> set[date]:
    """The rest days that count: in date order, each one with fewer than two counted in the 6 days before."""
    counted: list[date] = []
    for day in sorted(set(rest_days)):
        # Earlier counted days are all before this one, so the last two are the nearest.
        recent = counted[-REST_DAYS_PER_WINDOW:]
        if len(recent) < REST_DAYS_PER_WINDOW or recent[0] < day - timedelta(days=REST_WINDOW_DAYS):
            counted.append(day)
    return set(counted)


def week_start(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def compute_streak(training: Iterable[date], rest_days: Iterable[date], as_of: date,
                   week_target: int = DEFAULT_WEEK_TARGET) -> Streak:
    """The streak figures as of ``as_of`` from the training days and the marked rest days."""
    if not 1 <= week_target <= 7:
        raise ValueError("the weekly target is 1 to 7 training days")
    # Day ordinals (date(1, 1, 1), a Monday, is 1): plain integer arithmetic, 3,650 days in a few ms.
    end = as_of.toordinal()
    trained = {o for o in (day.toordinal() for day in training) if o <= end}
    counted = {day.toordinal() for day in counted_rest_days(day for day in rest_days if day <= as_of)}
    longest = run = 0
    previous = -1
    for o in sorted(trained | counted):
        if o != previous + 1:
            run = 0
        if o in trained:
            run += 1
            if run > longest:
                longest = run
        previous = o
    # The last run ends at `previous`; it is current if that is today or yesterday.
    current = run if previous >= end - 1 else 0

    per_week = Counter((o - 1) // 7 for o in trained)  # ISO weeks, numbered from year 1
    this_week = (end - 1) // 7
    week = this_week if per_week[this_week] >= week_target else this_week - 1
    week_streak = 0
    while per_week[week] >= week_target:
        week_streak += 1
        week -= 1
    return Streak(as_of, current, longest, week_target, week_streak, per_week[this_week])
