"""The coach replays a stored history one session at a time (issue 15: flat memory).

``state_for`` and ``progression_for`` read the store's lazy sessions, validating each
record when its turn comes and dropping it after. These tests hold them to the old way
(every record validated first, then :func:`coach_state` / :func:`replay`) on random
histories, damaged records included.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_progression_oracle import LADDERS, a_history, a_steady_history

from hamcoach.coaching import progression
from hamcoach.coaching.coach import checkins_of, progression_for, state_for
from hamcoach.coaching.progression import CheckIn, coach_state, replay
from hamcoach.history.fileformat import SESSIONS, dumps, render
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines.identity import LadderSpec


class Ladders:
    """What the coach reads of a ladder book: its specs."""

    def specs(self) -> list[LadderSpec]:
        return [LadderSpec(name, tuple(rungs)) for name, rungs in LADDERS.items()]


def _damage(doc: dict, how: int) -> dict:
    """A copy of a session document whose sets (or own fields) no longer validate."""
    doc = {**doc, "sets": [dict(s) for s in doc["sets"]]}
    if how == 0 and doc["sets"]:
        doc["sets"][0]["achieved"] = "7"  # strict: a string is not a number
    elif how == 1:
        doc["pain"] = 11
    elif how == 2:
        doc["ended_at"] = "yesterday"
    return doc


def _store(folder: Path, sessions: list[dict], checkins: list[tuple[date, str]], damaged: int) -> HistoryStore:
    docs = [_damage(doc, n % 3) if damaged and n % damaged == 0 else doc for n, doc in enumerate(sessions)]
    # Written as the file holds them (a store would refuse the damaged ones).
    tables = {SESSIONS: {str(n): dumps(doc) for n, doc in enumerate(docs, 1)}}
    path = folder / "history.json"
    path.write_bytes(render(tables))
    store = HistoryStore(path, digest=False)
    for day, answer in checkins:
        store.set_checkin(day, answer)
    return store


def _agree(history, damaged: int) -> None:
    sessions, checkins, as_of = history
    with tempfile.TemporaryDirectory() as folder:
        store = _store(Path(folder), sessions, checkins, damaged)
        specs = Ladders().specs()
        whole = list(store.sessions())  # the old way: every record validated first
        assert state_for(store, Ladders(), as_of) == coach_state(whole, checkins_of(store), specs, as_of)
        for leave_out in {None, *(s["id"] for s in sessions[:3])}:
            expected = replay([s for s in whole if s.id != leave_out], checkins_of(store), specs, as_of)
            got = progression_for(store, Ladders(), as_of, leave_out=leave_out)
            assert got.state(as_of, []) == expected.state(as_of, [])
            assert got.index == expected.index
        # Nothing validated was kept by the store for the streamed replay.
        fresh = HistoryStore(store.path, digest=False)
        state_for(fresh, Ladders(), as_of)
        assert fresh._list is None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_history(), st.sampled_from([0, 2, 5]))
def test_a_streamed_replay_is_the_whole_replay_on_random_histories(history, damaged):
    _agree(history, damaged)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_steady_history(), st.sampled_from([0, 7]))
def test_a_streamed_replay_is_the_whole_replay_on_long_climbs(history, damaged):
    _agree(history, damaged)


def test_a_damaged_record_is_left_out_with_the_usual_warning(tmp_path):
    good = {"id": "a", "routine_id": "r", "routine_name": "R", "started_at": "2026-03-01T08:00:00+00:00",
            "ended_at": "2026-03-01T08:15:00+00:00", "status": "completed", "duration_seconds": 900,
            "pain": 1, "effort": 5, "sets": [{"exercise_index": 0, "exercise": "Plank", "set": 1, "sets": 1,
                                               "kind": "hold", "target": 20, "achieved": 20}]}
    bad = {**good, "id": "b", "started_at": "2026-03-02T08:00:00+00:00", "ended_at": "2026-03-02T08:15:00+00:00",
           "sets": [{**good["sets"][0], "achieved": "20"}]}
    store = _store(tmp_path, [good, bad], [], 0)
    state = state_for(store, Ladders(), None)
    assert state.exercises["plank"].sessions == 1  # the damaged one counts for nothing
    assert any(w.startswith("Skipped session #2 in history.json: sets.0.achieved") for w in store.warnings), \
        store.warnings


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(a_history(), a_steady_history()))
def test_forgetting_old_days_during_a_replay_changes_nothing(history):
    # A long replay forgets, every FORGET_EVERY events, which sessions were applied on days no
    # check-in still to come can be about; here it forgets after every event.
    sessions, checkins, as_of = history
    records = [SessionRecord.model_validate(s) for s in sessions]
    answers = [CheckIn(day, answer) for day, answer in checkins]
    specs = Ladders().specs()
    with patch.object(progression, "FORGET_EVERY", 10**9):
        kept = replay(records, answers, specs, as_of)
    with patch.object(progression, "FORGET_EVERY", 1):
        forgot = replay(records, answers, specs, as_of)
    assert forgot.state(as_of, []) == kept.state(as_of, [])
    assert (forgot.index, forgot.worse_index) == (kept.index, kept.worse_index)


def test_a_check_in_is_placed_as_if_a_damaged_session_were_not_there(tmp_path):
    # The damaged session ends first but on a later date (+13:00) than the good one (-11:00):
    # in the line with it, the check-in of its date would come before the good session.
    def doc(sid: str, ended: str) -> dict:
        return {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": ended, "ended_at": ended,
                "status": "completed", "duration_seconds": 60, "pain": 1, "effort": 5,
                "sets": [{"exercise_index": 0, "exercise": "Plank", "set": 1, "sets": 1, "kind": "hold",
                          "target": 20, "achieved": 20}]}

    damaged = doc("damaged", "2026-04-03T07:30:00+13:00")  # 2026-04-02 18:30 UTC
    good = doc("good", "2026-04-02T23:59:00-11:00")  # 2026-04-03 10:59 UTC
    history = ([damaged, good], [(date(2026, 4, 3), "worse")], None)
    _agree(history, damaged=2)  # (the first document's sets are damaged)
    store = _store(tmp_path, *history[:2], damaged=2)
    assert state_for(store, Ladders(), None).exercises["plank"].prev_index == 0  # the good one, then the check-in
