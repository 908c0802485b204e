"""``hamcoach history``: the saved sessions, newest first, and the user's corrections.

``history delete ID`` moves a session to the deleted table (kept until ``history purge``),
``history restore ID`` brings it back, ``history edit ID`` fixes its pain, effort,
status and note. An ID is a session's id, or its first characters (at least 4) when
they are unique; ``history`` shows them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TYPE_CHECKING, Any

from hamcoach.cli.output import (
    clean,
    open_store,
    print_json,
    print_warnings,
)
from hamcoach.errors import CommandError
from hamcoach.history.outcomes import document_set_outcome, tally, tally_outcomes
from hamcoach.wording import counted, format_duration

if TYPE_CHECKING:
    from hamcoach.history.documents import SessionSummary
    from hamcoach.history.models import SessionRecord
    from hamcoach.history.store import HistoryStore

SHORT_ID = 8  # characters of an id the list shows (more when that is not enough to tell them apart)


def reported(doc: dict[str, Any]) -> dict[str, Any]:
    """A stored session document as ``history --json`` prints it: each set gets its
    ``outcome`` (done, partly_done, skipped) and a ``skipped`` that agrees with it, and the
    session a ``sets_tally``, counted as the app counts them (hamcoach.history.outcomes)."""
    sets = doc.get("sets")
    if not isinstance(sets, list):
        return doc
    out_sets, outcomes = [], []
    for s in sets:
        outcome = document_set_outcome(s)
        if outcome is None:
            out_sets.append(s)
            continue
        outcomes.append(outcome)
        out_sets.append({**s, "skipped": outcome == "skipped", "outcome": outcome})
    return {**doc, "sets": out_sets, "sets_tally": tally_outcomes(outcomes).as_dict()}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``history`` command and its ``delete``, ``restore``, ``edit`` and ``purge``."""
    history = sub.add_parser("history", help="list saved sessions, newest first; correct them")
    history.add_argument("--json", action="store_true", help="print the session documents as JSON")
    history.add_argument("--deleted", action="store_true",
                         help="list the deleted sessions instead (kept until `history purge`)")
    history.add_argument("--checkins", action="store_true",
                         help="list the next-morning check-ins instead (`hamcoach checkin` adds one)")
    history.set_defaults(func=show_history)
    actions = history.add_subparsers(dest="history_action", metavar="ACTION")

    delete = actions.add_parser("delete", help="delete a session (it is kept, and can be restored)")
    delete.add_argument("id", metavar="ID", help="a session id, or its first characters, as `history` shows")
    delete.set_defaults(func=delete_session)

    restore = actions.add_parser("restore", help="bring a deleted session back")
    restore.add_argument("id", metavar="ID", help="a deleted session's id, as `history --deleted` shows")
    restore.set_defaults(func=restore_session)

    edit = actions.add_parser("edit", help="correct a session's pain, effort, status or note")
    edit.add_argument("id", metavar="ID", help="a session id, or its first characters, as `history` shows")
    # Left out of the namespace unless given: `--pain none` (clear it) is not the same as no --pain.
    keep = argparse.SUPPRESS
    edit.add_argument("--pain", metavar="N", type=_rating, default=keep, help="pain 0-10, or `none` to clear it")
    edit.add_argument("--effort", metavar="N", type=_rating, default=keep, help="effort 1-10, or `none` to clear it")
    edit.add_argument("--status", choices=("completed", "partial"), default=keep,
                      help="completed (a training day) or partial")
    edit.add_argument("--note", metavar="TEXT", default=keep,
                      help='a short note (at most 200 characters); "" removes it')
    edit.set_defaults(func=edit_session)

    purge = actions.add_parser("purge", help="empty the deleted sessions for good (asks first)")
    purge.add_argument("--yes", action="store_true", help="do not ask")
    purge.set_defaults(func=purge_deleted)


def _rating(text: str) -> int | None:
    if text.strip().lower() in ("none", "-", ""):
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number or `none` (got {text!r})") from None


def _short_length(ids: list[str]) -> int:
    """The fewest characters, from SHORT_ID up, that tell these ids apart."""
    length = SHORT_ID
    while len({i[:length] for i in ids}) < len(set(ids)) and length < max(map(len, ids)):
        length += 1
    return length


def _when(started_at: str) -> str:
    from hamcoach.history.models import parse_time  # here: `hamcoach --version` never loads pydantic

    return f"{parse_time(started_at):%Y-%m-%d %H:%M}"


