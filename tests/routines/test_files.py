"""routine_io: the TOML writer, atomic saves, the trash, export/import and the editor's draft."""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hamcoach.cli.main import main
from hamcoach.routines import draft as drafts
from hamcoach.routines import files as routine_files
from hamcoach.routines.library import (
    RoutineFileError,
    RoutineLibrary,
    parse_routine_text,
    safe_id,
)
from hamcoach.routines.models import EQUIPMENT, POSITIONS, Exercise, Routine, Tempo

# --- a strategy for valid routines -------------------------------------------------

# Any text a person (or a file) could give: quotes, backslashes, control characters,
# DEL and C1 controls, non-ASCII; no lone surrogates (they are not text).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80)


@st.composite
def exercises(draw) -> dict:
    data: dict = {"name": draw(NAME), "sets": draw(st.integers(1, 20))}
    if draw(st.booleans()):
        data["cues"] = draw(st.lists(TEXT, max_size=5))
    if draw(st.booleans()):
        data["reps"] = draw(st.integers(1, 100))
        if draw(st.booleans()):
            up, down = draw(st.integers(0, 10)), draw(st.integers(0, 10))
            assume(up + down >= 1)
            data["tempo"] = {"up": up, "hold": draw(st.integers(0, 10)), "down": down}
    else:
        data["hold"] = draw(st.integers(1, 900))
    if draw(st.booleans()):
        data["rest"] = draw(st.integers(0, 900))
    if draw(st.booleans()):
        data["rest_after"] = draw(st.integers(0, 900))
    if draw(st.booleans()):
        data["per_side"] = draw(st.booleans())
    if draw(st.booleans()):
        data["position"] = draw(st.sampled_from(POSITIONS))
    return data


@st.composite
def routines(draw) -> Routine:
    data = {
        "name": draw(NAME),
        "description": draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=200)),
        "equipment": draw(st.lists(st.sampled_from(EQUIPMENT), max_size=4)),
        "exercises": draw(st.lists(exercises(), min_size=1, max_size=4)),
    }
    try:
        return Routine.model_validate(data)
    except ValidationError:
        assume(False)  # e.g. a name of only spaces: stripped, it is empty
        raise


# --- the writer ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(routines())
def test_any_valid_routine_goes_through_the_writer_and_reader_unchanged(routine):
    text = routine_files.routine_to_toml(routine)
    again = parse_routine_text(text)
    assert again == routine
    assert routine_files.routine_to_toml(again) == text  # stable: same routine, same bytes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines(), st.sampled_from(["mine", "My Routine", "../up/and away", ".hidden", "..."]))
def test_export_import_export_gives_the_same_bytes(routine, file_stem):
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        exported = tmp_path / f"{file_stem.replace('/', '_')}.toml"
        routine_files.export_routine(routine, exported)
        custom = tmp_path / "home" / "routines"
        routine_id = routine_files.import_routine(exported, custom)
        assert routine_id == safe_id(exported.stem)
        saved = custom / f"{routine_id}.toml"
        assert saved.parent == custom  # never outside the routines folder
        assert routine_files.export_text(parse_routine_text(saved.read_text(encoding="utf-8"))).encode() \
            == exported.read_bytes()


def test_the_writer_uses_the_documented_layout():
    routine = Routine(
        name="Bridge basics",
        description='Floor work, "gently".',
        equipment=["mat"],
        exercises=[
            Exercise(name="Hip bridge", cues=["Drop the pelvis.", "Hips level."], sets=3, reps=10,
                     tempo=Tempo(up=2, hold=2, down=2), rest=30, rest_after=45),
            Exercise(name="Side hold", sets=2, hold=45, rest=20, per_side=True),
        ],
    )
    assert routine_files.routine_to_toml(routine) == '''\
name = "Bridge basics"
description = "Floor work, \\"gently\\"."
equipment = ["mat"]

[[exercises]]
name = "Hip bridge"
cues = [
    "Drop the pelvis.",
    "Hips level.",
]
sets = 3
reps = 10
tempo = { up = 2, hold = 2, down = 2 }
rest = 30
rest_after = 45

[[exercises]]
name = "Side hold"
sets = 2
hold = 45
rest = 20
per_side = true
'''


