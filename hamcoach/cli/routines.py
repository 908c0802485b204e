"""``hamcoach routines ...``: list, check, export and import routine files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamcoach.cli.output import clean, data_home, print_json
from hamcoach.errors import CommandError, ImportClash
from hamcoach.wording import format_duration

if TYPE_CHECKING:
    from hamcoach.routines.library import RoutineLibrary


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``routines`` command group."""
    routines = sub.add_parser("routines", help="list, check, export and import routines")
    actions = routines.add_subparsers(dest="routines_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list every routine")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--deleted", action="store_true",
                         help="list the deleted routines (kept in routines/.trash) instead")
    listing.set_defaults(func=list_routines)
    restore = actions.add_parser("restore", help="bring back a deleted routine")
    restore.add_argument("routine_id", metavar="ID", help="its id, as `hamcoach routines list --deleted` shows")
    restore.set_defaults(func=restore_routine)
    check = actions.add_parser("check", help="validate routine files (a file named ladders.toml as ladders)")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.set_defaults(func=check_routines)
    export = actions.add_parser("export", help="write a routine file (built-in routines too)")
    export.add_argument("routine_id", metavar="ID", help="a routine id, as `hamcoach routines list` shows")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(func=export_routine)
    imp = actions.add_parser("import", help="validate a routine file and add it to your routines")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--force", action="store_true", help="replace a routine that has the same id")
    imp.set_defaults(func=import_routine)


def _library() -> RoutineLibrary:
    from hamcoach import paths
    from hamcoach.routines.library import RoutineLibrary

    return RoutineLibrary.load(custom_dir=paths.custom_routines_dir())


def list_routines(args: argparse.Namespace) -> int:
    """Print id, name, source, equipment, exercise count and estimated duration."""
    if args.deleted:
        return _list_deleted(args)
    library = _library()
    rows: list[dict[str, Any]] = [
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
        print(f"Skipped {clean(line)}", file=sys.stderr)
    return 0


def _list_deleted(args: argparse.Namespace) -> int:
    """The deleted routines, the one deleted last first: id, when, name, file."""
    from hamcoach import paths
    from hamcoach.routines.files import deleted_routines

    deleted = deleted_routines(paths.custom_routines_dir())  # reading creates nothing
    if args.json:
        print_json([{"id": d.routine_id, "name": d.name, "deleted_at": d.deleted_at.isoformat(timespec="seconds"),
                     "file": str(d.path)} for d in deleted])
        return 0
    if not deleted:
        print("No deleted routines.")
        return 0
    width = max(len(d.routine_id) for d in deleted)
    for d in deleted:
        name = clean(d.name) if d.name is not None else "(cannot be read as a routine)"
        print(f"{clean(d.routine_id):<{width}}  deleted {d.deleted_at.strftime('%Y-%m-%d %H:%M')}  {name}  "
              f"{clean(str(d.path))}")
    return 0


def restore_routine(args: argparse.Namespace) -> int:
    """Move a deleted routine back from the trash under its id; never overwrites."""
    from hamcoach import paths
    from hamcoach.errors import RestoreError
    from hamcoach.routines.files import restore_routine as restore

    library = _library()
    builtin_ids = [r.id for r in library.routines if r.source == "builtin"]
    try:
        entry = restore(paths.custom_routines_dir(data_home()), args.routine_id, builtin_ids)
    except RestoreError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot restore {args.routine_id}: {exc.strerror or exc}") from None
    name = clean(entry.name) if entry.name is not None else "a file that cannot be read as a routine"
    print(f"Restored {clean(entry.routine_id)} ({name})")
    return 0


def check_routines(args: argparse.Namespace) -> int:
    """Exit 0 when every file is valid; else print each problem and exit 1."""
    from hamcoach.errors import RoutineFileError
    from hamcoach.routines.ladders import read_ladders_file
    from hamcoach.routines.library import LADDERS_FILE, read_routine_file

    failed = False
    for path in args.files:
        try:
            if path.name == LADDERS_FILE:  # the ladders file beside the routines
                ladders = read_ladders_file(path)
                rungs = sum(len(ladder.rungs) for ladder in ladders)
                print(f"{clean(str(path))}: ok ({len(ladders)} ladder{'s' if len(ladders) != 1 else ''}, "
                      f"{rungs} rungs)")
                continue
            routine = read_routine_file(path)
        except RoutineFileError as exc:
            failed = True
            for line in exc.lines():  # problems go to stderr, the ok lines (results) to stdout
                print(clean(line), file=sys.stderr)
            continue
        print(f"{clean(str(path))}: ok ({clean(routine.name)}, {len(routine.exercises)} exercises, "
              f"{format_duration(routine.estimated_seconds())})")
    return 1 if failed else 0


def export_routine(args: argparse.Namespace) -> int:
    """Print a routine's TOML, or write it to ``--output``."""
    from hamcoach.routines import files as routine_files

    library = _library()
    loaded = library.get(args.routine_id)
    if loaded is None:
        known = ", ".join(sorted({r.id for r in library.routines}))
        raise CommandError(f"no routine with id {args.routine_id!r}; known ids: {known}")
    if args.output is None:
        sys.stdout.write(routine_files.export_text(loaded.routine))
        return 0
    try:
        routine_files.export_routine(loaded.routine, args.output)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"Exported {clean(loaded.id)} to {clean(str(args.output))}")
    return 0


def import_routine(args: argparse.Namespace) -> int:
    """Validate a routine file and save it as one of the user's routines."""
    from hamcoach import paths
    from hamcoach.errors import RoutineFileError
    from hamcoach.routines import files as routine_files

    library = _library()
    custom_dir = paths.custom_routines_dir(data_home())
    builtin_ids = [r.id for r in library.routines if r.source == "builtin"]
    try:
        routine_id = routine_files.import_routine(args.file, custom_dir, force=args.force, builtin_ids=builtin_ids)
    except RoutineFileError as exc:
        raise CommandError(f"cannot import {args.file}: {'; '.join(exc.problems)}") from None
    except ImportClash as exc:
        raise CommandError(f"not imported: {exc}; use --force to replace it, "
                           "or rename the file to import it under another id") from None
    except OSError as exc:
        raise CommandError(f"cannot save the routine: {exc.strerror or exc}") from None
    path = routine_files.routine_path(custom_dir, routine_id)
    print(f"Imported {clean(str(args.file))} as {routine_id} ({clean(str(path))})")
    return 0
