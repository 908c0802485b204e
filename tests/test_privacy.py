"""Pain ratings are health data: the data home is private (0700) and so is every file in it (0600).

Each test starts from a data home that does not exist yet and sets a permissive umask
(0o022, and 0o000) itself, so the modes come from hamcoach and not from the umask.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hamcoach.cli.main import main
from hamcoach.history.store import HistoryStore
from hamcoach.ui.app import HamcoachApp
from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.summary import SummaryScreen

ROUTINE = 'name = "Mine"\n[[exercises]]\nname = "Curl"\nreps = 5\n'


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def fresh_home(request, tmp_path, monkeypatch) -> Path:
    """A data home that does not exist yet, under a permissive umask."""
    home = tmp_path / "new" / "hamcoach-home"
    monkeypatch.setenv("HAMCOACH_HOME", str(home))
    old = os.umask(request.param)
    yield home
    os.umask(old)


def assert_private(home: Path) -> None:
    """Every folder in the home is 0700 and every file 0600."""
    assert mode(home) == 0o700
    for path in home.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode(path))}"


def test_the_commands_create_a_private_home_and_private_files(capsys, fresh_home, tmp_path):
    assert not fresh_home.exists()
    assert main(["rest", "2024-05-06"]) == 0
    assert mode(fresh_home) == 0o700
    assert mode(fresh_home / "history.json") == 0o600
    assert mode(fresh_home / "routines") == 0o700

    source = tmp_path / "mine.toml"
    source.write_text(ROUTINE, encoding="utf-8")
    assert main(["routines", "import", str(source)]) == 0
    assert mode(fresh_home / "routines" / "mine.toml") == 0o600

    outputs = tmp_path / "out"
    outputs.mkdir()
    assert main(["export", "-o", str(outputs / "history.json")]) == 0
    assert main(["export", "--format", "csv", "-o", str(outputs / "history.csv")]) == 0
    assert main(["routines", "export", "floor-basics", "-o", str(outputs / "floor.toml")]) == 0
    for name in ("history.json", "history.csv", "floor.toml"):
        assert mode(outputs / name) == 0o600, name
    assert_private(fresh_home)
    capsys.readouterr()


def test_an_export_replacing_a_readable_file_is_private_again(capsys, fresh_home, tmp_path):
    out = tmp_path / "export.json"
    out.write_text("old")
    out.chmod(0o644)
    assert main(["export", "-o", str(out)]) == 0
    assert mode(out) == 0o600
    capsys.readouterr()


@pytest.mark.parametrize("fresh_home", [0o022], indirect=True, ids=["umask 022"])  # one run: it takes seconds
def test_the_app_creates_a_private_home_settings_history_routines_and_trash(capsys, fresh_home, monkeypatch):
    """``hamcoach --mute`` for real (headless), driven by keys: the safety notice, a new
    routine saved from the editor and deleted to the trash, and a session ended early."""
    seen: list[str] = []

    async def keys(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await pilot.press("enter")  # the safety notice: the settings are saved
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("c")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press(*"Mine")
        editor.set_focus(editor.query_one("#ex-name"))
        await pilot.press(*"Curl", "ctrl+s")
        await pilot.pause()
        assert editor.routine_id == "mine"
        await pilot.press("escape", "escape")  # from the exercise's form to the list, then out
        await pilot.pause()
        picker = app.screen
        picker.query_one("#routine-list").highlighted = next(
            i for i, r in enumerate(picker.shown) if r.id == "mine")
        await pilot.press("d", "y")  # to routines/.trash
        await pilot.pause()
        assert app.library.get("mine") is None
        picker.query_one("#routine-list").highlighted = 0
        await pilot.press("enter")  # a session, ended at once: saved as partial
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(*"3", "enter")  # a pain rating
        await pilot.pause()
        seen.append("done")
        await pilot.press("q")  # quits from the routine list

    real_run = HamcoachApp.run
    monkeypatch.setattr(HamcoachApp, "run", lambda self: real_run(self, headless=True, size=(100, 30),
                                                                  auto_pilot=keys))
    assert not fresh_home.exists()
    assert main(["--mute"]) == 0
    assert seen == ["done"]
    (session,) = HistoryStore(fresh_home / "history.json").sessions()
    assert session.status == "partial" and session.pain == 3  # the health data is in there
    assert mode(fresh_home) == 0o700
    for name in ("settings.json", "history.json"):
        assert mode(fresh_home / name) == 0o600, name
    trash = fresh_home / "routines" / ".trash"
    assert mode(trash) == 0o700 and mode(trash / "mine.toml") == 0o600
    assert_private(fresh_home)
    capsys.readouterr()
