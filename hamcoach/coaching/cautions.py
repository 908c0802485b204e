"""The caution rule (docs/COACHING.md): repeated flare-ups or "worse" mornings mean hold off.

Its own module, light on purpose: ``hamcoach status`` runs in shell prompts many times a
minute and reads the cautions from the history's digest, so this module imports nothing
but the standard library's ``datetime`` and ``collections`` (no dataclasses, no typing:
each of those costs the command more than its work). :mod:`hamcoach.coaching.progression`
re-exports all of it.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

COUNTED = frozenset({"completed", "partial"})
FLARE_PAIN = 6  # 6 and up: too much, step down (4-5: hold)
CAUTION_GAP = timedelta(hours=7 * 24)  # two flare-ups at most this far apart
CAUTION_DAYS = 28  # a caution stands while its later event is this recent
CAUTION_ADVICE = "hold off progressing for now, and check with a clinician if it keeps happening."


def moment(text: str) -> datetime | None:
    """An ISO 8601 time as stored (a trailing ``Z`` too), or None."""
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except (ValueError, TypeError, AttributeError):
        return None


def instant(when: datetime) -> float:
    """POSIX seconds; a time without an offset counts as local time, as in the store."""
    return when.timestamp()


class Caution(namedtuple("Caution", "kind first second")):
    """Advice to hold off progressing: repeated flare-ups (``kind`` "pain" or "worse", between two dates)."""

    __slots__ = ()

    @property
    def text(self) -> str:
        """The caution as one sentence."""
        if self.kind == "pain":
            what = f"Pain of {FLARE_PAIN} or more twice within 7 days ({self.first} and {self.second})"
        else:
            what = f"Worse the next morning at two check-ins in a row ({self.first} and {self.second})"
        return f"{what}: {CAUTION_ADVICE}"


def cautions(flares: Iterable[tuple[float, date]], checkins: Mapping[date, str], as_of: date | None) -> list[Caution]:
    """The cautions in force as of a day.

    ``flares``: (ended_at as POSIX seconds, date) of the counted sessions with pain 6 or
    more; ``checkins``: one answer per date. Only events up to ``as_of`` are looked at,
    and a caution stands while the later of its two events is in the 28 days up to it.
    """
    def recent(day: date) -> bool:
        return as_of is None or as_of - timedelta(days=CAUTION_DAYS - 1) <= day <= as_of

    out = []
    flares = sorted((seconds, day) for seconds, day in flares if as_of is None or day <= as_of)
    pain = [(min(a[1], b[1]), max(a[1], b[1])) for a, b in zip(flares, flares[1:], strict=False)
            if b[0] - a[0] <= CAUTION_GAP.total_seconds() and recent(max(a[1], b[1]))]
    if pain:
        out.append(Caution("pain", *pain[-1]))
    days = sorted(day for day in checkins if as_of is None or day <= as_of)
    worse = [(days[n], days[n + 1]) for n in range(len(days) - 1)
             if checkins[days[n]] == "worse" and checkins[days[n + 1]] == "worse" and recent(days[n + 1])]
    if worse:
        out.append(Caution("worse", *worse[-1]))
    return out


def caution_facts(pairs: Iterable[tuple[str, str, int | None]]) -> list[tuple[float, date]]:
    """Flare-ups from (ended_at, status, pain) triples: what :func:`cautions` reads."""
    out = []
    for ended_at, status, pain in pairs:
        if status not in COUNTED or pain is None or pain < FLARE_PAIN:
            continue
        when = moment(ended_at)
        if when is None:
            continue
        try:
            out.append((instant(when), when.date()))
        except (OverflowError, OSError, ValueError):
            continue
    return out
