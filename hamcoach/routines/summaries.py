"""What the routine list shows of each routine, kept in a small cache for the first frame (issue 15).

The picker's first frame needs each routine's name, length, equipment, description and
exercises (as the detail pane words them), and the files that were skipped with why. Reading
and validating the routine files needs pydantic, which costs more than Textual does to draw
the screen; so after every full load of the library these summaries are written to a cache
(``routine-summaries.json`` in the cache folder, see :func:`hamcoach.paths.cache_dir`),
keyed by each file's path, size and ``mtime_ns`` and by the state of both folders. At the
next start, when every key still matches, the first frame is drawn from the cache; the
library is loaded and validated right after it, and nothing is started from the cache.

A cache that is missing, damaged, of another version, a link, or whose keys do not match
the files is ignored (never trusted) and written again after the library is loaded.

Light on purpose: this module imports neither pydantic nor the models.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from hamcoach.errors import RoutineFileError
    from hamcoach.routines.library import LoadedRoutine, RoutineLibrary
    from hamcoach.routines.models import Exercise, Routine

VERSION = 1
CACHE_NAME = "routine-summaries.json"
MAX_CACHE_BYTES = 4_000_000
# The routines' equipment, in the filter's order (hamcoach.routines.models.EQUIPMENT; a test keeps them equal).
EQUIPMENT: tuple[str, ...] = ("mat", "ball", "band")


class ExerciseSummary(NamedTuple):
    """One exercise as the detail pane words it: ``prescription`` ("3 x 10 reps"), ``dose``
    (" · tempo 1-0-1 s · rest 30 s", or ""), its note and its cues."""

    name: str
    prescription: str
    dose: str
    note: str
    cues: tuple[str, ...]


class RoutineSummary(NamedTuple):
    """What the routine list and its detail pane show of one routine file, before it is validated
    again: its id, source (``builtin``/``custom``), path, name, description, equipment, length in
    seconds as written, and its exercises (:class:`ExerciseSummary`)."""

    id: str
    source: str
    path: Path
    name: str
    description: str
    equipment: tuple[str, ...]
    seconds: int
    exercises: tuple[ExerciseSummary, ...]


class CachedLibrary(NamedTuple):
    """The cached summaries of a library's routines, in the library's order, and its skipped
    files (:class:`hamcoach.errors.RoutineFileError`, as the library has them)."""

    routines: list[RoutineSummary]
    errors: list[RoutineFileError]


def dose_words(exercise: Exercise) -> str:
    """The rest of an exercise's dose, for the full detail: tempo, rests."""
    parts = []
    if exercise.reps is not None:
        tempo = exercise.effective_tempo
        parts.append(f"tempo {tempo.up}-{tempo.hold}-{tempo.down} s")
    if exercise.sets > 1:
        parts.append(f"rest {exercise.rest} s")
    return " · " + " · ".join(parts) if parts else ""


def exercise_summary(exercise: Exercise) -> ExerciseSummary:
    """An exercise (a validated one) as the detail pane words it."""
    return ExerciseSummary(exercise.name, exercise.prescription(), dose_words(exercise), exercise.note,
                           tuple(exercise.cues))


def summarize(loaded: LoadedRoutine, routine: Routine | None = None) -> RoutineSummary:
    """A loaded routine's summary (``routine``: the same file as the coach would run it)."""
    run = routine if routine is not None else loaded.routine
    return RoutineSummary(loaded.id, loaded.source, loaded.path, run.name, run.description, tuple(run.equipment),
                          run.estimated_seconds(), tuple(exercise_summary(e) for e in run.exercises))


def cache_path(cache_dir: Path) -> Path:
    """Where the summaries are cached."""
    return cache_dir / CACHE_NAME


def _folder_key(folder: Path) -> list[Any]:
    """A folder's state and each ``*.toml`` in it (path, size, mtime_ns), as the library would list them."""
    if not folder.is_dir():
        state = ("link" if folder.is_symlink() else "other") if os.path.lexists(folder) else "none"
        return [str(folder), state, []]
    files = []
    for path in sorted(folder.glob("*.toml")):
        try:
            st = os.stat(path)
            files.append([str(path), st.st_size, st.st_mtime_ns])
        except OSError:  # a link to nowhere: listed, and an error either way
            files.append([str(path), -1, -1])
    return [str(folder), "dir", files]


