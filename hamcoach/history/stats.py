"""Streaks, the weekly target, the training calendar and progress per exercise.

Everything here is a pure function of the history and an explicit ``as_of`` day:
there is no hidden clock, and nothing after ``as_of`` is looked at.

The streak rules (the contract; docs/DATA.md says the same in prose; the code is in
:mod:`hamcoach.history.streaks`, which ``hamcoach status`` uses without loading the rest):

- A session's day is the date of its ``started_at`` in the UTC offset it was recorded
  with (:func:`hamcoach.history.store.session_day`).
- A training day has at least one ``completed`` session; partial ones do not count.
- A planned rest day is bridged, not counted: it neither breaks nor extends a run.
  Rest days are taken in date order, and one counts only if fewer than
  :data:`REST_DAYS_PER_WINDOW` counted rest days fall in the :data:`REST_WINDOW_DAYS`
  days before it; the others are ignored.
- A run is a stretch of consecutive days that are each a training day or a counted
  rest day; its length is the number of training days in it.
- Current streak as of D: the run ending at D if D is in one, else the run ending at
  D-1 (today is not lost until it is over), else 0. Longest: the longest run up to D.
- Week streak: consecutive ISO weeks (Monday to Sunday) with at least ``week_target``
  training days, ending with D's week if it has met the target already (counting the
  days up to D), else with the week before.

For the benchmarks: :func:`streak_for` and :func:`overview` take a
:class:`~hamcoach.history.store.HistoryStore` and do what the CLI and the history screen do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from hamcoach.history.models import COMPLETED, SessionRecord
from hamcoach.history.store import SessionSummary, session_day
from hamcoach.history.streaks import (
    DEFAULT_WEEK_TARGET,
    ONE_DAY,
    ONE_WEEK,
    REST_DAYS_PER_WINDOW,
    REST_WINDOW_DAYS,
    Streak,
    compute_streak,
    counted_rest_days,
    week_start,
)
from hamcoach.routines.models import Tempo

if TYPE_CHECKING:
    from hamcoach.history.store import HistoryStore

CALENDAR_WEEKS = 53  # a year of columns, the current week last
PROGRESS_WEEKS = 12
HEAT_LEVEL_MINUTES = (10, 20, 40)  # a day's work from these minutes up is level 2, 3, 4
#: What a rep is counted as in work time: a record keeps how many reps were done, not the
#: tempo they were done at, so each counts as one rep of the default tempo (up 1 s, down 1 s).
REP_SECONDS = Tempo().rep_seconds


# --- streaks -------------------------------------------------------------------


def training_days(summaries: Iterable[SessionSummary]) -> set[date]:
    """The days with at least one completed session."""
    return {s.day for s in summaries if s.status == COMPLETED}


@dataclass(frozen=True)
class RestDayChange:
    """What marking or unmarking a rest day did, in words for a notice."""

    day: date
    marked: bool  # now a rest day (True) or no longer one (False)
    counts: bool = True  # a marked day that counts for the streak (see counted_rest_days)

    def describe(self) -> str:
        """One or two plain sentences for the user."""
        if not self.marked:
            return f"{self.day.isoformat()} is no longer a rest day."
        message = f"Marked {self.day.isoformat()} as a rest day."
        if not self.counts:
            message += (f" It does not count: {REST_DAYS_PER_WINDOW} rest days already count in the "
                        f"{REST_WINDOW_DAYS} days before it.")
        return message


def toggle_rest_day(store: HistoryStore, day: date) -> RestDayChange:
    """Mark ``day`` as a rest day, or unmark it if it is one; say whether it counts."""
    if day in store.rest_days():
        store.remove_rest_day(day)
        return RestDayChange(day, marked=False)
    store.add_rest_day(day)
    return RestDayChange(day, marked=True, counts=day in counted_rest_days(store.rest_days()))


def streak_for(store: HistoryStore, as_of: date, week_target: int = DEFAULT_WEEK_TARGET) -> Streak:
    """The streak of a stored history (what ``hamcoach streak`` prints)."""
    return compute_streak(training_days(store.summaries()), store.rest_days(), as_of, week_target)


# --- the calendar ----------------------------------------------------------------


def work_seconds(record: SessionRecord) -> int:
    """Seconds of work in a session: the seconds held, plus :data:`REP_SECONDS` per rep done.

    Only work phases count: rests, the get-ready count, side switches and pauses are not
    work, and a set's ``achieved`` already leaves them out (docs/DATA.md).
    """
    return sum(max(s.achieved, 0) * (REP_SECONDS if s.kind == "reps" else 1) for s in record.sets)


def heat_level(seconds: int) -> int:
    """0 for no work, then 1 to 4 by minutes: under 10, 10+, 20+, 40+."""
    if seconds <= 0:
        return 0
    minutes = seconds / 60
    return 1 + sum(minutes >= bound for bound in HEAT_LEVEL_MINUTES)


@dataclass(frozen=True)
class Calendar:
    """A year of days for the heatmap: weeks as columns (Monday first), the last one holds as_of."""

    as_of: date
    first: date  # a Monday
    weeks: int
    work: dict[date, int] = field(default_factory=dict)  # seconds of work per day (work_seconds), any status
    training: frozenset[date] = frozenset()  # days with a completed session
    rest: frozenset[date] = frozenset()  # marked rest days in range
    counted_rest: frozenset[date] = frozenset()  # the marked ones that count for the streak
    sessions: dict[date, int] = field(default_factory=dict)  # sessions per day, any status

    def level(self, day: date) -> int:
        """The day's shade, 0 to 4."""
        return heat_level(self.work.get(day, 0))

    def contains(self, day: date) -> bool:
        """Whether ``day`` is one of the calendar's days (from ``first`` to ``as_of``)."""
        return self.first <= day <= self.as_of

    def describe(self, day: date, short: bool = False) -> str:
        """One line about a day: ``Thu 02 May 2024 · 2 sessions · 23 min of work · rest day``.

        ``short``: the same facts in fewer columns (``Thu 02 May · 2 sessions · 23 min ·
        rest``; the year only when it is not the current one, and ``Today`` for today),
        for a narrow calendar.
        """
        if short:
            parts = ["Today" if day == self.as_of else
                     f"{day:%a %d %b}" if day.year == self.as_of.year else f"{day:%a %d %b %y}"]
        else:
            parts = [f"{day:%a %d %b %Y}" + (" (today)" if day == self.as_of else "")]
        count = self.sessions.get(day, 0)
        parts.append(f"{count} {'session' if count == 1 else 'sessions'}" if count else "no session")
        if count:
            seconds = self.work.get(day, 0)
            work = f"{seconds // 60} min" if seconds >= 60 else "under a minute"
            parts.append(work if short else f"{work} of work")
        if day in self.rest:
            counted = day in self.counted_rest
            if short:
                parts.append("rest" if counted else "rest (not counted)")
            else:
                parts.append("rest day" if counted else "rest day (does not count: too many that week)")
        return " · ".join(parts)

    def columns(self) -> list[list[date | None]]:
        """``weeks`` columns of seven days, Monday first; None for the days after as_of."""
        return [[day if day <= self.as_of else None
                 for day in (self.first + timedelta(days=7 * week + weekday) for weekday in range(7))]
                for week in range(self.weeks)]


