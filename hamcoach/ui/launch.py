"""Build the real core objects (store, library, sound) and run the app."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hamcoach import paths
from hamcoach.errors import CommandError

SOUND_LOG_VARIABLE = "HAMCOACH_SOUND_LOG"  # a file to log each sound's due and start times to

if TYPE_CHECKING:
    from textual.app import App


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
    from hamcoach.history.sync import merge_conflict_copies

    merge_conflict_copies(store)  # a synced folder's conflict copies: merged in, each said in a notice
    settings = load_settings(paths.settings_path(home))
    mode = SoundMode.OFF if mute else SoundMode.QUIET if quiet else SoundMode(settings.sound)
    journal = os.environ.get(SOUND_LOG_VARIABLE)
    player = CuePlayer(mode=mode, voice=Voice(cache_dir=paths.voice_cache_dir()),
                       voice_on=settings.voice if voice is None else voice,
                       journal=Path(journal) if journal else None)
    from hamcoach.history.checkpoint import SaveInBackground

    checkpoints = SaveInBackground(store.path, live=store.live, source=store)
    app = HamcoachApp(
        library=library,
        store=store,
        player=player,
        settings_path=paths.settings_path(home),
        start_routine=routine_id,
        checkpoints=checkpoints,
    )
    checkpoints.on_warning = lambda message: app.call_from_thread(app.history_warning, message)
    received: list[int] = []
    restore = _exit_on_signals(app, received)
    try:
        app.run()
    finally:
        restore()
        checkpoints.close()
        player.close()
    if received:  # asked to stop (a closed terminal window, a logout, kill): not a failure to report
        return 128 + received[0]
    if app.return_code:
        print("hamcoach: the app stopped unexpectedly", file=sys.stderr)
    return app.return_code or 0


def _exit_on_signals(app: App[None], received: list[int]) -> Callable[[], None]:
    """SIGTERM and SIGHUP end the app as ctrl+q does: the session on screen saves its
    checkpoint as it unmounts, and Textual puts the terminal back (main screen, mouse
    reporting off, cursor shown). Returns what puts the previous handlers back.

    The handler only schedules ``app.exit`` on the app's event loop (a signal handler
    may run between any two bytecodes; the loop is the safe place to act).
    """
    import asyncio
    import signal

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet, or any more: nothing to save
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.exit)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, handler) for sig in wanted}

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
