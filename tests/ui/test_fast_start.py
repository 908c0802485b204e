"""Start-up (issue 15): the picker's first frame is drawn without pydantic, TinyDB or the coach,
from the cached routine summaries, the history's digest and the plainly read settings; the
library, the store and the settings' model come right after it, and nothing a user does
before then is lost or done to a routine file that is no longer valid.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.apps import CLOCK_START, CURLS_TOML, WALL_TIME, advance, make_app, screen_text, session_screen
from support.audio import RecordingBackend
from support.clock import FakeClock

from hamcoach.history import digest
from hamcoach.history.store import HistoryStore
from hamcoach.routines.library import LoadedRoutine
from hamcoach.routines.summaries import CACHE_NAME, RoutineSummary
from hamcoach.sound.player import CuePlayer
from hamcoach.ui import app as app_module
from hamcoach.ui import launch
from hamcoach.ui.app import HamcoachApp
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.session import SessionScreen

MINE = CURLS_TOML

# Runs the real entry point headless and ends the process at the first frame that shows the
# picker (as benchmarks/first_frame.py does), writing that frame's text and what was imported.
FIRST_FRAME = r"""
import json, os, sys
from textual.app import App

out, size = sys.argv[1], (int(sys.argv[2]), int(sys.argv[3]))
display, run = App._display, App.run

def line_text(line):
    text = getattr(line, "text", None)
    if isinstance(text, str):
        return text
    values = line.values() if hasattr(line, "values") else line
    return "".join(line_text(part) for part in values if part is not None)

def spy(self, screen, renderable):
    if renderable is not None:
        lines = getattr(renderable, "strips", None) or getattr(renderable, "chops", None) or []
        text = "\n".join(line_text(line) for line in lines)
        if "pick a routine" in text:
            modules = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "tinydb"))
            with open(out, "w") as f:
                json.dump({"text": text, "modules": modules, "coach": "hamcoach.coaching.coach" in sys.modules}, f)
            os._exit(0)
    display(self, screen, renderable)

def headless_run(self, *args, **kwargs):
    kwargs.update(headless=True, size=size)
    return run(self, *args, **kwargs)

App._display = spy
App.run = headless_run
from hamcoach.cli.main import main
main([])
sys.exit("ended without a picker frame")
"""


def session_doc(n: int, routine_id: str, name: str, days_ago: int, status: str = "completed") -> dict:
    started = datetime.now().astimezone().replace(hour=7, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    return {"id": f"session-{n}", "routine_id": routine_id, "routine_name": name, "started_at": started.isoformat(),
            "ended_at": (started + timedelta(seconds=600)).isoformat(), "status": status, "duration_seconds": 600,
            "pain": 1, "effort": 5, "sets": []}


def data_home(home: Path, history: bool = True) -> Path:
    """A data home with settings (notice seen, a filter, the routine last started), a custom
    routine, a broken one, and a few sessions of built-in routines."""
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "mine.toml").write_text(MINE)
    (home / "routines" / "broken.toml").write_text(MINE.replace("reps = 8", "reps = 800"))
    (home / "settings.json").write_text(json.dumps({"safety_notice_seen": True, "morning_check": False,
                                                    "at_hand": ["mat", "ball"], "last_routine": "mine"}))
    if history:
        HistoryStore(home / "history.json").merge([
            session_doc(1, "ball-work", "Ball work", 3), session_doc(2, "desk-break", "Desk break", 1, "partial"),
            session_doc(3, "floor-basics", "Floor basics", 2), session_doc(4, "ball-work", "Ball work", 1)], [])
    return home


def first_frame(home: Path, size: tuple[int, int]) -> dict:
    out = home.parent / f"frame-{size[0]}x{size[1]}.json"
    env = {"HAMCOACH_HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(out), *map(str, size)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_first_picker_frame_imports_neither_pydantic_nor_tinydb_and_reads_the_same(tmp_path, size):
    home = data_home(tmp_path / "home")
    cold = first_frame(home, size)  # no cache yet: everything read and validated first (and cached)
    assert "pydantic" in cold["modules"] and "tinydb" in cold["modules"]
    assert (home / "cache" / CACHE_NAME).is_file()
    warm = first_frame(home, size)
    assert warm["modules"] == [] and not warm["coach"]
    assert warm["text"] == cold["text"]
    # What the frame shows came from the cache and the digest: the custom routine (the one last
    # started, with the filter applied), when each was done, and the skipped file.
    text = warm["text"]
    assert "Mine (custom)" in text and "id mine · custom · about 4 min" in text and "never done" in text
    assert "8 min · yesterday" in text and "14 min · 2 days ago" in text
    assert "Today: Standing at the desk (not done yet), t to start it; s for a short" in text
    assert "Skipped 1 routine file: broken.toml" in text
    assert "Band work" not in text and "5 of 7 shown" in text  # a band is not at hand


def test_a_routine_file_changed_since_means_the_slow_way_again(tmp_path):
    home = data_home(tmp_path / "home")
    launch.load_library(home)
    assert launch.first_frame(home) is not None
    (home / "routines" / "mine.toml").write_text(MINE.replace("Mine", "Mine again"))
    assert launch.first_frame(home) is None
    launch.load_library(home)
    first = launch.first_frame(home)
    assert first is not None and "Mine again" in [r.name for r in first.library.routines]


def test_an_older_digest_is_not_used_and_is_rebuilt_when_the_store_is_opened(tmp_path):
    home = data_home(tmp_path / "home")
    launch.load_library(home)
    path = digest.digest_path(home / "history.json")
    doc = json.loads(path.read_bytes())
    path.write_text(json.dumps({**doc, "version": 1}))
    assert launch.first_frame(home) is None
    launch.open_store(home)
    first = launch.first_frame(home)
    assert first is not None and set(first.history.last) == {"ball-work", "desk-break", "floor-basics"}


def test_a_session_dated_after_today_means_the_slow_way(tmp_path):
    # The routine list leaves such a day out of "last done" (a clock set wrong); the digest keeps
    # only each routine's latest day, so it cannot say which day came before: the store does.
    home = data_home(tmp_path / "home", history=False)
    launch.load_library(home)
    HistoryStore(home / "history.json").merge([session_doc(1, "ball-work", "Ball work", -2)], [])
    assert launch.first_frame(home) is None


class KeyFirst(HamcoachApp):
    """The app as launched with a first frame, where the user's key comes before the loading
    that follows the first frame (which then never starts by itself)."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def _after_first_frame(self) -> None:
        pass


