"""Build the real core objects (store, library, sound) and run the app."""

from __future__ import annotations

import sys

from hamcoach import paths
from hamcoach.errors import CommandError


def run_app(routine_id: str | None = None, mute: bool = False) -> int:
    """Run the TUI with the user's data; ``routine_id`` opens that session at once."""
    from hamcoach.errors import StoreError
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.library import RoutineLibrary
    from hamcoach.settings import load_settings
    from hamcoach.sound.player import CuePlayer
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
    player = CuePlayer(muted=mute or settings.muted)
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
