"""The commands with hostile input: text, files, and every way a command can fail.

- Hostile text (markup, escape sequences, control characters, a bidi override) from
  routine files and imported history never reaches the terminal raw.
- Hostile files: paths and names cannot put a routine outside the data home; files
  too large or nested too deeply are refused with one clear line; a file is only
  ever read as TOML or JSON.
- Every failure is one line on stderr starting with ``hamcoach:``, a non-zero exit
  code and no traceback; ``--debug`` shows the traceback.
- A damaged history file is moved aside and said so in one line; one from a newer
  hamcoach is never written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.hostile import (
    EXERCISE_1,
    EXERCISE_2,
    HOSTILE_TOML,
    NAME,
    RAW,
    ROUTINE_ID,
    one_line,
)

from hamcoach.cli.main import main
from hamcoach.history import transfer
from hamcoach.history.store import HistoryStore
from hamcoach.routines import files as routine_files
from hamcoach.routines.library import RoutineLibrary, safe_id
from hamcoach.routines.models import Exercise, Routine
from hamcoach.wording import sentence

fcntl = pytest.importorskip("fcntl") if os.name == "posix" else None




def run_process(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """``python -m hamcoach ...`` as a user runs it (the data home comes from the environment)."""
    return subprocess.run([sys.executable, "-m", "hamcoach", *argv], input=stdin, capture_output=True,
                          timeout=60)


def terminal_safe(text: str) -> bool:
    """No control character but line breaks (a CSV's are \\r\\n) and tabs."""
    return not RAW.search(text.replace("\r\n", "").replace("\n", "").replace("\t", ""))


def one_error_line(err: str) -> str:
    """The single line on stderr, checked to be the only one and to name hamcoach."""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert lines[0].startswith("hamcoach: ") and "Traceback" not in err
    assert terminal_safe(err)
    return lines[0]


def session_doc(sid: str, day: str = "2024-05-05", name: str = NAME, exercises=(EXERCISE_1, EXERCISE_2),
                **extra) -> dict:
    started = f"{day}T07:30:00+02:00"
    sets = [{"exercise_index": i, "exercise": exercise, "set": 1, "sets": 1, "kind": "reps", "target": 2,
             "achieved": 2} for i, exercise in enumerate(exercises)]
    return {"id": sid, "routine_id": ROUTINE_ID, "routine_name": name, "started_at": started,
            "ended_at": started, "status": "completed", "duration_seconds": 60, "sets": sets, **extra}


@pytest.fixture
def hostile_routine(isolated_home) -> Path:
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    path = folder / f"{ROUTINE_ID}.toml"
    path.write_text(HOSTILE_TOML, encoding="utf-8")
    return path


@pytest.fixture
def hostile_history(isolated_home) -> HistoryStore:
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([session_doc("\x1b[31m[bold]s1"), session_doc("s2", "2024-05-06")])
    return store


# --- hostile text ---------------------------------------------------------------------------------


def test_routines_list_and_check_print_hostile_names_as_one_safe_line(capsys, hostile_routine):
    code, out, err = run(capsys, "routines", "list")
    assert code == 0 and err == "" and terminal_safe(out)
    line = next(line for line in out.splitlines() if line.startswith(ROUTINE_ID))
    assert line.endswith(one_line(NAME))
    assert "[bold]x[/bold] [/bold] [@click=app.quit]quit[/] ?[31mred?[0m ?RTL" in line

    code, out, _ = run(capsys, "routines", "list", "--json")
    assert code == 0 and out.isascii() and terminal_safe(out)
    assert next(r for r in json.loads(out) if r["id"] == ROUTINE_ID)["name"] == NAME

    code, out, _ = run(capsys, "routines", "check", str(hostile_routine))
    assert code == 0 and terminal_safe(out)
    assert out == f"{hostile_routine}: ok ({one_line(NAME)}, 2 exercises, 0:21)\n"


def test_routines_export_escapes_every_control_character(capsys, hostile_routine, tmp_path):
    code, out, _ = run(capsys, "routines", "export", ROUTINE_ID)
    assert code == 0 and terminal_safe(out)
    assert "\\u001B[31mred" in out and "\\u202E" in out and "[@click=app.quit]quit[/]" in out
    # and it reads back as the same routine
    copy = tmp_path / "copy.toml"
    copy.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "routines", "import", str(copy))
    assert code == 0
    library = RoutineLibrary.load(custom_dir=hostile_routine.parent)
    assert library.get("copy").routine == library.get(ROUTINE_ID).routine


