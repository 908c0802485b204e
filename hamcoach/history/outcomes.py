"""How a set and a session count: the one place that decides "done", "partly done" and "skipped".

The summary, the history screens, ``hamcoach history`` (text and ``--json``) and the
CSV export all count with these functions, so they never disagree. The rules, as
docs/DATA.md states them for users:

- a set's ``achieved`` is what was really done (reps whose last phase finished, whole
  seconds held); a set with nothing achieved is **skipped**;
- a set is **done** when it achieved its target, **partly done** when it achieved
  something less;
- a session is **completed** only when it reached the end of its routine and at least
  half of its planned sets have work in them; otherwise it is **partial**.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Outcome = Literal["done", "partly_done", "skipped"]
OUTCOME_WORDS: dict[Outcome, str] = {"done": "done", "partly_done": "partly done", "skipped": "skipped"}


class CountedSet(Protocol):
    """Anything with a target and what was achieved against it (a SetRecord)."""

    @property
    def target(self) -> int: ...

    @property
    def achieved(self) -> int: ...


def set_outcome(achieved: int, target: int) -> Outcome:
    """``done`` (achieved >= target), ``partly_done`` (something less) or ``skipped`` (nothing)."""
    if achieved <= 0:
        return "skipped"
    return "done" if achieved >= target else "partly_done"


def document_set_outcome(doc: Any) -> Outcome | None:
    """The outcome of a set as stored (a dict), or None when its numbers are not whole numbers."""
    if not isinstance(doc, dict):
        return None
    achieved, target = doc.get("achieved", 0), doc.get("target")
    if type(achieved) is not int or type(target) is not int:
        return None
    return set_outcome(achieved, target)


@dataclass(frozen=True)
class SetTally:
    """How a session's planned sets (one per set and side) came out."""

    planned: int
    done: int
    partly_done: int
    skipped: int

    @property
    def worked(self) -> int:
        """Sets with work in them: done or partly done."""
        return self.done + self.partly_done

    def words(self) -> str:
        """``6 of 9 sets done, 2 partly done, 1 skipped`` (parts that are 0 are left out)."""
        if not self.planned:
            return "no sets recorded"
        text = f"{self.done} of {self.planned} {'set' if self.planned == 1 else 'sets'} done"
        if self.partly_done:
            text += f", {self.partly_done} partly done"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text

    def as_dict(self) -> dict[str, int]:
        """The figures as ``history --json`` prints them."""
        return {"planned": self.planned, "done": self.done, "partly_done": self.partly_done,
                "skipped": self.skipped}


def tally_outcomes(outcomes: Iterable[Outcome]) -> SetTally:
    """Count outcomes already decided."""
    counts = {"done": 0, "partly_done": 0, "skipped": 0}
    for outcome in outcomes:
        counts[outcome] += 1
    return SetTally(sum(counts.values()), counts["done"], counts["partly_done"], counts["skipped"])


def tally(sets: Iterable[CountedSet]) -> SetTally:
    """Count a session's sets: done, partly done and skipped, of the planned ones."""
    return tally_outcomes(set_outcome(s.achieved, s.target) for s in sets)


def session_status(reached_end: bool, sets: Iterable[CountedSet]) -> Literal["completed", "partial"]:
    """``completed`` when the routine ran to its end and at least half its sets have work in them."""
    counted = tally(sets)
    return "completed" if reached_end and counted.planned and 2 * counted.worked >= counted.planned else "partial"
