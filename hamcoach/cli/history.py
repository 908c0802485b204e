"""``hamcoach history``: the saved sessions, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from hamcoach.cli.output import (
    clean,
    open_store,
    print_json,
    print_warnings,
)
from hamcoach.history.models import parse_time
from hamcoach.wording import format_duration


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``history`` command."""
    history = sub.add_parser("history", help="list saved sessions, newest first")
    history.add_argument("--json", action="store_true", help="print the session documents as JSON")
    history.set_defaults(func=show_history)


def show_history(args: argparse.Namespace) -> int:
    """Print the sessions, newest first."""
    store = open_store()
    if args.json:
        print_json(store.raw_sessions())
        print_warnings(store)
        return 0
    sessions = store.sessions()
    if not sessions:
        print("No sessions yet. Run `hamcoach` and pick a routine.")
    for s in sessions:
        started = parse_time(s.started_at)
        duration = format_duration(s.duration_seconds or 0)
        pain = f"pain {s.pain}" if s.pain is not None else ""
        print(f"{started:%Y-%m-%d %H:%M}  {duration:>7}  {s.status:<11}  {clean(s.routine_name)}  {pain}".rstrip())
    print_warnings(store)
    return 0


