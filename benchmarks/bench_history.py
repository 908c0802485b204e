"""History at scale: synthetic stores of 1, 5 and 10 years of daily sessions.

Each store holds one session a day, rotating through the built-in routines, with
the set records those routines really produce (9 to 24 a session, about 14 on
average), written through ``HistoryStore.add_many`` so the file has the layout
hamcoach itself writes. For each size, medians over several repetitions of:

- open the store and list every session (all validated), cold object each time;
- open the store and compute the streaks (``hamcoach.history.stats.streak_for``, once it exists);
- open the history screen: from pushing it to its first frame, in a headless app
  (with ``hamcoach.ui.screens.history``, once it exists);
- save one more session into an opened store (fsync and atomic rename included).

Baselines: plain ``json.load`` of the same file for the open rows; ``json.dumps``
of it to a file with flush and fsync (what TinyDB's own JSONStorage does on every
write) for the save row; the
same screen over an empty history for the screen row.
"""

from __future__ import annotations

import asyncio
import atexit
import importlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from common import Row, median, ms, verdict

YEARS = (1, 5, 10)
BUDGETS = {"streaks": 0.150, "screen": 0.400, "save": 0.150}
NOT_BUILT = "n/a (not built yet)"


# --- synthetic data -------------------------------------------------------------

def builtin_library():
    """The built-in routines only (an empty custom folder: the user's own data is never read)."""
    from hamcoach.routines.library import RoutineLibrary

    empty = Path(tempfile.mkdtemp(prefix="hamcoach-bench-routines-"))
    try:
        return RoutineLibrary.load(custom_dir=empty)
    finally:
        shutil.rmtree(empty, ignore_errors=True)


