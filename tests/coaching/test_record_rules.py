"""Issue 10, findings 1-8: the engine records what happened, and nothing else.

Each test names the finding it pins. Everything runs on the fake clock.
"""

from __future__ import annotations

import pytest
from support.clock import FakeClock
from support.engine import T0, at, builtin, c, record, small, started

from hamcoach.coaching.engine import CueKind, Engine, PhaseKind
from hamcoach.routines.models import Routine

GO, TICK, SET_DONE, REST_OVER = CueKind.GO, CueKind.TICK, CueKind.SET_DONE, CueKind.REST_OVER


def holds_and_reps() -> Routine:
    """3 x 60 s holds, then 3 x 10 reps: the stalled routine of finding 3."""
    return Routine.model_validate({"name": "Stall", "exercises": [
        {"name": "Plank", "sets": 3, "hold": 60, "rest": 30, "rest_after": 30},
        {"name": "Curl", "sets": 3, "reps": 10, "tempo": {"up": 1, "hold": 0, "down": 1}, "rest": 30},
    ]})


def one_hold(seconds: int = 30, sets: int = 2, rest: int = 30) -> Routine:
    return Routine.model_validate({"name": "Hold", "exercises": [
        {"name": "Wall sit", "sets": sets, "hold": seconds, "rest": rest},
    ]})


# --- 1. skipping through is not a completed session -------------------------------------------------


def test_finding_1_skipping_through_the_desk_break_saves_partial_with_every_set_skipped():
    engine, clock = started(builtin("desk-break"))
    presses = 0
    while not engine.finished and presses < 100:
        clock.advance(0.4)
        engine.tick()
        engine.skip()
        presses += 1
    assert engine.finished
    records = engine.set_records()
    assert len(records) == 9
    assert all(r.achieved == 0 and r.skipped for r in records)
    assert engine.status == "partial"


def test_finding_1_a_set_counts_as_worked_only_when_something_was_achieved():
    engine, clock = started(small())
    at(engine, clock, 5.5)  # half a second into the first hold: not a whole second held
    engine.skip()
    assert record(engine, 0, 1).achieved == 0 and record(engine, 0, 1).skipped


def test_finding_1_completed_needs_the_end_and_half_of_the_sets_worked():
    # Small has four set records: two holds, one per-side set of reps (left and right).
    engine, clock = started(small())
    at(engine, clock, 25)  # hold set 1 done
    engine.skip()  # out of the rest
    at(engine, clock, 26)
    engine.skip_exercise()  # hold set 2: nothing held (still in its count-in)
    engine.skip_exercise()  # reps: left out
    assert engine.finished and engine.status == "partial"  # 1 of 4 worked

    engine, clock = started(small())
    at(engine, clock, 50)  # both holds done
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.finished and engine.status == "completed"  # 2 of 4 worked: half


# --- 3. a stall is not work -------------------------------------------------------------------------


def test_finding_3_a_stall_pauses_where_the_engine_was_last_seen_and_credits_nothing():
    engine, clock = started(holds_and_reps())
    at(engine, clock, 15)  # 10 s into the first 60 s hold
    clock.advance(600)  # the process was stopped
    cues = engine.tick()
    assert cues == []  # not one cue for the ten minutes nobody saw
    assert engine.paused and engine.index == 1
    assert engine.remaining() == pytest.approx(50)
    assert engine.interrupted == pytest.approx(600)
    snap = engine.snapshot()
    assert snap.paused and snap.interrupted == pytest.approx(600)
    assert [r.achieved for r in engine.set_records()] == [10, 0, 0, 0, 0, 0]  # the hold so far
    engine.end()
    assert [r.achieved for r in engine.set_records()] == [10, 0, 0, 0, 0, 0]
    assert engine.status == "partial"


def test_finding_3_resume_after_a_stall_goes_on_from_the_point_last_seen():
    engine, clock = started(holds_and_reps())
    at(engine, clock, 15)
    clock.advance(600)
    engine.tick()
    assert engine.resume() == [c(TICK, 615, 3)]
    assert engine.interrupted is None and engine.interrupted_seconds == pytest.approx(600)
    assert at(engine, clock, 618)[-1] == c(GO, 618)
    assert engine.remaining() == pytest.approx(50)


def test_finding_3_gaps_up_to_five_seconds_are_ordinary_late_ticks():
    engine, clock = started(holds_and_reps())
    at(engine, clock, 3)
    clock.advance(5)  # late, but no stall: the GO at 5 is delivered in its place
    assert engine.tick()[-1] == c(GO, 5)
    assert not engine.paused and engine.interrupted is None


def test_finding_3_a_stall_seen_by_a_control_is_a_stall_too():
    engine, clock = started(one_hold(60))
    at(engine, clock, 20)  # 15 s held
    clock.advance(100)
    engine.skip()
    assert record(engine, 0, 1).achieved == 15  # not 60


# --- 4. back never loses work, and goes back one side at a time ---------------------------------------


def test_finding_4_a_set_redone_with_back_keeps_the_better_attempt():
    engine, clock = started(one_hold(30))
    at(engine, clock, 36)  # set 1 held 30/30, now resting
    assert record(engine, 0, 1).achieved == 30
    engine.back()  # redo set 1: count-in 36-39, hold from 39
    at(engine, clock, 48)  # 9 s into the redo
    engine.end()
    assert record(engine, 0, 1).achieved == 30


