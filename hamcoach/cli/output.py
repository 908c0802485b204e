"""Helpers shared by the subcommands: errors, safe text output, the core objects."""

from __future__ import annotations

import json
import sys
from typing import Any

from hamcoach.errors import CommandError
from hamcoach.safe_text import one_line


def clean(text: str) -> str:
    """One line safe to print to a terminal: control characters (ANSI escapes and line
    breaks too) shown as ``?``."""
    return one_line(text)


def print_warnings(store) -> None:
    """The store's one-line warnings (a file moved aside, a skipped session) on stderr."""
    for warning in store.warnings:
        print(clean(warning), file=sys.stderr)


def print_json(value: Any) -> None:
    """Print JSON; non-ASCII and control characters are escaped, so it is terminal-safe."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=True)
    sys.stdout.write("\n")


def data_home():
    """The data home, created if need be (private), or a one-line error."""
    from hamcoach import paths

    home = paths.data_home()
    try:
        return paths.ensure_data_home(home)
    except OSError as exc:
        raise CommandError(f"cannot use the data folder {home}: {exc.strerror or exc}") from None


def open_store():
    """The history store at the data home, or a one-line error."""
    from hamcoach import paths
    from hamcoach.history.store import HistoryStore, StoreError

    home = data_home()
    try:
        return HistoryStore(paths.history_path(home))
    except (StoreError, OSError) as exc:
        raise CommandError(str(exc)) from None
