"""``hamcoach coach``, ``checkin`` and ``status``: a month up and down the bridge ladder, and the edges."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from support.cli import run
from support.month_of_bridges import run_month

from hamcoach.cli.main import main
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines.library import RoutineLibrary


@pytest.fixture
def month(isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    library = RoutineLibrary.load(custom_dir=isolated_home / "routines")
    return run_month(store, library)


def bridge(capsys, day: str) -> tuple[str, int, int]:
    code, out, _ = run(capsys, "coach", "--json", "--as-of", day)
    assert code == 0
    row = next(e for e in json.loads(out)["exercises"] if e["exercise"] == "Bridge")
    return row["rung"], row["level"], row["reps"]


def test_a_month_up_and_down_the_bridge_ladder(capsys, month):
    ran = dict(month)
    assert ran[date(2026, 3, 3)] == "Hip bridge 3 x 12"  # the session ran the progressed prescription
    assert ran[date(2026, 3, 11)] == "Marching bridge 3 x 10"  # and the next rung, with the routine's sets
    assert bridge(capsys, "2026-03-02") == ("Hip bridge", 1, 12)
    assert bridge(capsys, "2026-03-05") == ("Hip bridge", 2, 14)  # not rated: nothing moves
    assert bridge(capsys, "2026-03-06") == ("Hip bridge", 2, 14)  # ... and the pair starts again
    assert bridge(capsys, "2026-03-10") == ("Marching bridge", 0, 10)
    assert bridge(capsys, "2026-03-12") == ("Marching bridge", 1, 12)
    assert bridge(capsys, "2026-03-13") == ("Marching bridge", 0, 10)  # pain 7
    assert bridge(capsys, "2026-03-14") == ("Hip bridge", 3, 16)  # worse the next morning
    assert bridge(capsys, "2026-03-15") == ("Hip bridge", 2, 14)  # pain 6
    assert bridge(capsys, "2026-03-19") == ("Hip bridge", 3, 16)  # pain 4 held, a short set did not clear
    assert bridge(capsys, "2026-03-21") == ("Marching bridge", 0, 10)
    assert bridge(capsys, "2026-03-24") == ("Marching bridge", 0, 10)  # the swap day broke the pair
    assert bridge(capsys, "2026-03-29") == ("Marching bridge", 3, 16)
    assert bridge(capsys, "2026-03-31") == ("Marching bridge", 3, 16)  # effort 9 on the 30th


def test_coach_json_has_the_keys_the_issue_names(capsys, month):
    code, out, _ = run(capsys, "coach", "--json", "--as-of", "2026-03-15")
    doc = json.loads(out)
    assert code == 0 and {"as_of", "exercises", "cautions"} <= set(doc) and doc["as_of"] == "2026-03-15"
    for row in doc["exercises"]:
        assert {"exercise", "rung", "level", "reps", "hold"} <= set(row)
        assert (row["reps"] is None) != (row["hold"] is None)
    names = [row["exercise"] for row in doc["exercises"]]
    assert "Bridge" in names and "Hip bridge" not in names and "Core set-up" in names
    core = next(row for row in doc["exercises"] if row["exercise"] == "Core set-up")
    assert core["rung"] == "Core set-up" and core["hold"] == 20 + 5 * core["level"]
    assert len(doc["cautions"]) == 1 and "clinician" in doc["cautions"][0]
    assert json.loads(run(capsys, "coach", "--json", "--as-of", "2026-03-12")[1])["cautions"] == []
    assert json.loads(run(capsys, "coach", "--json", "--as-of", "2026-02-01")[1])["exercises"] == []


def test_coach_in_words(capsys, month):
    code, out, _ = run(capsys, "coach", "--as-of", "2026-03-14")
    assert code == 0
    assert "  Bridge: Hip bridge, level 3, next 16 reps a set" in out
    assert "    2026-03-14: worse on the morning of 2026-03-14 (Marching bridge 0 -> Hip bridge 3)" in out
    assert "treats nothing" in out and "sharp or worsening pain means stop" in out


def test_coach_with_no_history_and_bad_dates(capsys):
    code, out, _ = run(capsys, "coach")
    assert code == 0 and "No sessions yet" in out
    code, _, err = run(capsys, "coach", "--as-of", "yesterday")
    assert code == 1 and err == "hamcoach: --as-of must be a date like 2024-05-06 (got 'yesterday')\n"


def test_checkin_records_replaces_and_refuses_the_future(capsys, month, isolated_home):
    code, out, _ = run(capsys, "checkin", "same", "--date", "2026-03-30")
    assert code == 0 and out == "Checked in for 2026-03-30: same.\n"
    code, out, _ = run(capsys, "checkin", "worse", "--date", "2026-03-30")
    assert code == 0 and out.startswith("Checked in for 2026-03-30: worse (it replaces 'same').\n")
    assert "  Marching bridge: easing off to Marching bridge level 2 next time" in out
    assert "check with a clinician" in out
    assert HistoryStore(isolated_home / "history.json").checkins()[date(2026, 3, 30)] == "worse"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    code, out, err = run(capsys, "checkin", "better", "--date", tomorrow)
    assert code == 1 and out == "" and err == f"hamcoach: {tomorrow} is in the future: a check-in is about a " \
                                              "morning that has come\n"
    with pytest.raises(SystemExit) as exit_:
        main(["checkin", "fine"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and len(err.splitlines()) == 1 and "invalid choice: 'fine'" in err


def test_checkins_travel_with_export_and_import(capsys, month, isolated_home, tmp_path):
    run(capsys, "export", "-o", str(tmp_path / "out.json"))
    doc = json.loads((tmp_path / "out.json").read_text())
    assert {"date": "2026-03-14", "answer": "worse"} in doc["checkins"]
    os.environ["HAMCOACH_HOME"] = str(tmp_path / "other")
    code, out, _ = run(capsys, "import", str(tmp_path / "out.json"))
    assert code == 0 and out.endswith("; 1 rest day added; 3 check-ins added.\n") or "3 check-ins added" in out
    assert bridge(capsys, "2026-03-31") == ("Marching bridge", 3, 16)  # the same answer on the other machine


def test_status_line_json_and_format(capsys, month):
    code, out, _ = run(capsys, "status", "--as-of", "2026-03-12")
    assert code == 0 and out == "streak 11 · today done\n"
    code, out, _ = run(capsys, "status", "--as-of", "2026-03-14")
    assert out == "streak 12 · today rest\n"  # one flare-up (the 13th), one worse morning: no caution yet
    code, out, _ = run(capsys, "status", "--as-of", "2026-03-15")
    assert out == "streak 13 · today done · caution: hold off progressing\n"  # the second flare-up
    code, out, _ = run(capsys, "status", "--json", "--as-of", "2026-04-01")
    doc = json.loads(out)
    assert doc["today"] == "due" and doc["streak"] == 29 and "clinician" in doc["caution"]
    code, out, _ = run(capsys, "status", "--format", "{{{today}}} {streak}d {caution}", "--as-of", "2026-03-12")
    assert out == "{done} 11d \n"
    code, out, err = run(capsys, "status", "--format", "{nope} {__class__}")
    assert code == 1 and out == "" and err.startswith("hamcoach: --format: {nope} is not a field; use {streak}")


def test_status_with_no_history(capsys, isolated_home):
    code, out, _ = run(capsys, "status")
    assert code == 0 and out == "streak 0 · today due\n"


def _imports(argv: list[str], home) -> set[str]:
    code = (f"import sys, runpy; sys.argv = ['hamcoach'] + {argv!r}\n"
            "try:\n    runpy.run_module('hamcoach', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'textual', 'tinydb', 'rich'))), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, HAMCOACH_HOME=str(home)))
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


def test_status_and_version_stay_light(isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    store.set_checkin(date(2026, 3, 1), "same")  # a save writes the summary
    assert _imports(["--version"], isolated_home) == set()
    assert _imports(["status"], isolated_home) == set()
    # Another program changes the history: the summary no longer matches, and is rebuilt once.
    (isolated_home / "history.json").write_text((isolated_home / "history.json").read_text() + "\n")
    assert "pydantic" in _imports(["status"], isolated_home)
    assert _imports(["status"], isolated_home) == set()


def test_a_stale_summary_is_never_believed(capsys, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    record = SessionRecord(id="a", routine_id="r", routine_name="R", started_at="2026-03-02T08:00:00+01:00",
                           ended_at="2026-03-02T08:10:00+01:00", status="completed", pain=7,
                           sets=[SetRecord(exercise_index=0, exercise="X", set=1, sets=1, kind="reps", target=3,
                                           achieved=3)])
    store.save_session(record)
    assert run(capsys, "status", "--as-of", "2026-03-02")[1] == "streak 1 · today done\n"
    # Written without the summary (an older hamcoach, another tool): the status still sees it.
    HistoryStore(isolated_home / "history.json", digest=False).save_session(
        record.model_copy(update={"id": "b", "ended_at": "2026-03-03T08:10:00+01:00",
                                  "started_at": "2026-03-03T08:00:00+01:00"}))
    assert run(capsys, "status", "--as-of", "2026-03-03")[1] == \
        "streak 2 · today done · caution: hold off progressing\n"


def test_hostile_names_in_coach_output_are_inert(capsys, isolated_home):
    name = "\x1b[2J\x1b]0;pwned\x07Bridge\u202e"
    store = HistoryStore(isolated_home / "history.json")
    store.save_session(SessionRecord(
        id="h", routine_id="r", routine_name=name, started_at="2026-03-02T08:00:00+01:00",
        ended_at="2026-03-02T08:10:00+01:00", status="completed", pain=1,
        sets=[SetRecord(exercise_index=0, exercise=name, set=1, sets=1, kind="reps", target=3, achieved=3)]))
    for argv in (("coach", "--as-of", "2026-03-02"), ("coach", "--json", "--as-of", "2026-03-02")):
        code, out, err = run(capsys, *argv)
        assert code == 0 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out, argv


def test_deleted_and_edited_sessions_change_what_the_coach_says(capsys, month, isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    assert bridge(capsys, "2026-03-02") == ("Hip bridge", 1, 12)
    first = next(s for s in store.summaries() if s.day == date(2026, 3, 1))
    assert main(["history", "edit", first.id, "--pain", "none"]) == 0  # not rated now: no pair
    capsys.readouterr()
    assert bridge(capsys, "2026-03-02") == ("Hip bridge", 0, 10)
    assert main(["history", "delete", first.id]) == 0  # a deleted session is not counted at all
    capsys.readouterr()
    assert bridge(capsys, "2026-03-04") == ("Hip bridge", 1, 12)  # the 2nd and 3rd now make the pair
