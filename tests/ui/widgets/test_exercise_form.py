"""The editor's exercise form on its own in a harness app: what it shows, what it posts.

The form shows one exercise's form state and reports each edit the user makes as an
``ExerciseForm.Edited`` message; showing a state from code (``load``) posts nothing. The
editor screen owns the draft and its validation (tests/ui/test_editor.py).
"""

from __future__ import annotations

from support.editor import clear_and_type, focus, paste, type_text
from support.harness import widget_text
from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input, TextArea

from hamcoach.routines.draft import exercise_draft
from hamcoach.routines.models import Exercise, Tempo
from hamcoach.ui.widgets.exercise_form import ERROR_MARK, ExerciseForm
from hamcoach.ui.widgets.option_row import RadioRow

SIZE = (80, 30)
CURL = exercise_draft(Exercise(name="Curl", cues=["Slow down.", "Breathe."], sets=3, reps=8,
                               tempo=Tempo(up=2, hold=1, down=2), rest=30))
PLANK = exercise_draft(Exercise(name="Side plank", sets=2, hold=20, rest=20, per_side=True))


class FormApp(App[None]):
    """Just the form, loaded with ``state`` as exercise 1 of 3; records every Edited it posts."""

    def __init__(self, state: dict | None = None) -> None:
        super().__init__()
        self.state = state
        self.edits: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield ExerciseForm(id="form")

    def on_mount(self) -> None:
        if self.state is not None:
            self.query_one(ExerciseForm).load(self.state, 1, 3)
        self.query_one("#ex-name").focus()

    def on_exercise_form_edited(self, event: ExerciseForm.Edited) -> None:
        self.edits.append((event.field, event.value))


def value(app: App, field: str) -> str:
    return app.query_one(f"#ex-{field}", Input).value


def shown(app: App, selector: str) -> bool:
    """Whether ``selector`` is on screen (displayed, and inside a displayed row)."""
    widget = app.query_one(selector)
    return widget.display and all(ancestor.display for ancestor in widget.ancestors)


def form(app: App) -> ExerciseForm:
    return app.query_one(ExerciseForm)


# --- showing ------------------------------------------------------------------------------------


async def test_load_shows_every_field_and_posts_nothing():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [value(app, f) for f in ("name", "sets", "reps", "tempo_up", "tempo_hold", "tempo_down", "rest")] \
            == ["Curl", "3", "8", "2", "1", "2", "30"]
        assert value(app, "rest_after") == "" and value(app, "note") == ""
        assert app.query_one("#ex-cues", TextArea).text == "Slow down.\nBreathe."
        assert app.query_one("#ex-kind", RadioRow).value == "reps"
        assert app.query_one("#ex-per_side", Checkbox).value is False
        assert widget_text(app, "#form-title") == "Exercise 1 of 3  Curl"
        assert widget_text(app, "#row-kind") == "Counts     (•) Reps  ( ) Timed hold"
        assert widget_text(app, "#row-sets").split() == ["Sets", "3", "1-20"]
        assert app.edits == []


async def test_a_hold_shows_the_hold_row_and_reps_show_reps_and_tempo():
    app = FormApp(PLANK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert value(app, "hold") == "20" and app.query_one("#ex-per_side", Checkbox).value is True
        assert shown(app, "#ex-hold") and not shown(app, "#ex-reps") and not shown(app, "#ex-tempo_up")
        assert widget_text(app, "#row-hold").split() == ["Hold", "(s)", "20", "1-900", "seconds"]
        form(app).load(CURL, 2, 2)  # another exercise: still nothing posted
        await pilot.pause()
        assert value(app, "name") == "Curl" and shown(app, "#ex-reps") and shown(app, "#ex-tempo_up")
        assert not shown(app, "#ex-hold")
        assert widget_text(app, "#form-title") == "Exercise 2 of 2  Curl"
        assert app.edits == []


async def test_show_kind_alone_switches_the_rows():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        form(app).show_kind("hold")
        await pilot.pause()
        assert shown(app, "#row-hold") and not shown(app, "#row-reps") and not shown(app, "#row-tempo")
        form(app).show_kind("reps")
        await pilot.pause()
        assert not shown(app, "#row-hold") and shown(app, "#row-reps") and shown(app, "#row-tempo")
        assert app.edits == []


async def test_the_title_shows_a_name_literally_and_a_blank_one_as_no_name_yet():
    app = FormApp(exercise_draft())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert widget_text(app, "#form-title") == "Exercise 1 of 3  (no name yet)"
        form(app).set_title(2, 4, "[b]Bold[/b] \x1b[31m")
        await pilot.pause()
        assert widget_text(app, "#form-title") == "Exercise 2 of 4  [b]Bold[/b] ?[31m"


# --- editing ------------------------------------------------------------------------------------


async def test_typing_in_a_field_posts_each_change_with_its_field():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "s")
        await focus(pilot, "#ex-reps")
        await pilot.press("end", "ctrl+u", "1", "2")  # a key at a time: each value is posted
        assert app.edits == [("name", "Curls"), ("reps", ""), ("reps", "1"), ("reps", "12")]
        assert form(app).state["name"] == "Curls" and form(app).state["reps"] == "12"


