"""The app says which setting it ignored, and never writes over a settings file that did not parse."""

from __future__ import annotations

from support.apps import make_app

from hamcoach.ui.screens.picker import PickerScreen


async def test_a_bad_field_is_a_notice_and_the_rest_is_kept(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.json").write_text('{"safety_notice_seen": true, "week_target": true}')
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)  # the notice was seen: that field was kept
        notices = [n.message for n in app._notifications if n.title == "Settings"]
        assert notices == ["settings.json: week_target must be a whole number from 1 to 7 (got true); using 3."]


async def test_a_file_that_did_not_parse_is_not_written_over_by_a_toggle(isolated_home):
    isolated_home.mkdir(parents=True)
    path = isolated_home / "settings.json"
    path.write_text('{"safety_notice_seen": true, "muted": true,}')  # a trailing comma
    before = path.read_bytes()
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the safety notice (the defaults apply): it saves, and is refused
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        refused = [n.message for n in app._notifications if n.message.startswith("Could not save settings")]
        assert refused and refused[0].startswith(f"Could not save settings: {path} was not overwritten: it is not "
                                                 "valid JSON (line 1")
    assert path.read_bytes() == before