def calendar_start(as_of: date, weeks: int = CALENDAR_WEEKS) -> date:
    """The Monday the calendar of ``weeks`` weeks ending with as_of's week begins on."""
    return week_start(as_of) - ONE_WEEK * (weeks - 1)


def calendar(summaries: Iterable[SessionSummary], rest_days: Iterable[date], as_of: date,
             weeks: int = CALENDAR_WEEKS, work_of: Mapping[str, int] | None = None) -> Calendar:
    """The heatmap's data: work per day over ``weeks`` weeks ending with as_of's week.

    ``work_of`` gives each session's :func:`work_seconds` by id (a session missing from it,
    its sets unreadable, adds none); a day with a completed session is never shown as empty.
    """
    first = calendar_start(as_of, weeks)
    work_of = work_of or {}
    work: dict[date, int] = defaultdict(int)
    sessions: dict[date, int] = defaultdict(int)
    training = set()
    for s in summaries:
        if first <= s.day <= as_of:
            sessions[s.day] += 1
            work[s.day] += max(work_of.get(s.id, 0), 0)
            if s.status == COMPLETED:
                training.add(s.day)
                work[s.day] = max(work[s.day], 1)  # a completed session always shows
    rest = {day for day in rest_days if day <= as_of}
    counted = counted_rest_days(rest)

    def in_range(days: Iterable[date]) -> frozenset[date]:
        return frozenset(day for day in days if day >= first)

    return Calendar(as_of, first, weeks, dict(work), frozenset(training), in_range(rest), in_range(counted),
                    dict(sessions))