def test_skipped_files_with_hostile_names_and_keys_are_one_safe_line_each(capsys, isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "[@click=app.quit]\x1b[31m\nx.toml").write_text(HOSTILE_TOML, encoding="utf-8")
    (folder / "bad.toml").write_text(HOSTILE_TOML + '"\\u001b[2J\\u202e" = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "routines", "list")
    assert code == 0 and terminal_safe(err)
    assert err.splitlines() == [
        f"Skipped {folder}/[@click=app.quit]?[31m?x.toml: the file name is not a routine id (lowercase "
        "letters, digits, - and _); rename it to click-app-quit-31m-x.toml",
        f"Skipped {folder}/bad.toml: exercises[1].?[2J?: unknown key (check the spelling)",
    ]
    code, out, err = run(capsys, "routines", "check", str(folder / "bad.toml"))
    assert code == 1 and out == ""
    assert err == f"{folder}/bad.toml: exercises[1].?[2J?: unknown key (check the spelling)\n"


def test_history_and_streak_print_hostile_history_safely(capsys, hostile_history):
    code, out, err = run(capsys, "history")
    assert code == 0 and err == "" and terminal_safe(out)
    lines = out.splitlines()
    assert len(lines) == 2 and all(f"completed    {one_line(NAME)}  " in line for line in lines)

    code, out, err = run(capsys, "history", "--json")
    assert code == 0 and out.isascii() and terminal_safe(out)
    assert {d["routine_name"] for d in json.loads(out)} == {NAME}

    code, out, err = run(capsys, "streak", "--as-of", "2024-05-06")
    assert code == 0 and err == "" and terminal_safe(out) and "current      2 training days" in out


def test_a_store_warning_quoting_hostile_values_is_one_safe_line(capsys, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([session_doc("a")])
    data = (isolated_home / "history.json").read_bytes().replace(b'"status":"completed"',
                                                                 b'"status":"\\u001b[2J\\n\\u202e"')
    (isolated_home / "history.json").write_bytes(data)
    for argv in (("history",), ("streak",)):
        code, _, err = run(capsys, *argv)
        assert code == 0 and terminal_safe(err) and err.count("\n") == 1, argv
        assert err.startswith("Skipped session #1 in history.json: status: "), argv
    for argv in (("history", "--json"), ("export",), ("export", "--format", "csv")):  # the documents as stored
        code, out, err = run(capsys, *argv)
        assert code == 0 and terminal_safe(out) and err == "", argv


def test_json_export_escapes_c1_and_bidi_and_round_trips(capsys, isolated_home, tmp_path, monkeypatch):
    name = "\x9b31m\u202e\x7f" + NAME[:20]
    HistoryStore(isolated_home / "history.json").add_many([session_doc("a", name=name)])
    code, out, _ = run(capsys, "export")
    assert code == 0 and terminal_safe(out)
    assert "\\u009b31m\\u202e\\u007f[bold]x[/bold]" in out
    exported = tmp_path / "export.json"
    exported.write_text(out, encoding="utf-8")
    other = tmp_path / "other-home"
    monkeypatch.setenv("HAMCOACH_HOME", str(other))
    code, out, _ = run(capsys, "import", str(exported))
    assert code == 0 and out == "1 session added, 0 already present, 0 invalid.\n"
    assert HistoryStore(other / "history.json").sessions()[0].routine_name == name


def test_csv_export_is_terminal_safe_and_never_a_formula(capsys, isolated_home):
    formulas = ["=HYPERLINK(\"http://x\")", "+1+2", "-3", "@SUM(A1)", "\tTab"]
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([session_doc("a", name=NAME), session_doc("=b", "2024-05-06", name=formulas[0],
                                                               exercises=formulas[1:])])
    code, out, _ = run(capsys, "export", "--format", "csv")
    assert code == 0 and terminal_safe(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["routine_name"] for row in rows] == [one_line(NAME)] * 2 + ["'" + formulas[0]] * 4
    assert [row["exercise"] for row in rows] == [EXERCISE_1.replace("\x1b", "?").replace("\x07", "?"),
                                                 EXERCISE_2.replace("\r", "?")] + ["'" + f for f in formulas[1:]]
    assert rows[2]["session_id"] == "'=b"
    assert all(row["started_at"][0].isdigit() for row in rows)  # numbers and dates are left as they are


def test_import_messages_quote_hostile_names_and_ids_safely(capsys, tmp_path):
    missing = tmp_path / "\x1b]0;pwned\x07\nfile.json"
    code, _, err = run(capsys, "import", str(missing))
    assert code == 1
    assert one_error_line(err) == f"hamcoach: Cannot read {tmp_path}/?]0;pwned??file.json: No such file or directory"

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "hamcoach-history", "version": 1,
                               "sessions": [session_doc("ok"), {"id": "\x1b[31m\u202e", "status": "[bold]"}]}))
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1 and terminal_safe(out + err)
    assert err.splitlines()[0] == ("sessions[1] (id '\\x1b[31m\\u202e'): routine_id, routine_name, started_at, "
                                   "ended_at are required")


