"""The coaching rules against an independent oracle, on thousands of random histories.

support/progression_oracle.py restates docs/COACHING.md separately; here hypothesis makes
random histories (sessions with per-set records and ratings, check-ins, mixed UTC
offsets, ties, swaps, ladders) and both must agree on every exercise's rung, level,
first-recorded name and last change, and on the cautions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.progression_oracle import oracle

from hamcoach.coaching.progression import CheckIn, coach_state
from hamcoach.history.models import SessionRecord
from hamcoach.routines.identity import LadderSpec, exercise_key

START = date(2026, 3, 1)
LADDERS = {
    "Bridge": ["Hip bridge", "Marching bridge", "Single-leg bridge"],
    "Curl": ["Ball curl", "One-leg curl"],
}
NAMES = ["Hip bridge", " hip BRIDGE", "Marching bridge", "Single-leg bridge", "Ball curl", "one-leg curl ",
         "Plank", "PLANK ", "Core set-up"]
OFFSETS = [0, 2, -5, 9, -11, 13]
# Each history is built from one drawn seed: a single draw is far cheaper than hundreds
# (the suite runs thousands of histories), and a failure still names its history.
SEEDS = st.integers(min_value=0, max_value=2**64 - 1)


def _pain(rnd) -> int | None:
    return rnd.choice([None, 0, 1, 2, 3, 3, 2, 4, 5, 6, 7, 8, 9, 10])


def _effort(rnd) -> int | None:
    return rnd.choice([None, None, 1, 4, 6, 7, 8, 8, 9, 10])


def _set_group(rnd, names=NAMES) -> list[dict]:
    exercise = rnd.choice(names)
    target = rnd.randint(1, 12)
    count = rnd.randint(1, 3)
    out = []
    for number in range(1, count + 1):
        for side in (("left", "right") if rnd.random() < 0.3 else (None,)):
            how = rnd.choice(["full"] * 6 + ["short", "none", "over"])
            achieved = {"full": target, "short": rnd.randint(0, target), "none": 0, "over": target + 1}[how]
            # As the record's rules have it (hamcoach.history.models): skipped means nothing achieved.
            out.append({"exercise_index": 0, "exercise": exercise, "set": number, "sets": count, "side": side,
                        "kind": "reps", "target": target, "achieved": achieved, "skipped": achieved <= 0})
    return out


def _session(rnd, n: int, end: datetime, names=NAMES) -> dict:
    sets = [s for _ in range(rnd.randint(1, 3)) for s in _set_group(rnd, names)]
    return {"id": f"s{n:03d}", "routine_id": "r", "routine_name": "R",
            "started_at": (end - timedelta(minutes=15)).isoformat(), "ended_at": end.isoformat(),
            "status": rnd.choice(["completed", "completed", "completed", "partial", "in_progress"]),
            "duration_seconds": 900, "pain": _pain(rnd), "effort": _effort(rnd), "sets": sets}


def _checkins(rnd, most: int) -> list[tuple[date, str]]:
    return [(START + timedelta(days=rnd.randint(-2, 42)), rnd.choice(["better", "same", "worse", "worse"]))
            for _ in range(rnd.randint(0, most))]


@st.composite
def a_history(draw):
    """Anything goes: 0-30 sessions over six weeks at random hours and UTC offsets (ties
    too), every status, short and skipped sets, swaps, repeated check-in dates, an as-of."""
    rnd = Random(draw(SEEDS))
    sessions = []
    for n in range(rnd.randint(0, 30)):
        tz = timezone(timedelta(hours=rnd.choice(OFFSETS)))
        end = datetime(2026, 3, 1, tzinfo=tz) + timedelta(days=rnd.randint(0, 40), hours=rnd.choice([0, 7, 12, 23]),
                                                          minutes=rnd.choice([0, 30, 59]))
        sessions.append(_session(rnd, n, end))
    as_of = None if rnd.random() < 0.4 else START + timedelta(days=rnd.randint(-1, 42))
    return sessions, _checkins(rnd, 12), as_of


@st.composite
def a_steady_history(draw):
    """Mostly clean, low-pain daily sessions of a few exercises: enough pairs to climb the ladders."""
    rnd = Random(draw(SEEDS))
    names = ["Hip bridge", "hip bridge", "Marching bridge", "Ball curl", "Plank"]
    sessions = []
    for n in range(rnd.randint(10, 45)):
        end = datetime(2026, 3, 1, 8, tzinfo=timezone.utc) + timedelta(days=n)
        s = _session(rnd, n, end, names)
        s["status"] = "completed"
        s["pain"] = rnd.choice([0, 1, 2, 3, 3, 1, 0, 2, 4, 6, None])
        s["effort"] = rnd.choice([None, 5, 7, 8, 9])
        for one in s["sets"]:
            if rnd.random() < 0.93:
                one["achieved"], one["skipped"] = one["target"], False  # targets are at least 1
        sessions.append(s)
    return sessions, _checkins(rnd, 6), None


def implementation(sessions, checkins, as_of) -> dict:
    records = [SessionRecord.model_validate(s) for s in sessions]
    ladders = [LadderSpec(name, tuple(rungs)) for name, rungs in LADDERS.items()]
    state = coach_state(records, [CheckIn(day, answer) for day, answer in checkins], ladders, as_of)
    exercises = {}
    for ex in state.exercises.values():
        key = ("ladder", ex.ladder) if ex.ladder else ("exercise", exercise_key(ex.name))
        change = ex.last_change
        exercises[key] = {"name": ex.name, "rung": ex.rung, "level": ex.level,
                          "last_change": None if change is None else (
                              change.day, (change.before.rung, change.before.level),
                              (change.after.rung, change.after.level))}
    return {"exercises": exercises, "cautions": {c.kind for c in state.cautions}}


def _rules_hit(result: dict) -> set[str]:
    """Which rules a history exercised, by the oracle's account."""
    hit = set(result["cautions"])
    for exercise in result["exercises"].values():
        change = exercise["last_change"]
        if change is None:
            continue
        (rung_before, level_before), (rung_after, level_after) = change[1], change[2]
        if rung_before != rung_after:
            hit.add("rung up" if level_after == 0 else "rung down")
        else:
            hit.add("level up" if level_after > level_before else "level down")
    return hit


def _check(strategy, examples: int) -> set[str]:
    hit: set[str] = set()

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def agree(history):
        sessions, checkins, as_of = history
        expected = oracle(sessions, checkins, LADDERS, as_of)
        assert implementation(sessions, checkins, as_of) == expected
        hit.update(_rules_hit(expected))

    agree()
    return hit


def test_the_rules_agree_with_the_oracle_on_random_histories():
    hit = _check(a_history(), 2000)
    # The histories reach the rules (else agreeing would prove little).
    assert {"level up", "level down", "pain", "worse"} <= hit, hit


def test_the_rules_agree_with_the_oracle_on_long_climbs():
    hit = _check(a_steady_history(), 1000)
    assert {"rung up", "rung down", "level up", "level down"} <= hit, hit
