"""A session against the previous run of the same routine: what changed.

The previous run is the newest session of the same routine (by ``routine_id``) that
started before this one and is finished (completed or partial: an unfinished one is
still being recorded). Exercises are matched by name and kind (reps or hold), so an
exercise renamed or swapped since shows on its own line, with nothing on the other side.
The session detail screen only shows what :func:`compare_runs` works out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from hamcoach.history.documents import SessionSummary, instant_of
from hamcoach.history.models import IN_PROGRESS, SessionRecord, parse_time
from hamcoach.history.outcomes import tally
from hamcoach.history.stats import work_seconds
from hamcoach.wording import format_duration

if TYPE_CHECKING:
    from hamcoach.history.store import HistoryStore


@dataclass(frozen=True)
class Figure:
    """One thing compared: its name, this run's value, the previous run's, and a unit.

    ``None`` on a side means there is nothing to compare there (not rated, not done).
    """

    label: str
    now: int | None
    before: int | None
    unit: Literal["sets", "time", "reps", "s", "rating"]

    @property
    def change(self) -> int | None:
        """This run less the previous one, when both have a value."""
        return None if self.now is None or self.before is None else self.now - self.before

    def shown(self, value: int | None) -> str:
        """One side's value in words: ``12 reps``, ``45 s``, ``7:30``, ``-`` for none."""
        if value is None:
            return "-"
        if self.unit == "time":
            return format_duration(value)
        if self.unit == "rating":
            return str(value)
        return f"{value} {self.unit}"

    def change_words(self) -> str:
        """``+3 reps``, ``-0:40``, ``same``, or ``-`` when one side has nothing."""
        change = self.change
        if change is None:
            return "-"
        if change == 0:
            return "same"
        sign = "+" if change > 0 else "-"
        if self.unit == "time":
            return sign + format_duration(abs(change))
        if self.unit == "rating":
            return f"{sign}{abs(change)}"
        return f"{sign}{abs(change)} {self.unit}"


@dataclass(frozen=True)
class RunComparison:
    """A session against the previous run of its routine (``previous`` None: the first run)."""

    previous: SessionRecord | None
    figures: tuple[Figure, ...] = ()
    unreadable: str = ""  # the start of a previous run whose sets could not be read

    def heading(self) -> str:
        """What the comparison is against, in words."""
        if self.unreadable:
            return f"The previous run of this routine ({when(self.unreadable)}) could not be read to compare with."
        if self.previous is None:
            return "The first run of this routine: there is no earlier one to compare with."
        return f"Against the previous run of this routine: {when(self.previous.started_at)}"


def previous_run(record: SessionRecord, summaries: Sequence[SessionSummary]) -> SessionSummary | None:
    """The newest finished session of the same routine that started before ``record``.

    ``summaries`` are the store's, newest first by start instant (times recorded in
    different offsets are compared as instants).
    """
    start = instant_of(record.started_at)
    if start is None:
        return None
    for summary in summaries:  # newest first: the first one found is the latest before
        if summary.id == record.id or summary.routine_id != record.routine_id or summary.status == IN_PROGRESS:
            continue
        when = instant_of(summary.started_at)
        if when is not None and when < start:
            return summary
    return None


def _per_exercise(record: SessionRecord) -> dict[tuple[str, str], int]:
    """Reps done or seconds held per exercise (all its sets and sides), in the routine's order."""
    out: dict[tuple[str, str], int] = {}
    for s in sorted(record.sets, key=lambda s: s.exercise_index):
        key = (s.exercise, s.kind)
        out[key] = out.get(key, 0) + max(s.achieved, 0)
    return out


def compare_runs(record: SessionRecord, previous: SessionRecord | None) -> RunComparison:
    """What changed from ``previous`` (the previous run, or None for the first) to ``record``.

    The figures: sets done, work time (:func:`~hamcoach.history.stats.work_seconds`),
    the reps or seconds held of each exercise, then pain and effort when either run rated them.
    """
    if previous is None:
        return RunComparison(None)
    figures = [
        Figure("Sets done", tally(record.sets).done, tally(previous.sets).done, "sets"),
        Figure("Work time", work_seconds(record), work_seconds(previous), "time"),
    ]
    now, before = _per_exercise(record), _per_exercise(previous)
    for key in [*now, *(k for k in before if k not in now)]:  # this run's order, then what it left out
        name, kind = key
        figures.append(Figure(name, now.get(key), before.get(key), "reps" if kind == "reps" else "s"))
    for label, mine, theirs in (("Pain", record.pain, previous.pain), ("Effort", record.effort, previous.effort)):
        if mine is not None or theirs is not None:
            figures.append(Figure(label, mine, theirs, "rating"))
    return RunComparison(previous, tuple(figures))


def compare_with_previous(store: HistoryStore, record: SessionRecord) -> RunComparison:
    """``record`` against the previous run of its routine in ``store`` (the first run if none can be read)."""
    found = previous_run(record, store.summaries())
    if found is None:
        return RunComparison(None)
    previous = store.get(found.id)
    return compare_runs(record, previous) if previous is not None else RunComparison(None, (), found.started_at)


def when(started_at: str) -> str:
    """``2024-05-06 07:30`` in the offset the session was recorded with."""
    try:
        moment = parse_time(started_at)
    except ValueError:
        return started_at[:16]
    return f"{moment:%Y-%m-%d %H:%M}"