def _line(s: SessionSummary | SessionRecord, width: int, sets: str = "") -> str:
    duration = format_duration(s.duration_seconds or 0)
    extras = [sets, f"pain {s.pain}" if s.pain is not None else "", f"note: {clean(s.note)}" if s.note else ""]
    tail = "  ".join(part for part in extras if part)
    return (f"{_when(s.started_at)}  {clean(s.id[:width]):<{width}}  {duration:>7}  {s.status:<11}  "
            f"{clean(s.routine_name)}  {tail}").rstrip()


def _named(s: SessionSummary) -> str:
    return f"{_when(s.started_at)} {clean(s.routine_name)} ({clean(s.id)})"


# The end of a set record as hamcoach writes it (field order of SetRecord, compact JSON).
# A quote inside a JSON string is escaped, so these bytes never match inside a name.
_SET_END = re.compile(rb'("target":(-?\d+),"achieved":(-?\d+)),"skipped":(?:true|false)\}')
_ENDS = {"skipped": b',"skipped":true,"outcome":"skipped"}', "done": b',"skipped":false,"outcome":"done"}',
         "partly_done": b',"skipped":false,"outcome":"partly_done"}'}
_ENDS_BY_FIGURES: dict[tuple[bytes, bytes], bytes] = {}  # (target, achieved) -> the set's new end


def _end(target: bytes, achieved: bytes) -> bytes:
    if achieved == b"0" or achieved[:1] == b"-":
        outcome = "skipped"
    else:
        outcome = "done" if int(achieved) >= int(target) else "partly_done"
    end = _ENDS_BY_FIGURES[target, achieved] = _ENDS[outcome]
    return end


def reported_raw(raw: bytes) -> bytes | None:
    """:func:`reported` done on the stored bytes of a document hamcoach wrote, without parsing it;
    None when the document is in any other form (the caller parses it then)."""
    start = raw.find(b',"sets":[')
    if start < 0:
        return None
    end = raw.find(b',"checkpoint":', start)
    end = len(raw) - 1 if end < 0 else end
    if raw[end - 1:end] != b"]":
        return None
    region = raw[start:end]
    # [text, "target":T,"achieved":A, T, A, text, ...]: the end of each set is what is left out.
    parts = _SET_END.split(region)
    count = len(parts) // 4
    if count != region.count(b'{"exercise_index":'):
        return None  # a set in another form: parse the document instead
    known = _ENDS_BY_FIGURES
    ends = [known.get(pair) or _end(*pair) for pair in zip(parts[2::4], parts[3::4], strict=True)]
    parts[2::4] = ends
    del parts[3::4]
    done, partly, skipped = (ends.count(_ENDS[o]) for o in ("done", "partly_done", "skipped"))
    tally = b'{"planned":%d,"done":%d,"partly_done":%d,"skipped":%d}' % (count, done, partly, skipped)
    return raw[:start] + b"".join(parts) + raw[end:-1] + b',"sets_tally":' + tally + b"}"


def print_documents(store: HistoryStore) -> None:
    """``history --json``: the session documents, newest first, as :func:`reported` makes
    them, in a JSON list with one document a line.

    A document as hamcoach wrote it (compact, ASCII, no DEL) is checked without building
    its objects and edited as bytes; any other is parsed and printed escaped (non-ASCII
    and control characters as ``\\uXXXX``: terminal-safe). One that is not JSON is left
    out, with a warning. 50,000 sessions print in about a second: no pretty-printer.
    """
    from hamcoach.history.documents import is_json_object

    out = sys.stdout
    out.flush()
    write = out.buffer.write
    write(b"[")
    first = True
    for raw in store.raw_documents():
        fast = raw.isascii() and b"\x7f" not in raw and is_json_object(raw)
        printed = reported_raw(raw) if fast else None
        if printed is None:
            try:
                doc = json.loads(raw)
            except ValueError:
                doc = None
            if not isinstance(doc, dict):
                store.note(f"Skipped a session in {store.path.name}: it is not a JSON object.")
                continue
            text = json.dumps(reported(doc), ensure_ascii=True, separators=(",", ":"))
            printed = text.replace("\x7f", "\\u007f").encode()
        write(b"\n  " + printed if first else b",\n  " + printed)
        first = False
    write(b"\n]\n" if not first else b"]\n")
    out.buffer.flush()