def _code_key() -> list[Any]:
    """hamcoach's version and the code that words a summary (the models, this module): a cache
    written by another version (or a changed checkout) is not used even if no routine file changed."""
    from hamcoach import __version__

    here = Path(__file__).resolve().parent
    key: list[Any] = [__version__]
    for name in ("models.py", "summaries.py"):
        try:
            st = os.stat(here / name)
            key.append([name, st.st_size, st.st_mtime_ns])
        except OSError:  # (an installation without the sources: the version alone)
            key.append([name])
    return key


def library_key(builtin_dir: Path, custom_dir: Path) -> list[Any]:
    """What the cache is keyed by: both folders' states and every routine (and ladders) file's
    path, size and modification time in nanoseconds, and the code that wrote it (:func:`_code_key`)."""
    return [_code_key(), _folder_key(builtin_dir), _folder_key(custom_dir)]


def write_cache(path: Path, library: RoutineLibrary, key: list[Any] | None = None) -> None:
    """Write the summaries of a freshly loaded library atomically (best effort: a cache that
    cannot be written is only a slower next start). ``key``: :func:`library_key` taken before
    the library was read (so a file changed while it was read is not taken for the one read)."""
    from hamcoach.atomic import write_bytes_atomic

    doc = {
        "version": VERSION,
        "key": key if key is not None else library_key(library.builtin_dir, library.custom_dir),
        "routines": [_routine_doc(summarize(loaded)) for loaded in library.routines],
        "errors": [[str(error.path), list(error.problems)] for error in library.errors],
    }
    data = json.dumps(doc, separators=(",", ":")).encode()
    try:
        try:
            if read_cache_bytes(path) == data:
                return  # the same: not written again
        except OSError:
            pass
        if os.path.islink(path):  # never written through a link: the link itself is replaced
            os.unlink(path)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(path, data)
    except OSError:
        pass


def _routine_doc(summary: RoutineSummary) -> list[Any]:
    return [summary.id, summary.source, str(summary.path), summary.name, summary.description,
            list(summary.equipment), summary.seconds, [[e.name, e.prescription, e.dose, e.note, list(e.cues)]
                                                       for e in summary.exercises]]


def read_cache_bytes(path: Path) -> bytes:
    """The cache file's bytes; an OSError for a link, a special file, a missing or too large one."""
    from hamcoach.fileio import read_regular

    if os.path.islink(path):
        raise OSError(f"{path} is a link")
    return read_regular(path, MAX_CACHE_BYTES)[1]


def read_cache(path: Path, builtin_dir: Path, custom_dir: Path) -> CachedLibrary | None:
    """The cached library, if the cache is there, sound, and keyed by the files as they are now;
    else None (the library is then loaded the slow way). Never raises."""
    try:
        doc: Any = json.loads(read_cache_bytes(path))
        if not isinstance(doc, dict) or doc.get("version") != VERSION:
            return None
        if doc.get("key") != library_key(builtin_dir, custom_dir):
            return None
        routines = [_routine(entry) for entry in doc["routines"]]
        from hamcoach.errors import RoutineFileError

        errors = [RoutineFileError(Path(_text(where)), [_text(problem) for problem in problems])
                  for where, problems in doc["errors"]]
        return CachedLibrary(routines, errors)
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError, AttributeError):
        return None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _routine(entry: list[Any]) -> RoutineSummary:
    rid, source, where, name, description, equipment, seconds, exercises = entry
    if source not in ("builtin", "custom") or type(seconds) is not int:
        raise ValueError("not a routine summary")
    if not all(isinstance(item, str) for item in equipment):
        raise TypeError("not equipment")
    return RoutineSummary(_text(rid), source, Path(_text(where)), _text(name), _text(description), tuple(equipment),
                          seconds, tuple(_exercise(e) for e in exercises))


def _exercise(entry: list[Any]) -> ExerciseSummary:
    name, prescription, dose, note, cues = entry
    return ExerciseSummary(_text(name), _text(prescription), _text(dose), _text(note), tuple(_text(c) for c in cues))
