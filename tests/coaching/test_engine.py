"""The engine on a fake clock: phases, cues, controls and records, with no real waiting."""

from __future__ import annotations

import itertools

import pytest
from support.clock import FakeClock
from support.engine import (
    COMPLETE,
    COUNT,
    GO,
    HALF,
    REP,
    REST_OVER,
    SET_DONE,
    SMALL_CUES,
    SWITCH,
    T0,
    TICK,
    VoicelessEngine,
    achieved,
    at,
    builtin,
    c,
    record,
    reps_routine,
    run,
    small,
    started,
    walk,
)

from hamcoach.coaching.engine import Cue, Engine, PhaseKind
from hamcoach.coaching.timeline import build_timeline
from hamcoach.routines.models import Routine

# --- whole runs ---------------------------------------------------------------------------


def test_small_routine_gives_the_exact_cue_list():
    engine, clock = started(small())
    cues, visited = run(engine, clock, [1.0])
    assert cues == SMALL_CUES
    assert visited == list(range(len(engine.timeline)))
    assert engine.status == "completed" and engine.completed and engine.finished


@pytest.mark.parametrize("steps", [[0.3, 1.7, 5.0], [0.1], [0.7, 0.01, 2.9], [10_000.0], [3.3, 250.0]])
def test_cues_do_not_depend_on_how_often_tick_is_called(steps):
    engine, clock = started(small(), stall_seconds=None)
    cues, _ = run(engine, clock, steps)
    assert cues == SMALL_CUES


def test_one_giant_jump_delivers_every_cue_at_its_own_time():
    # With stall detection off: the catch-up arithmetic a late tick (up to 5 s) relies on.
    engine, clock = started(small(), stall_seconds=None)
    assert at(engine, clock, 10.5) == [c(TICK, 2, 3), c(TICK, 3, 2), c(TICK, 4, 1), c(GO, 5)]
    clock.advance(1_000_000)
    assert engine.tick() == SMALL_CUES[4:]
    assert engine.phase.kind is PhaseKind.DONE
    assert engine.tick() == []


def test_desk_break_visits_every_phase_of_its_timeline_in_order():
    routine = builtin("desk-break")
    engine, clock = started(routine)
    _, visited = run(engine, clock, [0.3])
    assert [engine.timeline[i] for i in visited] == build_timeline(routine)


def test_driving_by_next_wakeup_visits_every_phase_and_every_cue():
    routine = builtin("desk-break")
    reference, _ = run(*started(routine), [0.3])
    engine, clock = started(routine)
    cues, visited = [], [0]
    while not engine.finished:
        wake = engine.next_wakeup()
        assert wake is not None and wake > clock.now
        clock.set(wake)
        cues += engine.tick()
        if engine.index != visited[-1]:
            visited.append(engine.index)
    assert visited == list(range(len(engine.timeline)))
    assert cues == reference


def test_desk_break_on_irregular_steps_does_not_drift():
    routine = builtin("desk-break")
    reference, _ = run(*started(routine), [1.0])
    for steps in ([0.3, 1.7, 5.0], [0.3, 1.7, 5.0, 0.9, 333.0], [0.1]):
        engine, clock = started(routine, stall_seconds=None)
        cues, _ = run(engine, clock, steps)
        assert cues == reference
        assert cues[-1] == Cue(COMPLETE, T0 + routine.estimated_seconds())
        assert engine.total_seconds() == routine.estimated_seconds()


@pytest.mark.parametrize("origin", [0.0, 0.1, 12345.678])
def test_long_session_lands_exactly_on_the_planned_total(origin):
    routine = builtin("full-session")
    engine, clock = started(routine, at=origin, stall_seconds=None)
    cues, _ = run(engine, clock, [0.3, 1.7, 5.0, 0.05])
    assert cues[-1] == Cue(COMPLETE, origin + routine.estimated_seconds())
    # every phase starts exactly where the previous ones' seconds put it
    starts = {origin + s for s in itertools.accumulate((p.seconds for p in engine.timeline), initial=0)}
    assert {cue.at for cue in cues if cue.kind in (GO, SET_DONE, REST_OVER, SWITCH)} <= starts


