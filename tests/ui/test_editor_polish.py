"""The editor, easy to drive: the focused field is obvious without colour, Escape goes
from the form to the list, ctrl+y redoes, no placeholder looks like a value, and each
exercise can carry a note that is saved in the file and shown in the session."""

from __future__ import annotations

import pytest
from support.apps import advance, make_app, screen_text, session_screen
from support.editor import MINE, clear_and_type, focus, open_picker_item, paste, with_mine
from textual.widgets import Input

from hamcoach.routines.files import routine_to_toml, save_routine
from hamcoach.routines.library import parse_routine_text, read_routine_file
from hamcoach.routines.models import Exercise, Routine
from hamcoach.ui.screens.editor import EditorScreen
from hamcoach.ui.screens.session import SessionScreen

SIZE = (80, 24)
BAR = "▌"  # the focus marker: a character, so it shows with NO_COLOR and in 16 colours


def bar_at(app, widget) -> str:
    """The character at the left edge of a field's row (its group in the routine's pane)."""
    lines = screen_text(app).split("\n")
    region = widget.region
    return lines[region.y][region.x]


def field_row(widget):
    return next(node for node in widget.ancestors_with_self if {"form-row", "field-group"} & set(node.classes))


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_focused_field_has_a_bar_beside_it(isolated_home, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color is no_color
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        rows = [field_row(editor.query_one(s)) for s in ("#routine-name", "#equipment", "#exercise-list",
                                                          "#ex-sets", "#ex-kind", "#ex-note")]
        for row, selector in zip(rows, ("#routine-name", "#equipment", "#exercise-list", "#ex-sets", "#ex-kind",
                                        "#ex-note"), strict=True):
            await focus(pilot, selector)
            await pilot.pause()
            row.scroll_visible(animate=False)
            await pilot.pause()
            assert bar_at(app, row) == BAR, selector
            assert [bar_at(app, other) for other in rows if other is not row and other.region.height] \
                == [" "] * (len([o for o in rows if o is not row and o.region.height])), selector


async def test_escape_goes_from_the_cues_to_the_list_in_one_key(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await focus(pilot, "#exercise-list")
        await pilot.press("down")
        await focus(pilot, "#ex-cues")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id == "exercise-list" and editor.selected == 1  # the same exercise
        assert isinstance(app.screen, EditorScreen)


async def test_ctrl_y_redoes_what_ctrl_z_undid(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await focus(pilot, "#ex-sets")
        await clear_and_type(pilot, "5")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.query_one("#ex-sets", Input).value == "3"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.query_one("#ex-sets", Input).value == "5"
        assert editor.draft["exercises"][0]["sets"] == "5"
        await pilot.press("ctrl+z")
        await pilot.pause()
        await clear_and_type(pilot, "4")  # a new change: nothing left to redo
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.query_one("#ex-sets", Input).value == "4"
        assert not editor.redo_stack


async def test_no_placeholder_looks_like_a_value(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        for field in ("sets", "reps", "hold", "tempo_up", "tempo_hold", "tempo_down", "rest", "rest_after"):
            assert editor.query_one(f"#ex-{field}", Input).placeholder == "", field
        hints = " ".join(str(w.render()) for w in editor.query(".hint, .hint-line"))
        assert "=rest" not in hints
        assert "empty: 1 up, 0 hold, 1 down" in hints and "empty: as Rest" in hints
        for field in ("#routine-name", "#ex-note"):
            assert editor.query_one(field, Input).placeholder.startswith("e.g. ")


async def test_a_note_is_saved_in_the_routine_file_and_shown_in_the_session(isolated_home):
    save_routine(MINE, isolated_home / "routines", "mine")
    app = make_app(isolated_home)  # on the fake clock
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        await focus(pilot, "#ex-note")
        await paste(pilot, "Red band, [b]2nd[/b] hole")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = read_routine_file(isolated_home / "routines" / "mine.toml")
        assert saved.exercises[0].note == "Red band, [b]2nd[/b] hole"
        assert 'note = "Red band, [b]2nd[/b] hole"' in (isolated_home / "routines" / "mine.toml").read_text()
        await pilot.press("escape", "escape")
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await advance(pilot, 2)
        assert "Note: Red band, [b]2nd[/b] hole" in screen_text(app)  # first of the lines, literally
        assert session_screen(app) is app.screen


def test_a_note_round_trips_and_must_be_one_line():
    routine = Routine(name="R", exercises=[Exercise(name="A", reps=5, note="green band")])
    assert parse_routine_text(routine_to_toml(routine)) == routine
    assert "note" not in routine_to_toml(Routine(name="R", exercises=[Exercise(name="A", reps=5)]))
    with pytest.raises(ValueError, match="one line"):
        Exercise(name="A", reps=5, note="two\nlines")
    with pytest.raises(ValueError):
        Exercise(name="A", reps=5, note="x" * 121)


def test_the_editor_keeps_a_note_it_did_not_change(isolated_home):
    from hamcoach.routines.draft import exercise_data, exercise_draft

    exercise = Exercise(name="A", reps=5, note="seat at 4")
    assert Exercise.model_validate(exercise_data(exercise_draft(exercise))) == exercise
    save_routine(Routine(name="R", exercises=[exercise]), isolated_home, "r")
    assert read_routine_file(isolated_home / "r.toml").exercises[0].note == "seat at 4"
