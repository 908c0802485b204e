"""What the voice says at each cue, and a session's whole plan of sounds: pure functions."""

from __future__ import annotations

import pytest

from hamcoach import paths
from hamcoach.coaching.timeline import Cue, CueKind, PhaseKind, build_timeline
from hamcoach.routines.library import RoutineLibrary
from hamcoach.routines.models import Routine
from hamcoach.sound.phrases import Moment, moment, phrase, session_phrases, session_plan


def small() -> Routine:
    """0 GR | 1 HOLD s1 | 2 REST 12 s | 3 HOLD s2 | 4 REST(after) 4 s | 5 GR | 6-11 reps left |
    12 SWITCH | 13-18 reps right | 19 DONE"""
    return Routine.model_validate({"name": "Small", "exercises": [
        {"name": "Side plank", "sets": 2, "hold": 20, "rest": 12, "rest_after": 4},
        {"name": "Hip bridge", "reps": 2, "tempo": {"up": 1, "hold": 1, "down": 1}, "per_side": True},
    ]})


ROUTINE = small()
TIMELINE = build_timeline(ROUTINE)


def say(kind: CueKind, index: int | None, count: int | None = None) -> str | None:
    return phrase(Cue(kind, 0.0, count, phase=index), TIMELINE, ROUTINE)


def test_the_timeline_is_the_one_the_tests_assume() -> None:
    kinds = [p.kind for p in TIMELINE]
    assert kinds[:6] == [PhaseKind.GET_READY, PhaseKind.HOLD, PhaseKind.REST, PhaseKind.HOLD, PhaseKind.REST,
                         PhaseKind.GET_READY]
    assert kinds[12] is PhaseKind.SWITCH_SIDES and kinds[-1] is PhaseKind.DONE


def test_get_ready_names_the_exercise_the_set_and_the_side() -> None:
    assert say(CueKind.READY, 0) == "Side plank, set 1 of 2"
    assert say(CueKind.READY, 5) == "Hip bridge, left side"  # one set: no "set 1 of 1"


def test_a_rest_says_how_long_and_later_what_comes_next() -> None:
    assert say(CueKind.SET_DONE, 2) == "Rest, 12 seconds"
    assert say(CueKind.NEXT_UP, 2) == "Next: Side plank, set 2 of 2"
    assert say(CueKind.NEXT_UP, 4) == "Next: Hip bridge, left side"  # through the get-ready
    assert say(CueKind.SET_DONE, 5) is None  # into a get-ready: its announcement speaks
    assert say(CueKind.REST_OVER, 3) is None


def test_reps_are_counted_at_the_start_of_each_rep() -> None:
    assert say(CueKind.GO, 6) == "1"  # the first lift of the set
    assert say(CueKind.REP_PHASE, 7) is None  # its hold: a tone
    assert say(CueKind.REP_PHASE, 8) is None  # its lowering: a tone
    assert say(CueKind.REP_PHASE, 9) == "2"
    assert say(CueKind.GO, 1) == "Go"  # a hold starts with "go"
    assert say(CueKind.GO, 8) == "Go"  # a resume in the middle of a rep


def test_countdown_halfway_switch_and_complete() -> None:
    assert [say(CueKind.COUNTDOWN, 1, n) for n in (3, 2, 1)] == ["3", "2", "1"]
    assert say(CueKind.TICK, 0, 3) is None  # the get-ready 3-2-1 stays a tone
    assert say(CueKind.HALFWAY, 1) == "Halfway"
    assert say(CueKind.SWITCH_SIDES, 12) == "Switch sides, right side"
    assert say(CueKind.SWITCH_SIDES, None) == "Switch sides"
    assert say(CueKind.COMPLETE, 19) == "Session complete"


def test_a_cue_without_its_phase_says_only_what_needs_none() -> None:
    assert say(CueKind.READY, None) is None
    assert say(CueKind.GO, None) is None
    assert say(CueKind.GO, 999) is None
    assert say(CueKind.HALFWAY, None) == "Halfway"


def test_a_moment_has_the_most_important_tone_and_phrase() -> None:
    done_into_rest = moment([Cue(CueKind.SET_DONE, 25.0, phase=2)], TIMELINE, ROUTINE)
    assert done_into_rest == Moment(25.0, "set_done", "Rest, 12 seconds")
    into_get_ready = moment([Cue(CueKind.REST_OVER, 54.0, phase=5), Cue(CueKind.READY, 54.0, phase=5)],
                            TIMELINE, ROUTINE)
    assert into_get_ready == Moment(54.0, "rest_over", "Hip bridge, left side")
    at_the_end = moment([Cue(CueKind.SET_DONE, 76.0, phase=19), Cue(CueKind.COMPLETE, 76.0, phase=19)],
                        TIMELINE, ROUTINE)
    assert at_the_end == Moment(76.0, "complete", "Session complete", must_play=True)
    tick = moment([Cue(CueKind.TICK, 2.0, 3, phase=0)], TIMELINE, ROUTINE)
    assert tick == Moment(2.0, "tick", None)
    assert moment([], TIMELINE, ROUTINE) is None