def test_desk_break_cue_counts():
    routine = builtin("desk-break")
    cues, _ = run(*started(routine), [0.7])
    count = lambda kind: sum(1 for cue in cues if cue.kind is kind)  # noqa: E731
    exs = routine.exercises
    set_sides = sum(ex.sets * len(ex.sides) for ex in exs)
    timeline = build_timeline(routine)
    rep_phases = sum(1 for p in timeline if p.kind in (PhaseKind.LIFT, PhaseKind.REP_HOLD, PhaseKind.LOWER))
    rep_blocks = sum(ex.sets * len(ex.sides) for ex in exs if ex.kind == "reps")
    rests = [p for p in timeline if p.kind is PhaseKind.REST]
    holds = [p for p in timeline if p.kind is PhaseKind.HOLD]
    switches = sum(ex.sets for ex in exs if ex.per_side)
    assert count(GO) == set_sides
    assert count(SET_DONE) == sum(ex.sets for ex in exs)
    assert count(SWITCH) == switches
    assert count(REP) == rep_phases - rep_blocks
    assert count(HALF) == sum(1 for p in holds if p.seconds >= 20)
    assert count(COUNT) == 3 * sum(1 for p in holds + rests if p.seconds > 3)
    assert count(TICK) == 3 * (len(exs) + switches)
    assert count(REST_OVER) == len(rests)
    assert count(COMPLETE) == 1
    assert all(cue.count in (1, 2, 3) for cue in cues if cue.kind in (TICK, COUNT))
    assert [cue.at for cue in cues] == sorted(cue.at for cue in cues)


def test_desk_break_records_when_completed():
    routine = builtin("desk-break")
    engine, clock = started(routine)
    run(engine, clock, [0.3, 1.7, 5.0])
    records = engine.set_records()
    assert len(records) == sum(ex.sets * len(ex.sides) for ex in routine.exercises)
    assert all(r.achieved == r.target and not r.skipped for r in records)
    assert [(r.exercise, r.set, r.side, r.kind, r.target) for r in records][:4] == [
        ("Core set-up", 1, None, "hold", 20), ("Core set-up", 2, None, "hold", 20),
        ("Standing hip extension", 1, "left", "reps", 10), ("Standing hip extension", 1, "right", "reps", 10)]
    assert engine.status == "completed"


def test_small_records_when_completed():
    engine, clock = started(small())
    run(engine, clock, [0.3, 1.7, 5.0])
    assert achieved(engine) == [(0, 1, None, 20, False), (0, 2, None, 20, False),
                                (1, 1, "left", 2, False), (1, 1, "right", 2, False)]


def test_before_start_nothing_runs():
    clock = FakeClock(T0)
    engine = Engine(small(), clock)
    clock.advance(100)
    assert engine.tick() == []
    assert engine.next_wakeup() is None
    assert engine.more_rest() is False
    assert engine.skip() == [] and engine.index == 0
    assert not engine.started
    assert all(r.skipped and r.achieved == 0 for r in engine.set_records())


# --- time left ------------------------------------------------------------------------------


def test_remaining_comes_from_the_deadline_not_from_ticks():
    engine, clock = started(small())
    assert engine.remaining() == 5.0
    clock.advance(0.3)
    assert engine.remaining() == pytest.approx(4.7)  # no tick needed
    at(engine, clock, 21.25)
    assert engine.phase.kind is PhaseKind.HOLD
    assert engine.remaining() == pytest.approx(25 - 21.25)
    clock.advance(5)  # a late tick: the phase change in between is accounted for, not stretched
    engine.tick()
    assert engine.index == 2 and engine.remaining() == pytest.approx(30 - 26.25)


def test_reps_count_when_their_last_phase_completes():
    engine, clock = started(small())
    at(engine, clock, 61.5)  # lowering rep 1, left
    assert record(engine, 1, 1, "left").achieved == 0
    at(engine, clock, 62.0)
    assert record(engine, 1, 1, "left").achieved == 1
    at(engine, clock, 64.99)
    assert record(engine, 1, 1, "left").achieved == 1
    at(engine, clock, 65.0)
    assert record(engine, 1, 1, "left").achieved == 2


# --- pause and resume -----------------------------------------------------------------------------


def test_pause_freezes_time():
    engine, clock = started(small())
    at(engine, clock, 10)
    assert engine.pause() == []
    assert engine.paused and engine.remaining() == 15
    clock.advance(100)
    assert engine.tick() == []
    assert engine.index == 1 and engine.remaining() == 15
    assert engine.next_wakeup() is None
    snap = engine.snapshot()
    assert snap.paused and not snap.resuming and snap.remaining == 15 and snap.words == "HOLD"
    assert snap.phase_progress == pytest.approx(0.25)


def test_pause_exactly_at_a_deadline_pauses_the_next_phase():
    engine, clock = started(small())
    at(engine, clock, 20)
    clock.set(T0 + 25)
    assert engine.pause() == [c(COUNT, 22, 3), c(COUNT, 23, 2), c(COUNT, 24, 1), c(SET_DONE, 25)]
    assert engine.phase.kind is PhaseKind.REST and engine.remaining() == 5
    assert record(engine, 0, 1).achieved == 20


