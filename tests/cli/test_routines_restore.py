"""`hamcoach routines list --deleted` and `hamcoach routines restore ID` (issue 14)."""

from __future__ import annotations

import json
import os

from support.cli import run

from hamcoach.routines.files import trash_routine
from hamcoach.routines.library import read_routine_file

ROUTINE = 'name = "{name}"\n\n[[exercises]]\nname = "Hold"\nsets = 1\nhold = 10\n'


def deleted(home, routine_id: str, name: str, at: float) -> None:
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{routine_id}.toml"
    path.write_text(ROUTINE.format(name=name))
    os.utime(trash_routine(path, folder), (at, at))


def test_list_deleted_shows_the_trash_newest_first(capsys, isolated_home):
    assert run(capsys, "routines", "list", "--deleted") == (0, "No deleted routines.\n", "")
    deleted(isolated_home, "mine", "Mine", 1_700_000_000)
    deleted(isolated_home, "other", "Other", 1_700_000_100)
    code, out, err = run(capsys, "routines", "list", "--deleted")
    assert code == 0 and err == ""
    rows = out.splitlines()
    assert [row.split()[0] for row in rows] == ["other", "mine"]
    assert "Other" in rows[0] and str(isolated_home / "routines" / ".trash" / "other.toml") in rows[0]
    code, out, _ = run(capsys, "routines", "list", "--deleted", "--json")
    listed = json.loads(out)
    assert [(r["id"], r["name"]) for r in listed] == [("other", "Other"), ("mine", "Mine")]
    assert listed[1]["file"] == str(isolated_home / "routines" / ".trash" / "mine.toml")
    # The ordinary list is unchanged by the trash.
    code, out, _ = run(capsys, "routines", "list", "--json")
    assert not {"mine", "other"} & {r["id"] for r in json.loads(out)}


def test_restore_brings_a_routine_back_and_the_list_has_it_again(capsys, isolated_home):
    deleted(isolated_home, "mine", "Mine", 1_700_000_000)
    code, out, err = run(capsys, "routines", "restore", "mine")
    assert (code, out, err) == (0, "Restored mine (Mine)\n", "")
    assert read_routine_file(isolated_home / "routines" / "mine.toml").name == "Mine"
    code, out, _ = run(capsys, "routines", "list", "--json")
    assert "mine" in {r["id"] for r in json.loads(out)}


def test_restore_that_would_clash_is_one_line_on_stderr_and_overwrites_nothing(capsys, isolated_home):
    deleted(isolated_home, "mine", "Mine, deleted", 1_700_000_000)
    (isolated_home / "routines" / "mine.toml").write_text(ROUTINE.format(name="Mine, new"))
    code, out, err = run(capsys, "routines", "restore", "mine")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("hamcoach: Not restored: a routine of yours has the id 'mine'")
    assert read_routine_file(isolated_home / "routines" / "mine.toml").name == "Mine, new"
    assert (isolated_home / "routines" / ".trash" / "mine.toml").exists()


def test_restore_of_a_built_in_id_or_an_unknown_one_is_one_line(capsys, isolated_home):
    deleted(isolated_home, "floor-basics", "My floor", 1_700_000_000)
    code, _, err = run(capsys, "routines", "restore", "floor-basics")
    assert code == 1 and err.count("\n") == 1 and "a built-in routine has the id 'floor-basics'" in err
    code, _, err = run(capsys, "routines", "restore", "nope")
    assert code == 1 and err == ("hamcoach: No deleted routine has the id 'nope' "
                                 "(`hamcoach routines list --deleted` lists them)\n")
