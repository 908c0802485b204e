"""``hamcoach streak``, ``rest``, ``export`` and ``import``: the history's figures and data."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

from hamcoach.atomic import write_bytes_atomic
from hamcoach.cli.output import clean, open_store, print_json, print_warnings
from hamcoach.errors import CommandError
from hamcoach.wording import counted

MAX_PROBLEMS_SHOWN = 20


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``streak``, ``rest``, ``export`` and ``import`` commands."""
    streak = sub.add_parser("streak", help="the current and longest streak, and the weekly target")
    streak.add_argument("--json", action="store_true", help="print the figures as a JSON object")
    streak.add_argument("--as-of", metavar="YYYY-MM-DD", help="count up to this day (default: today)")
    streak.add_argument("--week-target", metavar="N",
                        help="training days a week, 1-7 (default: the saved setting, which starts at 3)")
    streak.set_defaults(func=show_streak)

    rest = sub.add_parser("rest", help="mark a day as a planned rest day (it keeps a streak alive)")
    rest.add_argument("day", nargs="?", metavar="YYYY-MM-DD", help="the day (default: today)")
    rest.add_argument("--undo", action="store_true", help="unmark the day instead")
    rest.add_argument("--list", action="store_true", help="list the rest days")
    rest.set_defaults(func=mark_rest_day)

    export = sub.add_parser("export", help="write the history as JSON (for import) or as CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")
    export.set_defaults(func=export_history)

    imp = sub.add_parser("import", help="merge a JSON export into the history")
    imp.add_argument("file", metavar="FILE", help="a file made by `hamcoach export` (- reads stdin)")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid sessions even if some are invalid")
    imp.set_defaults(func=import_file)


def parse_date(text: str, what: str) -> date:
    """A ``YYYY-MM-DD`` argument, or a one-line error."""
    from hamcoach.history.store import parse_day

    day = parse_day(text)
    if day is None:
        raise CommandError(f"{what} must be a date like 2024-05-06 (got {text!r})")
    return day


def _week_target(text: str | None) -> int:
    if text is None:
        from hamcoach import paths
        from hamcoach.settings import read_settings

        loaded = read_settings(paths.settings_path())
        for problem in loaded.problems:
            print(clean(problem), file=sys.stderr)
        return loaded.settings.week_target
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 7:
        raise CommandError(f"--week-target must be a whole number from 1 to 7 (got {text!r})")
    return value


def show_streak(args: argparse.Namespace) -> int:
    """Print the streak figures."""
    from hamcoach.history.stats import streak_for

    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else date.today()
    if args.week_target is not None:
        _week_target(args.week_target)  # a usage mistake is said before anything is read
    store = open_store()
    target = _week_target(args.week_target)
    streak = streak_for(store, as_of, target)
    if args.json:
        print_json(streak.as_dict())
    else:
        print(f"Streak as of {streak.as_of.isoformat()}")
        print(f"  current      {counted(streak.current, 'training day')}")
        print(f"  longest      {counted(streak.longest, 'training day')}")
        print(f"  this week    {streak.days_this_week} of {streak.week_target} training days")
        print(f"  week streak  {counted(streak.week_streak, 'week')} on target")
    print_warnings(store)
    return 0


def mark_rest_day(args: argparse.Namespace) -> int:
    """Mark, unmark or list planned rest days."""
    from hamcoach.errors import StoreError
    from hamcoach.history.streaks import counted_rest_days

    store = open_store(writing=not args.list)
    if args.list:
        if args.day is not None or args.undo:
            raise CommandError("--list takes no date and no --undo")
        days = sorted(store.rest_days())
        counted = counted_rest_days(days)
        if not days:
            print("No rest days yet. Mark one with `hamcoach rest YYYY-MM-DD`.")
        for day in days:
            print(day.isoformat() + ("" if day in counted else "  (does not count: 2 rest days in the 6 before)"))
        print_warnings(store)
        return 0
    day = parse_date(args.day, "The day") if args.day is not None else date.today()
    try:
        if args.undo:
            removed = store.remove_rest_day(day)
            print(f"{day.isoformat()} is no longer a rest day." if removed
                  else f"{day.isoformat()} was not a rest day; nothing changed.")
        else:
            added = store.add_rest_day(day)
            print(f"Marked {day.isoformat()} as a rest day." if added
                  else f"{day.isoformat()} is already a rest day.")
            if day not in counted_rest_days(store.rest_days()):
                print("It does not count for the streak: 2 rest days already count in the 6 days before it.")
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    print_warnings(store)
    return 0


