"""Helpers shared by the subcommands: errors, safe text output, the core objects."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hamcoach.errors import CommandError
from hamcoach.safe_text import one_line
from hamcoach.wording import sentence

# Not typing.TYPE_CHECKING: importing typing costs `hamcoach status` more than its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hamcoach.history.store import HistoryStore


def clean(text: str) -> str:
    """One line safe to print to a terminal: control characters (ANSI escapes and line
    breaks too) shown as ``?``."""
    return one_line(text)


def print_warnings(store: HistoryStore) -> None:
    """The store's one-line warnings (a file moved aside, a skipped session) on stderr."""
    for warning in store.warnings:
        print(sentence(clean(warning)), file=sys.stderr)


def print_json(value: Any) -> None:
    """Print JSON; non-ASCII and control characters are escaped, so it is terminal-safe."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=True)
    sys.stdout.write("\n")


def data_home() -> Path:
    """The data home, created if need be (private), or a one-line error."""
    from hamcoach import paths

    return paths.usable_data_home()


def open_store(writing: bool = False) -> HistoryStore:
    """The history store at the data home, or a one-line error.

    A history that cannot be read is an error naming it (it is left as it is); so is one
    of which nothing can be used, unless the command is ``writing`` (it is then set aside
    when the write comes, and the store says so).
    """
    from hamcoach import paths
    from hamcoach.errors import StoreError
    from hamcoach.history.store import HistoryStore

    home = data_home()
    try:
        store = HistoryStore(paths.history_path(home))
    except (StoreError, OSError) as exc:
        raise CommandError(str(exc)) from None
    if store.unreadable is not None:
        raise CommandError(f"cannot read the history {store.path}: {store.unreadable}; it is left as it is "
                           "(`hamcoach doctor` says more)")
    from hamcoach.history.sync import conflict_copies

    for copy in conflict_copies(store.path):  # merged when the app starts, or by doctor --fix; never here
        store.note(f"{copy} is a conflict copy from a synced folder; start hamcoach or run "
                   "`hamcoach doctor --fix` to merge it in.")
    if store.unusable is not None and not writing:
        raise CommandError(f"the history {store.path} cannot be read as a history: {store.unusable}; it is left "
                           "as it is (`hamcoach doctor` says more)")
    return store
