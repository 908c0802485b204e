"""Today's suggestion and the short version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hamcoach.coaching.today import short_version, suggest
from hamcoach.routines.library import RoutineLibrary

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
               Done("floor-basics", days_ago(4)), Done("full-session", days_ago(9))]
    assert suggest(routines(), {"mat", "ball", "band"}, history, [], TODAY).routine_id == "full-session"
    only_mat = suggest(routines(), {"mat"}, history, [], TODAY)
    assert (only_mat.routine_id, only_mat.last_done) == ("floor-basics", days_ago(4))
    never = suggest(routines(), {"mat"}, history[:2], [], TODAY)
    assert never.routine_id == "desk-break" and never.last_done is None  # never done: first, in list order
    assert suggest(routines(), set(), history, [], TODAY).routine_id is None  # nothing fits


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
