"""Strict input and encodings (issue 13, findings 10 and 11).

No coercion anywhere a file or an import is read: ``true`` is not 1, ``"7"`` is not 7,
``"yes"`` is not true; a negative duration is refused; a time must carry its UTC
offset; ids are compared exactly as stored; every problem of a file is reported at once,
one line each. Invalid Unicode is refused with its place; a byte order mark is fine;
output that cannot encode a character still completes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support.cli import run

from hamcoach.history.store import HistoryStore
from hamcoach.history.transfer import import_history

SESSION = {"id": "s", "routine_id": "r", "routine_name": "R", "started_at": "2024-05-01T07:00:00+02:00",
           "ended_at": "2024-05-01T07:10:00+02:00", "status": "completed", "duration_seconds": 600,
           "sets": [{"exercise_index": 0, "exercise": "Curl", "set": 1, "sets": 1, "kind": "reps", "target": 5,
                     "achieved": 5, "skipped": False}]}


def export(*sessions: dict) -> str:
    return json.dumps({"format": "hamcoach-history", "version": 1, "sessions": list(sessions)})


def with_set(**changes) -> dict:
    return {**SESSION, "sets": [{**SESSION["sets"][0], **changes}]}




@pytest.fixture
def store(tmp_path):
    return HistoryStore(tmp_path / "history.json")


# --- imports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("session, problem", [
    ({**SESSION, "pain": True}, "pain must be a whole number (got true)"),
    ({**SESSION, "effort": "7"}, 'effort must be a whole number (got "7")'),
    (with_set(skipped="yes"), 'sets[0].skipped must be true or false (got "yes")'),
    (with_set(target=5.0), "sets[0].target must be a whole number (got 5.0)"),
    ({**SESSION, "duration_seconds": -5}, "duration_seconds must be at least 0 (got -5)"),
    ({**SESSION, "started_at": "2024-05-01T07:00:00"},
     "started_at has no UTC offset (got '2024-05-01T07:00:00'); write it like 2024-05-06T07:30:00+02:00"),
    ({**SESSION, "routine_name": "N\ud800ame"},
     "routine_name contains invalid Unicode (a lone surrogate \\ud800 at character 2)"),
])
def test_an_import_takes_nothing_it_would_have_to_guess(store, session, problem):
    result = import_history(store, export(session))
    assert not result.written and [str(p) for p in result.problems] == [f"sessions[0] (id 's'): {problem}"]
    assert store.session_ids() == set()


def test_every_problem_of_a_session_is_a_line_of_its_own(store):
    bad = {**with_set(skipped="yes"), "pain": True, "effort": "7", "duration_seconds": -1,
           "ended_at": "2024-05-01T07:10:00"}
    result = import_history(store, export(bad))
    assert [p.reason for p in result.problems] == [
        "ended_at has no UTC offset (got '2024-05-01T07:10:00'); write it like 2024-05-06T07:30:00+02:00",
        "duration_seconds must be at least 0 (got -1)",
        "pain must be a whole number (got true)",
        "effort must be a whole number (got \"7\")",
        'sets[0].skipped must be true or false (got "yes")',
    ]


def test_ids_are_compared_exactly_as_stored(store):
    result = import_history(store, export({**SESSION, "id": "ABC"}, {**SESSION, "id": "abc"}))
    assert result.added == 2 and store.session_ids() == {"ABC", "abc"}
    again = import_history(store, export({**SESSION, "id": "abc"}))
    assert (again.added, again.present) == (0, 1)


def test_an_export_with_a_byte_order_mark_imports(store):
    assert import_history(store, b"\xef\xbb\xbf" + export(SESSION).encode()).added == 1


def test_bad_utf8_in_an_import_is_refused_with_its_place(store, tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_bytes(export(SESSION).replace("Curl", "Cu\udcffrl").encode("utf-8", "surrogateescape"))
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and err == f"hamcoach: {path} cannot be imported: it is not UTF-8 text (byte 0xff at line 1)\n"


def test_a_stored_lone_surrogate_costs_that_session_and_never_the_export(isolated_home, capsys):
    path = isolated_home / "history.json"
    HistoryStore(path).add_many([{**SESSION, "id": "good"}])
    # What an older hamcoach stored from such an import: valid JSON, not valid Unicode.
    path.write_bytes(path.read_bytes().replace(b'"routine_name":"R"', b'"routine_name":"N\\ud800ame"', 1))
    code, out, err = run(capsys, "export")
    assert code == 0 and json.loads(out)["sessions"][0]["routine_name"] == "N\ud800ame"  # kept, escaped
    code, out, err = run(capsys, "export", "--format", "csv")
    assert code == 0 and "N?ame" in out
    code, out, err = run(capsys, "history", "--json")
    assert code == 0 and '"N\\ud800ame"' in out


# --- routine files --------------------------------------------------------------------------------

ROUTINE = 'name = "Mine"\n[[exercises]]\nname = "Curl"\n'


@pytest.mark.parametrize("body, lines", [
    ('reps = 5\nper_side = "yes"\n', ["exercises[0].per_side: must be true or false (got 'yes')"]),
    ("reps = 5\nper_side = 1\n", ["exercises[0].per_side: must be true or false (got 1)"]),
    ("reps = 5\nhold = 30\nrest = 10.5\n", ["exercises[0].rest: must be a whole number (got 10.5)",
                                            "exercises[0]: give exactly one of reps and hold"]),
    ('hold = "30"\nrest = -1\ntempo = { up = 1, hold = 0, down = 1 }\n',
     ["exercises[0].hold: must be a whole number (got '30')", "exercises[0].rest: must be at least 0 (got -1)",
      "exercises[0]: tempo goes only with reps, not with a hold"]),
])
def test_a_routine_file_reports_every_problem_at_once_one_line_each(tmp_path, capsys, body, lines):
    path = tmp_path / "mine.toml"
    path.write_text(ROUTINE + body)
    code, out, err = run(capsys, "routines", "check", str(path))
    assert code == 1 and out == "" and err.splitlines() == [f"{path}: {line}" for line in lines]


def test_a_routine_file_with_a_byte_order_mark_is_fine(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (ROUTINE + "reps = 5\n").encode())
    code, out, err = run(capsys, "routines", "check", str(path))
    assert code == 0, out


def test_a_routine_file_that_is_not_utf8_says_where(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_bytes((ROUTINE + 'reps = 5\n# caf').encode() + b"\xe9\n")
    code, out, err = run(capsys, "routines", "check", str(path))
    assert code == 1 and out == "" and err == f"{path}: file is not UTF-8 text (byte 0xe9 at line 5, column 6)\n"


# --- output -------------------------------------------------------------------------------------


def test_output_that_cannot_encode_a_character_still_completes(isolated_home):
    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "ubung.toml").write_text('name = "Übung ✓ 🦵"\n[[exercises]]\nname = "x"\n'
                                                         "reps = 5\n", encoding="utf-8")
    HistoryStore(isolated_home / "history.json").add_many([{**SESSION, "routine_name": "Übung ✓"}])
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"}
    for argv in (["routines", "list"], ["history"]):
        result = subprocess.run([sys.executable, "-m", "hamcoach", *argv], capture_output=True, env=env,
                                timeout=60)
        assert result.returncode == 0, (argv, result.stderr)
        assert result.stderr == b"" and b"?bung ?" in result.stdout
    listing = subprocess.run([sys.executable, "-m", "hamcoach", "routines", "list"], capture_output=True, env=env,
                             timeout=60).stdout.decode("ascii").splitlines()
    assert any(line.startswith("ubung") for line in listing) and any("floor-basics" in line for line in listing)