def test_usage_mistakes_are_one_safe_line(capsys):
    for argv in (["\x1b[31mbogus"], ["export", "--format", "\x1b[2J"], ["routines"], ["streak", "--nope"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        line = one_error_line(capsys.readouterr().err)
        assert "--help`)" in line


# --- hostile files ---------------------------------------------------------------------------------


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name, expected_id", [
    ("../outside.toml", "outside"),          # a relative path out of the current folder
    ("ABSOLUTE", "absolute"),                # an absolute path
    (".hidden.toml", "hidden"),              # a hidden file
    ("...toml", "routine"),                  # a stem of ".."
    ("..\\..\\win.toml", "win"),             # backslashes are no separators here, but never in an id
    ("[@click=app.quit]\x1b[31m.toml", "click-app-quit-31m"),
])
def test_routines_import_never_writes_outside_the_routines_folder(capsys, tmp_path, isolated_home, monkeypatch,
                                                                  name, expected_id):
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    source = (work / name).resolve() if name != "ABSOLUTE" else tmp_path / "Absolute.toml"
    source.write_text(HOSTILE_TOML, encoding="utf-8")
    argument = str(source) if name == "ABSOLUTE" else name
    before = _files(tmp_path)
    code, out, err = run(capsys, "routines", "import", argument)
    assert code == 0, err
    added = _files(tmp_path) - before
    assert added == {isolated_home / "routines" / f"{expected_id}.toml"}
    assert terminal_safe(out) and f" as {expected_id} (" in out


def test_the_save_layer_refuses_every_unsafe_id(tmp_path):
    routine = Routine(name="x", exercises=[Exercise(name="y", hold=3)])
    folder = tmp_path / "home" / "routines"
    for bad in ("../x", "/tmp/x", str(tmp_path / "abs"), ".hidden", "..", ".", "a/b", "a\\b", "x\x00", "X",
                "\x1b[31m", ""):
        with pytest.raises(ValueError):
            routine_files.save_routine(routine, folder, bad)
    assert not any(tmp_path.rglob("*.toml"))
    # what the editor saves to: the id made from any name stays in the folder
    for name in (NAME, "../../etc/passwd", ".bashrc", "..", "/etc/cron.d/x", EXERCISE_2):
        path = routine_files.save_routine(routine, folder, safe_id(name))
        assert path.parent == folder and not path.name.startswith(".")


def test_a_routine_file_over_1_mb_is_refused_in_one_line(capsys, tmp_path, isolated_home):
    big = tmp_path / "big.toml"
    big.write_text(HOSTILE_TOML + "#" * 1_000_001, encoding="utf-8")
    size = big.stat().st_size
    code, _, err = run(capsys, "routines", "import", str(big))
    assert code == 1
    assert one_error_line(err) == f"hamcoach: Cannot import {big}: file is too large ({size} bytes; the limit is 1 MB)"
    code, out, err = run(capsys, "routines", "check", str(big))
    assert code == 1 and out == "" and err == f"{big}: file is too large ({size} bytes; the limit is 1 MB)\n"
    (isolated_home / "routines").mkdir(parents=True, exist_ok=True)
    (isolated_home / "routines" / "big.toml").write_bytes(big.read_bytes())
    code, _, err = run(capsys, "routines", "list")
    assert code == 0 and f"big.toml: file is too large ({size} bytes; the limit is 1 MB)" in err


