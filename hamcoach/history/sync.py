"""Conflict copies of the history in a synced folder, merged back in.

People keep their data home in a folder that Syncthing, Nextcloud or Dropbox keeps
in step between machines. When two machines save the history between two syncs, the
sync tool keeps one file and renames the other beside it:

- Syncthing: ``history.sync-conflict-20240506-101010-ABCDEF7.json``
- Nextcloud, Dropbox: ``history (conflicted copy 2024-05-06 101010).json``,
  ``history (Sam's conflicted copy 2024-05-06).json``
- other tools: ``history-conflict-<anything>``

None of them merges: the renamed file's sessions would quietly vanish. hamcoach
merges them, by session id:

- sessions and rest days from both files are kept;
- for a session in both, the further-along record wins: ``completed`` over
  ``partial`` over ``in_progress``; at the same status, the later ``ended_at``
  (a tie keeps the one already in the history);
- a session deleted on either machine (in the ``deleted`` table of either file,
  a document carrying the session's ``id``) stays deleted;
- a next-morning check-in is taken from the copy only for a date that has none here;
- documents of any other table are kept from both (those equal in content once).

The copy is then moved into ``merged/`` beside it (never deleted), and one line says
how many sessions it brought. The app does this on every start; ``hamcoach doctor
--fix`` does it too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hamcoach.errors import HamcoachError
from hamcoach.fileio import read_regular, reason
from hamcoach.history.documents import instant_of, read_head
from hamcoach.history.fileformat import (
    CHECKINS,
    DELETED,
    MAX_HISTORY_BYTES,
    META,
    REST_DAYS,
    SCHEMA_VERSION,
    SESSIONS,
    Tables,
    dumps,
    history_folders,
    loads,
    parse_history,
    real_name,
)
from hamcoach.history.store import HistoryStore

MERGED_FOLDER = "merged"
_RANK = {"in_progress": 0, "partial": 1, "completed": 2}


def conflict_pattern(name: str) -> re.Pattern[str]:
    """The names sync tools give conflict copies of the file ``name`` (e.g. ``history.json``)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    suffix = re.escape("." + ext) if ext else ""
    stem = re.escape(stem)
    return re.compile(
        rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+{suffix}"  # Syncthing
        rf"|{stem} \([^/]*conflicted copy[^/]*\){suffix}"  # Nextcloud, Dropbox
        rf"|{stem}-conflict-[^/]+",  # the rest
        re.IGNORECASE,
    )


def conflict_copies(history: Path) -> list[Path]:
    """The conflict copies beside the history (beside its target too, if it is a link), oldest name first."""
    found: list[Path] = []
    for folder, name in zip(history_folders(history), (history.name, real_name(history)), strict=False):
        pattern = conflict_pattern(name)
        with suppress(OSError):
            found.extend(Path(entry.path) for entry in sorted(os.scandir(folder), key=lambda e: e.name)
                         if pattern.fullmatch(entry.name) and entry.is_file())
    return found


@dataclass
class MergeReport:
    """What merging one copy did (or why it could not)."""

    copy: Path
    added: int = 0  # sessions new to the history
    replaced: int = 0  # sessions the copy had further along
    rest_days: int = 0
    others: int = 0  # documents of other tables
    skipped: list[str] = field(default_factory=list)  # parts of the copy that could not be read
    moved_to: Path | None = None
    error: str | None = None

    def line(self) -> str:
        """One line for the user."""
        name = self.copy.name
        if self.error is not None:
            return f"{name} was not merged: {self.error}"
        parts = [f"{self.added} new session{'s' if self.added != 1 else ''}"]
        if self.replaced:
            parts.append(f"{self.replaced} further along")
        if self.rest_days:
            parts.append(f"{self.rest_days} rest day{'s' if self.rest_days != 1 else ''}")
        text = f"Merged {name} from another machine: {', '.join(parts)}"
        if self.skipped:
            text += f" ({len(self.skipped)} damaged part{'s' if len(self.skipped) != 1 else ''} skipped)"
        where = f"{MERGED_FOLDER}/{self.moved_to.name}" if self.moved_to else MERGED_FOLDER
        return text + f"; the copy is kept in {where}."


def _ids(docs: Iterable[bytes]) -> set[str]:
    out = set()
    for raw in docs:
        with suppress(ValueError):
            doc = loads(raw)
            if isinstance(doc, dict) and isinstance(doc.get("id"), str):
                out.add(doc["id"])
    return out


def _progress(raw: bytes) -> tuple[int, float] | None:
    """How far along a stored session is: (status rank, end instant); None if unreadable."""
    try:
        doc = loads(raw)
    except ValueError:
        return None
    if not isinstance(doc, dict):
        return None
    ended, status = doc.get("ended_at"), doc.get("status")
    rank = _RANK.get(status, -1) if isinstance(status, str) else -1
    return rank, instant_of(ended if isinstance(ended, str) else None) or 0.0


def _date_of(raw: bytes) -> str | None:
    with suppress(ValueError):
        doc = loads(raw)
        if isinstance(doc, dict) and isinstance(doc.get("date"), str):
            return str(doc["date"])
    return None


def _canonical(raw: bytes) -> Any:
    try:
        return dumps(loads(raw))
    except ValueError:
        return raw


def _next_key(table: dict[str, bytes]) -> int:
    return max(map(int, table), default=0) + 1


