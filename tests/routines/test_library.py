"""Routine files: validation errors in plain words, and bad files never stop the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamcoach.routines.library import (
    RoutineFileError,
    RoutineLibrary,
    parse_routine_text,
    read_routine_file,
    safe_id,
)

GOOD = """
name = "Mine"
[[exercises]]
name = "Bridge"
reps = 5
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        parse_routine_text(text, Path("x.toml"))
    return caught.value.problems


def test_one_line_per_problem_with_place_and_words():
    text = """
name = "Broken"
[[exercises]]
name = "A"
reps = 5
[[exercises]]
name = "B"
reps = 0
rets = 3
[[exercises]]
name = "C"
hold = 30
tempo = { up = 1, down = 1 }
"""
    assert problems(text) == [
        "exercises[1].reps: must be at least 1 (got 0)",
        "exercises[1].rets: unknown key (check the spelling)",
        "exercises[2]: tempo goes only with reps, not with a hold",
    ]


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("reps = 5\nhold = 5", "exercises[0]: give exactly one of reps and hold"),
        ("", "exercises[0]: give exactly one of reps and hold"),
        ("reps = 101", "exercises[0].reps: must be at most 100 (got 101)"),
        ("hold = 901", "exercises[0].hold: must be at most 900 (got 901)"),
        ("sets = 21\nreps = 1", "exercises[0].sets: must be at most 20 (got 21)"),
        ("reps = 2\ntempo = { up = 0, down = 0 }", "exercises[0].tempo: up + down must be at least 1 second"),
        ("reps = 2\ntempo = { up = 11 }", "exercises[0].tempo.up: must be at most 10 (got 11)"),
        ("reps = 2\nrest = -1", "exercises[0].rest: must be at least 0 (got -1)"),
        ("reps = 2\nrest_after = 1000", "exercises[0].rest_after: must be at most 900 (got 1000)"),
        ("reps = \"ten\"", "exercises[0].reps: must be a whole number (got 'ten')"),
    ],
)
def test_ranges_and_rules(snippet, expected):
    assert problems(f'name = "R"\n[[exercises]]\nname = "E"\n{snippet}\n') == [expected]


def test_routine_needs_an_exercise_and_known_equipment():
    assert problems('name = "R"\nequipment = ["chair"]\nexercises = []\n') == [
        "equipment[0]: must be one of mat, ball, band (got 'chair')",
        "exercises: needs at least 1 item(s)",
    ]


def test_not_toml_is_one_clear_line():
    (line,) = problems("name = \n")
    assert line.startswith("not valid TOML")


def test_tempo_defaults_and_rest_after_defaults_to_rest():
    routine = parse_routine_text(GOOD)
    exercise = routine.exercises[0]
    assert (exercise.effective_tempo.up, exercise.effective_tempo.hold, exercise.effective_tempo.down) == (1, 0, 1)
    assert exercise.effective_rest_after == exercise.rest == 30


def test_bad_file_is_skipped_and_the_rest_load(tmp_path):
    custom = tmp_path / "routines"
    write(custom, "good.toml", GOOD)
    bad = write(custom, "bad.toml", GOOD.replace("reps = 5", "reps = 500"))
    library = RoutineLibrary.load(custom_dir=custom)
    ids = {r.id for r in library.routines}
    assert "good" in ids and "bad" not in ids
    assert "floor-basics" in ids  # the built-ins still load
    assert library.error_lines() == [f"{bad}: exercises[0].reps: must be at most 100 (got 500)"]
    assert library.get("good").source == "custom"


def test_oversized_and_unreadable_files_are_refused(tmp_path):
    big = write(tmp_path, "big.toml", GOOD + "#" * 1_100_000)
    with pytest.raises(RoutineFileError, match="too large"):
        read_routine_file(big)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RoutineFileError, match="not UTF-8"):
        read_routine_file(binary)
    with pytest.raises(RoutineFileError, match="cannot read"):
        read_routine_file(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "name, expected",
    [("Hello World", "hello-world"), ("../../etc/passwd", "etc-passwd"), ("..", "routine"),
     (".hidden", "hidden"), ("a/b\\c", "a-b-c"), ("", "routine"), ("Übung 1", "ubung-1")],
)
def test_safe_id(name, expected):
    assert safe_id(name) == expected
