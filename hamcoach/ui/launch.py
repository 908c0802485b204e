"""Build the real core objects (store, library, sound) and run the app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hamcoach import paths
from hamcoach.errors import CommandError

SOUND_LOG_VARIABLE = "HAMCOACH_SOUND_LOG"  # a file to log each sound's due and start times to


def run_app(routine_id: str | None = None, mute: bool = False, quiet: bool = False,
            voice: bool | None = None) -> int:
    """Run the TUI with the user's data; ``routine_id`` opens that session at once.

    ``mute``, ``quiet`` and ``voice`` (None: as remembered) hold for this run only.
    """
    from hamcoach.errors import StoreError
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.library import RoutineLibrary
    from hamcoach.settings import load_settings
    from hamcoach.sound.player import CuePlayer, SoundMode
    from hamcoach.sound.voice import Voice
    from hamcoach.ui.app import HamcoachApp

    home = paths.usable_data_home()
    library = RoutineLibrary.load(custom_dir=paths.custom_routines_dir(home))
    if routine_id is not None and library.get(routine_id) is None:
        known = ", ".join(sorted({r.id for r in library.routines}))
        raise CommandError(f"no routine with id {routine_id!r}; known ids: {known}")
    try:
        store = HistoryStore(paths.history_path(home))
    except (StoreError, OSError) as exc:
        raise CommandError(str(exc)) from None
    settings = load_settings(paths.settings_path(home))
    mode = SoundMode.OFF if mute else SoundMode.QUIET if quiet else SoundMode(settings.sound)
    journal = os.environ.get(SOUND_LOG_VARIABLE)
    player = CuePlayer(mode=mode, voice=Voice(cache_dir=paths.voice_cache_dir()),
                       voice_on=settings.voice if voice is None else voice,
                       journal=Path(journal) if journal else None)
    app = HamcoachApp(
        library=library,
        store=store,
        player=player,
        settings_path=paths.settings_path(home),
        start_routine=routine_id,
    )
    try:
        app.run()
    finally:
        player.close()
    if app.return_code:
        print("hamcoach: the app stopped unexpectedly", file=sys.stderr)
    return app.return_code or 0
