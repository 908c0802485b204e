"""``hamcoach routines ...``: list and check routine files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamcoach.commands.common import clean, format_duration, print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``routines`` command group."""
    routines = sub.add_parser("routines", help="list and check routines")
    actions = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list every routine")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=list_routines)
    check = actions.add_parser("check", help="validate routine files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.set_defaults(func=check_routines)


def _library():
    from hamcoach import paths
    from hamcoach.library import RoutineLibrary

    return RoutineLibrary.load(custom_dir=paths.custom_routines_dir())


def list_routines(args: argparse.Namespace) -> int:
    """Print id, name, source, equipment, exercise count and estimated duration."""
    library = _library()
    rows = [
        {
            "id": r.id,
            "name": r.routine.name,
            "source": r.source,
            "equipment": list(r.routine.equipment),
            "exercises": len(r.routine.exercises),
            "estimated_seconds": r.routine.estimated_seconds(),
        }
        for r in library.routines
    ]
    if args.json:
        print_json(rows)
    else:
        width = max([len(r["id"]) for r in rows] + [2])
        for r in rows:
            equipment = ", ".join(r["equipment"]) or "none"
            print(f"{clean(r['id']):<{width}}  {r['source']:<7}  {format_duration(r['estimated_seconds']):>6}  "
                  f"{r['exercises']:>2} ex  {equipment:<15}  {clean(r['name'])}")
    for line in library.error_lines():
        print(f"skipped {clean(line)}", file=sys.stderr)
    return 0


def check_routines(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid; else print each problem and exit 1."""
    from hamcoach.library import RoutineFileError, read_routine_file

    failed = False
    for path in args.files:
        try:
            routine = read_routine_file(path)
        except RoutineFileError as exc:
            failed = True
            for line in exc.lines():
                print(clean(line))
            continue
        print(f"{clean(str(path))}: ok ({clean(routine.name)}, {len(routine.exercises)} exercises, "
              f"{format_duration(routine.estimated_seconds())})")
    return 1 if failed else 0
