"""``hamcoach doctor``: what is in the data home, what is wrong with it, and (``--fix``) mending it.

It looks at the data folder and everything hamcoach keeps there: modes, links,
special files where a file belongs, the history (damaged lines, a file that cannot be
read), histories set aside, conflict copies from a synced folder, temp files left by
an interrupted save, the lock file, the settings and the routine files. Each finding
is one plain line.

With ``fix`` it removes the leftovers (temp files, a lock that is a link or a special
file) and merges what can be read from set-aside histories and conflict copies back
in (by id: a set-aside file never replaces a stored session; a conflict copy's
further-along record wins, as when the app starts). Merged files move to ``merged/``.
Nothing the user made is ever deleted.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from hamcoach import paths
from hamcoach.errors import HamcoachError
from hamcoach.fileio import kind_of, reason
from hamcoach.history.fileformat import AtomicJSONStorage, history_folders, real_name, set_aside_files
from hamcoach.history.store import HistoryStore
from hamcoach.history.sync import MERGED_FOLDER, conflict_copies, merge_copy
from hamcoach.settings import read_settings

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]

Kind = Literal["ok", "note", "problem", "fixed"]
# mkstemp's names, as hamcoach.atomic makes them: .NAME.<8 characters>.tmp
_TEMP = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    kind: Kind
    text: str

    def __str__(self) -> str:
        return self.text if self.kind == "ok" else f"{self.kind}: {self.text}"


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _mode_note(path: Path, what: str, private: int) -> Finding | None:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    if mode & 0o077:
        return Finding("note", f"{what} {path} can be read by other users (mode {mode:o}); "
                               f"`chmod {private:o} {path}` makes it private.")
    return None


class Doctor:
    """One examination of a data home; :meth:`run` returns the findings in order."""

    def __init__(self, home: Path, fix: bool = False) -> None:
        self.home = home
        self.fix = fix
        self.findings: list[Finding] = []
        self.history = paths.history_path(home)
        self.lock = self.history.with_name(self.history.name + ".lock")
        self._lock_held_elsewhere = False

    def say(self, kind: Kind, text: str) -> None:
        self.findings.append(Finding(kind, text))

    def run(self) -> list[Finding]:
        if not self._check_home():
            return self.findings
        self._check_lock()
        store = self._check_history()
        self._check_leftovers()
        if store is not None:
            self._check_set_aside(store)
            self._check_conflicts(store)
        self._check_settings()
        self._check_routines()
        return self.findings

    @property
    def problems(self) -> int:
        """How many problems are left (after the fixes)."""
        return sum(1 for f in self.findings if f.kind == "problem")

    # --- the parts ----------------------------------------------------------------------

    def _check_home(self) -> bool:
        home = self.home
        if os.path.islink(home):
            self.say("note", f"The data folder {home} is a link to {os.readlink(home)}.")
        if not os.path.lexists(home):
            self.say("ok", f"The data folder {home} does not exist yet; hamcoach makes it on first use.")
            return False
        if not os.path.isdir(home):
            self.say("problem", f"The data folder {home} is not a folder: hamcoach cannot keep anything there.")
            return False
        note = _mode_note(home, "The data folder", 0o700)
        self.say("ok", f"Data folder: {home}") if note is None else self.findings.append(note)
        return True

    def _check_lock(self) -> None:
        lock = self.lock
        if not os.path.lexists(lock):
            return
        st = os.lstat(lock)
        if stat.S_ISLNK(st.st_mode):
            self._remove_or_say(lock, f"{lock.name} is a link to {os.readlink(lock)}; hamcoach never follows a "
                                      "link for its lock, so nothing can be saved")
        elif stat.S_ISDIR(st.st_mode):
            if self.fix and not os.listdir(lock):
                os.rmdir(lock)
                self.say("fixed", f"Removed {lock.name}, an empty folder where the lock file belongs.")
            else:
                self.say("problem", f"{lock.name} is a folder where the lock file belongs, so nothing can be "
                                    f"saved; move it away ({lock}).")
        elif not stat.S_ISREG(st.st_mode):
            self._remove_or_say(lock, f"{lock.name} is {kind_of(st.st_mode)} where the lock file belongs, so "
                                      "nothing can be saved")
        elif fcntl is not None:
            try:
                fd = os.open(lock, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
            except OSError as exc:
                self.say("problem", f"{lock.name} cannot be opened ({reason(exc)}), so nothing can be saved.")
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lock_held_elsewhere = True
                self.say("note", "Another hamcoach is saving or running (it holds the history lock); "
                                 "temp files are left alone while it does.")
            except OSError:
                pass
            finally:
                os.close(fd)

    def _remove_or_say(self, path: Path, problem: str) -> None:
        if self.fix:
            os.unlink(path)
            self.say("fixed", f"Removed {path.name}: {problem.split('; ', 1)[0].split(' is ', 1)[1]}.")
        else:
            self.say("problem", f"{problem}; `hamcoach doctor --fix` removes it.")

    def _check_history(self) -> HistoryStore | None:
        path = self.history
        if os.path.islink(path):
            self.say("note", f"{path.name} is a link to {os.readlink(path)}.")
        if not os.path.lexists(path):
            self.say("ok", "No history yet.")
            store = HistoryStore(path)
            return store
        try:
            store = HistoryStore(path)
        except (HamcoachError, OSError) as exc:
            self.say("problem", f"{path.name} cannot be opened: {exc}")
            return None
        if store.unreadable is not None:
            self.say("problem", f"{path.name} cannot be read ({store.unreadable}); hamcoach leaves it as it is and "
                                "saves nothing until it can be read.")
            return None
        if store.unusable is not None:
            self.say("problem", f"{path.name} cannot be read as a history ({store.unusable}); the next save sets "
                                "it aside and starts a new one.")
            return store
        sessions, rest = len(store.summaries()), len(store.rest_days())
        self.say("ok", f"{path.name}: {sessions} session{'s' if sessions != 1 else ''}, "
                       f"{rest} rest day{'s' if rest != 1 else ''}.")
        for warning in store.warnings:
            if "set aside because" not in warning:
                self.say("note" if store.read_only and "newer hamcoach" in warning else "problem", warning)
        note = _mode_note(path, "The history", 0o600)
        if note is not None:
            self.findings.append(note)
        return store

    def _check_set_aside(self, store: HistoryStore) -> None:
        for aside in set_aside_files(self.history):
            if aside.is_dir() or not aside.is_file():
                self.say("note", f"{aside} was set aside by an older hamcoach and is not a file; look inside, "
                                 "then remove it.")
                continue
            if not self.fix:
                self.say("problem", f"{aside.name} holds a history set aside because it could not be read; "
                                    "`hamcoach doctor --fix` merges what can be read back in.")
                continue
            report = merge_copy(store, aside, further_along_wins=False)
            if report.error is not None:
                self.say("problem", f"{aside.name} was not merged: {report.error}")
                continue
            skipped = f" ({len(report.skipped)} damaged part{'s' if len(report.skipped) != 1 else ''} could " \
                      "not be read)" if report.skipped else ""
            moved = f"{MERGED_FOLDER}/{report.moved_to.name}" if report.moved_to else MERGED_FOLDER
            self.say("fixed", f"Merged {aside.name} back in: {report.added} session"
                              f"{'s' if report.added != 1 else ''} added, {report.rest_days} rest day"
                              f"{'s' if report.rest_days != 1 else ''}{skipped}; the file is kept in {moved}.")

    def _check_conflicts(self, store: HistoryStore) -> None:
        for copy in conflict_copies(self.history):
            if not self.fix:
                self.say("problem", f"{copy.name} is a conflict copy from a synced folder; starting hamcoach or "
                                    "`hamcoach doctor --fix` merges it in.")
                continue
            report = merge_copy(store, copy)
            self.say("problem" if report.error else "fixed", report.line())

    def _check_leftovers(self) -> None:
        digest = f"{self.history.stem}.summary.json"  # hamcoach.history.digest, written under the lock too
        names = {self.history.name, real_name(self.history), digest, "settings.json"}
        folders = [*history_folders(self.history), self.home / "routines"]
        seen = set()
        for folder in folders:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                match = _TEMP.fullmatch(entry.name)
                if not match or entry.path in seen or not entry.is_file(follow_symlinks=False):
                    continue
                name = match["name"]
                if not (name in names or (folder.name == "routines" and name.endswith(".toml"))):
                    continue
                seen.add(entry.path)
                size = _size(entry.stat(follow_symlinks=False).st_size)
                what = f"{entry.name} is left over from a save that was interrupted ({size})"
                history_temp = name in (self.history.name, real_name(self.history), digest)
                if not self.fix:
                    self.say("problem", f"{what}; `hamcoach doctor --fix` removes it.")
                elif history_temp and self._lock_held_elsewhere:
                    self.say("problem", f"{what}; another hamcoach holds the lock, so it is left for now.")
                else:
                    self._remove_temp(Path(entry.path), history_temp, what, size)

    def _remove_temp(self, path: Path, under_lock: bool, what: str, size: str) -> None:
        try:
            if under_lock:  # a save in progress holds the lock: never remove its temp file
                with AtomicJSONStorage(self.history, lock_timeout=0.5).locked():
                    path.unlink()
            else:
                path.unlink()
        except (HamcoachError, OSError) as exc:
            self.say("problem", f"{what}; it could not be removed ({exc}).")
            return
        self.say("fixed", f"Removed {path.name} ({size}), left over from an interrupted save.")

    def _check_settings(self) -> None:
        path = paths.settings_path(self.home)
        if os.path.islink(path):
            self.say("note", f"{path.name} is a link to {os.readlink(path)}.")
        if not os.path.lexists(path):
            return
        loaded = read_settings(path)
        for problem in loaded.problems:
            self.say("problem", problem)
        if not loaded.problems:
            self.say("ok", f"{path.name}: fine.")

    def _check_routines(self) -> None:
        from hamcoach.routines.library import RoutineLibrary

        folder = paths.custom_routines_dir(self.home)
        if os.path.lexists(folder) and not os.path.isdir(folder):
            what = "a link that leads nowhere" if os.path.islink(folder) else "not a folder"
            self.say("problem", f"{folder} is {what}; your routines belong in a folder there.")
            return
        library = RoutineLibrary.load(custom_dir=folder)
        mine = [r for r in library.routines if r.source == "custom"]
        self.say("ok", f"routines: {len(mine)} of your own.")
        for error in library.errors:
            if error.path.parent == folder or error.path == folder:
                for line in error.lines():
                    self.say("problem", line)


def examine(home: Path, fix: bool = False) -> Doctor:
    """Examine (and with ``fix``, mend) the data home; the findings are in ``.findings``."""
    doctor = Doctor(home, fix)
    doctor.run()
    return doctor
