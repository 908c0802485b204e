"""The editor's save plan: which id a routine is saved as, and when the user is asked."""

from __future__ import annotations

from pathlib import Path

from hamcoach.routines.draft import plan_save
from hamcoach.routines.library import RoutineLibrary, parse_routine_text


def routine_named(name: str):
    return parse_routine_text(f'name = "{name}"\n[[exercises]]\nname = "Bridge"\nreps = 5\n')


def library_with(tmp_path: Path, builtin: dict[str, str], custom: dict[str, str]) -> RoutineLibrary:
    builtin_dir, custom_dir = tmp_path / "builtin", tmp_path / "custom"
    for folder, files in ((builtin_dir, builtin), (custom_dir, custom)):
        folder.mkdir()
        for routine_id, text in files.items():
            (folder / f"{routine_id}.toml").write_text(text, encoding="utf-8")
    return RoutineLibrary.load(builtin_dir, custom_dir)


def toml(name: str) -> str:
    return f'name = "{name}"\n[[exercises]]\nname = "Bridge"\nreps = 5\n'


def test_a_saved_routine_keeps_its_id_even_when_renamed(tmp_path):
    library = library_with(tmp_path, {}, {"mine": toml("Mine")})
    plan = plan_save(routine_named("A new name"), "mine", library)
    assert (plan.routine_id, plan.clash) == ("mine", False)


def test_a_new_routine_takes_the_id_of_its_name_when_free(tmp_path):
    library = library_with(tmp_path, {"floor": toml("Floor")}, {})
    plan = plan_save(routine_named("Evening Stretch"), None, library)
    assert (plan.routine_id, plan.clash) == ("evening-stretch", False)


def test_a_clash_with_a_builtin_asks_and_never_offers_to_overwrite(tmp_path):
    library = library_with(tmp_path, {"floor": toml("Floor basics")}, {"floor-2": toml("Other")})
    plan = plan_save(routine_named("Floor"), None, library)
    assert plan.clash and plan.builtin and not plan.may_overwrite
    assert plan.routine_id == "floor"
    assert plan.other_name == "Floor basics"
    assert plan.renamed not in {"floor", "floor-2"}


def test_a_clash_with_a_routine_of_ones_own_may_overwrite_it(tmp_path):
    library = library_with(tmp_path, {}, {"mine": toml("Mine")})
    plan = plan_save(routine_named("Mine"), None, library)
    assert plan.clash and not plan.builtin and plan.may_overwrite
    assert plan.renamed != "mine"


def test_a_broken_file_of_that_id_is_the_users_and_may_be_overwritten(tmp_path):
    library = library_with(tmp_path, {}, {"mine": "not = [valid"})
    assert library.get("mine") is None  # skipped by the library
    plan = plan_save(routine_named("Mine"), None, library)
    assert plan.clash and plan.may_overwrite
    assert plan.other_name == "mine"  # no routine to name: the id stands in