def test_toml_nested_10000_deep_is_one_clear_line_through_a_real_process(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    deep_tables = tmp_path / "tables.toml"
    deep_tables.write_text("a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n", encoding="utf-8")
    for path in (deep, deep_tables):
        result = run_process("routines", "import", str(path))
        assert result.returncode == 1 and result.stdout == b""
        assert one_error_line(result.stderr.decode()) == f"hamcoach: Cannot import {path}: TOML is nested too deeply"
        result = run_process("routines", "check", str(path))
        assert result.returncode == 1 and b"Traceback" not in result.stderr
        assert result.stderr.decode() == f"{path}: TOML is nested too deeply\n"


def test_a_deeply_nested_json_export_is_one_clear_line(capsys, tmp_path, isolated_home):
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "hamcoach-history", "version": 1, "sessions": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    code, out, err = run(capsys, "import", str(deep))
    assert code == 1 and out == ""
    assert one_error_line(err) == f"hamcoach: {deep} cannot be imported: it is nested too deeply to be an export"
    # a deep value inside a session is an invalid session, not a crash
    inner = tmp_path / "inner.json"
    inner.write_text(json.dumps({"format": "hamcoach-history", "version": 1,
                                 "sessions": [session_doc("a", sets="SETS")]}).replace(
        '"SETS"', "[" * 500 + "]" * 500), encoding="utf-8")
    code, out, err = run(capsys, "import", str(inner))
    assert code == 1 and "Traceback" not in err and terminal_safe(err)
    assert err.splitlines()[0].startswith("sessions[0] (id 'a'): sets")
    result = run_process("import", str(deep))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    history = isolated_home / "history.json"
    assert not history.exists() or HistoryStore(history).session_ids() == set()


def test_history_imports_have_a_generous_size_cap(capsys, tmp_path, monkeypatch, isolated_home):
    assert transfer.MAX_IMPORT_BYTES == 256 * 1024 * 1024  # ten years of history is about 8 MB
    data = json.dumps({"format": "hamcoach-history", "version": 1, "sessions": [session_doc("a")]})
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", len(data))
    exact = tmp_path / "exact.json"
    exact.write_text(data, encoding="utf-8")
    assert run(capsys, "import", str(exact))[0] == 0
    over = tmp_path / "over.json"
    over.write_text(data + " ", encoding="utf-8")
    code, _, err = run(capsys, "import", str(over))
    assert code == 1
    assert one_error_line(err) == f"hamcoach: {over} cannot be imported: it is larger than 0 MB"
    with pytest.raises(transfer.TransferError, match="larger than"):
        transfer.parse_export(data + " ")


def test_files_are_only_read_as_toml_or_json_never_run(capsys, tmp_path, isolated_home):
    marker = tmp_path / "ran"
    code_file = tmp_path / "evil.py"
    code_file.write_text(f"import pathlib; pathlib.Path({str(marker)!r}).write_text('x')\n")
    code, _, err = run(capsys, "routines", "import", str(code_file))
    assert code == 1 and one_error_line(err).startswith(f"hamcoach: Cannot import {code_file}: not valid TOML")
    code, _, err = run(capsys, "import", str(code_file))
    assert code == 1 and one_error_line(err) == (f"hamcoach: {code_file} cannot be imported: it is not valid JSON "
                                                 "(line 1, column 1: Expecting value)")
    yaml = tmp_path / "evil.toml"
    yaml.write_text('name = "!!python/object/apply:os.system [\'touch x\']"\n[[exercises]]\nname = "{{ 7*7 }}"\n'
                    "hold = 3\n", encoding="utf-8")
    code, out, _ = run(capsys, "routines", "import", str(yaml))
    assert code == 0
    routine = RoutineLibrary.load(custom_dir=isolated_home / "routines").get("evil").routine
    assert routine.name == "!!python/object/apply:os.system ['touch x']" and routine.exercises[0].name == "{{ 7*7 }}"
    assert not marker.exists()


# --- errors for people -----------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path, isolated_home):
    """A few files for the failure table."""
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("name = [", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{nope", encoding="utf-8")
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "hamcoach-history", "version": 2, "sessions": []}', encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "Mine"\n[[exercises]]\nname = "x"\nhold = 3\n', encoding="utf-8")
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "mine.toml").write_bytes(mine.read_bytes())
    return tmp_path