def show_history(args: argparse.Namespace) -> int:
    """Print the sessions (or the deleted ones), newest first."""
    store = open_store()
    if args.deleted:
        return _show_deleted(store, args.json)
    if args.checkins:
        return _show_checkins(store, args.json)
    if args.json:
        print_documents(store)
        print_warnings(store)
        return 0
    sessions = list(store.sessions())
    if not sessions:
        print("No sessions yet. Run `hamcoach` and pick a routine.")
    width = _short_length([s.id for s in sessions]) if sessions else SHORT_ID
    for s in sessions:
        print(_line(s, width, tally(s.sets).words()))
    print_warnings(store)
    return 0


def _show_checkins(store: HistoryStore, as_json: bool) -> int:
    """The next-morning check-ins, newest first (``--json``: ``[{"date": ..., "answer": ...}]``)."""
    checkins = sorted(store.checkins().items(), reverse=True)
    if as_json:
        print_json([{"date": day.isoformat(), "answer": answer} for day, answer in checkins])
    elif not checkins:
        print("No check-ins yet: the app asks the morning after a session you rated for pain, "
              "and `hamcoach checkin better|same|worse` records one.")
    for day, answer in checkins if not as_json else ():
        print(f"{day.isoformat()}  {answer}")
    print_warnings(store)
    return 0


def _show_deleted(store: HistoryStore, as_json: bool) -> int:
    deleted = store.deleted_sessions()
    if as_json:
        print_json([{"id": d.summary.id, "deleted_at": d.deleted_at, "started_at": d.summary.started_at,
                     "routine_name": d.summary.routine_name, "status": d.summary.status} for d in deleted])
    else:
        if not deleted:
            print("No deleted sessions.")
        width = _short_length([d.summary.id for d in deleted]) if deleted else SHORT_ID
        for d in deleted:
            print(f"{_line(d.summary, width)}  (deleted {clean(d.deleted_at[:16].replace('T', ' '))})")
        if deleted:
            print(f"{counted(len(deleted), 'deleted session')}: `hamcoach history restore ID` brings one back, "
                  "`hamcoach history purge` removes them for good.")
    print_warnings(store)
    return 0


def _summary(store: HistoryStore, session_id: str) -> SessionSummary:
    return next(s for s in store.summaries() if s.id == session_id)


def delete_session(args: argparse.Namespace) -> int:
    """Move a session to the deleted table."""
    store = open_store()
    session_id = store.find_id(args.id)
    summary = _summary(store, session_id)
    store.delete(session_id)
    print(f"Deleted {_named(summary)}.")
    print(f"It is kept among the deleted sessions: `hamcoach history restore {clean(session_id)}` brings it back.")
    print_warnings(store)
    return 0


def restore_session(args: argparse.Namespace) -> int:
    """Bring a deleted session back."""
    store = open_store()
    summary = store.restore(store.find_id(args.id, deleted=True))
    print(f"Restored {_named(summary)}.")
    print_warnings(store)
    return 0


def edit_session(args: argparse.Namespace) -> int:
    """Correct a session's ratings, status or note."""
    from hamcoach.history.rules import KEEP

    given = {name: getattr(args, name) for name in ("pain", "effort", "status", "note") if hasattr(args, name)}
    if not given:
        raise CommandError("nothing to change: give --pain, --effort, --status or --note", exit_code=2)
    store = open_store()
    session_id = store.find_id(args.id)
    before = store.get(session_id)
    record = store.edit_session(session_id, **{name: given.get(name, KEEP) for name in
                                                ("pain", "effort", "status", "note")})
    changes = []
    for name in ("status", "pain", "effort", "note"):
        old, new = (getattr(before, name) if before else None), getattr(record, name)
        if old != new:
            changes.append(f"{name} {_shown(old)} -> {_shown(new)}")
    summary = _summary(store, session_id)
    print(f"Changed {_named(summary)}: {', '.join(changes)}." if changes else
          f"{_named(summary)} already had those values; nothing changed.")
    print_warnings(store)
    return 0


def _shown(value: object) -> str:
    return "none" if value is None else clean(str(value))


def purge_deleted(args: argparse.Namespace) -> int:
    """Empty the deleted table, after asking (or with --yes)."""
    store = open_store()
    count = len(store.deleted_sessions())
    if count == 0:
        print("There are no deleted sessions.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(f"this removes {counted(count, 'deleted session')} for good; "
                               "run again with --yes to confirm")
        answer = input(f"Remove {counted(count, 'deleted session')} for good? They cannot be restored after. "
                       "[y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was removed.")
            return 0
    removed = store.purge_deleted()
    print(f"Removed {counted(removed, 'deleted session')} for good.")
    print_warnings(store)
    return 0
