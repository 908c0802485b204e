"""``hamcoach settings``: list every setting, set one; a bad key or value is one line, exit 2, nothing written."""

from __future__ import annotations

import json
import os
import stat

import pytest

from hamcoach.cli.main import main
from hamcoach.settings import Settings, read_settings


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def path(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    return isolated_home / "settings.json"


def test_lists_every_setting_with_its_value(capsys, path):
    path.write_text('{"week_target": 5, "sound": "quiet"}')
    code, out, err = run(capsys, "settings")
    assert code == 0 and err == ""
    rows = dict(line.split(None, 1) for line in out.splitlines())
    assert list(rows) == list(Settings.model_fields)  # every one, in the file's order
    assert rows["week_target"] == "5" and rows["sound"] == '"quiet"' and rows["voice"] == "true"


def test_shows_one_setting(capsys, path):
    path.write_text('{"week_target": 6}')
    assert run(capsys, "settings", "week_target") == (0, "6\n", "")


def test_sets_one_keeping_unknown_keys_the_others_and_the_mode(capsys, path):
    path.write_text(json.dumps({"sound": "off", "mine": [1, 2], "voice": "maybe"}))
    os.chmod(path, 0o640)
    code, out, err = run(capsys, "settings", "week_target", "4")
    assert code == 0 and err == "" and out == f"Set week_target to 4 in {path}.\n"
    written = json.loads(path.read_text())
    # Only week_target changed: even the bad voice is left for the user to see and mend.
    assert written == {"sound": "off", "mine": [1, 2], "voice": "maybe", "week_target": 4}
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert read_settings(path).settings.week_target == 4


@pytest.mark.parametrize("key, text, value", [
    ("sound", "quiet", "quiet"), ("voice", "false", False), ("theme", "textual-light", "textual-light"),
    ("morning_check", "true", True), ("theme", "1", "1"),
    # The routine list's memory (issue 14): a list is taken where the setting is one.
    ("at_hand", '["mat", "band"]', ["mat", "band"]), ("at_hand", "[]", []),
    ("last_routine", "floor-basics", "floor-basics"),
])
def test_values_are_read_as_the_setting_takes_them(capsys, path, key, text, value):
    assert run(capsys, "settings", key, text)[0] == 0
    assert json.loads(path.read_text())[key] == value


@pytest.mark.parametrize("argv, line", [
    (("settings", "week_target", "9"), "hamcoach: The setting week_target must be a whole number from 1 to 7 "
                                       "(got '9')\n"),
    (("settings", "week_target", "four"), "hamcoach: The setting week_target must be a whole number from 1 to 7 "
                                          "(got 'four')\n"),
    (("settings", "week_target", "4.0"), "hamcoach: The setting week_target must be a whole number from 1 to 7 "
                                         "(got '4.0')\n"),
    (("settings", "voice", "yes"), "hamcoach: The setting voice must be true or false (got 'yes')\n"),
    (("settings", "voice", "[true]"), "hamcoach: The setting voice must be true or false (got '[true]')\n"),
    (("settings", "at_hand", "mat"), "hamcoach: The setting at_hand must be a list of \"mat\", \"ball\" and "
                                     "\"band\", each at most once (got 'mat')\n"),
    (("settings", "at_hand", '["mat", "mat"]'), "hamcoach: The setting at_hand must be a list of \"mat\", "
                                                "\"ball\" and \"band\", each at most once "
                                                "(got '[\"mat\", \"mat\"]')\n"),
    (("settings", "last_routine", "../x"), "hamcoach: The setting last_routine must be a routine id (lowercase "
                                           "letters, digits, - and _) (got '../x')\n"),
    (("settings", "sound", "loud"), "hamcoach: The setting sound must be \"on\", \"quiet\" or \"off\" "
                                    "(got 'loud')\n"),
    (("settings", "weektarget", "4"), "hamcoach: 'weektarget' is not a setting; the settings are "
                                      + ", ".join(Settings.model_fields) + "\n"),
    (("settings", "nope"), "hamcoach: 'nope' is not a setting; the settings are "
                           + ", ".join(Settings.model_fields) + "\n"),
])
def test_a_bad_key_or_value_is_one_line_exit_2_and_nothing_written(capsys, path, argv, line):
    path.write_text('{"week_target": 5}')
    before = path.read_bytes()
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", line)
    assert path.read_bytes() == before


def test_a_file_that_does_not_parse_is_not_written_over(capsys, path):
    path.write_text('{"week_target": 5,}')
    code, out, err = run(capsys, "settings", "week_target", "4")
    assert code == 1 and out == "" and err.count("\n") == 1 and "was not overwritten" in err
    assert path.read_text() == '{"week_target": 5,}'


def test_no_file_yet_is_created_with_the_one_setting(capsys, path):
    assert run(capsys, "settings", "week_target", "2")[0] == 0
    assert json.loads(path.read_text()) == {"week_target": 2}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_week_target_set_here_is_the_one_streak_uses(capsys, path):
    run(capsys, "settings", "week_target", "6")
    code, out, _ = run(capsys, "streak", "--json")
    assert code == 0 and json.loads(out)["week_target"] == 6
