"""App factories and helpers for the UI tests: every side effect is a fake.

The app gets a fake monotonic clock, a fixed wall clock, a recording sound
backend, a history file and a settings file inside the test's data home, so a
test (and a snapshot) is the same on every run and never waits in real time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Footer

from hamcoach.history.store import HistoryStore
from hamcoach.routines.library import RoutineLibrary
from hamcoach.sound.player import CuePlayer
from hamcoach.ui.app import HamcoachApp
from hamcoach.ui.screens.session import SessionScreen
from support.audio import RecordingBackend
from support.clock import FakeClock

CLOCK_START = 5000.0
WALL_TIME = datetime(2024, 5, 6, 7, 30, 0, tzinfo=timezone(timedelta(hours=2)))
"""The fixed wall-clock time every app in these tests sees (ISO: 2024-05-06T07:30:00+02:00)."""

# A short routine for a whole session in a few fake seconds (39 s in all):
#   0 get ready 0-5 | set 1: lift/lower x2 5-9 | rest 9-11 | set 2 11-15 | rest 15-17 |
#   get ready 17-22 | hold left 22-28 | switch sides 28-33 | hold right 33-39 | done 39
QUICK_ID = "quick"
QUICK_TOML = """\
name = "Quick check"
description = "A tiny routine for the tests."

[[exercises]]
name = "Mini curl"
cues = ["Heel toward your seat."]
sets = 2
reps = 2
tempo = { up = 1, hold = 0, down = 1 }
rest = 2
rest_after = 2

[[exercises]]
name = "Side hold"
cues = ["Hold still, breathe."]
sets = 1
hold = 6
per_side = true
"""
QUICK_LENGTH = 39

# One long hold, for pausing and for the mid-hold snapshot:
#   0 get ready 0-5 | hold 5-65 | rest 65-95 | hold 95-155 | done
HOLD_ID = "long-hold"
HOLD_TOML = """\
name = "Long hold"

[[exercises]]
name = "Wall sit"
cues = ["Back flat on the wall.", "Knees over the ankles.", "Breathe slowly."]
sets = 2
hold = 60
rest = 30
"""

MARKUP_ID = "markup"
MARKUP_NAME = "[bold]x[/bold] [@click=app.quit]quit[/] [/bold]"
MARKUP_TOML = """\
name = '[bold]x[/bold] [@click=app.quit]quit[/] [/bold]'
description = '[red]not red[/red] [/]'

[[exercises]]
name = '[@click=app.quit]Click me[/]'
cues = ['[bold]stay[/bold] [/bold]', '[@click=app.quit]quit[/]']
sets = 1
hold = 30
"""

BROKEN_FILE = "broken.toml"
BROKEN_TOML = """\
name = "Broken"

[[exercises]]
name = "Zero reps"
reps = 0
"""


# A routine with every part the list and its detail pane show: a description, equipment,
# tempo, a note, cues, a hold and a per-side exercise (the summaries cache, the fast start).
CURLS_TOML = """\
name = "Mine"
description = "My own: curls with a note and cues."
equipment = ["ball"]

[[exercises]]
name = "Ball curl"
sets = 2
reps = 8
tempo = { up = 2, hold = 1, down = 2 }
note = "the blue ball"
cues = ["Hips up", "Slow back"]

[[exercises]]
name = "Plank"
hold = 30
per_side = true
"""

def write_routine(home: Path, routine_id: str, text: str) -> Path:
    """Put a custom routine file into the data home."""
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{routine_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def settings_file(home: Path, safety_seen: bool = True, morning_check: bool = False) -> Path:
    """The settings file; with ``safety_seen`` the one-time safety notice is skipped, and
    without ``morning_check`` the next-morning check is never asked (tests/ui/test_coach_screens.py asks it)."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "settings.json"
    if safety_seen:
        path.write_text(json.dumps({"safety_notice_seen": True, "morning_check": morning_check}), encoding="utf-8")
    return path


def make_app(
    home: Path,
    *,
    clock: FakeClock | None = None,
    start_routine: str | None = None,
    safety_seen: bool = True,
    write_settings: bool = True,
    wall_clock: Callable[[], datetime] | None = None,
    morning_check: bool = False,
) -> HamcoachApp:
    """A HamcoachApp on fakes; ``app.clock`` is the FakeClock, ``app.player`` records."""
    settings = settings_file(home, safety_seen, morning_check) if write_settings else home / "settings.json"
    return HamcoachApp(
        library=RoutineLibrary.load(custom_dir=home / "routines"),
        store=HistoryStore(home / "history.json"),
        player=CuePlayer(backend=RecordingBackend()),
        settings_path=settings,
        clock=clock if clock is not None else FakeClock(CLOCK_START),
        wall_clock=wall_clock if wall_clock is not None else (lambda: WALL_TIME),
        start_routine=start_routine,
    )


def backend(app: HamcoachApp) -> RecordingBackend:
    """The recording backend inside the app's player."""
    return app.player._backend  # type: ignore[attr-defined,return-value]


def played_names(app: HamcoachApp) -> list[str]:
    """File names of the sounds played so far, in order (waits for the player)."""
    assert app.player.wait_idle(2), "the sound worker did not finish"
    return [path.name for path in backend(app).played]


def screen_text(app: HamcoachApp) -> str:
    """The text on the current screen, line by line, as a person would read it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def session_screen(app: HamcoachApp) -> SessionScreen | None:
    """The topmost session screen in the stack (it may be under a modal), or None."""
    return next((s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen)), None)


async def advance(pilot, seconds: float, step: float = 1.0) -> None:
    """Move the fake clock on in steps, waking the session as its timer would, and redraw.

    The session's real timer would call ``tick()`` at each change; here each step calls
    it at once (even under a modal screen, as the timer would) and lets the UI settle,
    then waits for the sound worker so no cue is dropped for being late.
    """
    app = pilot.app
    left = seconds
    while left > 1e-9:
        delta = min(step, left)
        app.clock.advance(delta)
        left -= delta
        screen = session_screen(app)
        if screen is not None:
            screen.tick()
        await pilot.pause()
        assert app.player.wait_idle(2), "the sound worker did not finish"


# --- apps for the snapshot tests ---------------------------------------------------


def picker_app(home: Path) -> HamcoachApp:
    """The picker with the built-in routines and one custom one."""
    write_routine(home, QUICK_ID, QUICK_TOML)
    return make_app(home)


def hold_session_app(home: Path) -> HamcoachApp:
    """Straight into the long-hold session (drive ``app.clock`` to a point in run_before)."""
    write_routine(home, HOLD_ID, HOLD_TOML)
    return make_app(home, start_routine=HOLD_ID)

def footer_keys(app) -> list[str]:
    """The descriptions in the footer, left to right, as shown (greyed ones too)."""
    footer = app.screen.query_one(Footer)
    return [f"{key.key_display} {key.description}".strip() for key in footer.query("FooterKey")
            if "-command-palette" not in key.classes]