def merge_tables(ours: dict[str, dict[str, bytes]], theirs: Tables, report: MergeReport,
                 further_along_wins: bool = True) -> None:
    """Merge ``theirs`` into ``ours`` (edited in place) by the rules in the module's docstring.

    With ``further_along_wins`` False (a set-aside file), a session already stored is
    never replaced: only new ones are added.
    """
    deleted = ours.setdefault(DELETED, {})
    gone = _ids(deleted.values()) | _ids(theirs.get(DELETED, {}).values())
    # Deletions from the copy: its deleted documents join ours (once per id).
    known = _ids(deleted.values())
    for raw in theirs.get(DELETED, {}).values():
        new = _ids([raw]) - known
        if new:
            deleted[str(_next_key(deleted))] = raw
            known |= new
    sessions = ours.setdefault(SESSIONS, {})
    index: dict[str, str] = {}
    for key, raw in list(sessions.items()):
        sid = read_head(raw)[0]
        if sid is None:
            continue
        if sid in gone:
            del sessions[key]  # deleted on the other machine: it stays deleted here too
        else:
            index[sid] = key
    for key, raw in theirs.get(SESSIONS, {}).items():
        sid = read_head(raw)[0]
        theirs_progress = _progress(raw)
        if sid is None or theirs_progress is None:
            report.skipped.append(f"session #{key}: it is not a readable session document")
            continue
        if sid in gone:
            continue
        mine = index.get(sid)
        if mine is None:
            index[sid] = new_key = str(_next_key(sessions))
            sessions[new_key] = raw
            report.added += 1
            continue
        ours_progress = _progress(sessions[mine])
        if further_along_wins and (ours_progress is None or theirs_progress > ours_progress):
            sessions[mine] = raw
            report.replaced += 1
    rest = ours.setdefault(REST_DAYS, {})
    have = {_canonical(raw) for raw in rest.values()}
    for raw in theirs.get(REST_DAYS, {}).values():
        if _canonical(raw) not in have:
            rest[str(_next_key(rest))] = raw
            have.add(_canonical(raw))
            report.rest_days += 1
    checkins = ours.setdefault(CHECKINS, {})
    dated = {_date_of(raw) for raw in checkins.values()}
    for raw in theirs.get(CHECKINS, {}).values():
        day = _date_of(raw)
        if day is not None and day not in dated:  # a date answered here keeps its answer
            checkins[str(_next_key(checkins))] = raw
            dated.add(day)
            report.others += 1
    for name, docs in theirs.items():
        if name in (META, SESSIONS, REST_DAYS, DELETED, CHECKINS):
            continue
        table = ours.setdefault(name, {})
        present = {_canonical(raw) for raw in table.values()}
        for raw in docs.values():
            if _canonical(raw) not in present:
                table[str(_next_key(table))] = raw
                present.add(_canonical(raw))
                report.others += 1


def _schema(tables: Tables) -> int:
    version = SCHEMA_VERSION
    for raw in tables.get(META, {}).values():
        with suppress(ValueError, AttributeError):
            found = loads(raw).get("schema_version")
            if type(found) is int:
                version = max(version, found)
    return version


def move_to_merged(path: Path) -> Path:
    """Move ``path`` into ``merged/`` beside it (0700), under a free name; return the new path."""
    folder = path.parent / MERGED_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    target, n = folder / path.name, 1
    while os.path.lexists(target):
        n += 1
        target = folder / f"{path.name}.{n}"
    os.rename(path, target)
    return target


def merge_copy(store: HistoryStore, copy: Path, move: bool = True, further_along_wins: bool = True) -> MergeReport:
    """Merge one conflict copy (or any history file) into the store; move it to ``merged/`` after.

    ``further_along_wins`` False: a session already stored is never replaced (a set-aside file).
    """
    report = MergeReport(copy)
    try:
        _, data = read_regular(copy, MAX_HISTORY_BYTES)
    except OSError as exc:
        report.error = f"it cannot be read ({reason(exc)})"
        return report
    theirs, damage = parse_history(data)
    report.skipped.extend(damage)
    if not theirs:
        report.error = f"it cannot be read as a history ({damage[0] if damage else 'it is empty'})"
        return report
    if _schema(theirs) > SCHEMA_VERSION:
        report.error = f"it was written by a newer hamcoach (schema {_schema(theirs)}); upgrade hamcoach to merge it"
        return report
    names = sorted(set(theirs) | {SESSIONS, REST_DAYS, DELETED, CHECKINS} - {META})

    def change(*tables: dict[str, bytes]) -> None:
        merge_tables(dict(zip(names, tables, strict=True)), theirs, report, further_along_wins)

    try:
        store.update_tables(change, *names)
    except (HamcoachError, OSError) as exc:
        report.error = str(exc)
        return report
    if move:
        try:
            report.moved_to = move_to_merged(copy)
        except OSError as exc:
            report.error = f"it was merged, but could not be moved into {MERGED_FOLDER}/ ({reason(exc)})"
    return report


def merge_conflict_copies(store: HistoryStore) -> list[MergeReport]:
    """Merge every conflict copy beside the history, oldest name first; each is said as a store warning."""
    reports = []
    for copy in conflict_copies(store.path):
        report = merge_copy(store, copy)
        store.note(report.line())
        reports.append(report)
    return reports