def synthetic_sessions(years: int, end: datetime) -> list[dict]:
    """One session a day for ``years`` years up to ``end``, newest last."""
    from hamcoach.coaching.engine import Engine

    library = builtin_library()
    plans = []
    for loaded in sorted(library.routines, key=lambda r: r.id):
        records = Engine(loaded.routine, clock=lambda: 0.0).records
        plans.append((loaded, [r.model_dump(mode="json") for r in records]))
    days = 365 * years + years // 4
    tz = timezone(timedelta(hours=1))
    out = []
    for day in range(days):
        loaded, sets = plans[day % len(plans)]
        started = (end - timedelta(days=days - 1 - day)).replace(hour=7 + day % 12, minute=day % 60, tzinfo=tz)
        seconds = loaded.routine.estimated_seconds()
        partial = day % 11 == 0
        done = [dict(s, achieved=s["target"] if not (partial and i > len(sets) // 2) else 0,
                     skipped=partial and i > len(sets) // 2) for i, s in enumerate(sets)]
        out.append({
            "id": str(uuid.UUID(int=years << 64 | day)),
            "routine_id": loaded.id,
            "routine_name": loaded.routine.name,
            "started_at": started.isoformat(timespec="seconds"),
            "ended_at": (started + timedelta(seconds=seconds)).isoformat(timespec="seconds"),
            "status": "partial" if partial else "completed",
            "duration_seconds": seconds,
            "pain": day % 4 if day % 3 else None,
            "effort": 1 + day % 10 if day % 3 else None,
            "sets": done,
        })
    return out


def one_more(end: datetime) -> dict:
    doc = synthetic_sessions(1, end + timedelta(days=1))[-1]
    doc["id"] = str(uuid.uuid4())
    return doc


END = datetime(2025, 6, 30)
_built: dict[int, Path] = {}


def build_store(folder: Path, years: int, end: datetime = END) -> Path:
    """A history file of ``years`` years of daily sessions, written by hamcoach itself."""
    from hamcoach.history.store import HistoryStore

    path = folder / f"history-{years}y.json"
    HistoryStore(path).add_many(synthetic_sessions(years, end))
    return path


def history_file(years: int) -> Path:
    """A synthetic history, built once per run and kept until the harness exits."""
    if years not in _built:
        folder = Path(tempfile.mkdtemp(prefix="hamcoach-bench-store-"))
        atexit.register(shutil.rmtree, folder, True)
        _built[years] = build_store(folder, years)
    return _built[years]


def install_history(home: Path, years: int) -> None:
    """Give a data home the synthetic history of ``years`` years as its history.json."""
    shutil.copyfile(history_file(years), Path(home) / "history.json")


# --- the optional modules --------------------------------------------------------

def optional(name: str):
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)


def streak_call(stats, as_of) -> Callable | None:
    """How to compute the streaks the way the CLI and the history screen do, given a store."""
    fn = getattr(stats, "streak_for", None)  # streak_for(store, as_of, week_target=...)
    if callable(fn):
        return lambda store: fn(store, as_of)
    return None


# --- timing ------------------------------------------------------------------------

def timed(fn: Callable[[], object], reps: int, before: Callable[[], None] = lambda: None) -> list[float]:
    out = []
    for _ in range(reps):
        before()
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def json_dump_fsync(obj, path: Path) -> None:
    """What TinyDB's own JSONStorage does on every write: dumps, write, flush, fsync."""
    with open(path, "w") as f:
        f.write(json.dumps(obj))
        f.flush()
        os.fsync(f.fileno())


async def _screen_first_frame(store_path: Path, home: Path, history_mod) -> float:
    """Seconds from pushing the history screen to its first frame, in a headless app."""
    from hamcoach.history.store import HistoryStore
    from hamcoach.sound.player import CuePlayer
    from hamcoach.ui.app import HamcoachApp

    class Silent:
        def play(self, path) -> None:
            pass

    # "Today" is the synthetic history's last day, so the streak, the calendar and the
    # recent progress all have data to show.
    app = HamcoachApp(library=builtin_library(), store=HistoryStore(store_path),
                      player=CuePlayer(backend=Silent(), muted=True), settings_path=home / "settings.json",
                      wall_clock=lambda: END.replace(hour=20).astimezone())
    frame = asyncio.get_running_loop().create_future()
    display = app._display

    def spy(screen, renderable) -> None:  # the compositor hands over a frame of this screen
        display(screen, renderable)
        if renderable is not None and isinstance(screen, history_mod.HistoryScreen) and not frame.done():
            frame.set_result(time.perf_counter())

    app._display = spy
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        t0 = time.perf_counter()
        app.push_screen(history_mod.HistoryScreen())
        t1 = await asyncio.wait_for(frame, 30)
        await pilot.pause()
    return t1 - t0


def screen_time(store_path: Path, home: Path, history_mod) -> float:
    return asyncio.run(_screen_first_frame(store_path, home, history_mod))


# --- the benchmark ---------------------------------------------------------------------

def run(quick: bool = False) -> list[Row]:
    from hamcoach.history.store import HistoryStore

    reps = 3 if quick else 7
    stats = optional("hamcoach.history.stats")
    end = END
    streaks = streak_call(stats, end.date()) if stats else None
    history_mod = optional("hamcoach.ui.screens.history")
    if history_mod is not None and not hasattr(history_mod, "HistoryScreen"):
        history_mod = None

    work = Path(tempfile.mkdtemp(prefix="hamcoach-bench-history-"))
    results: dict[int, dict] = {}
    try:
        (work / "settings.json").write_text(json.dumps({"safety_notice_seen": True}))
        empty = work / "history-empty.json"
        if history_mod is not None:  # a discarded run: first-use costs of the screen's modules and CSS
            screen_time(empty, work, history_mod)
        for years in YEARS:
            path = history_file(years)
            scratch = work / "scratch.json"
            r = {"size_mib": path.stat().st_size / 2**20,
                 "sessions": len(json.loads(path.read_bytes())["sessions"])}
            r["json_load"] = timed(lambda: json.loads(path.read_bytes()), reps)
            loaded = json.loads(path.read_bytes())
            r["json_dump"] = timed(lambda: json_dump_fsync(loaded, scratch), reps)
            r["open"] = timed(lambda: HistoryStore(path), reps)
            r["open_list"] = timed(lambda: len(HistoryStore(path).sessions()), reps)
            if streaks is not None:
                r["open_streaks"] = timed(lambda: streaks(HistoryStore(path)), reps)
            # Save into an opened store (as the app has one), on a fresh copy each time.
            holder: dict = {}

            def fresh_store() -> None:
                shutil.copyfile(path, scratch)
                holder["store"] = HistoryStore(scratch)
                holder["doc"] = one_more(end)

            r["save"] = timed(lambda: holder["store"].save_session(holder["doc"]), reps, fresh_store)
            if history_mod is not None:
                r["screen"] = [screen_time(path, work, history_mod) for _ in range(max(2, reps // 2))]
            results[years] = r
        base_screen = ([screen_time(empty, work, history_mod) for _ in range(max(2, reps // 2))]
                       if history_mod is not None else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows: list[Row] = []
    for years in YEARS:
        r = results[years]
        tag = f"{years:>2} y ({r['sessions']} sessions, {r['size_mib']:.1f} MiB)"
        top = years == YEARS[-1]
        load, dump = median(r["json_load"]), median(r["json_dump"])
        rows.append(Row("history", f"open + list all, {tag}", ms(median(r["open_list"])), ms(load),
                        f"{median(r['open_list']) / load:.2f}x", "note", "info",
                        {"open_s": r["open"], "open_list_s": r["open_list"], "json_load_s": r["json_load"]}))
        if "open_streaks" in r:
            v = median(r["open_streaks"])
            rows.append(Row("history", f"open + streaks, {tag}", ms(v), ms(load), f"{v / load:.2f}x",
                            "<= 150 ms at 10 y" if top else "growth",
                            verdict(v <= BUDGETS["streaks"]) if top else "info", {"s": r["open_streaks"]}))
        else:
            rows.append(Row("history", f"open + streaks, {tag}", NOT_BUILT, ms(load), "—",
                            "<= 150 ms at 10 y" if top else "growth", "n/a"))
        if "screen" in r:
            v, b = median(r["screen"]), median(base_screen)
            rows.append(Row("history", f"history screen, {tag}", ms(v), ms(b) + " (empty)", f"{v / b:.2f}x",
                            "<= 400 ms at 10 y" if top else "growth",
                            verdict(v <= BUDGETS["screen"]) if top else "info", {"s": r["screen"]}))
        else:
            rows.append(Row("history", f"history screen, {tag}", NOT_BUILT, "—", "—",
                            "<= 400 ms at 10 y" if top else "growth", "n/a"))
        v = median(r["save"])
        rows.append(Row("history", f"save one more, {tag}", ms(v), ms(dump), f"{v / dump:.2f}x",
                        "<= 150 ms at 10 y" if top else "growth",
                        verdict(v <= BUDGETS["save"]) if top else "info", {"s": r["save"], "json_dump_s": r["json_dump"]}))
    # How each figure grows: the 10-year figure over the 1-year one (10x the data).
    first, last = results[YEARS[0]], results[YEARS[-1]]
    for key, label in (("open_list", "open + list"), ("open_streaks", "open + streaks"),
                       ("screen", "history screen"), ("save", "save one more"), ("json_load", "json.load")):
        if key in first and key in last:
            growth = median(last[key]) / median(first[key])
            rows.append(Row("history", f"growth 1 y -> 10 y: {label}", f"{growth:.1f}x", "10x data", "—",
                            "note", "info"))
    return rows
