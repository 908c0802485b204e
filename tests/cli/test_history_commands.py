"""``hamcoach history delete / restore / edit / purge`` and the note in the outputs (issue 10)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
from support.cli import run

from hamcoach.history.store import HistoryStore

IDS = ("3f2a9c10-5b1e-4d0e-9a55-0c7e11aa0001", "8b41d2e7-0c33-4f5a-8e21-6d9f02bb0002",
       "c07e5a19-77d2-4e4b-b1c3-1f0a93cc0003")




@pytest.fixture
def store(isolated_home) -> HistoryStore:
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([{
        "id": sid, "routine_id": "floor-basics", "routine_name": "Floor basics",
        "started_at": f"2026-01-0{n + 1}T08:00:00+01:00", "ended_at": f"2026-01-0{n + 1}T08:10:00+01:00",
        "status": "completed", "duration_seconds": 600, "pain": n, "effort": 5, "sets": [],
    } for n, sid in enumerate(IDS)])
    return store


def listed(capsys, *extra: str) -> list[str]:
    code, out, _ = run(capsys, "history", *extra)
    assert code == 0
    return out.splitlines()


def test_history_lists_a_short_id_to_use(capsys, store):
    lines = listed(capsys)
    assert lines[0] == "2026-01-03 08:00  c07e5a19    10:00  completed    Floor basics  no sets recorded  pain 2"
    assert [line.split()[2] for line in lines] == ["c07e5a19", "8b41d2e7", "3f2a9c10"]


def test_delete_then_restore_with_a_short_id(capsys, store):
    code, out, err = run(capsys, "history", "delete", "8b41d2e7")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"Deleted 2026-01-02 08:00 Floor basics ({IDS[1]}).",
        f"It is kept among the deleted sessions: `hamcoach history restore {IDS[1]}` brings it back.",
    ]
    assert [line.split()[2] for line in listed(capsys)] == ["c07e5a19", "3f2a9c10"]
    deleted = listed(capsys, "--deleted")
    assert deleted[0].startswith("2026-01-02 08:00  8b41d2e7") and "(deleted " in deleted[0]
    code, out, _ = run(capsys, "streak", "--as-of", "2026-01-03", "--json")
    assert json.loads(out)["current"] == 1  # 1 and 3 January: no run across the deleted day
    code, out, _ = run(capsys, "history", "--json")
    assert [d["id"] for d in json.loads(out)] == [IDS[2], IDS[0]]

    code, out, _ = run(capsys, "history", "restore", "8b41")
    assert code == 0 and out == f"Restored 2026-01-02 08:00 Floor basics ({IDS[1]}).\n"
    assert len(listed(capsys)) == 3 and listed(capsys, "--deleted") == ["No deleted sessions."]


@pytest.mark.parametrize("argv", [
    ("history", "delete", "nope"), ("history", "restore", IDS[0]), ("history", "edit", "nope", "--pain", "1"),
    ("history", "delete", "3f2"),
])
def test_an_unknown_id_is_one_line_and_exit_1(capsys, store, argv):
    before = store.path.read_bytes()
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("hamcoach: There is no session with the id ")
    assert store.path.read_bytes() == before


def test_edit_changes_what_is_given_and_says_what_changed(capsys, store):
    code, out, err = run(capsys, "history", "edit", IDS[0][:6], "--pain", "5", "--status", "partial",
                         "--note", "Test run")
    assert code == 0 and err == ""
    assert out == (f"Changed 2026-01-01 08:00 Floor basics ({IDS[0]}): status completed -> partial, "
                   "pain 0 -> 5, note none -> Test run.\n")
    record = store.get(IDS[0])
    assert (record.pain, record.effort, record.status, record.note) == (5, 5, "partial", "Test run")
    run(capsys, "history", "edit", IDS[0], "--effort", "none", "--note", "")
    record = HistoryStore(store.path).get(IDS[0])
    assert (record.pain, record.effort, record.note) == (5, None, None)
    code, out, _ = run(capsys, "history", "edit", IDS[0], "--pain", "5")
    assert code == 0 and "already had those values" in out


@pytest.mark.parametrize(("args", "code", "words"), [
    ((), 2, "hamcoach: Nothing to change: give --pain, --effort, --status or --note"),
    (("--pain", "11"), 1, "hamcoach: Pain must be a whole number from 0 to 10."),
    (("--effort", "0"), 1, "hamcoach: Effort must be a whole number from 1 to 10."),
    (("--effort", "lots"), 2, "hamcoach: Argument --effort: must be a whole number or `none` (got 'lots')"),
    (("--status", "in_progress"), 2, "hamcoach: Argument --status: invalid choice: 'in_progress'"),
    (("--note", "x" * 201), 1, "hamcoach: A note is at most 200 characters (this one has 201)."),
])
def test_edit_refuses_bad_values_in_one_line(capsys, store, args, code, words):
    before = store.path.read_bytes()
    got, out, err = run_exit(capsys, "history", "edit", IDS[0], *args)
    assert (got, out) == (code, "")
    assert err.startswith(words) and len(err.splitlines()) == 1
    assert store.path.read_bytes() == before


def run_exit(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        return run(capsys, *argv)
    except SystemExit as exited:  # argparse's usage errors
        out, err = capsys.readouterr()
        return int(exited.code or 0), out, err


def test_the_note_is_in_history_json_export_and_csv_and_shown_safely(capsys, store, tmp_path, monkeypatch):
    hostile = "sore [bold]knee[/bold] \x1b[2J\nnext line"
    assert run(capsys, "history", "edit", IDS[2], "--note", hostile)[0] == 0
    code, out, _ = run(capsys, "history", "--json")
    assert json.loads(out)[0]["note"] == hostile and "\x1b" not in out
    lines = listed(capsys)
    assert lines[0].endswith("note: sore [bold]knee[/bold] ?[2J?next line") and len(lines) == 3
    code, out, _ = run(capsys, "export")
    exported = json.loads(out)["sessions"]
    assert exported[-1]["note"] == hostile and exported[0]["note"] is None
    code, out, _ = run(capsys, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[-1]["note"] == "sore [bold]knee[/bold] ?[2J\nnext line" and rows[0]["note"] == ""
    # And back: an import of the export keeps the note (into a fresh home).
    backup = tmp_path / "backup.json"
    assert run(capsys, "export", "-o", str(backup))[0] == 0
    monkeypatch.setenv("HAMCOACH_HOME", str(tmp_path / "other"))
    assert run(capsys, "import", str(backup))[0] == 0
    assert HistoryStore(tmp_path / "other" / "history.json").get(IDS[2]).note == hostile


def test_purge_asks_and_needs_yes_without_a_terminal(capsys, store, monkeypatch):
    run(capsys, "history", "delete", IDS[0])
    run(capsys, "history", "delete", IDS[1])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "history", "purge")
    assert code == 1 and err == ("hamcoach: This removes 2 deleted sessions for good; "
                                 "run again with --yes to confirm\n")
    assert len(store.deleted_sessions()) == 2

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Tty("n\n"))
    code, out, _ = run(capsys, "history", "purge")
    assert code == 0 and out.endswith("Nothing was removed.\n") and len(store.deleted_sessions()) == 2
    monkeypatch.setattr(sys, "stdin", Tty("y\n"))
    code, out, _ = run(capsys, "history", "purge")
    assert code == 0 and out.endswith("Removed 2 deleted sessions for good.\n")
    assert store.deleted_sessions() == [] and len(store.summaries()) == 1
    code, out, _ = run(capsys, "history", "purge", "--yes")
    assert (code, out) == (0, "There are no deleted sessions.\n")


def test_an_import_says_it_left_deleted_sessions_out(capsys, store, tmp_path):
    backup = tmp_path / "backup.json"
    run(capsys, "export", "-o", str(backup))
    run(capsys, "history", "delete", IDS[0])
    code, out, _ = run(capsys, "import", str(backup))
    assert code == 0
    assert out == ("0 sessions added, 2 already present, 0 invalid; 1 left out because you deleted it "
                   "(`hamcoach history --deleted` lists them).\n")


@pytest.mark.skipif(os.name != "posix", reason="sessions are marked with flock")
def test_a_session_running_elsewhere_cannot_be_deleted_or_edited(capsys, store):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys
        from pathlib import Path
        from hamcoach.history.store import HistoryStore
        print(HistoryStore(Path(sys.argv[1])).claim(sys.argv[2]), flush=True)
        sys.stdin.readline()
    """), str(store.path), IDS[0]], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        for argv in (("history", "delete", IDS[0]), ("history", "edit", IDS[0], "--pain", "9")):
            code, out, err = run(capsys, *argv)
            assert code == 1 and err == (f"hamcoach: Session {IDS[0]!r} is running in another hamcoach; "
                                         "it can be changed once it ends there.\n")
    finally:
        holder.communicate("\n", timeout=30)
    assert run(capsys, "history", "delete", IDS[0])[0] == 0  # once it has ended