def test_finding_4_back_during_the_right_side_restarts_the_right_side():
    engine, clock = started(small())
    at(engine, clock, 73)  # 3 s into the right side
    engine.back()
    assert engine.phase.side == "right" and engine.phase.rep == 1
    assert record(engine, 1, 1, "left").achieved == 2  # the left side is kept
    assert record(engine, 1, 1, "right").achieved == 1  # and so is the right side's first rep


def test_finding_4_back_within_three_seconds_of_the_right_side_goes_to_the_left_side():
    engine, clock = started(small())
    at(engine, clock, 71.5)
    engine.back()
    assert engine.phase.side == "left" and engine.phase.set_number == 1
    assert record(engine, 1, 1, "left").achieved == 2


def test_finding_4_back_during_a_hold_credits_what_was_held_until_the_redo_does_better():
    engine, clock = started(one_hold(30))
    at(engine, clock, 17)  # 12 s into set 1
    engine.back()
    assert record(engine, 0, 1).achieved == 12
    at(engine, clock, 20 + 30)  # count-in 17-20, then the whole hold
    assert record(engine, 0, 1).achieved == 30


# --- 5. more rest belongs to its rest -----------------------------------------------------------------


def test_finding_5_more_rest_does_not_outlive_its_rest():
    engine, clock = started(one_hold(20, sets=2, rest=30))
    at(engine, clock, 26)  # resting after set 1 (rest 25-55)
    assert engine.more_rest() and engine.more_rest()
    engine.back()  # redo set 1
    assert engine.phase.kind is PhaseKind.HOLD
    assert engine.next_up() == "Rest 30 s"
    at(engine, clock, 26 + 3 + 20)  # count-in, the hold again
    assert engine.phase.kind is PhaseKind.REST
    assert engine.remaining() == pytest.approx(30)


# --- 6. controls while paused, and the count-in after a skip -------------------------------------------


def test_finding_6_skip_while_paused_stays_paused():
    engine, clock = started(small())
    at(engine, clock, 12)
    engine.pause()
    clock.advance(30)
    engine.skip()
    assert engine.paused and engine.phase.kind is PhaseKind.REST and engine.remaining() == 5
    assert record(engine, 0, 1).achieved == 7


@pytest.mark.parametrize("control", ["back", "skip_exercise"])
def test_finding_6_back_and_next_exercise_while_paused_stay_paused(control):
    engine, clock = started(small())
    at(engine, clock, 40)
    engine.pause()
    clock.advance(20)
    getattr(engine, control)()
    assert engine.paused
    assert engine.next_wakeup() is None


def test_finding_6_skipping_a_rest_counts_in_before_the_work():
    engine, clock = started(small())
    at(engine, clock, 26.5)
    assert engine.skip() == [c(REST_OVER, 26.5), c(TICK, 26.5, 3)]
    assert engine.snapshot().resuming and engine.phase.kind is PhaseKind.HOLD
    assert at(engine, clock, 29.5) == [c(TICK, 27.5, 2), c(TICK, 28.5, 1), c(GO, 29.5)]
    assert engine.remaining() == 20


def test_finding_6_skipping_a_get_ready_counts_in_too():
    engine, clock = started(small())
    at(engine, clock, 1)
    assert engine.skip() == [c(TICK, 1, 3)]
    assert engine.snapshot().resuming
    assert at(engine, clock, 4) == [c(TICK, 2, 2), c(TICK, 3, 1), c(GO, 4)]


# --- 7 and 8. resume: where it goes on, and with which plan --------------------------------------------


def _checkpoint(engine: Engine):
    return engine.set_records(), engine.resume_point()


def test_finding_7_resume_after_next_exercise_does_not_go_back_to_the_skipped_exercise():
    engine, clock = started(small())
    at(engine, clock, 12)  # 7 s into hold set 1
    engine.skip_exercise()  # on to the reps' get ready
    records, point = _checkpoint(engine)
    assert point == (1, 1, "left")
    again = Engine(small(), FakeClock(T0))
    again.start_from(records, point)
    assert again.phase.exercise_index == 1
    assert again.phase.kind is PhaseKind.GET_READY
    assert [r.achieved for r in again.set_records()] == [7, 0, 0, 0]


def test_finding_7_resume_goes_on_with_the_right_side_when_the_left_was_skipped_part_way():
    engine, clock = started(small())
    at(engine, clock, 62.5)  # rep 1 of the left side done
    engine.skip()  # to switch sides
    records, point = _checkpoint(engine)
    assert point == (1, 1, "right")
    again = Engine(small(), FakeClock(T0))
    again.start_from(records, point)
    assert again.phase.side == "right"
    assert record(again, 1, 1, "left").achieved == 1


def test_finding_7_resume_mid_set_redoes_that_set_and_keeps_what_it_had():
    engine, clock = started(small())
    at(engine, clock, 40)  # 10 s into hold set 2
    records, point = _checkpoint(engine)
    assert point == (0, 2, None) and records[1].achieved == 10  # the hold under way is recorded
    clock2 = FakeClock(T0)
    again = Engine(small(), clock2)
    again.start_from(records, point)
    assert again.phase.set_number == 2 and again.snapshot().resuming
    assert record(again, 0, 2).achieved == 10
