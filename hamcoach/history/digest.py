"""A small summary of the history that every save keeps up to date, for ``hamcoach status``.

``hamcoach status`` runs in shell prompts and status bars, many times a minute, so it
must not parse a ten-year history (or even import pydantic) each time. The store writes
this file beside ``history.json`` after each change it makes (``history.summary.json``:
the training days, rest days, check-ins and flare-ups, a few kB a year, and each routine's
last day done, which the routine list's first frame shows), stamped with the
history file's (mtime, size, inode). A reader uses it only while the stamp still matches
the history file; otherwise (another program changed the history, a crash between the two
writes, an older hamcoach) it is rebuilt from the store.

Light on purpose: this module imports neither pydantic nor the store.
"""

from __future__ import annotations

import json
import os
from collections import namedtuple
from datetime import date

# Not typing.TYPE_CHECKING, and a namedtuple rather than a dataclass: typing,
# dataclasses and tempfile (for the atomic write) would cost `hamcoach status` more than
# its work, so they are imported only where they are needed.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from hamcoach.history.store import HistoryStore

VERSION = 2  # 2: each routine's last day done (``last``); an older digest is rebuilt
MAX_BYTES = 4_000_000  # a hundred years of daily training is about 1 MB


def digest_path(history: Path) -> Path:
    """Where the summary of a history file lives: ``history.summary.json`` beside it."""
    return history.with_name(f"{history.stem}.summary.json")


def stamp(history: Path) -> list[int] | None:
    """The history file's (mtime in ns, size, inode), or None when there is none."""
    try:
        st = os.stat(history)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


class Digest(namedtuple("Digest", "training rest flares checkins last")):
    """What ``hamcoach status`` needs of a history.

    ``training``: a frozenset of the days with a completed session (by started_at, as for
    streaks); ``rest``: of the marked rest days; ``flares``: (ended instant, date) of the
    counted sessions with pain 6 or more; ``checkins``: a dict of date to answer; ``last``:
    a dict of routine id to (the last day a session of it ended completed or partial,
    whether one that day was completed), as :func:`hamcoach.coaching.today.last_done`
    counts them (with no day left out: a reader on an earlier day cannot use it).
    """

    __slots__ = ()


EMPTY = Digest(frozenset(), frozenset(), (), {}, {})


def build(store: HistoryStore) -> tuple[Digest, list[int] | None]:
    """The digest of a store and the stamp of the file it was read from."""
    from hamcoach.coaching.cautions import caution_facts

    summaries = store.summaries()
    digest = Digest(
        training=frozenset(s.day for s in summaries if s.status == "completed"),
        rest=frozenset(store.rest_days()),
        flares=tuple(caution_facts((s.ended_at, s.status, s.pain) for s in summaries)),
        checkins=store.checkins(),
        last=last_days(summaries),
    )
    return digest, store.stamp()


def last_days(summaries: Any) -> dict[str, tuple[date, bool]]:
    """Each routine id's last day done (completed or partial) and whether a session of it
    that day was completed: the rule of :func:`hamcoach.coaching.today.last_done`, every day counted."""
    last: dict[str, tuple[date, bool]] = {}
    for s in summaries:
        if s.status not in ("completed", "partial"):
            continue
        seen = last.get(s.routine_id)
        if seen is None or s.day > seen[0]:
            last[s.routine_id] = (s.day, s.status == "completed")
        elif s.day == seen[0] and s.status == "completed" and not seen[1]:
            last[s.routine_id] = (s.day, True)
    return last


def write(path: Path, digest: Digest, history_stamp: list[int] | None) -> None:
    """Write the digest atomically and privately (it holds health data: flare-up dates)."""
    from hamcoach.atomic import write_bytes_atomic

    doc = {
        "version": VERSION,
        "history": history_stamp,
        "training": sorted(day.toordinal() for day in digest.training),
        "rest": sorted(day.toordinal() for day in digest.rest),
        "flares": [[seconds, day.toordinal()] for seconds, day in digest.flares],
        "checkins": sorted([day.toordinal(), answer] for day, answer in digest.checkins.items()),
        "last": sorted([rid, day.toordinal(), completed] for rid, (day, completed) in digest.last.items()),
    }
    write_bytes_atomic(path, json.dumps(doc, separators=(",", ":")).encode())


def read(history: Path) -> Digest | None:
    """The digest of a history file, if one is there and still matches the file; else None."""
    current = stamp(history)
    if current is None:
        return EMPTY
    try:
        path = digest_path(history)
        if path.stat().st_size > MAX_BYTES:
            return None
        doc: Any = json.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("version") != VERSION or doc.get("history") != current:
            return None
        day = date.fromordinal
        return Digest(
            training=frozenset(day(n) for n in doc["training"]),
            rest=frozenset(day(n) for n in doc["rest"]),
            flares=tuple((float(seconds), day(n)) for seconds, n in doc["flares"]),
            checkins={day(n): str(answer) for n, answer in doc["checkins"]},
            last={str(rid): (day(n), completed is True) for rid, n, completed in doc["last"]},
        )
    except (OSError, ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return None
