"""Ladders: the built-in file, a user's own beside their routines, and bad files in one line each."""

from __future__ import annotations

import pytest
from support.cli import run

from hamcoach.routines.ladders import LadderBook, parse_ladders_text
from hamcoach.routines.library import LADDERS_FILE, RoutineFileError, RoutineLibrary, safe_id

MINE = """\
[[ladders]]
name = "Plank"

[[ladders.rungs]]
name = "Knee plank"
cues = ["Forearms down, knees down, body long."]
hold = 20

[[ladders.rungs]]
name = "Plank on the ball"
cues = ["Forearms on the ball."]
equipment = ["ball"]
hold = 20
"""




def custom(home, text: str):
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LADDERS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_ladders_load_and_are_not_routines(isolated_home):
    library = RoutineLibrary.load(custom_dir=isolated_home / "routines")
    assert library.errors == []
    assert "ladders" not in {r.id for r in library.routines}
    assert [ladder.name for ladder in library.ladders] == ["Bridge", "Ball curl"]
    ladder, position = library.ladders.find("  HIP BRIDGE ")
    assert (ladder.name, position) == ("Bridge", 0)
    assert library.ladders.find("Plank on the ball") is None


def test_a_users_ladders_load_beside_their_routines(isolated_home, capsys):
    custom(isolated_home, MINE)
    library = RoutineLibrary.load(custom_dir=isolated_home / "routines")
    assert [ladder.name for ladder in library.ladders] == ["Bridge", "Ball curl", "Plank"]
    assert library.ladders.find("plank on the ball")[1] == 1
    code, out, err = run(capsys, "routines", "list")
    assert code == 0 and err == "" and "ladders" not in out.split()


def test_a_bad_ladders_file_is_one_line_naming_the_file(isolated_home, capsys):
    text = MINE.replace("hold = 20\n", "hold = 2000\n", 1).replace('name = "Plank"', 'nmae = "x"')
    path = custom(isolated_home, text)
    library = RoutineLibrary.load(custom_dir=isolated_home / "routines")
    assert [ladder.name for ladder in library.ladders] == ["Bridge", "Ball curl"]  # the built-in ones still load
    assert sorted(library.error_lines()) == [
        f"{path}: ladders[0].name: is required",
        f"{path}: ladders[0].nmae: unknown key (check the spelling)",
        f"{path}: ladders[0].rungs[0].hold: must be at most 900 (got 2000)",
    ]
    code, out, err = run(capsys, "routines", "list")
    assert code == 0 and f"Skipped {path}: ladders[0].name: is required" in err.splitlines()
    code, out, err = run(capsys, "routines", "check", str(path))
    assert code == 1 and f"{path}: ladders[0].name: is required" in err.splitlines()  # a problem: stderr


HEAD = "[[ladders]]\nname = 'x'\n[[ladders.rungs]]\nname = 'a'\n"


@pytest.mark.parametrize(("text", "problem"), [
    ("ladders = 3", "ladders: must be a list"),
    (HEAD + "reps = 5\n", "ladders[0].rungs: needs at least 2 item(s)"),
    (HEAD + "reps = 5\n[[ladders.rungs]]\nname = ' A '\nhold = 5\n",
     "ladders[0]: the rung 'A' is in this ladder twice"),
    (HEAD + "reps = 5\nhold = 3\n[[ladders.rungs]]\nname = 'b'\nhold = 5\n",
     "ladders[0].rungs[0]: give exactly one of reps and hold"),
    ("not toml [", "not valid TOML"),
])
def test_each_problem_in_plain_words(text, problem, tmp_path):
    with pytest.raises(RoutineFileError) as caught:
        parse_ladders_text(text, tmp_path / LADDERS_FILE)
    assert any(line.startswith(problem) for line in caught.value.problems), caught.value.problems


def test_a_ladder_that_reuses_a_rung_is_skipped_with_a_reason(isolated_home):
    path = custom(isolated_home, MINE + MINE.replace('"Plank"', '"Bridges"').replace("Knee plank", "Hip Bridge"))
    library = RoutineLibrary.load(custom_dir=isolated_home / "routines")
    assert [ladder.name for ladder in library.ladders] == ["Bridge", "Ball curl", "Plank"]
    assert library.error_lines() == [
        f"{path}: ladders[1]: the rung 'Hip Bridge' is already on the ladder 'Bridge'; this ladder is skipped"]


def test_the_ladders_name_is_not_a_routine_id(isolated_home, capsys, tmp_path):
    assert safe_id("Ladders") == "ladders-routine"
    routine = tmp_path / LADDERS_FILE
    routine.write_text('name = "Ladders"\n[[exercises]]\nname = "x"\nreps = 3\n', encoding="utf-8")
    code, out, _ = run(capsys, "routines", "import", str(routine))
    assert code == 0 and "as ladders-routine" in out
    assert not (isolated_home / "routines" / LADDERS_FILE).exists()


def test_the_built_in_ladders_file_checks_ok(capsys):
    from hamcoach import paths

    code, out, _ = run(capsys, "routines", "check", str(paths.builtin_routines_dir() / LADDERS_FILE))
    assert code == 0 and out.endswith(": ok (2 ladders, 8 rungs)\n")


def test_hostile_text_in_a_ladder_is_inert(isolated_home, capsys):
    hostile = '"\\u001b[2J\\u001b]0;pwned\\u0007"'
    custom(isolated_home, MINE.replace('"Plank"', hostile).replace("hold = 20\n", "hold = 0\n", 1))
    code, _, err = run(capsys, "routines", "list")
    assert code == 0 and "\x1b" not in err and "\x07" not in err
    assert LadderBook.load(None, None).ladders == []
