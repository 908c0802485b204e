"""settings.json: one bad field costs that field, a file that does not parse is never written over (finding 3)."""

from __future__ import annotations

import json

import pytest

from hamcoach.cli.main import main
from hamcoach.errors import SettingsError
from hamcoach.settings import Settings, read_settings, save_settings


@pytest.fixture
def path(tmp_path):
    return tmp_path / "settings.json"


@pytest.mark.parametrize("content, expected, problem", [
    ('{"voice": "maybe", "week_target": 5, "safety_notice_seen": true}',
     Settings(week_target=5, safety_notice_seen=True),
     'settings.json: voice must be true or false (got "maybe"); using true.'),
    ('{"sound": "loud", "week_target": 4}', Settings(week_target=4),
     'settings.json: sound must be "on", "quiet" or "off" (got "loud"); using "on".'),
    ('{"week_target": true, "muted": true}', Settings(sound="off"),
     "settings.json: week_target must be a whole number from 1 to 7 (got true); using 3."),
    ('{"week_target": 9, "sound": "quiet"}', Settings(sound="quiet"),
     "settings.json: week_target must be a whole number from 1 to 7 (got 9); using 3."),
    ('{"week_target": "5"}', Settings(),
     'settings.json: week_target must be a whole number from 1 to 7 (got "5"); using 3.'),
    ('{"week_target": 5.0}', Settings(),
     "settings.json: week_target must be a whole number from 1 to 7 (got 5.0); using 3."),
    ('{"safety_notice_seen": 1, "week_target": 4}', Settings(week_target=4),
     "settings.json: safety_notice_seen must be true or false (got 1); using false."),
    ('{"muted": "maybe", "week_target": 5}', Settings(week_target=5),
     'settings.json: muted must be true or false (got "maybe"); ignored.'),
    # The routine list's memory (issue 14): the routine last started and the equipment at hand.
    ('{"last_routine": "../../etc/passwd", "at_hand": ["band"]}', Settings(at_hand=["band"]),
     'settings.json: last_routine must be a routine id (lowercase letters, digits, - and _) '
     '(got "../../etc/passwd"); using "".'),
    ('{"at_hand": ["mat", "mat"], "last_routine": "my-bridges"}', Settings(last_routine="my-bridges"),
     'settings.json: at_hand must be a list of "mat", "ball" and "band", each at most once '
     '(got ["mat", "mat"]); using ["mat", "ball", "band"].'),
    ('{"at_hand": "mat"}', Settings(),
     'settings.json: at_hand must be a list of "mat", "ball" and "band", each at most once '
     '(got "mat"); using ["mat", "ball", "band"].'),
    ('{"at_hand": ["mat", "kettlebell"], "last_routine": ""}', Settings(),
     'settings.json: at_hand must be a list of "mat", "ball" and "band", each at most once '
     '(got ["mat", "kettlebell"]); using ["mat", "ball", "band"].'),
])
def test_a_bad_field_costs_only_that_field_and_is_named(path, content, expected, problem):
    path.write_text(content)
    loaded = read_settings(path)
    assert loaded.settings == expected and loaded.problems == [problem] and loaded.writable


def test_a_byte_order_mark_is_fine(path):
    path.write_bytes(b"\xef\xbb\xbf" + b'{"week_target": 5}')
    loaded = read_settings(path)
    assert loaded.settings.week_target == 5 and loaded.problems == []


TRAILING_COMMA = '{"week_target": 5,}'


def json_problem(text: str) -> str:
    """How the json module places and words what is wrong with ``text``."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    raise AssertionError(f"{text!r} is valid JSON")


@pytest.mark.parametrize("content, why", [
    # The place and the words are the json module's, which differ by Python version
    # (3.13: "Illegal trailing comma before end of object", at column 18).
    (TRAILING_COMMA, "it is not valid JSON (" + json_problem(TRAILING_COMMA) + ")"),
    ("[1]", "it is not a JSON object"),
    ('{"week_target": ' + "[" * 100_000 + "]" * 100_000 + "}", "it is nested too deeply"),
    (b'{"muted": "\xff"}', "it is not UTF-8 text (byte 0xff at offset 11)"),
])
def test_a_file_that_does_not_parse_gives_the_defaults_and_is_never_written_over(path, content, why):
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    loaded = read_settings(path)
    assert loaded.settings == Settings() and not loaded.writable
    assert loaded.problems == [f"settings.json was not used ({why}); the default settings apply, and hamcoach "
                               "will not write over it."]
    with pytest.raises(SettingsError) as caught:
        save_settings(path, Settings(sound="off"))
    assert str(caught.value) == f"{path} was not overwritten: {why}. Mend it or remove it."
    assert path.read_bytes() == content


def test_saving_keeps_unknown_keys_and_the_files_mode(path):
    path.write_text('{"from_a_later_version": "dark", "week_target": 9, "muted": true}')
    path.chmod(0o640)
    save_settings(path, read_settings(path).settings)
    assert json.loads(path.read_text()) == {"from_a_later_version": "dark", **Settings(sound="off").model_dump()}
    assert path.stat().st_mode & 0o777 == 0o640


def test_special_files_are_refused_without_hanging(isolated_home, tmp_path):
    import os
    import subprocess
    import sys

    isolated_home.mkdir(parents=True)
    path = isolated_home / "settings.json"
    os.mkfifo(path)  # no writer: reading it would block for ever (a child process, so a regression fails)
    result = subprocess.run([sys.executable, "-m", "hamcoach", "streak"], capture_output=True, timeout=30,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0
    assert result.stderr.decode() == ("settings.json was not used (it cannot be read: it is a FIFO (named pipe), not "
                                      "a regular file); the default settings apply, and hamcoach will not write "
                                      "over it.\n")
    with pytest.raises(SettingsError):
        save_settings(path, Settings())
    path.unlink()
    path.symlink_to("/dev/zero")  # endless: a reader that trusts st_size (0) would fill memory
    result = subprocess.run([sys.executable, "-m", "hamcoach", "streak"], capture_output=True, timeout=30,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and b"a character device, not a regular file" in result.stderr


def test_streak_says_which_setting_was_ignored(capsys, isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.json").write_text('{"week_target": true}')
    assert main(["streak", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["week_target"] == 3
    assert captured.err == "settings.json: week_target must be a whole number from 1 to 7 (got true); using 3.\n"


def test_nothing_at_hand_is_a_setting_and_the_equipment_is_the_routines_own():
    from typing import get_args

    from hamcoach.routines.models import EQUIPMENT
    from hamcoach.settings import EquipmentSetting

    assert get_args(EquipmentSetting) == EQUIPMENT
    assert Settings.model_validate({"at_hand": []}).at_hand == []
    assert Settings().at_hand == list(EQUIPMENT)
