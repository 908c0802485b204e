"""``hamcoach status [--json] [--format TEMPLATE]``: one short line for a shell prompt or a status bar.

Runs many times a minute, so it reads the small summary the store keeps beside the
history (:mod:`hamcoach.history.digest`) and imports neither pydantic nor Textual; only
when that summary is missing or out of date does it open the history and rebuild it.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from datetime import date

from hamcoach.cli.output import clean, print_json
from hamcoach.errors import CommandError

FIELDS = ("streak", "longest", "today", "caution", "as_of")
DEFAULT_FORMAT = "streak {streak} · today {today}"
SHORT_CAUTION = "caution: hold off progressing"
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``status`` command."""
    status = sub.add_parser(
        "status", help="one short line for a shell prompt: the streak, today, any caution",
        description="The streak, whether today is done, due or a rest day, and a caution if there is one. "
                    f"--format takes a template with the fields {', '.join('{' + f + '}' for f in FIELDS)}; "
                    "{{ and }} are literal braces.")
    status.add_argument("--json", action="store_true", help="print a JSON object")
    status.add_argument("--format", metavar="TEMPLATE", help=f"the line's template (default: {DEFAULT_FORMAT!r}, "
                        "then the caution if there is one)")
    status.add_argument("--as-of", metavar="YYYY-MM-DD", help="as on this day (default: today)")
    status.set_defaults(func=show_status)


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{field}`` replaced; an unknown field or a lone brace is an error."""
    def one(match: re.Match[str]) -> str:
        text = match[0]
        if text in ("{{", "}}"):
            return text[0]
        if match[1] is None or match[1] not in values:
            shown = clean(text)
            raise CommandError(f"--format: {shown} is not a field; use {', '.join('{' + f + '}' for f in FIELDS)}"
                               " (and {{ or }} for a brace)")
        return values[match[1]]

    return _FIELD.sub(one, template)


def _day(text: str) -> date:
    # Not hamcoach.cli.data.parse_date: that one loads the store module (and pydantic).
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise CommandError(f"--as-of must be a date like 2024-05-06 (got {text!r})")


def show_status(args: argparse.Namespace) -> int:
    """Print the status line."""
    from hamcoach import paths
    from hamcoach.coaching.cautions import cautions
    from hamcoach.history import digest
    from hamcoach.history.streaks import compute_streak

    as_of = _day(args.as_of) if args.as_of is not None else date.today()
    history = paths.history_path(paths.data_home())
    summary = digest.read(history)
    if summary is None:  # missing or out of date: rebuild it from the history (the slow way, once)
        from hamcoach.cli.output import open_store, print_warnings

        store = open_store()
        summary, stamp = digest.build(store)
        with contextlib.suppress(OSError):
            digest.write(digest.digest_path(history), summary, stamp)
        print_warnings(store)
    streak = compute_streak(summary.training, summary.rest, as_of)
    today = "done" if as_of in summary.training else ("rest" if as_of in summary.rest else "due")
    caution = cautions(summary.flares, summary.checkins, as_of)
    if args.json:
        print_json({"as_of": as_of.isoformat(), "streak": streak.current, "longest": streak.longest,
                    "today": today, "caution": caution[0].text if caution else None})
        return 0
    values = {"streak": str(streak.current), "longest": str(streak.longest), "today": today,
              "caution": SHORT_CAUTION if caution else "", "as_of": as_of.isoformat()}
    if args.format is not None:
        print(clean(fill(args.format, values)))
    else:
        print(fill(DEFAULT_FORMAT, values) + (f" · {SHORT_CAUTION}" if caution else ""))
    return 0
