"""The ``hamcoach`` command: the app, and the non-interactive subcommands.

Every failure a user can cause is one line on stderr and a non-zero exit code;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from hamcoach import __version__
from hamcoach.cli import checkin as checkin_commands
from hamcoach.cli import coach as coach_commands
from hamcoach.cli import data as data_commands
from hamcoach.cli import doctor as doctor_commands
from hamcoach.cli import history as history_commands
from hamcoach.cli import routines as routine_commands
from hamcoach.cli import settings as settings_commands
from hamcoach.cli import sound as sound_commands
from hamcoach.cli import status as status_commands
from hamcoach.cli.output import clean
from hamcoach.errors import HamcoachError
from hamcoach.wording import sentence


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake reported like every other failure: one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"hamcoach: {sentence(clean(message))} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand registered."""
    parser = _Parser(
        prog="hamcoach",
        description="A terminal workout coach for strong hamstrings, good posture and a healthy low back.",
    )
    parser.add_argument("--version", action="version", version=f"hamcoach {__version__}")
    _add_sound_options(parser, argparse.SUPPRESS)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="open the app straight into a routine's session")
    run.add_argument("routine_id", help="a routine id, as `hamcoach routines list` shows")
    # `hamcoach run ID --mute` should work as well as `hamcoach --mute run ID`.
    _add_sound_options(run, argparse.SUPPRESS)
    run.set_defaults(func=_run_app)
    routine_commands.register(sub)
    history_commands.register(sub)
    data_commands.register(sub)
    sound_commands.register(sub)
    coach_commands.register(sub)
    checkin_commands.register(sub)
    status_commands.register(sub)
    doctor_commands.register(sub)
    settings_commands.register(sub)
    parser.set_defaults(func=_run_app, routine_id=None, mute=False, quiet=False, voice=None)
    _accept_debug_everywhere(parser)
    return parser


def _add_sound_options(parser: argparse.ArgumentParser, default: object) -> None:
    """--mute, --quiet and --voice/--no-voice: for this run; the keys m and v are remembered."""
    parser.add_argument("--mute", action="store_true", default=default, help="start with sound off")
    parser.add_argument("--quiet", action="store_true", default=default,
                        help="start in quiet mode: no sound, a screen flash at each cue")
    parser.add_argument("--voice", action=argparse.BooleanOptionalAction, default=default,
                        help="speak the cues (when a speech engine is installed), or not")


def _accept_debug_everywhere(parser: argparse.ArgumentParser) -> None:
    # `--debug` is most often added at the end of a failing command line.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                subparser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                       help="show tracebacks on errors")
                _accept_debug_everywhere(subparser)


def _run_app(args: argparse.Namespace) -> int:
    # Imported here so that the subcommands never pay for importing Textual.
    from hamcoach.ui.launch import run_app

    return run_app(routine_id=args.routine_id, mute=args.mute, quiet=args.quiet, voice=args.voice)


def _replace_what_cannot_be_shown() -> None:
    # A terminal (or a pipe) whose encoding lacks a character (LANG=C, PYTHONIOENCODING=ascii):
    # print a ? for it and go on, rather than stop half-way through a list.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m hamcoach``."""
    _replace_what_cannot_be_shown()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except HamcoachError as exc:
        if args.debug:
            raise  # where it was raised, for a bug report
        print(f"hamcoach: {sentence(clean(str(exc)))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`hamcoach history --json | head`): nothing to report.
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        print(f"hamcoach: Unexpected error: {clean(str(exc)) or type(exc).__name__} "
              "(run with --debug for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
