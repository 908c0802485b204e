"""``hamcoach sound-check``: play every cue and a spoken phrase, naming the player and voice."""

from __future__ import annotations

import argparse
from typing import Any

from hamcoach.cli.output import clean
from hamcoach.errors import CommandError


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``sound-check`` command."""
    check = sub.add_parser("sound-check", help="play each cue and a spoken phrase, naming the player and voice",
                           description="Play each cue and a spoken phrase through the player a session "
                                       "uses, and say which player and voice that is, so that a silent "
                                       "setup is found before a session.")
    check.set_defaults(func=sound_check)


def sound_check(args: argparse.Namespace) -> int:
    """Run the check; exit 1 when no sound could be played."""
    # Imported here: the other commands (and --version) never pay for the sound modules.
    from hamcoach import paths
    from hamcoach.sound.check import CheckLine, run_sound_check
    from hamcoach.sound.player import CuePlayer, SoundMode
    from hamcoach.sound.voice import Voice

    def report(line: CheckLine) -> None:
        mark = {True: "ok   ", False: "FAIL ", None: ""}[line.ok]
        print(f"{mark}{clean(line.text)}", flush=True)

    player = CuePlayer(mode=SoundMode.ON, voice=Voice(cache_dir=paths.voice_cache_dir()))
    try:
        ok = run_sound_check(player, report)
    finally:
        player.close()
    if not ok:
        raise CommandError("the sound check failed (see above)")
    print("Sound works. If you heard nothing, check the volume and the output device.")
    return 0
