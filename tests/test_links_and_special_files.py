"""Links, special files and misnamed errors in the data home (issue 13, findings 4 to 7).

- A history or settings file that is a symbolic link (a common way to keep data in a
  synced folder) stays a link: the write goes atomically to the target, in the
  target's folder, and the target keeps its mode. A dangling link is an error naming it.
- Only regular files are read, the size cap checked while reading: a FIFO, /dev/zero or
  a folder in place of a file is one line, never a hang or a full memory. Commands that
  could hang run in a child process with a timeout, so a regression fails, not freezes.
- An error names what is wrong: the routines folder, the lock file.
- ``export -o`` writes only a regular file or a new path, never the live history;
  ``-o -`` is stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run

from hamcoach.history.store import HistoryStore
from hamcoach.settings import Settings, read_settings, save_settings

DOC = {"id": "a", "routine_id": "r", "routine_name": "R", "started_at": "2024-05-01T07:00:00+02:00",
       "ended_at": "2024-05-01T07:10:00+02:00", "status": "completed", "duration_seconds": 600, "sets": []}




def run_process(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hamcoach", *argv], capture_output=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def temp_files(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def home(isolated_home) -> Path:
    (isolated_home / "routines").mkdir(parents=True)
    return isolated_home


@pytest.fixture
def synced(tmp_path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


# --- finding 4: links are followed ----------------------------------------------------------


def test_a_linked_history_stays_a_link_and_the_target_keeps_its_mode(home, synced, capsys):
    target = synced / "hamcoach-history.json"
    HistoryStore(target).add_many([DOC])
    target.chmod(0o640)
    inode = target.stat().st_ino
    (home / "history.json").symlink_to(target)
    assert run(capsys, "rest", "2024-05-06")[0] == 0
    assert (home / "history.json").is_symlink() and os.readlink(home / "history.json") == str(target)
    assert target.stat().st_ino != inode  # replaced by a rename in the target's own folder
    assert target.stat().st_mode & 0o777 == 0o640
    assert HistoryStore(target).rest_days() and HistoryStore(target).session_ids() == {"a"}
    assert temp_files(home, synced) == []


def test_a_linked_settings_file_stays_a_link_and_keeps_its_mode(home, synced):
    target = synced / "settings.json"
    target.write_text('{"week_target": 4}')
    target.chmod(0o644)
    link = home / "settings.json"
    link.symlink_to(target)
    save_settings(link, Settings(week_target=5))
    assert link.is_symlink() and json.loads(target.read_text())["week_target"] == 5
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_dangling_history_link_is_an_error_naming_it_and_is_never_replaced(home, synced, capsys):
    link = home / "history.json"
    link.symlink_to(synced / "gone.json")
    for argv in (("history",), ("streak",), ("export",), ("rest", "2024-05-06")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert err == (f"hamcoach: Cannot read the history {link}: it is a link to {synced / 'gone.json'}, which "
                       "does not exist; it is left as it is (`hamcoach doctor` says more)\n")
    assert link.is_symlink() and not (synced / "gone.json").exists()


def test_a_dangling_settings_link_is_said_and_not_replaced(home, synced):
    link = home / "settings.json"
    link.symlink_to(synced / "gone.json")
    loaded = read_settings(link)
    assert loaded.problems == [f"settings.json was not used (it cannot be read: it is a link to {synced / 'gone.json'}"
                               ", which does not exist); the default settings apply, and hamcoach will not write "
                               "over it."]
    with pytest.raises(Exception, match="was not overwritten"):
        save_settings(link, Settings())
    assert link.is_symlink() and not (synced / "gone.json").exists()


# --- finding 5: only regular files are read ---------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_special_history_file_is_one_line_and_never_hangs(home, kind):
    path = home / "history.json"
    if kind == "fifo":
        os.mkfifo(path)
        what = "a FIFO (named pipe)"
    else:
        path.symlink_to("/dev/zero")
        what = "a character device"
    for argv in (("history",), ("streak",)):
        result = run_process(*argv, timeout=30)
        assert result.returncode == 1 and result.stdout == b""
        assert result.stderr.decode() == (f"hamcoach: Cannot read the history {path}: it is {what}, not a regular "
                                          "file; it is left as it is (`hamcoach doctor` says more)\n")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "settings-fifo"])
def test_special_routine_and_settings_files_never_hang_routines_list(home, kind):
    if kind == "fifo":
        os.mkfifo(home / "routines" / "piped.toml")
    elif kind == "dev-zero":
        (home / "routines" / "zero.toml").symlink_to("/dev/zero")
    else:
        os.mkfifo(home / "settings.json")
    result = run_process("routines", "list", timeout=30)
    if kind == "settings-fifo":
        result = run_process("streak", timeout=30)  # streak reads the settings (week_target)
        assert result.returncode == 0 and b"FIFO" in result.stderr
        return
    assert result.returncode == 0 and b"floor-basics" in result.stdout
    err = result.stderr.decode()
    if kind == "fifo":
        assert "piped.toml: cannot read the file (it is a FIFO (named pipe), not a regular file)" in err
    elif kind == "dev-zero":
        assert "zero.toml: cannot read the file (it is a character device, not a regular file)" in err


def test_a_routine_file_that_grows_past_the_cap_while_read_is_refused(home, monkeypatch):
    from hamcoach import fileio
    from hamcoach.errors import RoutineFileError
    from hamcoach.routines.library import read_routine_file

    path = home / "routines" / "big.toml"
    path.write_text("name = 'x'\n")
    real_fstat = os.fstat

    def small(fd):  # st_size says 0 (as /proc and devices do); the read must still stop at the cap
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0,
                               st.st_atime, st.st_mtime, st.st_ctime))

    real_stat = os.stat

    def small_stat(name, *args, **kwargs):
        st = real_stat(name, *args, **kwargs)
        return small_fstat_result(st) if os.fspath(name) == os.fspath(path) else st

    def small_fstat_result(st):
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 0,
                               st.st_atime, st.st_mtime, st.st_ctime))

    path.write_bytes(b"#" * 1_500_000)
    monkeypatch.setattr(fileio.os, "fstat", small)
    monkeypatch.setattr(os, "stat", small_stat)
    with pytest.raises(RoutineFileError, match="too large"):
        read_routine_file(path)


# --- finding 6: errors name the right thing -------------------------------------------------------


@pytest.mark.parametrize("kind, why", [
    ("file", "it is a file, not a folder"),
    ("dangling", "it is a link to {tmp}/nowhere, which does not exist"),
    ("loop", "it is a link to {home}/routines, which loops back on itself"),
])
def test_a_routines_path_that_is_not_a_folder_is_named(isolated_home, tmp_path, capsys, kind, why):
    isolated_home.mkdir(parents=True)
    routines = isolated_home / "routines"
    if kind == "file":
        routines.write_text("x")
    elif kind == "dangling":
        routines.symlink_to(tmp_path / "nowhere")
    else:
        routines.symlink_to(routines)
    why = why.format(tmp=tmp_path, home=isolated_home)
    for argv in (("history",), ("rest", "2024-05-06"), ("routines", "import", str(tmp_path / "x.toml"))):
        code, out, err = run(capsys, *argv)
        assert code == 1 and err == f"hamcoach: Cannot use the routines folder {routines}: {why}\n"
    code, out, err = run(capsys, "routines", "list")  # the built-in ones, and the folder named
    assert code == 0 and "floor-basics" in out and f"{routines}: cannot read the routines folder (" in err


def test_a_lock_file_that_is_a_folder_is_named(home, capsys):
    (home / "history.json.lock").mkdir()
    code, out, err = run(capsys, "rest", "2024-05-06")
    assert code == 1 and err == (f"hamcoach: Cannot use the lock file {home}/history.json.lock: it is a folder, "
                                 "not a file; `hamcoach doctor` says more.\n")


def test_a_dangling_lock_link_creates_nothing_outside_the_home(home, tmp_path, capsys):
    outside = tmp_path / "outside" / "lock"
    outside.parent.mkdir()
    (home / "history.json.lock").symlink_to(outside)
    code, out, err = run(capsys, "rest", "2024-05-06")
    assert code == 1 and err == (f"hamcoach: Cannot use the lock file {home}/history.json.lock: it is a link to "
                                 f"{outside} (hamcoach never follows a link for its lock); `hamcoach doctor` says "
                                 "more.\n")
    assert not outside.exists()


# --- finding 7: export -o ------------------------------------------------------------------------


def test_export_refuses_a_fifo_and_a_device(home, tmp_path, capsys):
    HistoryStore(home / "history.json").add_many([DOC])
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "export", "-o", str(fifo))
    assert code == 1 and err == (f"hamcoach: Cannot write {fifo}: it is a FIFO (named pipe), not a regular file; "
                                 "use -o - to write to the screen or a pipe\n")
    assert Path(fifo).is_fifo()
    device = tmp_path / "null"
    device.symlink_to("/dev/null")  # as root, replacing it would replace the system's /dev/null
    code, out, err = run(capsys, "export", "-o", str(device))
    assert code == 1 and "it is a character device, not a regular file" in err
    assert Path("/dev/null").is_char_device()


def test_export_never_writes_over_the_live_history(home, capsys, monkeypatch):
    path = home / "history.json"
    HistoryStore(path).add_many([DOC])
    before = path.read_bytes()
    monkeypatch.chdir(home)
    for target in ("history.json", str(path), "./routines/../history.json"):
        code, out, err = run(capsys, "export", "-o", target)
        assert code == 1 and err == (f"hamcoach: Will not write the export over the live history file {path}; "
                                     "choose another file\n")
    assert path.read_bytes() == before


def test_export_dash_is_stdout_and_dev_stdout_says_so(home, tmp_path):
    HistoryStore(home / "history.json").add_many([DOC])
    result = run_process("export", "-o", "-")
    assert result.returncode == 0 and json.loads(result.stdout)["sessions"][0]["id"] == "a"
    # What /dev/stdout is (a link to /proc/self/fd/1, a pipe here): refused, with the way to do it.
    # A link of our own, so that a regression (as root) replaces it and not the system's /dev/stdout.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    result = run_process("export", "-o", str(stdout))
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().endswith("not a regular file; use -o - to write to the screen or a pipe\n")


def test_a_linked_routine_file_stays_a_link_when_the_editor_saves_it(home, synced):
    from hamcoach.routines.files import save_routine
    from hamcoach.routines.library import read_routine_file

    target = synced / "mine.toml"
    target.write_text('name = "Mine"\n[[exercises]]\nname = "Curl"\nreps = 5\n')
    target.chmod(0o644)
    link = home / "routines" / "mine.toml"
    link.symlink_to(target)
    routine = read_routine_file(link).model_copy(update={"name": "Mine, renamed"})
    save_routine(routine, home / "routines", "mine")
    assert link.is_symlink() and read_routine_file(target).name == "Mine, renamed"
    assert target.stat().st_mode & 0o777 == 0o644
