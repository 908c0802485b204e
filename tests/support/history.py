"""A fixed history for the history screen's tests and snapshots: about 400 days up to a
fixed "today" (support.apps.WALL_TIME, Monday 6 May 2024), and the app opened on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from hamcoach.history.store import HistoryStore
from hamcoach.ui.screens.history import HistoryScreen, SessionTable
from hamcoach.ui.screens.picker import PickerScreen
from support.apps import MARKUP_NAME, WALL_TIME, make_app

SIZE = (80, 24)
TODAY = WALL_TIME.date()  # Monday 2024-05-06
DAYS = 400
NAMES = ("Floor basics", "Hamstring basics", MARKUP_NAME)
REST_DAYS = (date(2024, 2, 14), date(2024, 4, 22), date(2024, 4, 23), date(2024, 4, 24), date(2024, 5, 2))


def history_docs() -> list[dict]:
    """About 400 days up to yesterday: most days trained, some partial, a weekly gap, growing numbers.

    The last week: Mon 29 Apr trained, Tue 30 partial, Wed 1 May trained, Thu 2 a rest
    day, Fri 3 - Sun 5 trained; today (Mon 6) not yet. No randomness: the same every run.
    """
    docs = []
    for n in range(1, DAYS + 1):  # n days before today
        day = TODAY - timedelta(days=n)
        if n == 4 or (n > 7 and n % 9 == 3) or (n > 7 and n % 13 == 6):
            continue  # 2 May is a rest day; older gaps every 9 and 13 days
        status = "partial" if n == 6 or (n > 7 and n % 11 == 5) else "completed"
        offset = "+02:00" if day >= date(2024, 3, 31) else "+01:00"
        hour = 7 if n % 3 else 21
        started = datetime.fromisoformat(f"{day}T{hour:02d}:{(n * 7) % 60:02d}:00{offset}")
        duration = 240 + (n * 397) % 2600
        growth = (DAYS - n) // 30  # a little more every month
        sets = []
        for set_no in (1, 2):
            sets.append({"exercise_index": 0, "exercise": "Hip bridge", "set": set_no, "sets": 2, "side": None,
                         "kind": "reps", "target": 10, "achieved": min(10, 4 + growth), "skipped": False})
        for side in ("left", "right"):
            sets.append({"exercise_index": 1, "exercise": "Side plank", "set": 1, "sets": 1, "side": side,
                         "kind": "hold", "target": 30, "achieved": min(30, 6 + 2 * growth), "skipped": n % 17 == 0})
        docs.append({
            "id": f"session-{n:03d}", "routine_id": f"r{n % 3}", "routine_name": NAMES[n % 3],
            "started_at": started.isoformat(), "ended_at": (started + timedelta(seconds=duration)).isoformat(),
            "status": status, "duration_seconds": duration, "pain": None if n % 4 == 0 else n % 4,
            "effort": 6, "sets": sets if status == "completed" else sets[:2],
        })
    return docs


def history_app(home: Path, docs: list[dict] | None = None, rest_days=REST_DAYS, week_target: int | None = None):
    """The app on the fixed history (or on ``docs``), its picker on show."""
    home.mkdir(parents=True, exist_ok=True)
    HistoryStore(home / "history.json").merge(history_docs() if docs is None else docs, rest_days)
    app = make_app(home)
    if week_target is not None:
        app.settings.week_target = week_target
    return app


async def open_history(app, pilot) -> HistoryScreen:
    await pilot.pause()
    assert isinstance(app.screen, PickerScreen)
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


def table(app) -> SessionTable:
    return app.screen.query_one(SessionTable)
