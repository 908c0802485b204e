"""The ``hamcoach`` command: the app, and the non-interactive subcommands.

Every failure a user can cause is one line on stderr and a non-zero exit code;
``--debug`` shows the traceback instead.

Start-up is kept cheap (issue 15): ``--version`` is answered before anything else is
imported, and only the chosen subcommand's module is imported and registered (each
one brings the store, pydantic or the coach with it); ``--help`` and a mistyped
command register them all.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import import_module

from hamcoach import __version__

# Not `from typing import TYPE_CHECKING`: importing typing (and re with it) is most of
# what `hamcoach --version` would cost.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import SimpleNamespace
    from typing import NoReturn

# Each subcommand and the module (in hamcoach.cli) whose register() adds it, in the
# order `hamcoach --help` lists them.
COMMANDS: dict[str, str] = {
    "routines": "routines",
    "history": "history",
    "streak": "data",
    "rest": "data",
    "export": "data",
    "import": "data",
    "sound-check": "sound",
    "coach": "coach",
    "checkin": "checkin",
    "status": "status",
    "doctor": "doctor",
    "settings": "settings",
}
# The options the top-level parser takes before a command; none takes a value.
_TOP_OPTIONS = frozenset({"--mute", "--quiet", "--voice", "--no-voice", "--debug"})


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    from hamcoach.cli.output import clean
    from hamcoach.wording import sentence

    class _Parser(argparse.ArgumentParser):
        """argparse, with a usage mistake reported like every other failure: one line."""

        def error(self, message: str) -> NoReturn:
            self.exit(2, f"hamcoach: {sentence(clean(message))} (see `{self.prog} --help`)\n")

    return _Parser


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names ("" for none: the app), or None when it is not plain
    which (an option argparse must read first, a mistyped command): then all are registered."""
    for arg in argv:
        if arg in _TOP_OPTIONS:
            continue
        return arg if arg in COMMANDS or arg == "run" else None
    return ""


def _asks_for_version(argv: Sequence[str]) -> bool:
    # `--version` among the top-level options, before any command: what argparse would answer.
    for arg in argv:
        if arg == "--version":
            return True
        if arg not in _TOP_OPTIONS:
            return False
    return False


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: with every subcommand registered (``command`` None), or only the
    module of ``command`` ("" or "run": none of them)."""
    import argparse

    parser = _parser_class()(
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
    wanted = COMMANDS.values() if command is None else [COMMANDS[command]] if command in COMMANDS else []
    for module in dict.fromkeys(wanted):
        import_module(f"hamcoach.cli.{module}").register(sub)
    parser.set_defaults(func=_run_app, routine_id=None, mute=False, quiet=False, voice=None)
    _accept_debug_everywhere(parser)
    return parser


def _add_sound_options(parser: argparse.ArgumentParser, default: object) -> None:
    """--mute, --quiet and --voice/--no-voice: for this run; the keys m and v are remembered."""
    import argparse

    parser.add_argument("--mute", action="store_true", default=default, help="start with sound off")
    parser.add_argument("--quiet", action="store_true", default=default,
                        help="start in quiet mode: no sound, a screen flash at each cue")
    parser.add_argument("--voice", action=argparse.BooleanOptionalAction, default=default,
                        help="speak the cues (when a speech engine is installed), or not")


def _accept_debug_everywhere(parser: argparse.ArgumentParser) -> None:
    # `--debug` is most often added at the end of a failing command line.
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                subparser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                       help="show tracebacks on errors")
                _accept_debug_everywhere(subparser)


def _run_app(args: argparse.Namespace | SimpleNamespace) -> int:
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
    arguments = list(sys.argv[1:] if argv is None else argv)
    if _asks_for_version(arguments):  # answered before anything heavy is imported, as argparse would
        print(f"hamcoach {__version__}")
        raise SystemExit(0)
    args: argparse.Namespace | SimpleNamespace
    if arguments:
        args = build_parser(chosen_command(arguments)).parse_args(arguments)
    else:  # the app, as most starts are: the parser's defaults, without building it (argparse is not cheap)
        from types import SimpleNamespace

        args = SimpleNamespace(func=_run_app, routine_id=None, mute=False, quiet=False, voice=None, debug=False)
    from hamcoach.cli.output import clean
    from hamcoach.errors import HamcoachError
    from hamcoach.wording import sentence

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