def test_resume_counts_three_two_one_then_go_and_keeps_the_time_left():
    engine, clock = started(small())
    at(engine, clock, 10)
    engine.pause()
    clock.set(T0 + 110)
    assert engine.resume() == [c(TICK, 110, 3)]
    assert not engine.paused and engine.remaining() == 3.0
    snap = engine.snapshot()
    assert snap.resuming and snap.words == "GET READY" and snap.remaining == 3.0
    assert at(engine, clock, 110.5) == []
    assert at(engine, clock, 111) == [c(TICK, 111, 2)]
    assert at(engine, clock, 112) == [c(TICK, 112, 1)]
    assert engine.remaining() == 1.0 and engine.index == 1
    assert at(engine, clock, 113) == [c(GO, 113)]
    assert engine.remaining() == 15.0 and not engine.snapshot().resuming
    # the rest of the hold keeps its cues, shifted by the pause and the count
    assert at(engine, clock, 128) == [c(HALF, 118), c(COUNT, 125, 3), c(COUNT, 126, 2), c(COUNT, 127, 1),
                                      c(SET_DONE, 128)]
    cues, _ = run(engine, clock, [1.0])
    assert cues[-1] == c(COMPLETE, 76 + 103)
    assert record(engine, 0, 1).achieved == 20


def test_a_late_tick_after_resume_delivers_the_whole_count():
    engine, clock = started(small())
    at(engine, clock, 10)
    engine.pause()
    clock.set(T0 + 50)
    engine.resume()
    assert at(engine, clock, 60) == [c(TICK, 51, 2), c(TICK, 52, 1), c(GO, 53), c(HALF, 58)]
    assert engine.remaining() == pytest.approx(8.0)  # 15 left from 53, now 60


def test_pause_during_the_resume_count_restarts_the_count():
    engine, clock = started(small())
    at(engine, clock, 10)
    engine.pause()
    clock.set(T0 + 20)
    engine.resume()
    at(engine, clock, 21.5)
    assert engine.pause() == []
    assert engine.remaining() == 15  # still the hold's time, not the count's
    clock.set(T0 + 40)
    assert engine.resume() == [c(TICK, 40, 3)]
    assert at(engine, clock, 43) == [c(TICK, 41, 2), c(TICK, 42, 1), c(GO, 43)]
    assert engine.remaining() == 15


def test_resume_during_rest_has_no_go():
    engine, clock = started(small())
    at(engine, clock, 26)
    engine.pause()
    clock.set(T0 + 36)
    assert engine.resume() == [c(TICK, 36, 3)]
    assert at(engine, clock, 39) == [c(TICK, 37, 2), c(TICK, 38, 1)]
    assert engine.phase.kind is PhaseKind.REST and engine.remaining() == 4.0
    assert at(engine, clock, 43) == [c(COUNT, 40, 3), c(COUNT, 41, 2), c(COUNT, 42, 1), c(REST_OVER, 43), c(GO, 43)]


def test_toggle_pause_alternates():
    engine, clock = started(small())
    at(engine, clock, 7)
    engine.toggle_pause()
    assert engine.paused
    clock.advance(5)
    assert engine.toggle_pause() == [c(TICK, 12, 3)]
    assert not engine.paused and engine.snapshot().resuming


def test_pause_and_resume_are_no_ops_when_not_running():
    engine, clock = started(small())
    assert engine.resume() == [] and not engine.snapshot().resuming
    run(engine, clock, [1.0])
    assert engine.pause() == [] and not engine.paused


# --- skip -----------------------------------------------------------------------------------


def test_skipping_a_hold_credits_the_seconds_held():
    engine, clock = started(small())
    at(engine, clock, 12)  # 7 s into the first hold
    assert engine.skip() == [c(SET_DONE, 12)]
    assert engine.phase.kind is PhaseKind.REST and engine.index == 2
    assert engine.remaining() == 5.0
    assert record(engine, 0, 1).achieved == 7 and not record(engine, 0, 1).skipped
    assert at(engine, clock, 17) == [c(COUNT, 14, 3), c(COUNT, 15, 2), c(COUNT, 16, 1), c(REST_OVER, 17), c(GO, 17)]


def test_skipping_a_hold_with_an_odd_clock_still_credits_whole_seconds():
    engine, clock = started(small(), at=0.1)
    for _ in range(12):
        clock.advance(1.0)
        engine.tick()
    engine.skip()
    assert record(engine, 0, 1).achieved == 7


def test_skip_during_rest_starts_the_next_set_after_a_count_in():
    engine, clock = started(small())
    at(engine, clock, 26.5)
    assert engine.skip() == [c(REST_OVER, 26.5), c(TICK, 26.5, 3)]
    assert engine.index == 3 and engine.remaining() == 3
    assert at(engine, clock, 29.5)[-1] == c(GO, 29.5)
    assert engine.remaining() == 20
    assert at(engine, clock, 39.5) == [c(HALF, 39.5)]