# --- progress per exercise ----------------------------------------------------------


@dataclass(frozen=True)
class ExerciseProgress:
    """Work on one exercise per 7-day block: reps for reps, seconds held for holds."""

    exercise: str
    kind: Literal["reps", "hold"]
    weekly: tuple[int, ...]  # oldest block first; the last block ends on as_of

    @property
    def unit(self) -> str:
        """``reps`` or ``s``."""
        return "reps" if self.kind == "reps" else "s"

    @property
    def total(self) -> int:
        """All the work in the blocks."""
        return sum(self.weekly)


def exercise_progress(sessions: Iterable[SessionRecord], as_of: date,
                      weeks: int = PROGRESS_WEEKS) -> list[ExerciseProgress]:
    """Work per exercise in ``weeks`` 7-day blocks ending on as_of, sorted by exercise name.

    Blocks end on as_of (not on Sundays), so the last one is a whole week and the
    line does not dip at the start of every week. Partial sessions count: the work was done.
    """
    first = as_of - timedelta(days=7 * weeks - 1)
    totals: dict[tuple[str, str], list[int]] = {}
    for session in sessions:
        day = session_day(session.started_at)
        if day is None or not first <= day <= as_of:
            continue
        block = weeks - 1 - (as_of - day).days // 7
        for s in session.sets:
            totals.setdefault((s.exercise, s.kind), [0] * weeks)[block] += max(s.achieved, 0)
    return [ExerciseProgress(name, kind, tuple(values))  # type: ignore[arg-type]
            for (name, kind), values in sorted(totals.items(), key=lambda item: (item[0][0].casefold(), item[0]))]


def recent_sessions(store: HistoryStore, since: date) -> list[SessionRecord]:
    """The stored sessions whose day is ``since`` or later, validating only those (and a few more)."""
    out = []
    for session in store.sessions():  # newest first by instant
        day = session_day(session.started_at)
        if day is None:
            continue
        # Offsets shift a local date at most a day from UTC, so once a session is two days
        # before `since`, every later one in this order is before it too.
        if day < since - 2 * ONE_DAY:
            break
        if day >= since:
            out.append(session)
    return out


def progress_for(store: HistoryStore, as_of: date, weeks: int = PROGRESS_WEEKS) -> list[ExerciseProgress]:
    """Progress per exercise of a stored history; only the last ``weeks`` weeks are read."""
    since = as_of - timedelta(days=7 * weeks - 1)
    return exercise_progress(recent_sessions(store, since), as_of, weeks)


# --- everything the history screen shows ---------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The streak, the calendar and the progress of a history as of one day."""

    streak: Streak
    calendar: Calendar
    progress: list[ExerciseProgress]
    summaries: list[SessionSummary]  # every session, newest first


def overview(store: HistoryStore, as_of: date, week_target: int = DEFAULT_WEEK_TARGET,
             calendar_weeks: int = CALENDAR_WEEKS) -> Overview:
    """What the history screen shows, computed in one go.

    The sets of the calendar's weeks (at least the progress's) are read once, for both.
    """
    summaries = store.summaries()
    rest = store.rest_days()
    since = min(calendar_start(as_of, calendar_weeks), as_of - timedelta(days=7 * PROGRESS_WEEKS - 1))
    recent = recent_sessions(store, since)
    return Overview(
        streak=compute_streak(training_days(summaries), rest, as_of, week_target),
        calendar=calendar(summaries, rest, as_of, calendar_weeks, {r.id: work_seconds(r) for r in recent}),
        progress=exercise_progress(recent, as_of),
        summaries=summaries,
    )