FAILURES = [
    # (argv with {tmp} for the test's folder, the start of the one line after "hamcoach: ",
    # where its first word takes a capital)
    (["run", "no-such-id"], "no routine with id 'no-such-id'; known ids: "),
    (["routines", "export", "no-such-id"], "no routine with id 'no-such-id'; known ids: "),
    (["routines", "export", "floor-basics", "-o", "{tmp}/missing/dir/x.toml"],
     "cannot write {tmp}/missing/dir/x.toml: No such file or directory"),
    (["routines", "import", "{tmp}/missing.toml"],
     "cannot import {tmp}/missing.toml: cannot read the file (No such file or directory)"),
    (["routines", "import", "{tmp}/bad.toml"], "cannot import {tmp}/bad.toml: not valid TOML ("),
    (["routines", "import", "{tmp}/mine.toml"], "not imported: a routine of yours already has the id 'mine'"),
    (["streak", "--as-of", "2024-02-30"], "--as-of must be a date like 2024-05-06 (got '2024-02-30')"),
    (["streak", "--week-target", "8"], "--week-target must be a whole number from 1 to 7 (got '8')"),
    (["rest", "yesterday"], "The day must be a date like 2024-05-06 (got 'yesterday')"),
    (["rest", "--list", "--undo"], "--list takes no date and no --undo"),
    (["export", "-o", "{tmp}/missing/dir/x.json"], "cannot write {tmp}/missing/dir/x.json: No such file or directory"),
    (["import", "{tmp}/missing.json"], "cannot read {tmp}/missing.json: No such file or directory"),
    (["import", "{tmp}/bad.json"], "{tmp}/bad.json cannot be imported: it is not valid JSON"),
    (["import", "{tmp}/newer.json"], "{tmp}/newer.json cannot be imported: it was written by a newer hamcoach"),
    (["import", "{tmp}"], "cannot read {tmp}: it is a folder, not a regular file"),
]


