"""coaching.display: what the session screen shows, decided from the engine's snapshot."""

from __future__ import annotations

import pytest
from support.clock import FakeClock

from hamcoach.coaching import display
from hamcoach.coaching.engine import Engine, PhaseKind, Snapshot
from hamcoach.routines.models import Routine

T0 = 1000.0


def routine(*exercises: dict, equipment: tuple[str, ...] = ()) -> Routine:
    return Routine.model_validate({"name": "Test", "equipment": list(equipment), "exercises": list(exercises)})


BRIDGE = {"name": "Bridge", "cues": ["Up.", "Down."], "sets": 2, "reps": 10,
          "tempo": {"up": 2, "hold": 1, "down": 2}, "rest": 30, "rest_after": 40}
CURL = {"name": "Curl", "cues": ["Slowly."], "sets": 1, "reps": 8, "per_side": True}
WALL = {"name": "Wall sit", "sets": 1, "hold": 90}


def started(r: Routine) -> tuple[Engine, FakeClock]:
    clock = FakeClock(T0)
    engine = Engine(r, clock)
    engine.start()
    return engine, clock


def at(engine: Engine, clock: FakeClock, seconds: float) -> Snapshot:
    """Move to T0 + ``seconds``, ticking at least once a second as the app does (a longer
    jump is a stall, which the engine pauses on)."""
    while clock.now + 1.0 < T0 + seconds:
        clock.advance(1.0)
        engine.tick()
    clock.set(T0 + seconds)
    engine.tick()
    return engine.snapshot()


def test_clock_digits_round_up_and_show_minutes():
    assert [display.clock_digits(s) for s in (0, 0.2, 1, 9.01, 59.5, 60, 90, 600)] == \
        ["0", "1", "1", "10", "1:00", "1:00", "1:30", "10:00"]


def test_reps_show_the_rep_number_and_the_rep_phase_with_its_own_progress():
    r = routine(BRIDGE)
    engine, clock = started(r)
    snap = at(engine, clock, 5 + 10 + 1)  # get ready 5 s; rep 3 lifts from 10 s into the set
    assert snap.phase.kind is PhaseKind.LIFT and snap.phase.rep == 3
    assert display.big_figure(snap, r) == "3/10"
    assert display.banner(snap, r) == ("LIFT",)
    assert display.mood(snap) == "work"
    assert snap.phase_progress == pytest.approx(0.5)  # 1 s of the 2 s lift
    assert display.figure_sample(snap, r, snap.phase.seconds) == "88/88"
    snap = at(engine, clock, 5 + 10 + 2)
    assert display.banner(snap, r) == ("HOLD",) and display.big_figure(snap, r) == "3/10"


def test_holds_rests_and_get_ready_show_seconds():
    r = routine(WALL, BRIDGE)
    engine, clock = started(r)
    snap = engine.snapshot()
    assert (display.big_figure(snap, r), display.banner(snap, r), display.mood(snap)) == ("5", ("GET READY",), "ready")
    snap = at(engine, clock, 5 + 20)
    assert (display.big_figure(snap, r), display.banner(snap, r), display.mood(snap)) == ("1:10", ("HOLD",), "work")
    assert display.figure_sample(snap, r, snap.phase.seconds) == "8:88"
    snap = at(engine, clock, 5 + 90 + 1)
    assert (display.big_figure(snap, r), display.banner(snap, r), display.mood(snap)) == ("29", ("REST",), "rest")


def test_sides_are_named_in_the_banner_with_a_shorter_form():
    r = routine(CURL)
    engine, clock = started(r)
    # The get-ready names the side the sets start on.
    assert display.banner(engine.snapshot(), r) == ("LEFT SIDE · GET READY", "LEFT · GET READY")
    snap = at(engine, clock, 5.5)
    assert display.banner(snap, r) == ("LEFT SIDE · LIFT", "LEFT · LIFT")
    snap = at(engine, clock, 5 + 8 * 2 + 1)
    assert snap.phase.kind is PhaseKind.SWITCH_SIDES
    assert display.banner(snap, r) == ("SWITCH SIDES",) and display.mood(snap) == "ready"
    snap = at(engine, clock, 5 + 16 + 5 + 0.5)
    assert display.banner(snap, r) == ("RIGHT SIDE · LIFT", "RIGHT · LIFT")


def test_paused_wins_then_the_count_in_is_a_get_ready():
    r = routine(CURL)
    engine, clock = started(r)
    at(engine, clock, 5 + 4.5)  # rep 3, lift
    engine.pause()
    snap = engine.snapshot()
    assert display.mood(snap) == "paused"
    assert display.banner(snap, r) == ("LEFT SIDE · PAUSED", "LEFT · PAUSED")
    assert display.big_figure(snap, r) == "3/8"  # the rep stays the figure while paused
    engine.resume()
    snap = engine.snapshot()
    assert display.mood(snap) == "ready" and display.big_figure(snap, r) == "3"
    assert display.banner(snap, r) == ("LEFT SIDE · GET READY", "LEFT · GET READY")


def test_the_rest_before_a_new_exercise_shows_that_exercise():
    r = routine(BRIDGE, WALL)
    timeline = Engine(r, FakeClock(T0)).timeline
    rests = [p for p in timeline if p.kind is PhaseKind.REST]
    between_sets, before_next = rests
    assert display.exercise_in_view(r, between_sets) == 0 and not display.is_up_next(r, between_sets)
    assert display.exercise_in_view(r, before_next) == 1 and display.is_up_next(r, before_next)
    for phase in timeline:
        if phase is not before_next:
            assert display.exercise_in_view(r, phase) == phase.exercise_index


def test_done_says_so():
    r = routine({"name": "A", "hold": 1})
    engine, clock = started(r)
    snap = at(engine, clock, 10)
    assert snap.finished
    assert (display.banner(snap, r), display.mood(snap), display.big_figure(snap, r)) == (("DONE",), "done", "0")
