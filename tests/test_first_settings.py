"""The settings the first frame reads without pydantic agree with the model's reading (issue 15)."""

from __future__ import annotations

import json
import typing

import pytest

from hamcoach.first_settings import EQUIPMENT, FirstSettings, read_first_settings
from hamcoach.settings import EquipmentSetting, read_settings

CASES = [
    {},
    {"theme": "nord", "at_hand": ["band"], "last_routine": "desk-break", "safety_notice_seen": True,
     "sound": "quiet", "voice": False},
    {"theme": "", "at_hand": ["mat", "mat"], "last_routine": "Not An Id", "safety_notice_seen": 1, "sound": "loud",
     "voice": "yes"},
    {"theme": "x" * 65, "at_hand": "mat", "last_routine": "ok\n", "safety_notice_seen": "true", "voice": 0},
    {"theme": 5, "at_hand": ["mat", "rope"], "last_routine": "a" * 61, "sound": None},
    {"theme": "x" * 64, "at_hand": [], "last_routine": "a" * 60, "muted": True},
    {"muted": True, "sound": "on"},
    {"muted": True, "sound": "bad"},
    {"muted": "yes"},
    {"muted": False},
    {"at_hand": [1, "mat"], "last_routine": None, "theme": None},
    {"at_hand": ["ball", "mat"], "last_routine": "", "unknown": [1, 2]},
]


@pytest.mark.parametrize("obj", CASES)
def test_each_value_is_read_as_the_model_reads_it(tmp_path, obj):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(obj))
    plain, model = read_first_settings(path), read_settings(path).settings
    assert plain == FirstSettings(model.theme, list(model.at_hand), model.last_routine, model.safety_notice_seen,
                                  model.sound, model.voice)


@pytest.mark.parametrize("content", [None, b"", b"{,}", b"[1]", b"\xff", b'{"a": 1,}'])
def test_a_file_the_model_cannot_use_gives_its_defaults(tmp_path, content):
    path = tmp_path / "settings.json"
    if content is not None:
        path.write_bytes(content)
    model = read_settings(path).settings
    assert read_first_settings(path) == FirstSettings(model.theme, list(model.at_hand), model.last_routine,
                                                      model.safety_notice_seen, model.sound, model.voice)


def test_a_folder_in_its_place_gives_the_defaults(tmp_path):
    (tmp_path / "settings.json").mkdir()
    assert read_first_settings(tmp_path / "settings.json").theme == "textual-dark"


def test_the_equipment_is_the_settings():
    assert typing.get_args(EquipmentSetting) == EQUIPMENT