async def test_cursor_moves_and_selections_post_nothing():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "backspace")
        await type_text(pilot, "l")
        assert app.edits == [("name", "Cur"), ("name", "Curl")]
        await pilot.press("home", "shift+end", "left")  # the value does not change
        assert app.edits == [("name", "Cur"), ("name", "Curl")]


async def test_the_kind_row_switches_the_rows_and_posts_the_kind_only_when_chosen():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await focus(pilot, "#ex-kind")
        await pilot.press("right")  # the cursor moves; nothing chosen yet
        assert app.edits == [] and shown(app, "#row-reps")
        await pilot.press("space")
        assert app.edits == [("kind", "hold")] and form(app).state["kind"] == "hold"
        assert shown(app, "#row-hold") and not shown(app, "#row-reps") and not shown(app, "#row-tempo")
        await pilot.press("left", "enter")
        assert app.edits == [("kind", "hold"), ("kind", "reps")]
        assert shown(app, "#row-reps") and not shown(app, "#row-hold")


async def test_per_side_and_cues_post_their_values():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await focus(pilot, "#ex-per_side")
        await pilot.press("space")
        await focus(pilot, "#ex-cues")
        await paste(pilot, "Knees soft.\n")
        assert app.edits == [("per_side", True), ("cues", "Knees soft.\nSlow down.\nBreathe.")]
        assert form(app).state["cues"] == "Knees soft.\nSlow down.\nBreathe."


async def test_keys_faster_than_the_form_end_on_the_value_the_field_has():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await focus(pilot, "#ex-rest")
        await clear_and_type(pilot, "45")
        assert app.edits[0] == ("rest", "") and app.edits[-1] == ("rest", "45")
        assert set(app.edits) <= {("rest", ""), ("rest", "4"), ("rest", "45")}
        assert form(app).state["rest"] == "45"


async def test_enter_in_a_field_moves_to_the_next_one_and_posts_nothing():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.focused is app.query_one("#ex-sets")
        await pilot.press("enter")
        assert app.focused is app.query_one("#ex-kind")
        assert app.edits == []


async def test_a_late_change_or_one_to_the_same_value_posts_nothing():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        name = app.query_one("#ex-name", Input)
        # An Input.Changed still on its way when the field was loaded with something else.
        form(app).post_message(Input.Changed(name, "Cur"))
        # And one that says what the form already has (a load's own change): nothing new.
        form(app).post_message(Input.Changed(name, "Curl"))
        await pilot.pause()
        assert app.edits == [] and form(app).state["name"] == "Curl"


# --- errors -------------------------------------------------------------------------------------


async def test_errors_show_beside_their_fields_marked_and_in_place_of_the_hint():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        form(app).show_errors({"reps": "must be at most 100 (got 120)", "tempo_up": "must be a whole number",
                               "tempo_down": "must be at least 0", "name": "must not be empty"})
        await pilot.pause()
        assert widget_text(app, "#err-reps") == ERROR_MARK + "must be at most 100 (got 120)"
        assert "1-100 per set" not in widget_text(app, "#row-reps")  # the error in the hint's place
        assert "1-20" in widget_text(app, "#row-sets")  # a field without an error keeps its hint
        assert widget_text(app, "#err-tempo").strip() == "! up: must be a whole number; down: must be at least 0"
        assert widget_text(app, "#err-name").strip() == "! must not be empty"
        assert not shown(app, "#err-sets") and not shown(app, "#err-cues")
        form(app).show_errors({"reps": "must be at least 1"})  # the name fixed, reps still wrong
        await pilot.pause()
        assert not shown(app, "#err-name") and not shown(app, "#err-tempo")
        assert widget_text(app, "#err-reps") == "! must be at least 1"
        form(app).show_errors({})
        await pilot.pause()
        assert not shown(app, "#err-reps") and "1-100 per set" in widget_text(app, "#row-reps")
        assert app.edits == []


async def test_an_error_is_shown_literally():
    app = FormApp(CURL)
    async with app.run_test(size=SIZE) as pilot:
        form(app).show_errors({"note": "[red]bad[/red] \x07"})
        await pilot.pause()
        assert widget_text(app, "#err-note").strip() == "! [red]bad[/red] ?"
