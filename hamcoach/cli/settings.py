"""``hamcoach settings [KEY [VALUE]]``: list the settings, show one, or set one.

Every value is checked as when settings.json is read (:mod:`hamcoach.settings`); an
unknown key or a value the setting does not take is one line on stderr and exit code 2,
and nothing is written. Setting one key leaves every other key of the file as it is.
"""

from __future__ import annotations

import argparse
import json
import sys

from hamcoach.cli.output import clean
from hamcoach.errors import CommandError, SettingsError

USAGE_ERROR = 2  # what argparse returns for a usage mistake


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``settings`` command."""
    settings = sub.add_parser(
        "settings", help="list the settings, or set one (hamcoach settings week_target 4)",
        description="With no argument, every setting and its value (as settings.json holds it); with KEY, "
                    "that setting's value; with KEY VALUE, set it. Values are checked as the app checks them.")
    settings.add_argument("key", nargs="?", metavar="KEY", help="a setting's name, e.g. week_target")
    settings.add_argument("value", nargs="?", metavar="VALUE", help="its new value, e.g. 4, off, true")
    settings.set_defaults(func=run_settings)


def run_settings(args: argparse.Namespace) -> int:
    """List, show or set."""
    from hamcoach import paths
    from hamcoach.settings import parse_setting, read_settings, save_setting, setting_names

    path = paths.settings_path()
    if args.key is not None and args.key not in setting_names():
        raise CommandError(f"{clean(args.key)!r} is not a setting; the settings are {', '.join(setting_names())}",
                           USAGE_ERROR)
    if args.value is not None:
        try:
            value = parse_setting(args.key, args.value)
        except SettingsError as exc:
            raise CommandError(clean(str(exc)), USAGE_ERROR) from None
        save_setting(path, args.key, value)
        print(f"Set {args.key} to {clean(json.dumps(value, ensure_ascii=False))} in {path}.")
        return 0
    loaded = read_settings(path)
    for problem in loaded.problems:
        print(clean(problem), file=sys.stderr)
    values = loaded.settings.model_dump()
    if args.key is not None:
        print(clean(json.dumps(values[args.key], ensure_ascii=False)))
        return 0
    width = max(map(len, values))
    for key, value in values.items():
        print(f"{key:<{width}}  {clean(json.dumps(value, ensure_ascii=False))}")
    return 0