def test_voice_only_moments_have_no_tone() -> None:
    start = moment([Cue(CueKind.READY, 0.0, phase=0)], TIMELINE, ROUTINE)
    assert start == Moment(0.0, None, "Side plank, set 1 of 2")
    assert start.sound(voice=False) is None and start.sound(voice=True) == "Side plank, set 1 of 2"
    assert moment([Cue(CueKind.READY, 0.0)], TIMELINE, ROUTINE) is None  # nothing to say or play


def test_switch_sides_is_a_must_play() -> None:
    found = moment([Cue(CueKind.SWITCH_SIDES, 65.0, phase=12)], TIMELINE, ROUTINE)
    assert found is not None and found.must_play and found.tone == "switch_sides"


def test_the_whole_plan_of_a_small_routine() -> None:
    plan = [(p.offset, p.moment.sound(voice=True)) for p in session_plan(ROUTINE)]
    assert plan == [
        (0, "Side plank, set 1 of 2"), (2, "tick"), (3, "tick"), (4, "tick"),
        (5, "Go"), (15, "Halfway"), (22, "3"), (23, "2"), (24, "1"),
        (25, "Rest, 12 seconds"), (28, "Next: Side plank, set 2 of 2"), (34, "3"), (35, "2"), (36, "1"),
        (37, "Go"), (47, "Halfway"), (54, "3"), (55, "2"), (56, "1"),
        (57, "Rest, 4 seconds"), (58, "3"), (59, "2"), (60, "1"),  # no room to say what is next
        (61, "Hip bridge, left side"), (63, "tick"), (64, "tick"), (65, "tick"),
        (66, "1"), (67, "rep_phase"), (68, "rep_phase"), (69, "2"), (70, "rep_phase"), (71, "rep_phase"),
        (72, "Switch sides, right side"), (74, "tick"), (75, "tick"), (76, "tick"),
        (77, "1"), (78, "rep_phase"), (79, "rep_phase"), (80, "2"), (81, "rep_phase"), (82, "rep_phase"),
        (83, "Session complete"),
    ]
    assert ROUTINE.estimated_seconds() == 83


def test_with_the_voice_off_the_plan_plays_the_tones_it_always_did() -> None:
    tones = [p.moment.sound(voice=False) for p in session_plan(ROUTINE)]
    assert tones[0] is None  # the start makes no sound without the voice, as before
    assert tones[1:10] == ["tick", "tick", "tick", "go", "halfway", "countdown", "countdown", "countdown",
                           "set_done"]
    assert tones[-1] == "complete"


def test_session_phrases_each_once_in_the_order_needed() -> None:
    phrases = session_phrases(ROUTINE)
    assert phrases[:3] == ["Side plank, set 1 of 2", "Go", "Halfway"]
    assert len(phrases) == len(set(phrases))
    assert "Session complete" in phrases and "Switch sides, right side" in phrases
    assert {p.moment.speech for p in session_plan(ROUTINE)} - {None} <= set(phrases)


def test_session_phrases_always_include_go_for_a_resume() -> None:
    reps_only = Routine.model_validate({"name": "R", "exercises": [{"name": "Curl", "reps": 2}]})
    assert "Go" in session_phrases(reps_only)


@pytest.mark.parametrize("routine_id", ["floor-basics", "desk-break", "full-session", "ball-work", "band-work"])
def test_every_builtin_routine_has_a_phrase_for_each_get_ready_and_rest(routine_id: str) -> None:
    library = RoutineLibrary.load(paths.builtin_routines_dir(), paths.builtin_routines_dir() / "__none__")
    found = library.get(routine_id)
    assert found is not None
    routine = found.routine
    plan = session_plan(routine)
    spoken = [p.moment.speech for p in plan]
    assert sum(1 for s in spoken if s and s.startswith("Rest, ")) == sum(
        1 for p in build_timeline(routine) if p.kind is PhaseKind.REST)
    assert spoken[0] is not None and spoken[0].startswith(routine.exercises[0].name)
    assert spoken[-1] == "Session complete"