def test_control_characters_are_escaped_so_the_file_is_safe_to_print():
    routine = Routine(name="a\x1b[31mred\x7f\x9b", exercises=[Exercise(name="x\ty", hold=5)])
    text = routine_files.routine_to_toml(routine)
    assert "\x1b" not in text and "\x7f" not in text and "\x9b" not in text and "\t" not in text
    assert "\\u001B[31mred\\u007F\\u009B" in text
    assert parse_routine_text(text) == routine


def test_every_builtin_routine_round_trips_and_through_the_draft():
    library = RoutineLibrary.load(custom_dir=Path("/nonexistent"))
    assert library.routines
    for loaded in library.routines:
        text = routine_files.routine_to_toml(loaded.routine)
        assert parse_routine_text(text) == loaded.routine, loaded.id
        routine, errors = drafts.validate_draft(drafts.routine_draft(loaded.routine))
        assert errors == {} and routine == loaded.routine, loaded.id


# --- saving, the trash -------------------------------------------------------------


def _routine(name: str = "Mine") -> Routine:
    return Routine(name=name, exercises=[Exercise(name="Curl", reps=8)])


def test_save_is_private_and_leaves_no_temp_file(tmp_path):
    folder = tmp_path / "home" / "routines"
    path = routine_files.save_routine(_routine(), folder, "mine")
    assert path == folder / "mine.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["mine.toml"]
    assert parse_routine_text(path.read_text(encoding="utf-8")) == _routine()


