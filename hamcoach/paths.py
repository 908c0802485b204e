"""Where hamcoach keeps user data, and where the bundled routines and sounds are."""

from __future__ import annotations

import os
from pathlib import Path

from hamcoach.errors import CommandError

APP_NAME = "hamcoach"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_home() -> Path:
    """The user's data folder: ``$HAMCOACH_HOME`` if set, else the platform's data dir.

    It is not created here; :func:`ensure_data_home` does that on first use.
    """
    override = os.environ.get("HAMCOACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import PlatformDirs  # cheap, but only needed without the override

    return Path(PlatformDirs(APP_NAME, appauthor=False).user_data_dir)


def ensure_data_home(home: Path | None = None) -> Path:
    """Create the data home (private: mode 0700) and its routines folder; return it.

    A :class:`CommandError` that names the folder at fault (the home, or ``routines``
    when it is a file or a link to nowhere) and why.
    """
    home = home or data_home()
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise CommandError(f"cannot use the data folder {home}: {_why_not_a_folder(home, exc)}") from None
    routines = home / "routines"
    try:
        routines.mkdir(exist_ok=True, mode=0o700)
    except OSError as exc:
        raise CommandError(f"cannot use the routines folder {routines}: {_why_not_a_folder(routines, exc)}") from None
    return home


def _why_not_a_folder(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileExistsError):
        if os.path.islink(path):
            target = os.readlink(path)
            try:
                os.stat(path)
            except FileNotFoundError:
                return f"it is a link to {target}, which does not exist"
            except OSError:
                return f"it is a link to {target}, which loops back on itself"
            return f"it is a link to {target}, which is not a folder"
        return "it is a file, not a folder"
    return exc.strerror or str(exc)


def usable_data_home() -> Path:
    """The data home, created if need be (private); a :class:`CommandError` naming what cannot be used."""
    return ensure_data_home(data_home())


def history_path(home: Path | None = None) -> Path:
    """The TinyDB history file."""
    return (home or data_home()) / "history.json"


def custom_routines_dir(home: Path | None = None) -> Path:
    """The folder of the user's own routine files."""
    return (home or data_home()) / "routines"


def _bundled(name: str, repo_relative: str) -> Path:
    # A wheel carries the folder inside the package; an editable install or a
    # source checkout has it at the repository root.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / repo_relative


def builtin_routines_dir() -> Path:
    """The folder of the routines that ship with hamcoach."""
    return _bundled("data/routines", "routines")


def sounds_dir() -> Path:
    """The folder of the cue WAV files."""
    return _bundled("data/sounds", "assets/sounds")


def settings_path(home: Path | None = None) -> Path:
    """The settings file."""
    return (home or data_home()) / "settings.json"


def cache_dir(home: Path | None = None) -> Path:
    """The cache folder (rendered speech): under ``$HAMCOACH_HOME`` when that is set, so a
    test or a trial run stays in its own folder, else the platform's user cache dir."""
    if home is not None or os.environ.get("HAMCOACH_HOME"):
        return (home or data_home()) / "cache"
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(APP_NAME, appauthor=False).user_cache_dir)


def voice_cache_dir(home: Path | None = None) -> Path:
    """The folder of phrases rendered to WAV files by the speech engine."""
    return cache_dir(home) / "voice"