def test_skip_during_reps_leaves_the_set_and_credits_only_finished_reps():
    engine, clock = started(reps_routine())
    at(engine, clock, 9.5)  # 4.5 s into the set: rep 2's hold
    assert engine.phase.rep == 2 and engine.phase.kind is PhaseKind.REP_HOLD
    assert engine.skip() == [c(SET_DONE, 9.5)]
    assert engine.phase.kind is PhaseKind.REST
    assert record(engine, 0, 1).achieved == 1
    assert record(engine, 0, 2).skipped  # set 2 has not started
    cues, _ = run(engine, clock, [1.0])
    assert cues[-1] == c(COMPLETE, 9.5 + 10 + 9)
    assert achieved(engine) == [(0, 1, None, 1, False), (0, 2, None, 3, False)]


def test_skip_on_the_left_side_goes_to_switch_sides():
    engine, clock = started(small())
    at(engine, clock, 60.5)
    assert engine.skip() == [c(SWITCH, 60.5)]
    assert engine.phase.kind is PhaseKind.SWITCH_SIDES
    run(engine, clock, [1.0])
    assert record(engine, 1, 1, "left").achieved == 0
    assert record(engine, 1, 1, "right").achieved == 2


def test_skip_get_ready_and_switch_sides_start_the_work_after_a_count_in():
    engine, clock = started(small())
    at(engine, clock, 1)
    assert engine.skip() == [c(TICK, 1, 3)]
    assert engine.phase.kind is PhaseKind.HOLD and engine.remaining() == 3
    assert at(engine, clock, 4)[-1] == c(GO, 4)
    assert engine.remaining() == 20
    engine2, clock2 = started(small())
    at(engine2, clock2, 66)
    assert engine2.skip() == [c(TICK, 66, 3)]
    assert engine2.phase.side == "right" and engine2.phase.rep == 1


def test_skip_the_last_phase_finishes():
    engine, clock = started(small())
    at(engine, clock, 73.5)
    assert engine.skip() == [c(SET_DONE, 73.5), c(COMPLETE, 73.5)]
    assert engine.finished and record(engine, 1, 1, "right").achieved == 1
    assert engine.skip() == [] and engine.tick() == []


def test_skip_while_paused_moves_on_and_stays_paused():
    engine, clock = started(small())
    at(engine, clock, 12)
    engine.pause()
    clock.advance(30)
    assert engine.skip() == [c(SET_DONE, 42)]
    assert engine.paused and engine.index == 2 and engine.remaining() == 5
    assert record(engine, 0, 1).achieved == 7  # the pause is not held time
    assert engine.resume() == [c(TICK, 42, 3)]


def test_a_hold_credits_only_whole_seconds_held():
    engine, clock = started(small())
    at(engine, clock, 11.6)  # 6.6 s held
    engine.skip()
    assert record(engine, 0, 1).achieved == 6


@pytest.mark.parametrize("control", ["skip", "skip_exercise", "back"])
def test_controls_after_the_end_passed_unticked_just_finish(control):
    engine, clock = started(small())
    at(engine, clock, 74)
    clock.set(T0 + 78)  # the routine ended at 76; the next tick is due (not a stall)
    cues = getattr(engine, control)()
    assert cues[-2:] == [c(SET_DONE, 76), c(COMPLETE, 76)]
    assert engine.finished and engine.status == "completed" and engine.phase.kind is PhaseKind.DONE
    assert all(r.achieved == r.target for r in engine.set_records())


def test_skip_acts_on_the_phase_of_now_not_of_the_last_tick():
    engine, clock = started(small())
    at(engine, clock, 22.5)
    clock.set(T0 + 27)  # the hold ended at 25; the rest is running
    assert engine.skip() == [c(COUNT, 23, 2), c(COUNT, 24, 1), c(SET_DONE, 25),
                             c(COUNT, 27, 3), c(REST_OVER, 27), c(TICK, 27, 3)]
    assert engine.index == 3 and record(engine, 0, 1).achieved == 20


# --- skip exercise ----------------------------------------------------------------------------


def test_skip_exercise_marks_its_unstarted_sets_skipped():
    engine, clock = started(small())
    at(engine, clock, 8)
    assert engine.skip_exercise() == [c(SET_DONE, 8)]
    assert engine.index == 5 and engine.phase.kind is PhaseKind.GET_READY and engine.remaining() == 5
    assert record(engine, 0, 1).achieved == 3 and not record(engine, 0, 1).skipped
    assert record(engine, 0, 2).skipped and record(engine, 0, 2).achieved == 0
    cues, _ = run(engine, clock, [1.0])
    assert cues[-1] == c(COMPLETE, 8 + 22)
    assert record(engine, 1, 1, "right").achieved == 2


def test_skip_exercise_during_rest_after():
    engine, clock = started(small())
    at(engine, clock, 51)
    assert engine.skip_exercise() == [c(REST_OVER, 51)]
    assert engine.index == 5


def test_skip_exercise_in_the_last_exercise_ends_the_session():
    engine, clock = started(small())
    at(engine, clock, 62.5)  # rep 1 of the left side done
    cues = engine.skip_exercise()
    assert cues[-1] == c(COMPLETE, 62.5) and engine.finished
    assert record(engine, 1, 1, "right").skipped and not record(engine, 1, 1, "left").skipped


