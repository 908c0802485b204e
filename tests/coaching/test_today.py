"""Today's suggestion and the short version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from hamcoach.coaching.today import LastDone, last_done, short_version, suggest
from hamcoach.routines.library import RoutineLibrary
from hamcoach.wording import since_words

TODAY = date(2026, 3, 10)


@dataclass(frozen=True)
class Done:
    routine_id: str
    day: date
    status: str = "completed"


def routines():
    library = RoutineLibrary.load(custom_dir=None)
    return [(r.id, r.routine) for r in library.routines]


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_the_routine_done_least_recently_that_fits_the_equipment():
    history = [Done("ball-work", days_ago(1)), Done("band-work", days_ago(3)), Done("desk-break", days_ago(2)),
               Done("floor-basics", days_ago(4)), Done("full-session", days_ago(9)), Done("standing-desk", days_ago(5))]
    assert suggest(routines(), {"mat", "ball", "band"}, history, [], TODAY).routine_id == "full-session"
    only_mat = suggest(routines(), {"mat"}, history, [], TODAY)
    assert (only_mat.routine_id, only_mat.last_done) == ("standing-desk", days_ago(5))  # it needs nothing
    assert only_mat.words("Standing at the desk").startswith("Today: Standing at the desk (last done 5 days ago), t ")
    never = suggest(routines(), {"mat"}, history[:2], [], TODAY)
    assert never.routine_id == "desk-break" and never.last_done is None  # never done: first, in list order
    # The routine that needs no equipment fits whatever is at hand, nothing included.
    assert suggest(routines(), set(), history, [], TODAY).routine_id == "standing-desk"
    needing = [(rid, routine) for rid, routine in routines() if routine.equipment]
    assert suggest(needing, set(), history, [], TODAY).routine_id is None  # nothing fits


def test_a_rest_day_suggests_nothing_and_a_streak_at_stake_offers_the_short_version():
    history = [Done("floor-basics", days_ago(n)) for n in (1, 2, 3)]
    rest = suggest(routines(), {"mat"}, history, [TODAY], TODAY)
    assert rest.rest_day and rest.routine_id is None and rest.words("") == "Today is a planned rest day."
    due = suggest(routines(), {"mat"}, history, [], TODAY)
    assert due.at_stake and due.streak == 3
    assert due.words("Desk break").endswith("; s for a short version that keeps your 3-day streak")
    trained = suggest(routines(), {"mat"}, history + [Done("desk-break", TODAY)], [], TODAY)
    assert not trained.at_stake  # today is done already
    assert not suggest(routines(), {"mat"}, [], [], TODAY).at_stake  # no streak to keep


def test_the_short_version_is_the_first_set_of_three_exercises():
    floor = dict(routines())["floor-basics"]
    short = short_version(floor)
    assert short.name == "Floor basics (short)" and len(short.exercises) == 3
    assert all(ex.sets == 1 for ex in short.exercises)
    assert [ex.name for ex in short.exercises] == [ex.name for ex in floor.exercises[:3]]
    assert 2 * 60 <= short.estimated_seconds() <= 4 * 60  # about three minutes


def test_last_done_counts_completed_and_partial_sessions_in_one_pass():
    """Done is what the history lists as ended: completed or partial; a session still in
    progress is not done yet, and a day after today (a clock set wrong) is left out."""
    history = iter([Done("floor-basics", days_ago(3)), Done("floor-basics", days_ago(1), "partial"),
                    Done("ball-work", days_ago(2), "partial"), Done("ball-work", days_ago(2)),
                    Done("band-work", TODAY, "in_progress"), Done("band-work", days_ago(6)),
                    Done("desk-break", TODAY + timedelta(days=1))])  # an iterator: read once
    last = last_done(history, TODAY)
    assert last == {"floor-basics": LastDone(days_ago(1), completed=False),
                    "ball-work": LastDone(days_ago(2), completed=True),
                    "band-work": LastDone(days_ago(6), completed=True)}


@pytest.mark.parametrize("days, words", [
    (None, "never"), (0, "today"), (1, "yesterday"), (2, "2 days ago"), (6, "6 days ago"),
    (7, "2026-03-03"), (400, "2025-02-03"), (-1, "2026-03-11"),  # a day after today: dated
])
def test_since_words(days, words):
    assert since_words(None if days is None else days_ago(days), TODAY) == words