@pytest.mark.parametrize("bad", ["", "../evil", "a/b", ".hidden", "..", "Mine", "x.toml"])
def test_save_refuses_an_unsafe_id(tmp_path, bad):
    with pytest.raises(ValueError):
        routine_files.save_routine(_routine(), tmp_path, bad)
    assert not any(tmp_path.rglob("*.toml"))


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = routine_files.save_routine(_routine("Old"), tmp_path, "mine")
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(routine_files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        routine_files.save_routine(_routine("New"), tmp_path, "mine")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml"]


def test_trash_moves_the_file_and_numbers_clashes(tmp_path):
    custom = tmp_path / "routines"
    first = routine_files.trash_routine(routine_files.save_routine(_routine(), custom, "mine"), custom)
    second = routine_files.trash_routine(routine_files.save_routine(_routine(), custom, "mine"), custom)
    assert first == custom / ".trash" / "mine.toml"
    # A dot is never part of an id: mine.2.toml was mine (mine-2 could be an id of its own).
    assert second == custom / ".trash" / "mine.2.toml"
    assert not (custom / "mine.toml").exists()
    assert stat.S_IMODE((custom / ".trash").stat().st_mode) == 0o700
    library = RoutineLibrary.load(builtin_dir=tmp_path / "none", custom_dir=custom)
    assert library.routines == [] and library.errors == []  # the trash is not read


def test_trash_refuses_files_outside_the_routines_folder(tmp_path):
    outside = tmp_path / "elsewhere.toml"
    outside.write_text("x")
    with pytest.raises(ValueError):
        routine_files.trash_routine(outside, tmp_path / "routines")
    assert outside.exists()


def test_unique_id():
    assert routine_files.unique_id("a", []) == "a"
    assert routine_files.unique_id("a", ["a", "a-2"]) == "a-3"


# --- import --------------------------------------------------------------------------


def test_import_refuses_to_overwrite_without_force(tmp_path):
    source = tmp_path / "Morning Stretch.toml"
    routine_files.export_routine(_routine("One"), source)
    custom = tmp_path / "routines"
    assert routine_files.import_routine(source, custom) == "morning-stretch"
    routine_files.export_routine(_routine("Two"), source)
    with pytest.raises(routine_files.ImportClash):
        routine_files.import_routine(source, custom)
    assert "One" in (custom / "morning-stretch.toml").read_text()
    assert routine_files.import_routine(source, custom, force=True) == "morning-stretch"
    assert "Two" in (custom / "morning-stretch.toml").read_text()


def test_import_refuses_a_builtin_id_without_force(tmp_path):
    source = tmp_path / "ball-work.toml"
    routine_files.export_routine(_routine(), source)
    with pytest.raises(routine_files.ImportClash) as caught:
        routine_files.import_routine(source, tmp_path / "routines", builtin_ids=["ball-work"])
    assert caught.value.builtin


def test_import_validates(tmp_path):
    source = tmp_path / "bad.toml"
    source.write_text('name = "x"\n[[exercises]]\nname = "y"\nreps = 0\n')
    with pytest.raises(RoutineFileError) as caught:
        routine_files.import_routine(source, tmp_path / "routines")
    assert "exercises[0].reps: must be at least 1 (got 0)" in caught.value.problems
    assert not (tmp_path / "routines").exists()


# --- the CLI ---------------------------------------------------------------------------


def test_cli_export_import_export(tmp_path, capsys, isolated_home):
    assert main(["routines", "export", "ball-work"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith('name = "Ball work"\n')
    out = tmp_path / "my ball.toml"
    assert main(["routines", "export", "ball-work", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed
    assert main(["routines", "import", str(out)]) == 0
    assert (isolated_home / "routines" / "my-ball.toml").read_text(encoding="utf-8") == printed
    capsys.readouterr()
    assert main(["routines", "import", str(out)]) == 1
    assert "already has the id 'my-ball'" in capsys.readouterr().err
    assert main(["routines", "import", str(out), "--force"]) == 0
    assert main(["routines", "export", "my-ball"]) == 0
    assert capsys.readouterr().out.endswith(printed)


def test_cli_export_unknown_id_and_import_of_a_bad_file(tmp_path, capsys):
    assert main(["routines", "export", "nope"]) == 1
    assert "No routine with id 'nope'" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("name = 1\n")
    assert main(["routines", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hamcoach: Cannot import") and err.count("\n") == 1


def test_cli_import_of_a_builtin_id_needs_force(tmp_path, capsys, isolated_home):
    out = tmp_path / "ball-work.toml"
    assert main(["routines", "export", "ball-work", "-o", str(out)]) == 0
    assert main(["routines", "import", str(out)]) == 1
    assert "built-in" in capsys.readouterr().err
    assert not (isolated_home / "routines" / "ball-work.toml").exists()


# --- the editor's draft ------------------------------------------------------------


def test_a_new_draft_is_invalid_until_named():
    draft = drafts.routine_draft()
    routine, errors = drafts.validate_draft(draft)
    assert routine is None
    assert errors == {("name",): "must not be empty", ("exercises", 0, "name"): "must not be empty"}
    draft["name"] = "Mine"
    draft["exercises"][0]["name"] = "Curl"
    routine, errors = drafts.validate_draft(draft)
    assert errors == {}
    assert routine == Routine(name="Mine", exercises=[Exercise(name="Curl", reps=10, sets=1)])


def test_draft_errors_are_keyed_by_field_in_words():
    draft = drafts.routine_draft(_routine())
    form = draft["exercises"][0]
    form.update(reps="120", sets="x", tempo_up="0", tempo_down="0", rest="")
    _, errors = drafts.validate_draft(draft)
    assert errors[("exercises", 0, "reps")] == "must be at most 100 (got 120)"
    assert errors[("exercises", 0, "sets")] == "must be a whole number (got 'x')"
    assert errors[("exercises", 0, "rest")] == "is required (a whole number)"
    form.update(reps="10", sets="2", rest="30")
    _, errors = drafts.validate_draft(draft)
    assert errors == {("exercises", 0, "tempo"): "up + down must be at least 1 second"}
    assert drafts.error_lines(errors) == ["exercise 1, tempo: up + down must be at least 1 second"]


def test_switching_to_a_hold_drops_reps_and_tempo_and_keeps_them_for_switching_back():
    draft = drafts.routine_draft(Routine(name="R", exercises=[
        Exercise(name="Curl", reps=8, tempo=Tempo(up=2, hold=1, down=2))]))
    draft["exercises"][0]["kind"] = "hold"
    routine, _ = drafts.validate_draft(draft)
    assert routine.exercises[0].hold == 30 and routine.exercises[0].reps is None
    assert routine.exercises[0].tempo is None
    draft["exercises"][0]["kind"] = "reps"
    routine, _ = drafts.validate_draft(draft)
    assert routine.exercises[0].reps == 8 and routine.exercises[0].tempo == Tempo(up=2, hold=1, down=2)


def test_blank_optional_fields_are_left_out():
    draft = drafts.routine_draft(_routine())
    form = draft["exercises"][0]
    form.update(tempo_up="3", cues="  one \n\n two\n", rest_after="")
    routine, _ = drafts.validate_draft(draft)
    assert routine.exercises[0].tempo == Tempo(up=3, hold=0, down=1)
    assert routine.exercises[0].cues == ["one", "two"]
    assert routine.exercises[0].rest_after is None