def test_skip_exercise_while_paused_credits_only_the_time_before_the_pause():
    engine, clock = started(small())
    at(engine, clock, 9)
    engine.pause()
    clock.advance(300)
    engine.skip_exercise()
    assert record(engine, 0, 1).achieved == 4 and record(engine, 0, 2).skipped
    assert engine.paused and engine.index == 5 and engine.remaining() == 5


# --- back --------------------------------------------------------------------------------------


def test_back_mid_set_restarts_it_after_a_count():
    engine, clock = started(small())
    at(engine, clock, 40)  # 10 s into set 2
    assert record(engine, 0, 1).achieved == 20
    assert engine.back() == [c(TICK, 40, 3)]
    assert engine.index == 3 and engine.remaining() == 3.0 and engine.snapshot().resuming
    assert record(engine, 0, 2).achieved == 10  # the first attempt is kept until the redo does better
    assert at(engine, clock, 43) == [c(TICK, 41, 2), c(TICK, 42, 1), c(GO, 43)]
    assert engine.remaining() == 20
    assert at(engine, clock, 50) == []  # the halfway is now at 53
    at(engine, clock, 63)
    assert engine.index == 4 and record(engine, 0, 2).achieved == 20
    assert record(engine, 0, 1).achieved == 20


def test_back_within_three_seconds_of_a_set_start_goes_to_the_previous_set():
    engine, clock = started(small())
    at(engine, clock, 31.5)
    engine.back()
    assert engine.index == 1 and engine.phase.set_number == 1
    assert record(engine, 0, 1).achieved == 20  # kept: a redo never lowers a record
    assert record(engine, 0, 2).achieved == 1  # the one whole second held of set 2
    at(engine, clock, 34.5)
    assert engine.remaining() == 20


def test_back_right_at_the_first_set_goes_to_the_first_get_ready():
    engine, clock = started(small())
    at(engine, clock, 6)
    assert engine.back() == []
    assert engine.index == 0 and engine.remaining() == 5 and not engine.snapshot().resuming
    assert record(engine, 0, 1).achieved == 1


def test_back_after_three_seconds_restarts_the_current_set():
    engine, clock = started(small())
    at(engine, clock, 33.5)
    engine.back()
    assert engine.index == 3


def test_back_within_three_seconds_counts_time_across_quick_rep_phases():
    # up 1 s, down 1 s: 2.5 s into set 2 the engine is already in its third phase
    engine, clock = started(reps_routine(up=1, hold=0, down=1))
    set2 = next(i for i, p in enumerate(engine.timeline) if p.set_number == 2 and p.is_work)
    at(engine, clock, 5 + 6 + 10 + 2.5)
    assert engine.index == set2 + 2
    engine.back()
    assert engine.phase.set_number == 1 and engine.index == 1


def test_back_twice_in_a_row_walks_back_set_by_set():
    engine, clock = started(small())
    at(engine, clock, 45)
    engine.back()
    assert engine.index == 3
    at(engine, clock, 46)  # still in the count: the set has not begun again
    engine.back()
    assert engine.index == 1


def test_back_during_get_ready_goes_to_the_previous_exercise_last_set():
    engine, clock = started(small())
    at(engine, clock, 55)
    assert engine.back() == [c(TICK, 55, 3)]
    assert engine.index == 3 and engine.phase.set_number == 2
    assert record(engine, 0, 2).achieved == 20 and record(engine, 0, 1).achieved == 20
    assert at(engine, clock, 58) == [c(TICK, 56, 2), c(TICK, 57, 1), c(GO, 58)]


def test_back_during_the_first_get_ready_restarts_it():
    engine, clock = started(small())
    at(engine, clock, 3.5)
    assert engine.back() == []
    assert engine.index == 0 and engine.remaining() == 5 and not engine.snapshot().resuming
    assert at(engine, clock, 8.5) == [c(TICK, 5.5, 3), c(TICK, 6.5, 2), c(TICK, 7.5, 1), c(GO, 8.5)]


def test_back_during_rest_redoes_the_set_just_done():
    engine, clock = started(small())
    at(engine, clock, 27)
    engine.back()
    assert engine.index == 1 and record(engine, 0, 1).achieved == 20
    assert engine.snapshot().resuming


def test_back_during_the_rest_of_a_per_side_set_redoes_the_right_side():
    routine = Routine.model_validate({"name": "Sides", "exercises": [
        {"name": "Lunge", "sets": 2, "reps": 1, "tempo": {"up": 1, "hold": 0, "down": 1}, "rest": 10,
         "per_side": True}]})
    engine, clock = started(routine)  # get ready 0-5, left 5-7, switch 7-12, right 12-14, rest 14-24
    at(engine, clock, 15)
    engine.back()
    assert engine.phase.side == "right" and engine.phase.set_number == 1


