"""A made-up month of Floor basics, run the way the app runs it, going up and down the bridge ladder.

Each day the routine is prescribed from the coaching state as it stands that morning
(ladder rung and level put in), the engine's planned records are "done" (all of them,
unless the day says otherwise), rated, and saved; some mornings have a check-in. Run it
as a script to print ``hamcoach coach`` after each day:

    HAMCOACH_HOME=$(mktemp -d) python tests/support/month_of_bridges.py
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from hamcoach.coaching.coach import state_for
from hamcoach.coaching.engine import Engine
from hamcoach.coaching.prescription import prescribe
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines.library import RoutineLibrary

FIRST = date(2026, 3, 1)
TZ = timezone(timedelta(hours=1))


@dataclass(frozen=True)
class Day:
    n: int  # day of the month
    pain: int | None = 1
    effort: int | None = 6
    short: bool = False  # the last bridge set falls short by 2
    swap_to: str | None = None  # the bridge swapped for this rung today
    checkin: str | None = None  # the morning's check-in, before the session
    rest: bool = False  # no session: a marked rest day


MONTH = [
    Day(1), Day(2),  # two clean sessions: level 1
    Day(3), Day(4),  # level 2
    Day(5, pain=None),  # not rated: the pair is broken
    Day(6), Day(7),  # level 3
    Day(8, rest=True),
    Day(9), Day(10),  # on to the marching bridge
    Day(11, pain=3), Day(12, pain=2),  # marching bridge level 1
    Day(13, pain=7),  # too much: back to level 0
    Day(14, checkin="worse", rest=True),  # worse the next morning: back down to the hip bridge, level 3
    Day(15, pain=6),  # a second flare-up within a week: a caution (and the hip bridge, level 2)
    Day(16, checkin="same", pain=2), Day(17, pain=2),  # level 3 again
    Day(18, pain=4),  # pain 4: hold
    Day(19, short=True),  # one set short: not cleared
    Day(20), Day(21),  # the marching bridge again
    Day(22, checkin="better"), Day(23, swap_to="Hip bridge"),  # a day on the easier rung: no clear
    Day(24), Day(25),  # marching bridge level 1
    Day(26), Day(27),  # level 2
    Day(28), Day(29),  # level 3
    Day(30, effort=9),  # clean but very hard: no step
    Day(31),
]


def run_month(store: HistoryStore, library: RoutineLibrary, days: list[Day] = MONTH,
              routine_id: str = "floor-basics") -> list[tuple[date, str]]:
    """Save the month into ``store``; returns (date, what the bridge ran) per session."""
    loaded = library.get(routine_id)
    assert loaded is not None
    ran = []
    for day in days:
        when = FIRST + timedelta(days=day.n - 1)
        if day.checkin:
            store.set_checkin(when, day.checkin)
        if day.rest:
            store.add_rest_day(when)
            continue
        state = state_for(store, library.ladders, when)
        routine = prescribe(loaded.routine, state, library.ladders).routine
        if day.swap_to:
            rung = library.ladders.rung(day.swap_to)
            assert rung is not None
            routine = routine.model_copy(update={"exercises": [
                rung.in_place_of(ex) if library.ladders.find(ex.name) else ex for ex in routine.exercises]})
        records = Engine(routine, clock=lambda: 0.0).records
        bridge = [r for r in records if library.ladders.find(r.exercise)]
        done = []
        for record in records:
            achieved = record.target - (2 if day.short and record is bridge[-1] else 0)
            done.append(record.model_copy(update={"achieved": achieved}))
        started = datetime.combine(when, datetime.min.time(), TZ) + timedelta(hours=7, minutes=30)
        store.save_session(SessionRecord(
            id=str(uuid.UUID(int=day.n)), routine_id=routine_id, routine_name=routine.name,
            started_at=started.isoformat(), ended_at=(started + timedelta(minutes=14)).isoformat(),
            status="completed", duration_seconds=840, pain=day.pain, effort=day.effort, sets=done))
        ran.append((when, f"{bridge[0].exercise} {bridge[0].sets} x {bridge[0].target}"))
    return ran


if __name__ == "__main__":  # pragma: no cover - the report's printout
    import contextlib
    import io

    from hamcoach import paths
    from hamcoach.cli.main import main

    home = paths.ensure_data_home()
    store = HistoryStore(paths.history_path(home))
    library = RoutineLibrary.load(custom_dir=paths.custom_routines_dir(home))
    ran = dict(run_month(store, library))
    for day in MONTH:
        when = FIRST + timedelta(days=day.n - 1)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["coach", "--as-of", when.isoformat()])
        bridge = next(line for line in out.getvalue().splitlines() if line.startswith("  Bridge:"))
        notes = ", ".join(filter(None, [
            f"check-in {day.checkin}" if day.checkin else "", "rest day" if day.rest else "",
            f"ran {ran[when]}" if when in ran else "", f"pain {day.pain}" if not day.rest else "",
            f"effort {day.effort}" if day.effort != 6 and not day.rest else "",
            "one set short" if day.short else "", f"swapped to {day.swap_to}" if day.swap_to else ""]))
        caution = " CAUTION" if "Caution:" in out.getvalue() else ""
        print(f"{when}  {notes:<62}->{bridge[9:]}{caution}")
