"""``hamcoach streak``, ``rest``, ``export`` and ``import`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from support.cli import run

from hamcoach.cli.main import main
from hamcoach.history.store import HistoryStore


def doc(sid: str, day: str, status: str = "completed", time: str = "07:30:00+02:00", **extra) -> dict:
    return {"id": sid, "routine_id": "floor", "routine_name": "Floor basics", "started_at": f"{day}T{time}",
            "ended_at": f"{day}T{time}", "status": status, "duration_seconds": 600,
            "sets": [{"exercise_index": 0, "exercise": "Bridge", "set": 1, "sets": 1, "kind": "reps",
                      "target": 10, "achieved": 10}], **extra}


@pytest.fixture
def store(isolated_home):
    return HistoryStore(isolated_home / "history.json")




def test_streak_json_has_exactly_the_six_keys(store, capsys):
    store.add_many([doc("a", "2024-05-04"), doc("b", "2024-05-05"), doc("c", "2024-05-06", "partial")])
    code, out, err = run(capsys, "streak", "--json", "--as-of", "2024-05-06")
    assert code == 0 and err == ""
    assert json.loads(out) == {"as_of": "2024-05-06", "current": 2, "longest": 2, "week_target": 3,
                               "week_streak": 0, "days_this_week": 0}


def test_streak_text(store, capsys):
    store.add_many([doc("a", "2024-05-06")])
    code, out, _ = run(capsys, "streak", "--as-of", "2024-05-06", "--week-target", "1")
    assert code == 0
    assert out.splitlines() == ["Streak as of 2024-05-06", "  current      1 training day",
                                "  longest      1 training day", "  this week    1 of 1 training days",
                                "  week streak  1 week on target"]


def test_week_target_comes_from_the_settings_unless_given(store, isolated_home, capsys):
    store.add_many([doc("a", "2024-05-06"), doc("b", "2024-05-07")])
    (isolated_home / "settings.json").write_text(json.dumps({"week_target": 2}))
    _, out, _ = run(capsys, "streak", "--json", "--as-of", "2024-05-07")
    assert json.loads(out)["week_target"] == 2 and json.loads(out)["week_streak"] == 1
    _, out, _ = run(capsys, "streak", "--json", "--as-of", "2024-05-07", "--week-target", "5")
    assert json.loads(out)["week_target"] == 5 and json.loads(out)["week_streak"] == 0


def test_as_of_defaults_to_the_local_date(store, capsys):
    _, out, _ = run(capsys, "streak", "--json")
    assert json.loads(out)["as_of"] in {date.today().isoformat(), (date.today() - timedelta(days=1)).isoformat(),
                                        (date.today() + timedelta(days=1)).isoformat()}


@pytest.mark.parametrize("argv, message", [
    (("streak", "--as-of", "2024-13-01"), "hamcoach: --as-of must be a date like 2024-05-06 (got '2024-13-01')\n"),
    (("streak", "--as-of", "6 May"), "hamcoach: --as-of must be a date like 2024-05-06 (got '6 May')\n"),
    (("streak", "--week-target", "0"), "hamcoach: --week-target must be a whole number from 1 to 7 (got '0')\n"),
    (("streak", "--week-target", "x"), "hamcoach: --week-target must be a whole number from 1 to 7 (got 'x')\n"),
    (("rest", "tomorrow"), "hamcoach: The day must be a date like 2024-05-06 (got 'tomorrow')\n"),
    (("rest", "--list", "2024-05-06"), "hamcoach: --list takes no date and no --undo\n"),
])
def test_bad_arguments_are_one_line_errors(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and err == message


def test_rest_marks_unmarks_and_lists(store, capsys):
    code, out, _ = run(capsys, "rest", "2024-05-06")
    assert code == 0 and out == "Marked 2024-05-06 as a rest day.\n"
    assert store.rest_days() == {date(2024, 5, 6)}
    assert run(capsys, "rest", "2024-05-06")[1] == "2024-05-06 is already a rest day.\n"
    run(capsys, "rest", "2024-05-07")
    _, out, _ = run(capsys, "rest", "2024-05-08")
    assert out.splitlines()[1].startswith("It does not count for the streak")
    _, out, _ = run(capsys, "rest", "--list")
    assert out.splitlines() == ["2024-05-06", "2024-05-07",
                                "2024-05-08  (does not count: 2 rest days in the 6 before)"]
    assert run(capsys, "rest", "--undo", "2024-05-08")[1] == "2024-05-08 is no longer a rest day.\n"
    assert run(capsys, "rest", "--undo", "2024-05-08")[1] == "2024-05-08 was not a rest day; nothing changed.\n"
    assert HistoryStore(store.path).rest_days() == {date(2024, 5, 6), date(2024, 5, 7)}


def test_rest_days_keep_the_streak_alive(store, capsys):
    store.add_many([doc("a", "2024-05-04"), doc("b", "2024-05-06")])
    assert json.loads(run(capsys, "streak", "--json", "--as-of", "2024-05-06")[1])["current"] == 1
    run(capsys, "rest", "2024-05-05")
    assert json.loads(run(capsys, "streak", "--json", "--as-of", "2024-05-06")[1])["current"] == 2


def test_rest_without_a_date_marks_today(store, capsys):
    run(capsys, "rest")
    assert store.rest_days() <= {date.today(), date.today() - timedelta(days=1), date.today() + timedelta(days=1)}
    assert len(store.rest_days()) == 1


def test_export_import_round_trip_through_files(store, isolated_home, tmp_path, capsys, monkeypatch):
    store.add_many([doc("a", "2024-05-04"), doc("b", "2024-05-05", routine_name="\x1b[31mred[/] é")])
    store.add_rest_day(date(2024, 5, 6))
    out_file = tmp_path / "export.json"
    code, out, err = run(capsys, "export", "-o", str(out_file))
    assert code == 0 and out == "" and err == f"Wrote 2 sessions to {out_file}.\n"
    assert (out_file.stat().st_mode & 0o777) == 0o600
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert [s["id"] for s in exported["sessions"]] == ["a", "b"] and exported["rest_days"] == ["2024-05-06"]

    monkeypatch.setenv("HAMCOACH_HOME", str(tmp_path / "elsewhere"))
    code, out, err = run(capsys, "import", str(out_file))
    assert code == 0 and err == ""
    assert out == "2 sessions added, 0 already present, 0 invalid; 1 rest day added.\n"
    code, out, _ = run(capsys, "import", str(out_file))
    assert code == 0 and out == "0 sessions added, 2 already present, 0 invalid.\n"
    copy = HistoryStore(tmp_path / "elsewhere" / "history.json")
    assert copy.raw_sessions() == store.raw_sessions()
    assert run(capsys, "export")[1] == out_file.read_text(encoding="utf-8")  # to stdout: the same file


def test_export_to_stdout_is_terminal_safe_json(store, capsys):
    store.add_many([doc("a", "2024-05-04", routine_name="\x1b[2Jwipe")])
    code, out, _ = run(capsys, "export")
    assert code == 0 and "\x1b" not in out and "\\u001b[2Jwipe" in out
    assert json.loads(out)["sessions"][0]["routine_name"] == "\x1b[2Jwipe"


def test_export_csv(store, tmp_path, capsys):
    store.add_many([doc("a", "2024-05-04")])
    code, out, _ = run(capsys, "export", "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("session_id,routine_id,routine_name,started_at") and len(lines) == 2
    assert lines[1].startswith("a,floor,Floor basics,2024-05-04T07:30:00+02:00")


def test_import_reports_invalid_sessions_and_writes_nothing(store, tmp_path, capsys):
    store.add_many([doc("old", "2024-05-01")])
    before = store.path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "hamcoach-history", "version": 1, "sessions": [
        doc("new", "2024-05-02"), doc("old", "2024-05-01"), {**doc("broken", "2024-05-03"), "status": "done"},
        {"id": "\x1b[31mx"},
    ]}))
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1
    assert out == "0 sessions added, 1 already present, 2 invalid.\n"
    lines = err.splitlines()
    assert lines[0] == "sessions[2] (id 'broken'): status must be one of completed, partial, in_progress (got 'done')"
    assert lines[1] == ("sessions[3] (id '\\x1b[31mx'): routine_id, routine_name, started_at, ended_at, status "
                        "are required")
    assert "\x1b" not in err
    assert "--skip-invalid" in lines[2]
    assert store.path.read_bytes() == before
    code, out, err = run(capsys, "import", "--skip-invalid", str(bad))
    assert code == 0 and out == "1 session added, 1 already present, 2 invalid.\n"
    assert HistoryStore(store.path).session_ids() == {"old", "new"}


@pytest.mark.parametrize("content, message", [
    (b"nope", "cannot be imported: it is not valid JSON (line 1, column 1: Expecting value)"),
    (b'{"format": "hamcoach-history", "version": 7, "sessions": []}',
     "cannot be imported: it was written by a newer hamcoach (version 7); upgrade hamcoach to import it"),
])
def test_import_of_a_file_that_is_not_an_export(tmp_path, capsys, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and out == "" and err == f"hamcoach: {path} {message}\n"


def test_import_of_a_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 1 and err == f"hamcoach: Cannot read {tmp_path / 'missing.json'}: No such file or directory\n"


def test_import_from_stdin(isolated_home):
    data = json.dumps({"format": "hamcoach-history", "version": 1, "sessions": [doc("a", "2024-05-04")]})
    result = subprocess.run([sys.executable, "-m", "hamcoach", "import", "-"], input=data, text=True,
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 session added, 0 already present, 0 invalid.\n"
    assert HistoryStore(isolated_home / "history.json").session_ids() == {"a"}


def test_help_lists_the_new_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("streak", "rest", "export", "import"):
        assert command in out
