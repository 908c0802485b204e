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
from hamcoach.history.outcomes import document_set_outcome, tally, tally_outcomes
from hamcoach.wording import format_duration


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
    """Add the ``history`` command."""
    history = sub.add_parser("history", help="list saved sessions, newest first")
    history.add_argument("--json", action="store_true", help="print the session documents as JSON")
    history.set_defaults(func=show_history)


def show_history(args: argparse.Namespace) -> int:
    """Print the sessions, newest first."""
    store = open_store()
    if args.json:
        print_json([reported(doc) for doc in store.raw_sessions()])
        print_warnings(store)
        return 0
    sessions = store.sessions()
    if not sessions:
        print("No sessions yet. Run `hamcoach` and pick a routine.")
    for s in sessions:
        started = parse_time(s.started_at)
        duration = format_duration(s.duration_seconds or 0)
        pain = f"  pain {s.pain}" if s.pain is not None else ""
        print(f"{started:%Y-%m-%d %H:%M}  {duration:>7}  {s.status:<11}  {clean(s.routine_name)}  "
              f"{tally(s.sets).words()}{pain}")
    print_warnings(store)
    return 0