def test_back_on_the_right_side_restarts_the_right_side():
    engine, clock = started(small())
    at(engine, clock, 73)
    engine.back()
    assert engine.index == 13 and engine.phase.side == "right"
    assert record(engine, 1, 1, "left").achieved == 2


def test_back_during_switch_sides_goes_to_the_left_side():
    engine, clock = started(small())
    at(engine, clock, 66)
    engine.back()
    assert engine.index == 6 and engine.phase.side == "left" and engine.snapshot().resuming


def test_back_while_paused_stays_paused_and_counts_in_on_resume():
    engine, clock = started(small())
    at(engine, clock, 40)
    engine.pause()
    clock.advance(20)
    assert engine.back() == []
    assert engine.paused and engine.index == 3 and engine.remaining() == 20
    assert engine.resume() == [c(TICK, 60, 3)]
    assert at(engine, clock, 63) == [c(TICK, 61, 2), c(TICK, 62, 1), c(GO, 63)]
    assert engine.remaining() == 20


def test_back_while_paused_to_a_get_ready_runs_it_in_full_after_the_resume():
    engine, clock = started(small())
    at(engine, clock, 3)
    engine.pause()
    clock.advance(10)
    engine.back()
    assert engine.index == 0 and engine.paused
    assert engine.remaining() == 5
    assert engine.resume() == [c(TICK, 13, 3)]
    assert at(engine, clock, 16) == [c(TICK, 14, 2), c(TICK, 15, 1)]
    assert at(engine, clock, 21) == [c(TICK, 18, 3), c(TICK, 19, 2), c(TICK, 20, 1), c(GO, 21)]


# --- more rest ----------------------------------------------------------------------------------


def test_more_rest_adds_fifteen_seconds_to_a_rest():
    engine, clock = started(small())
    at(engine, clock, 26)
    assert engine.more_rest() is True
    assert engine.remaining() == 19 and engine.total_seconds() == 76 + 15
    assert at(engine, clock, 29.5) == []  # the old countdown is gone
    assert at(engine, clock, 45) == [c(COUNT, 42, 3), c(COUNT, 43, 2), c(COUNT, 44, 1), c(REST_OVER, 45), c(GO, 45)]
    cues, _ = run(engine, clock, [1.0])
    assert cues[-1] == c(COMPLETE, 91)


def test_more_rest_stacks():
    engine, clock = started(small())
    at(engine, clock, 51)
    assert engine.more_rest() and engine.more_rest()
    assert engine.remaining() == 33


def test_more_rest_only_during_rest():
    engine, clock = started(small())
    for when in (1, 10, 66):  # get ready, hold, switch sides
        at(engine, clock, when)
        left = engine.remaining()
        assert engine.more_rest() is False
        assert engine.remaining() == left and engine.total_seconds() == 76
    run(engine, clock, [5.0])
    assert engine.more_rest() is False


def test_more_rest_while_paused_keeps_the_extra_time():
    engine, clock = started(small())
    at(engine, clock, 27)
    engine.pause()
    assert engine.more_rest() is True
    assert engine.remaining() == 18
    clock.advance(50)
    engine.resume()
    at(engine, clock, 80)
    assert engine.phase.kind is PhaseKind.REST and engine.remaining() == 18


def test_more_rest_during_the_resume_count_in_a_rest():
    engine, clock = started(small())
    at(engine, clock, 27)
    engine.pause()
    clock.set(T0 + 30)
    engine.resume()
    assert engine.more_rest() is True
    assert at(engine, clock, 33) == [c(TICK, 31, 2), c(TICK, 32, 1)]
    assert engine.phase.kind is PhaseKind.REST and engine.remaining() == 18


def test_more_rest_after_the_rest_ran_out_unticked_is_refused():
    engine, clock = started(small())
    at(engine, clock, 26)
    clock.set(T0 + 31)
    assert engine.more_rest() is False
    assert engine.index == 3 and engine.total_seconds() == 76
    assert engine.tick()[-2:] == [c(REST_OVER, 30), c(GO, 30)]


# --- end -------------------------------------------------------------------------------------------


def test_end_early_keeps_what_was_done():
    engine, clock = started(small())
    at(engine, clock, 42)
    assert engine.end() is None
    assert engine.finished and not engine.completed and engine.status == "partial"
    assert achieved(engine) == [(0, 1, None, 20, False), (0, 2, None, 12, False),
                                (1, 1, "left", 0, True), (1, 1, "right", 0, True)]
    clock.advance(100)
    assert engine.tick() == [] and engine.remaining() == 0 and engine.next_wakeup() is None
    snap = engine.snapshot()
    assert snap.finished and snap.remaining == 0


def test_end_while_paused_credits_the_time_before_the_pause():
    engine, clock = started(small())
    at(engine, clock, 14)
    engine.pause()
    clock.advance(500)
    engine.end()
    assert record(engine, 0, 1).achieved == 9 and engine.status == "partial"


