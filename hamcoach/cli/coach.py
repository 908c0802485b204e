"""``hamcoach coach [--json] [--as-of YYYY-MM-DD]``: every exercise's level, rung and next prescription."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from hamcoach.cli.output import clean, open_store, print_json, print_warnings
from hamcoach.errors import CommandError

HEALTH_LINE = ("hamcoach coaches exercise and treats nothing: sharp or worsening pain means stop, "
               "and a clinician is the one to ask about your back.")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``coach`` command."""
    coach = sub.add_parser("coach", help="each exercise's level, rung and next prescription, and any caution",
                           description="What the coach makes of your history (see docs/COACHING.md).")
    coach.add_argument("--json", action="store_true", help="print a JSON object")
    coach.add_argument("--as-of", metavar="YYYY-MM-DD",
                       help="count only sessions that ended, and check-ins dated, on or before this day")
    coach.set_defaults(func=show_coach)


def show_coach(args: argparse.Namespace) -> int:
    """Print the coaching state."""
    from hamcoach import paths
    from hamcoach.cli.data import parse_date
    from hamcoach.coaching.coach import report, report_json, state_for
    from hamcoach.history.store import StoreError
    from hamcoach.routines.library import RoutineLibrary

    as_of = parse_date(args.as_of, "--as-of") if args.as_of is not None else date.today()
    library = RoutineLibrary.load(custom_dir=paths.custom_routines_dir())
    store = open_store()
    try:
        state = state_for(store, library.ladders, as_of)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    rows = report(state, library.ladders, library)
    if args.json:
        print_json(report_json(state, rows))
    else:
        print(f"Coach as of {as_of.isoformat()}")
        if not rows:
            print("  No sessions yet: the coach starts from your first one.")
        for row in rows:
            ex = row.state
            where = f"{ex.rung}, level {ex.level}" if ex.ladder else f"level {ex.level}"
            amount = f"{row.reps} reps" if row.reps is not None else f"{row.hold} s"
            print(f"  {clean(ex.name)}: {clean(where)}, next {amount} a set")
            change = ex.last_change
            if change is not None:
                moved = (f"{change.before.rung} {change.before.level} -> {change.after.rung} {change.after.level}"
                         if change.before.rung != change.after.rung
                         else f"level {change.before.level} -> {change.after.level}")
                print(f"    {change.day.isoformat()}: {clean(change.why)} ({clean(moved)})")
            print(f"    {row.next_step}")
        for caution in state.cautions:
            print(f"Caution: {caution.text}")
        print(HEALTH_LINE)
    for line in library.error_lines():
        print(f"hamcoach: skipped {clean(line)}", file=sys.stderr)
    print_warnings(store)
    return 0
