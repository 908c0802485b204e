"""The routines that ship with hamcoach: valid, complete, and worded safely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamcoach.routines.identity import exercise_key
from hamcoach.routines.ladders import read_ladders_file
from hamcoach.routines.library import LADDERS_FILE, tomllib
from hamcoach.routines.models import Routine

PROJECT_ROOT = Path(__file__).resolve().parents[2]

ROUTINES_DIR = PROJECT_ROOT / "routines"
FILES = sorted(path for path in ROUTINES_DIR.glob("*.toml") if path.name != LADDERS_FILE)
LADDERS = read_ladders_file(ROUTINES_DIR / LADDERS_FILE)

# Words that would promise medical care; matched as whole words in their usual
# forms, so "healthy" or "secure" are not flagged but "cures" or "treatment" are.
FORBIDDEN = re.compile(
    r"\b(cur(e|es|ed|ing)|treat(s|ed|ing|ment|ments)?|heal(s|ed|ing)?|fix(es|ed|ing)?)\b",
    re.IGNORECASE,
)

# Every exercise of the brief, as groups of keywords that must all appear in
# (at least) one exercise name.
REQUIRED = {
    "core set-up": ("core",),
    "hip bridge": ("hip bridge",),
    "kneeling with the pelvis dropped": ("kneel",),
    "prone double thigh lift": ("prone",),
    "ball hamstring curl": ("ball", "curl"),
    "plank on the ball": ("plank", "ball"),
    "band hamstring curl": ("band", "hamstring curl"),
    "band hip extension": ("band", "hip extension"),
    "child's pose": ("child",),
}


def _load(path: Path) -> Routine:
    with path.open("rb") as handle:
        return Routine.model_validate(tomllib.load(handle))


@pytest.fixture(scope="module")
def routines() -> dict[str, Routine]:
    return {path.stem: _load(path) for path in FILES}


def _all_exercises(routines: dict[str, Routine]):
    for routine in routines.values():
        yield from routine.exercises


def test_the_expected_routines_ship():
    ids = {path.stem for path in FILES}
    assert {"floor-basics", "ball-work", "band-work", "full-session", "desk-break", "standing-desk"} <= ids


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_routine_file_is_valid(path: Path):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem), path.stem
    routine = _load(path)
    assert routine.description
    # A short comment at the top says what the routine is for.
    assert path.read_text(encoding="utf-8").lstrip().startswith("#")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_routine_starts_with_core_and_ends_with_childs_pose(path: Path):
    """Child's pose is on the mat: a routine without one (done standing) ends with a calm
    standing hold with the pelvis dropped instead."""
    routine = _load(path)
    assert "core" in routine.exercises[0].name.lower()
    last = routine.exercises[-1]
    if "mat" in routine.equipment:
        assert "child" in last.name.lower()
    else:
        assert last.kind == "hold" and routine.position_of(len(routine.exercises) - 1) == "standing"
        assert "pelvi" in last.name.lower()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_cues_are_short_and_few(path: Path):
    for ex in _load(path).exercises:
        assert 2 <= len(ex.cues) <= 4, ex.name
        for cue in ex.cues:
            assert len(cue) <= 70, cue


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_equipment_matches_the_exercises(path: Path):
    routine = _load(path)
    for ex in routine.exercises:
        name = ex.name.lower()
        if "ball" in name:
            assert "ball" in routine.equipment, ex.name
        if "band" in name:
            assert "band" in routine.equipment, ex.name


def test_desk_break_is_short_and_needs_little(routines):
    desk = routines["desk-break"]
    assert desk.estimated_seconds() <= 600
    assert set(desk.equipment) <= {"mat"}


def test_a_routine_needs_no_equipment_at_all_and_is_done_standing(routines):
    """Issue 14: at least one built-in routine for a desk, in work clothes: no mat, no
    ball, no band, nothing on the floor, short, and no rung of a ladder (the coach would
    put a floor bridge in its place)."""
    bare = {rid: r for rid, r in routines.items() if not r.equipment}
    assert "standing-desk" in bare
    desk = bare["standing-desk"]
    assert all(desk.position_of(i) == "standing" for i in range(len(desk.exercises)))
    assert desk.estimated_seconds() <= 600
    rungs = {exercise_key(rung.name) for ladder in LADDERS for rung in ladder.rungs}
    assert not any(exercise_key(ex.name) in rungs for ex in desk.exercises)
    assert any("pelvis" in cue.lower() for ex in desk.exercises for cue in ex.cues)


def test_durations_are_sensible(routines):
    assert 20 * 60 <= routines["full-session"].estimated_seconds() <= 30 * 60
    for rid in ("floor-basics", "ball-work", "band-work"):
        assert 8 * 60 <= routines[rid].estimated_seconds() <= 18 * 60, rid


def test_every_exercise_of_the_brief_is_covered(routines):
    names = [ex.name.lower() for ex in _all_exercises(routines)]
    missing = [
        label
        for label, words in REQUIRED.items()
        if not any(all(word in name for word in words) for name in names)
    ]
    assert not missing, f"no routine has: {missing}"


def test_at_least_two_bridge_variations(routines):
    variations = {
        ex.name.lower()
        for ex in _all_exercises(routines)
        if "bridge" in ex.name.lower() and ex.name.lower() != "hip bridge"
    }
    assert len(variations) >= 2, variations


def test_band_exercises_run_per_side(routines):
    for ex in _all_exercises(routines):
        name = ex.name.lower()
        if "band" in name and ("curl" in name or "extension" in name):
            assert ex.per_side, ex.name


def test_one_routine_per_kind_of_equipment(routines):
    kits = [set(r.equipment) for r in routines.values()]
    assert {"mat"} in kits, "no mat-only floor routine"
    assert any("ball" in kit and "band" not in kit for kit in kits), "no ball routine"
    assert any("band" in kit and "ball" not in kit for kit in kits), "no band routine"
    assert {"mat", "ball", "band"} in kits, "no routine combining floor, ball and band"


def test_pelvis_cue_where_it_applies(routines):
    checked = 0
    for ex in _all_exercises(routines):
        name = ex.name.lower()
        if any(word in name for word in ("bridge", "kneel", "prone")):
            checked += 1
            assert any("pelvis" in cue.lower() for cue in ex.cues), ex.name
    assert checked


def test_no_medical_promises(routines):
    for rid, routine in routines.items():
        texts = [routine.description] + [cue for ex in routine.exercises for cue in ex.cues]
        for text in texts:
            assert not FORBIDDEN.search(text), f"{rid}: {text!r}"


def test_forbidden_pattern_catches_promises():
    assert FORBIDDEN.search("This cures back pain")
    assert FORBIDDEN.search("a treatment for the back")
    assert FORBIDDEN.search("Fixes your posture")
    assert FORBIDDEN.search("helps it heal")
    assert not FORBIDDEN.search("for a healthy low back, secure footing")


# --- the ladders that ship beside the routines ---------------------------------------


def test_the_ladders_file_is_commented_and_not_a_routine():
    text = (ROUTINES_DIR / LADDERS_FILE).read_text(encoding="utf-8")
    assert text.lstrip().startswith("#")
    with pytest.raises(Exception):
        Routine.model_validate(tomllib.loads(text))


def test_a_bridge_ladder_from_the_hip_bridge_and_a_ball_ladder():
    by_name = {ladder.name: [rung.name for rung in ladder.rungs] for ladder in LADDERS}
    bridge = next(rungs for name, rungs in by_name.items() if "bridge" in name.lower())
    assert bridge[0] == "Hip bridge" and len(bridge) >= 3
    assert any("single-leg" in rung.lower() for rung in bridge[1:])
    ball = next(rungs for rungs in by_name.values() if any("ball" in rung.lower() for rung in rungs))
    assert any("curl" in rung.lower() for rung in ball) and len(ball) >= 3


def test_every_rung_is_complete_and_worded_safely():
    for ladder in LADDERS:
        assert ladder.description and not FORBIDDEN.search(ladder.description)
        for rung in ladder.rungs:
            assert 2 <= len(rung.cues) <= 4, rung.name
            for cue in rung.cues:
                assert len(cue) <= 75 and not FORBIDDEN.search(cue), cue
            assert rung.equipment, rung.name
            if "ball" in rung.name.lower():
                assert "ball" in rung.equipment, rung.name
            if "bridge" in rung.name.lower() or "curl" in rung.name.lower():
                assert rung.tempo is not None, rung.name
        # A ladder's rungs need the same equipment, so a rung can stand in for any other.
        assert len({tuple(sorted(rung.equipment)) for rung in ladder.rungs}) == 1, ladder.name
        # The hardest rung is one leg at a time.
        assert ladder.rungs[-1].per_side, ladder.name


def test_no_routine_names_two_rungs_of_one_ladder(routines):
    # Every rung runs as the user's current one: two in a routine would run the same exercise twice.
    home = {exercise_key(rung.name): ladder.name for ladder in LADDERS for rung in ladder.rungs}
    for rid, routine in routines.items():
        ladders = [home[exercise_key(ex.name)] for ex in routine.exercises if exercise_key(ex.name) in home]
        assert len(ladders) == len(set(ladders)), rid


def test_routine_rungs_match_the_ladder_at_level_0(routines):
    # A routine that names a rung runs it as written until the coach moves it: the ladder's
    # default for that rung is what the routine has, so stepping onto it feels the same.
    rungs = {exercise_key(rung.name): rung for ladder in LADDERS for rung in ladder.rungs}
    for routine in routines.values():
        for ex in routine.exercises:
            rung = rungs.get(exercise_key(ex.name))
            if rung is not None:
                assert (ex.kind, ex.per_side) == (rung.kind, rung.per_side), ex.name
