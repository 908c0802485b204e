"""What the history's progress pane shows of the coach: pain and effort by week, the
mornings' check-ins, and the changes of level and rung. Pure functions of the history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from hamcoach.coaching.progression import COUNTED, Change

CHART_WEEKS = 12
WORST = {"better": 0, "same": 1, "worse": 2}


class _Rated(Protocol):
    @property
    def day(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def pain(self) -> int | None: ...
    @property
    def effort(self) -> int | None: ...


@dataclass(frozen=True)
class RatingsChart:
    """Per 7-day block ending on ``as_of`` (oldest first): the highest pain and effort rated
    in it (None: none rated), and the worst morning check-in (None: none)."""

    as_of: date
    pain: tuple[int | None, ...]
    effort: tuple[int | None, ...]
    mornings: tuple[str | None, ...]

    @property
    def empty(self) -> bool:
        """True when nothing was rated or checked in."""
        return all(v is None for v in (*self.pain, *self.effort, *self.mornings))


def ratings_chart(summaries: Iterable[_Rated], checkins: Mapping[date, str], as_of: date,
                  weeks: int = CHART_WEEKS) -> RatingsChart:
    """Pain and effort by week over the last ``weeks`` weeks, with the check-ins marked.

    Blocks end on ``as_of`` (like the progress per exercise), so the last is a whole week.
    """
    first = as_of - timedelta(days=7 * weeks - 1)
    pain: list[int | None] = [None] * weeks
    effort: list[int | None] = [None] * weeks
    mornings: list[str | None] = [None] * weeks

    def block(day: date) -> int | None:
        return weeks - 1 - (as_of - day).days // 7 if first <= day <= as_of else None

    def higher(old: int | None, new: int | None) -> int | None:
        return new if old is None else (old if new is None else max(old, new))

    for s in summaries:
        at = block(s.day)
        if at is None or s.status not in COUNTED:
            continue
        pain[at], effort[at] = higher(pain[at], s.pain), higher(effort[at], s.effort)
    for day, answer in checkins.items():
        at = block(day)
        if at is not None and answer in WORST and (mornings[at] is None or WORST[answer] > WORST[mornings[at] or ""]):
            mornings[at] = answer
    return RatingsChart(as_of, tuple(pain), tuple(effort), tuple(mornings))


def recent_changes(changes: Iterable[Change], names: Mapping[str, str], as_of: date,
                   weeks: int = CHART_WEEKS, most: int = 8) -> list[str]:
    """The coach's changes of level and rung in the last ``weeks`` weeks, newest first, as lines
    like ``2026-03-10  Bridge  Hip bridge 3 -> Marching bridge 0  (cleared twice with low pain)``."""
    first = as_of - timedelta(days=7 * weeks - 1)
    out = []
    for change in reversed(list(changes)):
        if not first <= change.day <= as_of:
            continue
        before, after = change.before, change.after
        moved = (f"{before.rung} {before.level} -> {after.rung} {after.level}" if before.rung != after.rung
                 else f"level {before.level} -> {after.level}")
        out.append(f"{change.day.isoformat()}  {names.get(change.key, change.key)}: {moved}  ({change.why})")
        if len(out) == most:
            break
    return out
