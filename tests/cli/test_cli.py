"""The command line: listing and checking routines, history, versions and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from support.cli import run

from hamcoach import __version__
from hamcoach.cli.main import main
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore

GOOD = 'name = "Mine"\n[[exercises]]\nname = "Bridge"\nsets = 2\nreps = 5\n'




def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"hamcoach {__version__}"


def test_routines_list_json_has_the_documented_fields(capsys, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "mine.toml").write_text(GOOD)
    code, out, _ = run(capsys, "routines", "list", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["mine"] == {"id": "mine", "name": "Mine", "source": "custom", "equipment": [],
                            "exercises": 1, "estimated_seconds": 5 + 2 * 10 + 30}
    assert {"floor-basics", "ball-work", "band-work", "full-session", "desk-break"} <= set(rows)
    assert all(rows[i]["source"] == "builtin" for i in ("floor-basics", "desk-break"))


def test_routines_list_reports_skipped_files_on_stderr(capsys, isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "bad.toml").write_text(GOOD.replace("reps = 5", "reps = 0"))
    code, out, err = run(capsys, "routines", "list")
    assert code == 0
    assert "floor-basics" in out
    assert "bad.toml: exercises[0].reps: must be at least 1 (got 0)" in err


def test_routines_check(capsys, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("reps = 5", "reps = 5\nhold = 3"))
    assert run(capsys, "routines", "check", str(good))[0] == 0
    code, out, err = run(capsys, "routines", "check", str(good), str(bad))
    assert code == 1
    # results on stdout, problems on stderr
    assert out == f"{good}: ok (Mine, 1 exercises, 0:55)\n"
    assert f"{bad}: exercises[0]: give exactly one of reps and hold" in err


def _record(session_id: str, started: str, name: str = "Floor basics") -> SessionRecord:
    return SessionRecord(
        id=session_id, routine_id="floor-basics", routine_name=name, started_at=started,
        ended_at=started, status="completed", duration_seconds=600,
        sets=[SetRecord(exercise_index=0, exercise="Core set-up", set=1, sets=1, kind="hold", target=20, achieved=20)],
    )


def test_history_lists_newest_first_and_json_is_the_documents(capsys, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    store.save_session(_record("a", "2026-01-01T08:00:00+01:00"))
    store.save_session(_record("b", "2026-01-02T08:00:00+01:00", name="\x1b[31mred\x1b[0m"))
    code, out, _ = run(capsys, "history", "--json")
    assert code == 0
    docs = json.loads(out)
    assert [d["id"] for d in docs] == ["b", "a"]
    assert docs[1]["sets"][0]["achieved"] == 20
    code, out, _ = run(capsys, "history")
    lines = out.splitlines()
    assert lines[0].startswith("2026-01-02 08:00") and lines[1].startswith("2026-01-01 08:00")
    assert "\x1b" not in out  # escape sequences from a routine name are never printed raw


def test_history_checkins_lists_the_mornings(capsys, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    code, out, _ = run(capsys, "history", "--checkins")
    assert code == 0 and out.startswith("No check-ins yet")
    store.set_checkin(date(2026, 1, 2), "same")
    store.set_checkin(date(2026, 1, 3), "worse")
    code, out, _ = run(capsys, "history", "--checkins")
    assert out == "2026-01-03  worse\n2026-01-02  same\n"
    code, out, _ = run(capsys, "history", "--checkins", "--json")
    assert json.loads(out) == [{"date": "2026-01-03", "answer": "worse"}, {"date": "2026-01-02", "answer": "same"}]


def test_run_with_an_unknown_routine_is_one_line_error(capsys):
    code, out, err = run(capsys, "run", "no-such-routine")
    assert code == 1
    assert err.startswith("hamcoach: No routine with id 'no-such-routine'")
    assert len(err.strip().splitlines()) == 1


def test_console_script_runs_without_a_traceback(tmp_path, isolated_home):
    result = subprocess.run([sys.executable, "-m", "hamcoach", "routines", "check", str(tmp_path / "nope.toml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "cannot read the file" in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stdout + result.stderr


def test_history_reads_times_ending_in_z(capsys, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    store.save_session(_record("z", "2026-01-03T07:00:00Z"))
    code, out, _ = run(capsys, "history")
    assert code == 0 and out.startswith("2026-01-03 07:00")


def test_a_reader_that_goes_away_is_not_an_error(isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    for n in range(200):
        store.save_session(_record(f"s{n}", f"2026-01-01T08:{n % 60:02d}:00+01:00"))
    result = subprocess.run(f"{sys.executable} -m hamcoach history --json | head -1",
                            shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout == "[\n"
    assert result.stderr == ""