def export_history(args: argparse.Namespace) -> int:
    """Write the export to a file or to stdout."""
    from hamcoach.history.transfer import csv_text, export_document, json_text

    store = open_store()
    doc = export_document(store)
    # The JSON escapes what UTF-8 cannot hold; the CSV (a readable copy) shows it as ?.
    data = (csv_text(doc["sessions"]) if args.format == "csv" else json_text(doc)).encode("utf-8", "replace")
    if args.output in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _refuse_live_history(Path(args.output), store.path)
        _write_file(Path(args.output), data)
        print(f"Wrote {counted(len(doc['sessions']), 'session')} to {clean(args.output)}.", file=sys.stderr)
    print_warnings(store)
    return 0


def _refuse_live_history(out: Path, history: Path) -> None:
    """``export -o`` never writes over the history it exports (nor its lock)."""
    import os

    for live in (history, history.with_name(history.name + ".lock")):
        same = os.path.realpath(out) == os.path.realpath(live)
        with contextlib.suppress(OSError):
            same = same or os.path.samefile(out, live)
        if same:
            raise CommandError(f"will not write the export over the live history file {clean(str(live))}; "
                               "choose another file")


def _write_file(path: Path, data: bytes) -> None:
    # A temp file renamed over the target: a failed export never leaves half a file. A link
    # is followed; a FIFO, a device or a folder is refused (-o - is the way to the screen).
    from hamcoach.fileio import NotRegularFile

    try:
        write_bytes_atomic(path, data)  # private: a history holds pain ratings
    except OSError as exc:
        hint = "; use -o - to write to the screen or a pipe" if isinstance(exc, NotRegularFile) else ""
        raise CommandError(f"cannot write {clean(str(path))}: {exc.strerror or exc}{hint}") from None


def import_file(args: argparse.Namespace) -> int:
    """Merge an export into the history; report what was added, already there, and invalid."""
    from hamcoach.errors import StoreError, TransferError
    from hamcoach.fileio import NotRegularFile, open_regular
    from hamcoach.history.transfer import import_history

    name = clean(args.file)
    try:
        # Read as it is parsed, one session at a time; the cap is checked while reading.
        # Only a regular file, or stdin (-): a FIFO or a device named here would hang or never end.
        source = sys.stdin.buffer if args.file == "-" else open_regular(args.file)
    except OSError as exc:
        pipe = isinstance(exc, NotRegularFile) and "folder" not in str(exc.strerror)
        why = f"{exc.strerror or exc}" + ("; use - to read from a pipe" if pipe else "")
        raise CommandError(f"cannot read {name}: {why}") from None
    try:
        store = open_store(writing=True)
        result = import_history(store, source, skip_invalid=args.skip_invalid)
    except TransferError as exc:
        raise CommandError(f"{name} cannot be imported: {exc}") from None
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from None
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
        print(clean(str(problem)), file=sys.stderr)  # "sessions[2] (id 'x'): ...", a place first
    if len(result.problems) > MAX_PROBLEMS_SHOWN:
        print(f"And {len(result.problems) - MAX_PROBLEMS_SHOWN} more problems.", file=sys.stderr)
    rest = f"; {counted(result.rest_days_added, 'rest day')} added" if result.rest_days_added else ""
    if result.checkins_added:
        rest += f"; {counted(result.checkins_added, 'check-in')} added"
    # Sessions that ended before they started (a clock stepped back, older hamcoach) are
    # added with ended_at = started_at + duration.
    repaired = f", {result.repaired} repaired (ended before they started)" if result.repaired else ""
    gone = (f"; {result.deleted} left out because you deleted {'it' if result.deleted == 1 else 'them'} "
            "(`hamcoach history --deleted` lists them)") if result.deleted else ""
    print(f"{counted(result.added, 'session')} added, {result.present} already present, "
          f"{result.invalid} invalid{repaired}{rest}{gone}.")
    print_warnings(store)
    if not result.written:
        print("Nothing was imported because of the problems above; fix them, or run again with "
              "--skip-invalid to import the valid entries only.", file=sys.stderr)
        return 1
    return 0


