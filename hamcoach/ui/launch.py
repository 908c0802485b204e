"""Build the real core objects (store, library, sound) and run the app."""

from __future__ import annotations

import contextlib
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

    from hamcoach.history.checkpoint import CheckpointSaver
    from hamcoach.history.store import HistoryStore
    from hamcoach.routines.library import RoutineLibrary
    from hamcoach.ui.app import FirstFrame


def run_app(routine_id: str | None = None, mute: bool = False, quiet: bool = False,
            voice: bool | None = None) -> int:
    """Run the TUI with the user's data; ``routine_id`` opens that session at once.

    ``mute``, ``quiet`` and ``voice`` (None: as remembered) hold for this run only.

    The routine list's first frame is drawn from what is already known when it can be
    (issue 15: the cached routine summaries, the history's digest and the few settings it
    needs, none of which imports pydantic, TinyDB or the coach); the library, the store
    and the settings are then loaded right after that frame. Otherwise (a first run, a
    routine file or the history changed since, ``hamcoach run ID``) they are loaded
    before the app starts, and the cache is written for the next start.
    """
    from hamcoach.sound.player import CuePlayer, SoundMode
    from hamcoach.sound.voice import Voice
    from hamcoach.ui.app import HamcoachApp

    home = paths.usable_data_home()
    first = first_frame(home) if routine_id is None else None
    library = store = checkpoints = None
    sound: str
    if first is None:
        from hamcoach.settings import load_settings

        library = load_library(home)
        if routine_id is not None and library.get(routine_id) is None:
            known = ", ".join(sorted({r.id for r in library.routines}))
            raise CommandError(f"no routine with id {routine_id!r}; known ids: {known}")
        store = open_store(home)
        settings = load_settings(paths.settings_path(home))
        sound, voice_on = settings.sound, settings.voice
    else:
        sound, voice_on = first.settings.sound, first.settings.voice
    mode = SoundMode.OFF if mute else SoundMode.QUIET if quiet else SoundMode(sound)
    journal = os.environ.get(SOUND_LOG_VARIABLE)
    player = CuePlayer(mode=mode, voice=Voice(cache_dir=paths.voice_cache_dir()),
                       voice_on=voice_on if voice is None else voice,
                       journal=Path(journal) if journal else None)

    def background_saver(opened: HistoryStore) -> CheckpointSaver:
        from hamcoach.history.checkpoint import SaveInBackground

        saver = SaveInBackground(opened.path, live=opened.live, source=opened)
        saver.on_warning = lambda message: app.call_from_thread(app.history_warning, message)
        return saver

    if store is not None:
        checkpoints = background_saver(store)
    app = HamcoachApp(
        library=library,
        store=store,
        player=player,
        settings_path=paths.settings_path(home),
        start_routine=routine_id,
        checkpoints=checkpoints,
        first_frame=first,
        load_library=lambda: load_library(home),
        open_store=lambda: open_store(home),
        make_checkpoints=background_saver,
    )
    received: list[int] = []
    restore = _exit_on_signals(app, received)
    try:
        app.run()
    finally:
        restore()
        if app.checkpoints_opened is not None:
            app.checkpoints_opened.close()
        player.close()
    if received:  # asked to stop (a closed terminal window, a logout, kill): not a failure to report
        return 128 + received[0]
    if app.failure is not None:  # the history could not be opened after the first frame
        raise CommandError(app.failure)
    if app.return_code:
        print("hamcoach: the app stopped unexpectedly", file=sys.stderr)
    return app.return_code or 0


def first_frame(home: Path) -> FirstFrame | None:
    """What the routine list's first frame needs, without pydantic: None when the routine cache
    or the history's digest does not match the files (the slow way then)."""
    from datetime import datetime

    from hamcoach.first_settings import read_first_settings
    from hamcoach.history import digest
    from hamcoach.routines.summaries import cache_path, read_cache
    from hamcoach.ui.app import FirstFrame

    cached = read_cache(cache_path(_cache_folder(home)), paths.builtin_routines_dir(),
                        paths.custom_routines_dir(home))
    if cached is None:
        return None
    history = digest.read(paths.history_path(home))
    today = datetime.now().astimezone().date()
    if history is None or any(day > today for day, _ in history.last.values()):
        return None  # out of date (or a session dated after today: the store says what counts)
    return FirstFrame(cached, history, read_first_settings(paths.settings_path(home)))


def _cache_folder(home: Path) -> Path:
    """The cache folder for the data home ``home``: the user's cache folder for the usual one
    (``$HAMCOACH_HOME/cache`` when that is set, as for the voice), else ``home/cache``."""
    return paths.cache_dir() if home == paths.data_home() else paths.cache_dir(home)


def load_library(home: Path) -> RoutineLibrary:
    """Read and validate every routine file, and cache their summaries for the next first frame."""
    from hamcoach.routines.library import RoutineLibrary
    from hamcoach.routines.summaries import cache_path, library_key, write_cache

    custom = paths.custom_routines_dir(home)
    key = library_key(paths.builtin_routines_dir(), custom)  # before reading: a file changed meanwhile is not cached
    library = RoutineLibrary.load(custom_dir=custom)
    write_cache(cache_path(_cache_folder(home)), library, key)
    return library


def open_store(home: Path) -> HistoryStore:
    """Open the history (conflict copies of a synced folder merged in, each said in a notice),
    its digest rebuilt when out of date; a :class:`CommandError` when it cannot be opened."""
    from hamcoach.errors import StoreError
    from hamcoach.history import digest
    from hamcoach.history.store import HistoryStore
    from hamcoach.history.sync import merge_conflict_copies

    try:
        store = HistoryStore(paths.history_path(home))
    except (StoreError, OSError) as exc:
        raise CommandError(str(exc)) from None
    merge_conflict_copies(store)
    if digest.read(store.path) is None:  # so that the next start's first frame can use it
        with contextlib.suppress(StoreError, OSError, ValueError):
            summary, stamp = digest.build(store)
            digest.write(digest.digest_path(store.path), summary, stamp)
    return store


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
