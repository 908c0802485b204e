"""The routine editor, driven with the keyboard alone (Pilot), and its 80x24 snapshot."""

from __future__ import annotations

from support.apps import make_app
from support.editor import MINE, clear_and_type, focus, open_picker_item, paste, type_text, with_mine
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from hamcoach.routines.library import read_routine_file
from hamcoach.routines.models import Exercise, Routine, Tempo
from hamcoach.ui.app import HamcoachApp
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.editor import ClashScreen, EditorScreen, UnsavedChangesScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.widgets.exercise_form import ExerciseChooser

SIZE = (80, 24)

def error_text(app: HamcoachApp, field: str) -> str:
    """The words shown beside a field of the exercise form ('' when hidden)."""
    widget = app.screen.query_one(f"#err-{field}", Static)
    if not widget.has_class("-shown"):
        return ""
    text = str(widget.render())
    assert text.startswith("! "), text  # marked as an error, not by colour alone
    return text.removeprefix("! ")


def status(app: HamcoachApp) -> str:
    return str(app.screen.query_one("#editor-status", Static).render())


# --- create ------------------------------------------------------------------------------


async def test_create_a_routine_with_the_keyboard_and_save_it(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert app.focused.id == "routine-name"
        await type_text(pilot, "[bold]Eve")
        await paste(pilot, "ning[/] curls")
        await pilot.press("tab")
        await paste(pilot, "After work.")
        await pilot.press("tab", "space")  # the equipment row, its cursor on mat: on
        await pilot.press("tab")  # one stop for the equipment: on to the exercise list
        await pilot.pause()
        assert app.focused.id == "exercise-list"
        await pilot.press("enter")  # edit the blank exercise
        await pilot.pause()
        assert app.focused.id == "ex-name"
        await type_text(pilot, "Curl")
        await pilot.press("tab")
        await clear_and_type(pilot, "2")  # sets
        await pilot.press("tab", "tab")  # past reps-or-hold, to reps
        await clear_and_type(pilot, "12")
        await pilot.press("tab")
        await type_text(pilot, "2")  # tempo up; hold and down stay at their defaults
        await focus(pilot, "#ex-cues")
        await type_text(pilot, "Slow")
        await paste(pilot, " down")
        await pilot.press("enter")
        await paste(pilot, "Breathe")
        await pilot.pause()
        title = str(editor.query_one("#editor-title", Static).render())
        assert "[bold]Evening[/] curls" in title and "about 2 min" in title  # shown as typed
        assert "ctrl+s saves to bold-evening-curls.toml" in status(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        path = isolated_home / "routines" / "bold-evening-curls.toml"
        assert read_routine_file(path) == Routine(
            name="[bold]Evening[/] curls", description="After work.", equipment=["mat"],
            exercises=[Exercise(name="Curl", sets=2, reps=12, tempo=Tempo(up=2), cues=["Slow down", "Breathe"])],
        )
        assert not editor.dirty
        assert app.library.get("bold-evening-curls") is not None

        await pilot.press("escape")  # from the form up to the exercise list
        await pilot.pause()
        assert app.focused.id == "exercise-list"
        await pilot.press("escape")  # nothing unsaved: straight back
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert any(r.id == "bold-evening-curls" and r.source == "custom" for r in picker.shown)


# --- edit, save and reopen ---------------------------------------------------------------


async def test_edit_save_and_reopen_gives_the_same_routine(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.routine_id == "mine"
        assert editor.query_one("#routine-name", Input).value == MINE.name
        assert editor.query_one("#ex-cues", TextArea).text == "Lift slowly.\nKeep [red]hips[/red] level."
        assert not editor.dirty

        # Second exercise: switch the timed hold to reps.
        await focus(pilot, "#exercise-list")
        await pilot.press("down")
        await pilot.pause()
        assert editor.selected == 1
        assert editor.query_one("#ex-name", Input).value == "Side plank"
        await focus(pilot, "#ex-kind")
        await pilot.press("right", "space")  # a radio set: the arrow moves, space chooses
        await pilot.pause()
        assert editor.query_one("#row-reps").display and not editor.query_one("#row-hold").display
        await pilot.press("tab")
        await clear_and_type(pilot, "6")
        await focus(pilot, "#ex-rest_after")
        await type_text(pilot, "40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        expected = MINE.model_copy(deep=True)
        expected.exercises[1] = Exercise(name="Side plank", sets=2, reps=6, rest=20, rest_after=40, per_side=True)
        assert read_routine_file(isolated_home / "routines" / "mine.toml") == expected
        assert sorted(p.name for p in (isolated_home / "routines").iterdir()) == ["mine.toml"]

        await pilot.press("escape", "escape")  # the form, then the list
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        reopened = app.screen
        assert isinstance(reopened, EditorScreen) and reopened is not editor
        assert reopened.valid == expected
        assert not reopened.dirty


async def test_a_builtin_routine_is_edited_as_a_copy(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        builtin = app.library.get("ball-work")
        await open_picker_item(pilot, builtin.routine.name, "e")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.routine_id is None
        assert editor.query_one("#routine-name", Input).value == f"{builtin.routine.name} (copy)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = read_routine_file(isolated_home / "routines" / "ball-work-copy.toml")
        assert saved.exercises == builtin.routine.exercises
        assert builtin.path.read_text(encoding="utf-8")  # the built-in file is untouched


# --- the exercise list ----------------------------------------------------------------------


async def test_reorder_add_duplicate_remove_and_undo(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen

        def names() -> list[str]:
            return [form["name"] for form in editor.draft["exercises"]]

        await pilot.press("a")  # a letter in the name field is typed, not an action
        await pilot.pause()
        assert names() == ["Hip bridge", "Side plank", "Child's pose"]
        assert editor.query_one("#routine-name", Input).value.endswith("a")
        await pilot.press("backspace")

        await focus(pilot, "#exercise-list")
        await pilot.press("shift+down")
        await pilot.pause()
        assert names() == ["Side plank", "Hip bridge", "Child's pose"]
        assert editor.selected == 1
        await pilot.press("shift+up", "shift+up")  # the second press is at the top: nothing
        await pilot.pause()
        assert names() == ["Hip bridge", "Side plank", "Child's pose"]
        await pilot.press("j", "j")
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge"]

        await pilot.press("c")  # duplicate
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge", "Hip bridge"]
        assert editor.selected == 3
        await pilot.press("x")  # remove
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge"]

        await pilot.press("a")  # a blank one, after the selected; focus goes to its name
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge", ""]
        assert app.focused.id == "ex-name"
        assert "exercise 4, name: must not be empty" in status(app)
        await paste(pilot, "Wall sit")
        assert names()[3] == "Wall sit"

        await focus(pilot, "#exercise-list")
        await pilot.press("b")  # from the built-in routines, cues included
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ExerciseChooser)
        first = chooser.exercises[0][0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        assert names()[4] == first.name
        assert editor.draft["exercises"][4]["cues"] == "\n".join(first.cues)

        # ctrl+z undoes one change at a time: the added built-in, the typed name, the blank one...
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge", "Wall sit"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert names() == ["Side plank", "Child's pose", "Hip bridge", ""]
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert names() == ["Hip bridge", "Side plank", "Child's pose"]
        assert not editor.dirty


async def test_removing_every_exercise_blocks_saving_until_one_is_added(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await focus(pilot, "#exercise-list")
        await pilot.press("x", "x", "x")
        await pilot.pause()
        assert editor.draft["exercises"] == []
        assert editor.query_one("#form-pane").has_class("-empty")
        assert "exercises: add at least one exercise" in status(app)
        await pilot.press("a")
        await pilot.pause()
        assert len(editor.draft["exercises"]) == 1 and app.focused.id == "ex-name"
        assert "exercise 1, name: must not be empty" in status(app)


async def test_undo_in_a_field_restores_what_was_there(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await focus(pilot, "#ex-reps")
        await clear_and_type(pilot, "15")
        await focus(pilot, "#ex-cues")
        await type_text(pilot, "x")
        await pilot.pause()
        assert editor.draft["exercises"][0]["reps"] == "15"
        await pilot.press("ctrl+z")  # the cue, even inside the text area
        await pilot.pause()
        assert editor.query_one("#ex-cues", TextArea).text == "Lift slowly.\nKeep [red]hips[/red] level."
        await pilot.press("ctrl+z")  # all of the typing in reps is one change
        await pilot.pause()
        assert editor.query_one("#ex-reps", Input).value == "8"
        assert not editor.dirty


# --- validation ---------------------------------------------------------------------------


async def test_an_invalid_value_shows_beside_its_field_and_blocks_saving(isolated_home):
    app = with_mine(isolated_home)
    before = (isolated_home / "routines" / "mine.toml").read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await focus(pilot, "#ex-reps")
        await clear_and_type(pilot, "120")
        await pilot.pause()
        assert error_text(app, "reps") == "must be at most 100 (got 120)"
        assert "Cannot save: 1 problem. exercise 1, reps: must be at most 100 (got 120)" in status(app)
        assert "about ?" in str(editor.query_one("#editor-title", Static).render())
        await focus(pilot, "#ex-tempo_up")
        await clear_and_type(pilot, "0")
        await pilot.press("tab", "tab")
        await clear_and_type(pilot, "0")
        await pilot.pause()
        assert "must be at most 100" in error_text(app, "reps")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (isolated_home / "routines" / "mine.toml").read_bytes() == before
        assert isinstance(app.screen, EditorScreen)

        await focus(pilot, "#ex-reps")
        await clear_and_type(pilot, "10")
        await pilot.pause()
        assert error_text(app, "reps") == ""
        assert error_text(app, "tempo") == "up + down must be at least 1 second"
        await focus(pilot, "#ex-tempo_down")
        await clear_and_type(pilot, "1")
        await pilot.pause()
        assert error_text(app, "tempo") == ""
        assert "Unsaved changes" in status(app)

        await focus(pilot, "#routine-name")
        await clear_and_type(pilot, "   ")
        await pilot.pause()
        assert str(editor.query_one("#err-name", Static).render()) == "! must not be empty"


# --- leaving ------------------------------------------------------------------------------


async def test_leaving_with_unsaved_changes_asks_save_discard_or_stay(isolated_home):
    app = with_mine(isolated_home)
    path = isolated_home / "routines" / "mine.toml"
    before = path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await type_text(pilot, "!")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChangesScreen)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is editor and editor.dirty

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert path.read_bytes() == before

        await open_picker_item(pilot, MINE.name, "e")
        await type_text(pilot, "!")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # save, then leave
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert read_routine_file(path).name == f"{MINE.name}!"


async def test_save_from_the_prompt_with_errors_stays_and_says_why(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        await clear_and_type(pilot, "")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is editor
        assert "Cannot save: 1 problem. name: must not be empty" in status(app)


async def test_a_clashing_id_asks_to_overwrite_or_rename(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        editor = app.screen
        await paste(pilot, "Mine")
        await focus(pilot, "#ex-name")
        await paste(pilot, "Squat")
        await pilot.pause()
        assert "that id is taken" in status(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClashScreen)
        await pilot.press("r")  # rename: keep both
        await pilot.pause()
        assert app.screen is editor and editor.routine_id == "mine-2"
        assert read_routine_file(isolated_home / "routines" / "mine-2.toml").name == "Mine"
        assert read_routine_file(isolated_home / "routines" / "mine.toml") == MINE

        await pilot.press("escape", "escape")  # from the form to the list, then out
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await paste(pilot, "Mine")
        await focus(pilot, "#ex-name")
        await paste(pilot, "Lunge")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")  # overwrite
        await pilot.pause()
        assert read_routine_file(isolated_home / "routines" / "mine.toml").exercises[0].name == "Lunge"


async def test_a_builtin_id_cannot_be_overwritten(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await paste(pilot, "Ball work")
        await focus(pilot, "#ex-name")
        await paste(pilot, "Squat")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClashScreen)
        await pilot.press("o")  # not offered for a built-in routine
        await pilot.pause()
        assert isinstance(app.screen, ClashScreen)
        assert not (isolated_home / "routines" / "ball-work.toml").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.focused.id == "routine-name"


# --- delete -----------------------------------------------------------------------------------


async def test_delete_moves_the_file_to_the_trash_after_confirmation(isolated_home):
    app = with_mine(isolated_home)
    path = isolated_home / "routines" / "mine.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert path.exists()

        await open_picker_item(pilot, MINE.name, "d")
        await pilot.press("y")
        await pilot.pause()
        assert not path.exists()
        assert read_routine_file(isolated_home / "routines" / ".trash" / "mine.toml") == MINE
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert all(r.source != "custom" for r in picker.shown)
        assert app.library.get("mine") is None


async def test_builtin_routines_cannot_be_deleted(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        count = len(app.library.routines)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert len(app.library.routines) == count


# --- keys -------------------------------------------------------------------------------------


async def test_the_keys_are_in_the_footer_and_the_help_screen(isolated_home):
    app = with_mine(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        editor = app.screen
        shown = {b.binding.description for b in editor.active_bindings.values() if b.binding.show}
        assert {"Save", "Back", "Keys"} <= shown  # in a text field: f1, as ? is typed
        assert "Undo" not in shown  # nothing to undo yet
        assert "Add" not in shown  # the list keys work in the list only
        await focus(pilot, "#exercise-list")
        shown = {b.binding.description for b in editor.active_bindings.values() if b.binding.show}
        assert {"Save", "Back", "Add", "Built-in", "Remove"} <= shown
        # Copy and Move act in the list but leave the footer to the others (the keys list has them)
        active = {b.binding.description for b in editor.active_bindings.values()}
        assert {"Copy", "Move up", "Move down"} <= active
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await focus(pilot, "#routine-name")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


# --- the snapshot -----------------------------------------------------------------------------


def test_editor_snapshot(snap_compare, isolated_home):
    """The editor at 80x24 on a custom routine, the exercise list focused, one invalid value."""
    app = with_mine(isolated_home)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await open_picker_item(pilot, MINE.name, "e")
        await focus(pilot, "#ex-rest")
        await clear_and_type(pilot, "1000")
        await focus(pilot, "#exercise-list")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
