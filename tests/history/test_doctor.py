"""``hamcoach doctor [--fix]`` (issue 13: finding 9 and "what to build").

It says what it finds in plain lines, and with --fix removes what an interrupted save
left behind (a temp file as large as the history), a lock that is a link or a special
file, and merges set-aside histories and conflict copies back in; nothing the user
made is deleted, and a temp file is never removed while another hamcoach holds the lock.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap

import pytest

from hamcoach.cli.main import main
from hamcoach.history.store import HistoryStore


def doc(sid: str, day: int = 1, **extra) -> dict:
    started = f"2024-05-{day:02d}T07:00:00+02:00"
    return {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": started, "ended_at": started,
            "status": "completed", "duration_seconds": 60, "sets": [], **extra}


def doctor(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["doctor", *args])
    out = capsys.readouterr().out
    return code, out.splitlines()


@pytest.fixture
def home(isolated_home):
    HistoryStore(isolated_home / "history.json").add_many([doc("a"), doc("b", 2)])
    (isolated_home / "routines").mkdir(exist_ok=True, mode=0o700)
    return isolated_home


def test_a_healthy_home(home, capsys):
    code, lines = doctor(capsys)
    assert code == 0
    assert lines == [f"Data folder: {home}", "history.json: 2 sessions, 0 rest days.", "routines: 0 of your own.",
                     "No problems found."]


def test_a_kill_during_a_save_leaves_a_temp_file_that_doctor_fix_removes(home, capsys):
    # A real save in a real process, killed (SIGKILL) just before its rename.
    child = textwrap.dedent(f"""
        import os, signal
        import hamcoach.atomic as atomic
        from hamcoach.history.store import HistoryStore
        atomic.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        HistoryStore({str(home / "history.json")!r}).add_many([{doc("c", 3)!r}])
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, timeout=60)
    assert result.returncode == -9
    (temp,) = [p for p in home.iterdir() if p.name.endswith(".tmp")]
    assert temp.name.startswith(".history.json.") and temp.stat().st_size > 0
    code, lines = doctor(capsys)
    assert code == 1 and (f"problem: {temp.name} is left over from a save that was interrupted "
                          f"({temp.stat().st_size:,} bytes); `hamcoach doctor --fix` removes it.") in lines
    assert temp.exists()  # without --fix nothing changes
    code, lines = doctor(capsys, "--fix")
    assert code == 0
    assert any(line.startswith(f"fixed: Removed {temp.name} (") for line in lines)
    assert not temp.exists() and HistoryStore(home / "history.json").session_ids() == {"a", "b"}


def test_a_temp_file_is_left_while_another_hamcoach_holds_the_lock(home, capsys):
    temp = home / ".history.json.abcd1234.tmp"
    temp.write_bytes(b"x" * 10)
    fd = os.open(home / "history.json.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a save in progress, as another process would hold it
    try:
        code, lines = doctor(capsys, "--fix")
    finally:
        os.close(fd)
    assert code == 1 and temp.exists()
    assert "note: Another hamcoach is saving or running (it holds the history lock); temp files are left alone " \
           "while it does." in lines


def test_fix_merges_a_set_aside_history_back_without_overwriting(home, capsys):
    path = home / "history.json"
    HistoryStore(home.parent / "old" / "history.json").add_many([doc("a", pain=9), doc("old-1", 3),
                                                                  doc("old-2", 4)])
    old = (home.parent / "old" / "history.json").read_bytes().split(b"\n")
    n = next(i for i, line in enumerate(old) if b'"old-2"' in line)
    old[n] = old[n][:30]  # one damaged line: that session cannot be read
    aside = home / "history.json.corrupt-20240101-000000"
    aside.write_bytes(b"\n".join(old))
    code, out = doctor(capsys)
    assert code == 1 and (f"problem: {aside.name} holds a history set aside because it could not be read; "
                          "`hamcoach doctor --fix` merges what can be read back in.") in out
    code, out = doctor(capsys, "--fix")
    assert code == 0
    assert (f"fixed: Merged {aside.name} back in: 1 session added, 0 rest days (1 damaged part could not be read); "
            f"the file is kept in merged/{aside.name}.") in out
    store = HistoryStore(path)
    assert store.session_ids() == {"a", "b", "old-1"} and store.get("a").pain is None  # never overwritten
    assert (home / "merged" / aside.name).exists() and not aside.exists()


def test_fix_merges_conflict_copies(home, capsys):
    other = HistoryStore(home.parent / "b" / "history.json")
    other.add_many([doc("b", 2, status="partial"), doc("z", 5)])
    copy = home / "history.sync-conflict-20240506-101010-ABCDEF7.json"
    copy.write_bytes(other.path.read_bytes())
    code, out = doctor(capsys)
    assert code == 1 and f"problem: {copy.name} is a conflict copy from a synced folder; starting hamcoach or " \
                         "`hamcoach doctor --fix` merges it in." in out
    code, out = doctor(capsys, "--fix")
    assert code == 0 and (f"fixed: Merged {copy.name} from another machine: 1 new session; the copy is kept in "
                          f"merged/{copy.name}.") in out
    assert HistoryStore(home / "history.json").get("b").status == "completed"  # ours was further along


@pytest.mark.parametrize("kind", ["link", "fifo", "empty folder"])
def test_fix_removes_a_broken_lock(home, tmp_path, capsys, kind):
    lock = home / "history.json.lock"
    lock.unlink()  # the plain lock file every save leaves
    if kind == "link":
        lock.symlink_to(tmp_path / "elsewhere")
    elif kind == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    code, out = doctor(capsys)
    assert code == 1 and any(line.startswith("problem: history.json.lock is ") for line in out)
    code, out = doctor(capsys, "--fix")
    assert code == 0 and any(line.startswith("fixed: Removed history.json.lock") for line in out)
    assert main(["rest", "2024-05-06"]) == 0 and not (tmp_path / "elsewhere").exists()
    capsys.readouterr()


def test_it_names_what_it_cannot_mend(home, capsys):
    (home / "settings.json").write_text('{"week_target": true}')
    (home / "routines" / "bad.toml").write_text('name = "x"\n[[exercises]]\nname = "y"\nreps = 5\nhold = 3\n')
    path = home / "history.json"
    lines = path.read_bytes().split(b"\n")
    lines[-5] = lines[-5][:-2] + b"],"
    path.write_bytes(b"\n".join(lines))
    home.chmod(0o755)
    code, out = doctor(capsys, "--fix")
    assert code == 1
    assert f"note: The data folder {home} can be read by other users (mode 755); `chmod 700 {home}` makes it " \
           "private." in out
    assert "problem: Skipped line 6 (document #1) of history.json: it is not a complete document." in out
    assert "problem: settings.json: week_target must be a whole number from 1 to 7 (got true); using 3." in out
    assert any(line.startswith(f"problem: {home}/routines/bad.toml: ") for line in out)
    assert out[-1] == "3 problems left."


def test_a_history_that_cannot_be_read_is_said_and_left(home, capsys):
    path = home / "history.json"
    path.unlink()
    os.mkfifo(path)
    code, out = doctor(capsys, "--fix")
    assert code == 1 and ("problem: history.json cannot be read (it is a FIFO (named pipe), not a regular file); "
                          "hamcoach leaves it as it is and saves nothing until it can be read.") in out
    assert path.is_fifo()
