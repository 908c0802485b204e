"""``hamcoach checkin better|same|worse [--date YYYY-MM-DD]``: the next-morning check from a script."""

from __future__ import annotations

import argparse
from datetime import date

from hamcoach.cli.output import clean, open_store, print_warnings
from hamcoach.errors import CommandError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``checkin`` command."""
    checkin = sub.add_parser(
        "checkin", help="the next-morning check: is your back better, the same or worse than before the last session",
        description="Record how your back is this morning compared with before your last session. "
                    "A `worse` eases off the exercises of a session one or two days before. "
                    "One check-in per date: a later answer replaces the earlier one.")
    checkin.add_argument("answer", choices=("better", "same", "worse"), help="better, same or worse")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the morning it is about (default: today)")
    checkin.set_defaults(func=record_checkin)


def record_checkin(args: argparse.Namespace, today: date | None = None) -> int:
    """Store the check-in and say what it changed."""
    from hamcoach.cli.data import parse_date
    from hamcoach.coaching.coach import state_for
    from hamcoach.history.store import StoreError
    from hamcoach.routines.library import RoutineLibrary

    today = today or date.today()
    day = parse_date(args.date, "--date") if args.date is not None else today
    if day > today:
        raise CommandError(f"{day.isoformat()} is in the future: a check-in is about a morning that has come")
    store = open_store()
    try:
        previous = store.set_checkin(day, args.answer)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    replaced = f" (it replaces {previous!r})" if previous is not None and previous != args.answer else ""
    print(f"Checked in for {day.isoformat()}: {args.answer}{replaced}.")
    if args.answer == "worse":
        from hamcoach import paths

        ladders = RoutineLibrary.load(custom_dir=paths.custom_routines_dir()).ladders
        changes = [c for c in state_for(store, ladders, max(day, today)).changes
                   if c.cause == "worse" and c.day == day]
        for change in changes:
            print(f"  {clean(change.before.rung)}: easing off to "
                  f"{clean(change.after.rung)} level {change.after.level} next time")
        if not changes:
            print("  No session one or two days before it to ease off (or already eased off); it is noted.")
        print("Sharp or worsening pain means stop; if it keeps happening, check with a clinician.")
    print_warnings(store)
    return 0