@pytest.mark.parametrize("argv, message", FAILURES, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_every_failure_is_one_line_and_debug_shows_the_traceback(capsys, files, argv, message):
    argv = [a.replace("{tmp}", str(files)) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code != 0 and out == ""
    assert one_error_line(err).startswith("hamcoach: " + sentence(message.replace("{tmp}", str(files))))
    with pytest.raises(Exception):  # --debug: the exception, for its traceback
        main([*argv, "--debug"])


def test_failures_through_a_real_process(files, isolated_home):
    for argv in (["rest", "2024-13-01"], ["import", str(files / "bad.json")], ["run", "nope"],
                 ["routines", "import", str(files / "bad.toml")]):
        result = run_process(*argv)
        assert result.returncode == 1 and result.stdout == b""
        one_error_line(result.stderr.decode())
        debug = run_process(*argv, "--debug")
        assert debug.returncode == 1 and b"Traceback (most recent call last)" in debug.stderr
        assert b"CommandError" in debug.stderr
    usage = run_process("export", "--format", "xml")
    assert usage.returncode == 2 and one_error_line(usage.stderr.decode()).startswith(
        "hamcoach: Argument --format: invalid choice: 'xml'")


def test_a_home_that_cannot_be_created_is_one_line(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("HAMCOACH_HOME", str(blocker / "home"))
    for argv in ((), ("--mute",), ("run", "floor-basics"), ("history",), ("streak",), ("rest",), ("export",),
                 ("import", str(blocker)), ("routines", "import", str(blocker))):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == "", argv
        assert one_error_line(err) == f"hamcoach: Cannot use the data folder {blocker}/home: Not a directory", argv


@pytest.mark.skipif(fcntl is None, reason="no flock on this platform")
def test_a_locked_history_is_one_line(capsys, files, isolated_home, monkeypatch):
    monkeypatch.setattr(HistoryStore.__init__, "__defaults__", (0.05,))  # wait 50 ms for the lock, not 5 s
    HistoryStore(isolated_home / "history.json").add_many([session_doc("a")])
    export = files / "export.json"
    export.write_text(json.dumps({"format": "hamcoach-history", "version": 1, "sessions": [session_doc("b")]}))
    with open(isolated_home / "history.json.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        for argv in (("rest", "2024-05-06"), ("import", str(export))):
            code, out, err = run(capsys, *argv)
            assert code == 1 and out == ""
            assert one_error_line(err) == (f"hamcoach: History is locked by another hamcoach "
                                           f"({isolated_home}/history.json.lock); try again.")
        code, out, err = run(capsys, "history")  # reading needs no lock
        assert code == 0 and err == "" and len(out.splitlines()) == 1


# --- a damaged history ------------------------------------------------------------------------------


def _truncated(home: Path) -> bytes:
    HistoryStore(home / "history.json").add_many([session_doc("a")])
    data = (home / "history.json").read_bytes()
    return data[: len(data) // 2]


DAMAGED = {
    "truncated": _truncated,
    "not JSON": lambda home: b"\x00\x01garbage\n",
    "the wrong shape": lambda home: b'{"sessions": [1, 2, 3]}',
    "nested too deeply": lambda home: b'{"sessions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_history_is_left_as_it_is_by_reading_commands_and_set_aside_by_a_write(capsys, isolated_home, case):
    isolated_home.mkdir(parents=True, exist_ok=True)
    damaged = DAMAGED[case](isolated_home)
    path = isolated_home / "history.json"
    path.write_bytes(damaged)

    def aside():
        return [p for p in isolated_home.iterdir() if p.name.startswith("history.json.corrupt-")]

    for argv in (("history",), ("history", "--json"), ("streak",), ("export",), ("rest", "--list")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == "", argv  # never "No sessions yet"
        assert one_error_line(err).startswith(f"hamcoach: The history {path} cannot be read as a history: ")
        assert err.endswith("; it is left as it is (`hamcoach doctor` says more)\n") and terminal_safe(err)
        assert aside() == [] and path.read_bytes() == damaged
    code, out, err = run(capsys, "rest", "2024-05-06")  # a write: the file is set aside first, and said
    (kept,) = aside()
    assert code == 0 and kept.read_bytes() == damaged
    assert err.startswith("history.json could not be used (") and terminal_safe(err)
    assert f"); it was set aside as {kept} and a new history was started.\n" in err
    code, out, err = run(capsys, "rest", "--list")  # and said again until it is dealt with
    assert code == 0 and out.startswith("2024-05-06")
    assert err == (f"{kept} holds a history that was set aside because it could not be read; "
                   "`hamcoach doctor --fix` merges what can be read back in.\n")


def test_an_unreadable_history_is_one_line_and_left_where_it_is(capsys, isolated_home, monkeypatch):
    path = isolated_home / "history.json"
    HistoryStore(path).add_many([session_doc("a")])
    before = path.read_bytes()
    import hamcoach.fileio as fileio

    real_open = os.open

    def unreadable(name, flags, *args):  # root reads any file: refuse it here instead
        if os.fspath(name) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(fileio.os, "open", unreadable)
    for argv in (("history",), ("streak",), ("export",), ("rest", "2024-05-06")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert one_error_line(err) == (f"hamcoach: Cannot read the history {path}: Permission denied; it is left as "
                                       "it is (`hamcoach doctor` says more)")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in isolated_home.iterdir()) == ["history.json", "history.json.lock",
                                                               "history.summary.json", "routines"]


def test_a_newer_history_is_read_but_never_written(capsys, isolated_home, files):
    path = isolated_home / "history.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 2}}, "sessions": {"1": session_doc("a")},
                                "future": {"1": {"x": 1}}}))
    before = path.read_bytes()
    code, out, err = run(capsys, "history")
    assert code == 0 and len(out.splitlines()) == 1
    assert err == "history.json was written by a newer hamcoach (schema 2); it is open read-only.\n"
    export = files / "export.json"
    export.write_text(json.dumps({"format": "hamcoach-history", "version": 1, "sessions": [session_doc("b")]}))
    for argv in (("rest", "2024-05-06"), ("rest", "2024-05-06", "--undo"), ("import", str(export))):
        code, out, err = run(capsys, *argv)
        assert code == 1
        assert err.splitlines()[-1] == ("hamcoach: history.json was written by a newer hamcoach (schema 2); "
                                        "upgrade hamcoach to change it.")
    assert path.read_bytes() == before
    assert sorted(p.name for p in isolated_home.iterdir()) == ["history.json", "routines"]


def test_a_deeply_nested_settings_file_gives_the_defaults(capsys, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "settings.json").write_text('{"week_target": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, out, err = run(capsys, "streak", "--json")
    assert code == 0 and json.loads(out)["week_target"] == 3
    assert err == ("settings.json was not used (it is nested too deeply); the default settings apply, and hamcoach "
                   "will not write over it.\n")