def test_end_mid_rep_does_not_count_the_unfinished_rep():
    engine, clock = started(small())
    at(engine, clock, 63.5)
    engine.end()
    assert record(engine, 1, 1, "left").achieved == 1


def test_end_after_the_routine_ran_out_is_still_completed():
    engine, clock = started(small())
    at(engine, clock, 74)
    clock.set(T0 + 78)  # no tick since 74: the routine ended at 76
    engine.end()
    assert engine.finished and engine.status == "completed"
    assert all(r.achieved == r.target for r in engine.set_records())


def test_end_before_start_changes_nothing():
    clock = FakeClock(T0)
    engine = VoicelessEngine(small(), clock)
    engine.end()
    assert not engine.finished and engine.status == "partial"
    assert engine.start() == [] and engine.index == 0


def test_status_completed_after_a_full_run():
    engine, clock = started(small())
    assert engine.status == "partial"  # not yet done
    run(engine, clock, [2.5])
    assert engine.status == "completed"
    engine.end()
    assert engine.status == "completed"


# --- next wakeup ----------------------------------------------------------------------------


def test_next_wakeup_is_the_next_whole_second_of_time_left():
    engine, clock = started(small())
    assert engine.next_wakeup() == T0 + 1
    clock.set(T0 + 0.25)
    assert engine.next_wakeup() == T0 + 1
    clock.set(T0 + 4.5)
    assert engine.next_wakeup() == T0 + 4.5  # ticks 3-2-1 are overdue: wake at once
    engine.tick()
    assert engine.next_wakeup() == T0 + 5
    at(engine, clock, 5.0)
    assert engine.next_wakeup() == T0 + 6


def test_next_wakeup_includes_a_halfway_between_seconds():
    routine = Routine.model_validate({"name": "H", "exercises": [{"name": "Long", "hold": 25}]})
    engine, clock = started(routine)
    at(engine, clock, 17.2)
    assert engine.next_wakeup() == T0 + 17.5
    assert at(engine, clock, 17.5) == [c(HALF, 17.5)]
    assert engine.next_wakeup() == T0 + 18


def test_next_wakeup_never_passes_a_deadline_by_float_noise():
    engine, clock = started(small(), at=0.0)
    for _ in range(49):  # 49 x 0.1 is a hair under 4.9
        clock.advance(0.1)
    engine.tick()
    clock.set(5.0 - 1e-12)
    assert engine.tick() == []
    wake = engine.next_wakeup()
    assert wake is not None and wake <= 5.0


def test_next_wakeup_during_the_resume_count_and_when_idle():
    engine, clock = started(small())
    at(engine, clock, 10)
    engine.pause()
    assert engine.next_wakeup() is None
    clock.set(T0 + 20.4)
    engine.resume()
    assert engine.next_wakeup() == pytest.approx(T0 + 21.4)
    run(engine, clock, [3.0])
    assert engine.next_wakeup() is None


# --- snapshot -------------------------------------------------------------------------------


def test_snapshot_at_the_start():
    engine, clock = started(small())
    snap = engine.snapshot()
    assert snap.phase == engine.timeline[0]
    assert (snap.words, snap.remaining, snap.phase_progress, snap.session_progress) == ("GET READY", 5, 0, 0)
    assert not snap.paused and not snap.resuming and not snap.finished
    assert snap.next_up == "Hold: set 1/2"


def test_snapshot_mid_hold():
    engine, clock = started(small())
    at(engine, clock, 15)
    snap = engine.snapshot()
    assert snap.words == "HOLD" and snap.remaining == 10
    assert snap.phase_progress == pytest.approx(0.5)
    assert snap.session_progress == pytest.approx(15 / 76)
    assert snap.next_up == "Rest 5 s"


@pytest.mark.parametrize("when, words, next_up", [
    (26, "REST", "Hold: set 2/2"),
    (35, "HOLD", "Rest 4 s"),
    (52, "REST", "Reps (1 x 2 reps, each side)"),
    (55, "GET READY", "Reps: set 1/1, left side"),
    (59.5, "LIFT", "Switch sides"),
    (60.5, "HOLD", "Switch sides"),
    (61.5, "LOWER", "Switch sides"),
    (66, "SWITCH SIDES", "Reps: set 1/1, right side"),
    (75.5, "LOWER", "Finish"),
    (80, "DONE", ""),
])
def test_snapshot_words_and_next_up(when, words, next_up):
    engine, clock = started(small())
    at(engine, clock, when)
    snap = engine.snapshot()
    assert (snap.words, snap.next_up) == (words, next_up)


def test_snapshot_when_done():
    engine, clock = started(small())
    at(engine, clock, 80)
    snap = engine.snapshot()
    assert snap.finished and snap.session_progress == 1.0 and snap.phase_progress == 1.0 and snap.remaining == 0


