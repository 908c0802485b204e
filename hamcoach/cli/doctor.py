"""``hamcoach doctor [--fix]``: check the data home and say what is wrong, in plain lines."""

from __future__ import annotations

import argparse
from typing import Any

from hamcoach.cli.output import clean


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``doctor`` command."""
    doctor = sub.add_parser("doctor", help="check the data folder; --fix removes leftovers and merges set-aside "
                                           "histories and conflict copies back in")
    doctor.add_argument("--fix", action="store_true",
                        help="remove temp files left by interrupted saves and broken lock files, and merge "
                             "set-aside histories and sync conflict copies back in (nothing is deleted)")
    doctor.set_defaults(func=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    """Print one line per finding; exit 1 if problems are left."""
    from hamcoach import paths
    from hamcoach.history.doctor import examine

    doctor = examine(paths.data_home(), fix=args.fix)
    for finding in doctor.findings:
        print(clean(str(finding)))
    left = doctor.problems
    if left:
        print(f"{left} problem{'s' if left != 1 else ''} left." + ("" if args.fix else
              " `hamcoach doctor --fix` mends what it can."))
        return 1
    print("No problems found." if not any(f.kind == "fixed" for f in doctor.findings) else "All mended.")
    return 0
