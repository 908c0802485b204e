"""Sound settings and options: the mode and the voice remembered, --mute/--quiet/--voice for one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamcoach.cli.main import build_parser
from hamcoach.settings import Settings, load_settings, save_settings


def test_the_defaults_are_sound_on_and_voice_on() -> None:
    settings = Settings()
    assert settings.sound == "on" and settings.voice is True and not settings.muted


def test_a_file_from_before_quiet_mode_keeps_its_mute(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"safety_notice_seen": True, "muted": True}))
    settings = load_settings(path)
    assert settings.sound == "off" and settings.muted and settings.safety_notice_seen
    path.write_text(json.dumps({"muted": False}))
    assert load_settings(path).sound == "on"
    path.write_text(json.dumps({"muted": True, "sound": "quiet"}))  # the new key wins
    assert load_settings(path).sound == "quiet"


def test_sound_and_voice_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(sound="quiet", voice=False))
    assert load_settings(path) == Settings(sound="quiet", voice=False)
    assert "muted" not in json.loads(path.read_text())


def test_an_unknown_sound_mode_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"sound": "loud"}))
    assert load_settings(path) == Settings()


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (False, False, None)),
    (["--mute"], (True, False, None)),
    (["--quiet"], (False, True, None)),
    (["--voice"], (False, False, True)),
    (["--no-voice"], (False, False, False)),
    (["run", "floor-basics", "--no-voice", "--quiet"], (False, True, False)),
    (["--voice", "run", "floor-basics", "--mute"], (True, False, True)),
])
def test_the_sound_options_parse_before_or_after_run(argv: list[str], expected: tuple) -> None:
    args = build_parser().parse_args(argv)
    assert (args.mute, args.quiet, args.voice) == expected


def test_the_options_reach_the_app(monkeypatch) -> None:
    from hamcoach.cli import main as cli

    seen = {}
    monkeypatch.setattr("hamcoach.ui.launch.run_app", lambda **kwargs: seen.update(kwargs) or 0)
    assert cli.main(["run", "floor-basics", "--no-voice", "--quiet"]) == 0
    assert seen == {"routine_id": "floor-basics", "mute": False, "quiet": True, "voice": False}


def test_version_does_not_import_the_sound_modules() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom hamcoach.cli.main import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('hamcoach.sound.', 'playsound3')))\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