def test_progress_stays_between_zero_and_one_and_only_grows():
    engine, clock = started(builtin("desk-break"))
    last = 0.0
    while not engine.finished:
        clock.advance(0.7)
        engine.tick()
        snap = engine.snapshot()
        assert 0.0 <= snap.phase_progress <= 1.0
        assert 0.0 <= snap.session_progress <= 1.0
        assert snap.session_progress >= last
        assert snap.remaining >= 0
        last = snap.session_progress
    assert last == 1.0


def test_snapshot_during_pause_and_resume_count():
    engine, clock = started(small())
    at(engine, clock, 10)
    before = engine.snapshot().session_progress
    engine.pause()
    clock.advance(60)
    snap = engine.snapshot()
    assert snap.paused and snap.session_progress == pytest.approx(before) and snap.remaining == 15
    engine.resume()
    at(engine, clock, 71)
    snap = engine.snapshot()
    assert snap.resuming and snap.words == "GET READY" and snap.remaining == pytest.approx(2.0)
    assert snap.phase_progress == pytest.approx(0.25)


def test_the_public_api_the_ui_uses_is_there():
    engine, clock = started(small())
    for name in ("start", "tick", "next_wakeup", "toggle_pause", "pause", "resume", "skip", "skip_exercise",
                 "back", "more_rest", "end", "remaining", "total_seconds", "snapshot", "next_up", "set_records"):
        assert callable(getattr(engine, name)), name
    assert engine.phase is engine.timeline[engine.index] and engine.routine.name == "Small"
    assert (engine.started, engine.finished, engine.completed, engine.paused, engine.status) == (
        True, False, False, False, "partial")


# --- resuming from a checkpoint ---------------------------------------------------------


def test_start_from_a_checkpoint_keeps_the_work_and_continues_with_the_next_set():
    clock = FakeClock(T0)
    first = Engine(small(), clock)
    first.start()
    walk(first, clock, 26)  # set 1 of the hold done, resting
    checkpoint = first.set_records()
    assert [(r.set, r.achieved, r.skipped) for r in checkpoint[:2]] == [(1, 20, False), (2, 0, True)]

    clock2 = FakeClock(T0)
    engine = Engine(small(), clock2)
    cues = engine.start_from(checkpoint)
    assert engine.phase.kind is PhaseKind.HOLD and engine.phase.set_number == 2
    assert engine.snapshot().resuming and cues == [c(TICK, 0, 3)]
    assert walk(engine, clock2, 3)[-1] == c(GO, 3)
    walk(engine, clock2, 100)
    records = engine.set_records()
    assert engine.status == "completed"
    assert [(r.set, r.achieved) for r in records[:2]] == [(1, 20), (2, 20)]


def test_start_from_a_checkpoint_at_a_new_exercise_leads_in_with_get_ready():
    clock = FakeClock(T0)
    first = Engine(small(), clock)
    first.start()
    walk(first, clock, 51)  # both hold sets done
    engine = Engine(small(), FakeClock(T0))
    engine.start_from(first.set_records())
    assert engine.phase.kind is PhaseKind.GET_READY and engine.phase.exercise_index == 1
    assert not engine.snapshot().resuming


def test_start_from_a_finished_checkpoint_completes():
    clock = FakeClock(T0)
    first = Engine(small(), clock)
    first.start()
    walk(first, clock, 100)
    engine = Engine(small(), FakeClock(T0))
    cues = engine.start_from(first.set_records())
    assert engine.finished and engine.status == "completed" and cues[-1].kind is COMPLETE


def test_skipping_every_exercise_reaches_the_end_but_is_not_a_completed_session():
    clock = FakeClock(T0)
    engine = Engine(small(), clock)
    engine.start()
    engine.skip_exercise()
    engine.skip_exercise()
    assert engine.finished and engine.status == "partial"
    assert all(r.skipped for r in engine.set_records())


def test_start_from_a_checkpoint_of_a_routine_since_shortened_goes_on_with_what_is_left():
    clock = FakeClock(T0)
    longer = Routine.model_validate({"name": "Small", "exercises": [
        {"name": "Hold", "sets": 3, "hold": 20, "rest": 5, "rest_after": 4},
        {"name": "Reps", "reps": 2, "tempo": {"up": 1, "hold": 1, "down": 1}, "per_side": True},
    ]})
    first = Engine(longer, clock)
    first.start()
    walk(first, clock, 56)  # hold sets 1 and 2 done; set 3 (which the edit removes) under way
    engine = Engine(Routine.model_validate({"name": "Small", "exercises": [
        {"name": "Hold", "sets": 1, "hold": 20, "rest": 5, "rest_after": 4},
        {"name": "Reps", "reps": 2, "tempo": {"up": 1, "hold": 1, "down": 1}, "per_side": True},
    ]}), FakeClock(T0))
    engine.start_from(first.set_records())
    assert not engine.finished
    assert engine.phase.exercise_index == 1  # the reps, still to do
