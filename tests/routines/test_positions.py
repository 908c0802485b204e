"""Positions: a change of position (down to the mat, onto the ball, into the band) gets a
longer get-ready than the next exercise in the same position."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hamcoach import paths
from hamcoach.coaching.timeline import PhaseKind, build_timeline
from hamcoach.routines.draft import routine_draft, validate_draft
from hamcoach.routines.files import routine_to_toml
from hamcoach.routines.library import RoutineLibrary, parse_routine_text
from hamcoach.routines.models import (
    GET_READY_SECONDS,
    POSITION_CHANGE_SECONDS,
    POSITIONS,
    Routine,
    describe_errors,
)


def routine(*positions: str | None, equipment: tuple[str, ...] = ("mat",)) -> Routine:
    exercises = [{"name": f"E{i}", "hold": 10, **({"position": p} if p else {})} for i, p in enumerate(positions)]
    return Routine.model_validate({"name": "R", "equipment": list(equipment), "exercises": exercises})


def get_ready(r: Routine) -> list[int]:
    return [p.seconds for p in build_timeline(r) if p.kind is PhaseKind.GET_READY]


def test_the_numbers():
    assert (GET_READY_SECONDS, POSITION_CHANGE_SECONDS) == (5, 15)
    assert POSITIONS == ("floor", "kneeling", "ball", "band", "standing")


def test_a_new_position_gets_the_longer_get_ready_and_the_same_one_the_short():
    r = routine("floor", "floor", "kneeling", "kneeling", "ball", "band", "band", "standing")
    # The first: from standing at the keyboard down to the floor.
    assert get_ready(r) == [15, 5, 15, 5, 15, 15, 5, 15]
    assert [r.get_ready_seconds(i) for i in range(8)] == get_ready(r)


def test_starting_standing_is_no_change():
    assert get_ready(routine("standing", "standing", "floor")) == [5, 5, 15]


@pytest.mark.parametrize(("equipment", "position"), [
    ((), "standing"), (("mat",), "floor"), (("ball",), "ball"), (("band",), "band"),
    (("ball", "mat"), "floor"), (("band", "ball"), "ball"),
])
def test_without_a_position_the_equipment_decides(equipment, position):
    r = routine(None, "kneeling", None, equipment=equipment)
    assert [r.position_of(i) for i in range(3)] == [position, "kneeling", position]


def test_the_estimate_counts_the_same_get_ready_seconds():
    r = routine("floor", "kneeling", "kneeling", None, equipment=("band",))
    assert sum(p.seconds for p in build_timeline(r)) == r.estimated_seconds()


def test_an_unknown_position_is_an_error_that_names_the_choices():
    with pytest.raises(ValidationError) as caught:
        routine("sofa")
    assert describe_errors(caught.value) == [
        "exercises[0].position: must be one of floor, kneeling, ball, band, standing (got 'sofa')"]


def test_a_position_survives_the_file_and_the_editor_draft():
    r = routine("ball", None)
    text = routine_to_toml(r)
    assert 'position = "ball"' in text and text.count("position") == 1
    assert parse_routine_text(text) == r
    again, errors = validate_draft(routine_draft(r))
    assert errors == {} and again == r


def test_every_builtin_exercise_names_its_position():
    library = RoutineLibrary.load(paths.builtin_routines_dir(), paths.builtin_routines_dir() / "__no_custom__")
    builtins = [r for r in library.routines if r.source == "builtin"]
    assert builtins
    for loaded in builtins:
        assert all(ex.position is not None for ex in loaded.routine.exercises), loaded.id
    floor = next(r for r in builtins if r.id == "floor-basics").routine
    # core (floor) 15, bridge 5, held bridge 5, kneeling 15, prone (floor) 15, child's pose (kneeling) 15
    assert get_ready(floor) == [15, 5, 5, 15, 15, 15]