def fast_app(home: Path, app_class: type[HamcoachApp] = KeyFirst) -> HamcoachApp:
    first = launch.first_frame(home)
    assert first is not None, "the cache should have been primed"
    return app_class(player=CuePlayer(backend=RecordingBackend()), settings_path=home / "settings.json",
                     clock=FakeClock(CLOCK_START), wall_clock=lambda: WALL_TIME, first_frame=first,
                     load_library=lambda: launch.load_library(home), open_store=lambda: launch.open_store(home))


def primed_home(tmp_path: Path) -> Path:
    home = data_home(tmp_path / "home", history=False)
    launch.load_library(home)
    return home


async def test_enter_before_the_library_is_loaded_starts_the_routine_as_validated(tmp_path):
    app = fast_app(primed_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen) and isinstance(picker.highlighted, RoutineSummary)
        assert picker.highlighted.id == "mine" and not app.library_loaded and not app.store_opened
        await pilot.press("enter")
        await pilot.pause()
        session = session_screen(app)
        assert session is not None and isinstance(session.loaded, LoadedRoutine)
        assert session.loaded.id == "mine" and session.loaded is app.library.get("mine")
        assert app.library_loaded and app.store_opened


async def test_a_routine_changed_after_the_first_frame_starts_as_it_is_now(tmp_path):
    home = primed_home(tmp_path)
    app = fast_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (home / "routines" / "mine.toml").write_text(MINE.replace('name = "Mine"', 'name = "Mine, edited"'))
        await pilot.press("enter")
        await pilot.pause()
        session = session_screen(app)
        assert session is not None and session.loaded.routine.name == "Mine, edited"


async def test_a_routine_broken_after_the_first_frame_is_refused_in_one_line(tmp_path):
    home = primed_home(tmp_path)
    app = fast_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.highlighted.id == "mine"
        (home / "routines" / "mine.toml").write_text(MINE.replace("hold = 30", "hold = 3000"))
        await pilot.press("enter")
        await pilot.pause()
        assert session_screen(app) is None and isinstance(app.screen, PickerScreen)
        said = [n.message for n in app._notifications if "mine.toml" in n.message and "Not started" in n.message]
        assert len(said) == 1 and "\n" not in said[0]
        assert "exercises[1].hold: must be at most 900" in said[0] and str(home / "routines") in said[0]
        # The list now shows the files as they are: the broken one skipped, and said so.
        assert all(not isinstance(r, RoutineSummary) for r in app.screen.shown)
        assert "mine" not in [r.id for r in app.screen.shown]
        assert "Skipped 2 routine files" in screen_text(app)


async def test_a_key_before_loading_waits_for_the_resume_question(tmp_path):
    home = primed_home(tmp_path)
    crashed = make_app(home, start_routine="mine", write_settings=False)
    async with crashed.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 70)  # the first set checkpointed, then the app is gone
    assert [s.status for s in HistoryStore(home / "history.json").summaries()] == ["in_progress"]
    app = fast_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # The question about the unfinished session comes first, as it did at start before.
        assert session_screen(app) is None and type(app.screen).__name__ == "ResumeScreen"


async def test_after_the_first_frame_everything_is_loaded_and_said(tmp_path):
    home = primed_home(tmp_path)
    app = fast_app(home, HamcoachApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.library_loaded and app.store_opened
        assert all(not isinstance(r, RoutineSummary) for r in app.screen.shown)
        assert any("Skipped broken.toml" in n.message for n in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.loaded.id == "mine"
