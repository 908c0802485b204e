"""The routine editor: a routine's name, description and equipment, its exercises as a
list, and a form for the selected exercise.

Every edit is validated at once by the same pydantic model that reads the routine
files (through ``hamcoach.routines.files.validate_draft``); the problems show beside
their fields and a routine with problems cannot be saved. The editor keeps the
whole routine as a *draft* (the form's text as typed) and an undo stack of drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from hamcoach.routines import draft as drafts
from hamcoach.routines import files as routine_files
from hamcoach.routines.draft import FieldKey
from hamcoach.routines.library import safe_id
from hamcoach.routines.models import EQUIPMENT, Exercise, Routine
from hamcoach.ui.keys import StableKeys
from hamcoach.ui.screens.editor_prompts import ClashScreen, UnsavedChangesScreen
from hamcoach.ui.services import UsesHamcoach
from hamcoach.ui.text import ShowControls, duration_words, join, literal, plain, same_content, show
from hamcoach.ui.widgets.exercise_form import (
    ERROR_MARK,
    ExerciseChooser,
    ExerciseForm,
    builtin_exercises,
)
from hamcoach.ui.widgets.key_footer import KeyFooter
from hamcoach.ui.widgets.option_row import CheckRow
from hamcoach.ui.widgets.plain_text_area import PlainTextArea
from hamcoach.wording import plural

LIST_ACTIONS = {"add_blank", "add_builtin", "remove", "duplicate", "move"}
MAX_UNDO = 200


class EditorScreen(UsesHamcoach, StableKeys, Screen[None]):
    """Create or change a routine with the keyboard alone."""

    # Focus starts on the name; set here, not with focus() in on_mount, which runs
    # later than keys typed while the screen opens (and would pull focus back).
    AUTO_FOCUS = "#routine-name"

    _MOVE = Binding.Group("Move", compact=True)
    _UNDO = Binding.Group("Undo/redo", compact=True)
    # The footer holds the keys that act where focus is, whole at 60 columns: in a field
    # Save, Undo/redo, List (Escape) and Keys (f1); in the exercise list Save, Undo/redo,
    # Back, Add, Built-in and Remove. Copy and Move are in the keys list (f1 or ?).
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save the routine to its file"),
        Binding("ctrl+z", "undo", "Undo", priority=True, group=_UNDO, tooltip="Undo the last change"),
        Binding("ctrl+y", "redo", "Redo", priority=True, group=_UNDO, tooltip="Redo what ctrl+z undid"),
        Binding("ctrl+z,ctrl+y", "nothing_to_undo", show=False, priority=True),
        # Escape goes up a level: from the exercise's form to the list, from there out.
        Binding("escape", "to_list", "List", tooltip="From the exercise's form back to the exercise list"),
        Binding("escape", "leave", "Back", tooltip="Back to the routines (asks if there are unsaved changes)"),
        Binding("f1", "keys", "Keys", tooltip="Every key of the editor"),
        # ? (outside text fields) and f1 wherever "Keys" is not in the footer.
        Binding("f1,question_mark", "keys_anywhere", "Keys", show=False),
        # The list keys are letters: they act only while the exercise list has focus.
        Binding("a", "add_blank", "Add", tooltip="Add a blank exercise after the selected one"),
        Binding("b", "add_builtin", "Built-in", tooltip="Add an exercise of the built-in routines"),
        Binding("x,delete", "remove", "Remove", tooltip="Remove the selected exercise"),
        Binding("c", "duplicate", "Copy", show=False, tooltip="Duplicate the selected exercise"),
        Binding("shift+up,k", "move(-1)", "Move up", key_display="⇧↑", group=_MOVE, show=False,
                tooltip="Move the selected exercise up"),
        Binding("shift+down,j", "move(1)", "Move down", key_display="⇧↓", group=_MOVE, show=False,
                tooltip="Move the selected exercise down"),
        # Still mutes, but kept out of the footer: the editor's keys need the room.
        Binding("m", "app.toggle_mute", "Mute", show=False),
    ]

    # Below 100 columns the routine's pane gives the exercise's form more room; below 70
    # the form takes the whole width while it has focus.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (100, "-wide")]

    DEFAULT_CSS = """
    EditorScreen #editor-title { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap;
                                 text-overflow: ellipsis; }
    EditorScreen #editor-body { height: 1fr; }
    EditorScreen #routine-pane { width: 34; height: 1fr; padding: 0 1 0 0; }
    EditorScreen.-narrow #routine-pane, EditorScreen.-medium #routine-pane { width: 29; }
    /* Narrow, the exercise's form takes the whole width while it has focus (Escape brings
       the routine's pane back); the routine's pane shows the form beside it, squeezed. */
    EditorScreen.-narrow.-in-form #routine-pane { display: none; }
    EditorScreen.-narrow.-in-form #form-pane { border-left: none; }
    /* The field with focus: a bar at the left of its group, readable without colour. */
    EditorScreen .field-group { height: auto; border-left: blank; }
    EditorScreen .field-group:focus-within { border-left: outer $accent; }
    EditorScreen .field-group:focus-within > .pane-label { color: $foreground; text-style: bold; }
    EditorScreen .pane-label { color: $text-muted; height: 1; }
    EditorScreen #routine-name { text-style: underline; }
    EditorScreen #routine-description { height: 3; border-left: vkey $foreground 50%; }
    EditorScreen #exercises-group { height: 1fr; }
    EditorScreen #exercise-list { height: 1fr; min-height: 4; border: round $primary 50%; }
    EditorScreen #exercise-list:focus { border: round $primary; }
    EditorScreen #form-pane { width: 1fr; height: 1fr; border-left: vkey $primary 30%; }
    EditorScreen #no-exercise { padding: 1 2; color: $text-muted; display: none; }
    EditorScreen #form-pane.-empty #no-exercise { display: block; }
    EditorScreen #form-pane.-empty ExerciseForm { display: none; }
    EditorScreen .field-error { height: auto; color: $text-error; text-style: bold; display: none; }
    EditorScreen .field-error.-shown { display: block; }
    EditorScreen #editor-status { height: auto; max-height: 2; padding: 0 1; background: $panel; }
    EditorScreen #editor-status.-error { color: $text-error; text-style: bold; }
    """

    def __init__(self, routine: Routine | None = None, routine_id: str | None = None,
                 note: str = ""):
        """``routine_id`` is the custom routine being changed (saved under the same id);
        without it the routine is new and its id comes from its name when saved."""
        super().__init__()
        self.routine_id = routine_id
        self.note = note
        self.draft: dict[str, Any] = drafts.routine_draft(routine)
        self.saved_draft = drafts.copy_draft(self.draft)
        self.selected = 0
        self.errors: dict[FieldKey, str] = {}
        self.valid: Routine | None = None
        self.undo_stack: list[tuple[dict[str, Any], int]] = []
        self._offered: tuple[bool, bool, bool] | None = None  # what the footer last offered (see _changed)
        self.redo_stack: list[tuple[dict[str, Any], int]] = []  # what ctrl+z undid, for ctrl+y
        self._last_key: FieldKey | None = None

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        with Horizontal(id="editor-body"):
            with Vertical(id="routine-pane"):
                with Vertical(classes="field-group"):
                    yield Static("Routine name", classes="pane-label")
                    yield Input(id="routine-name", max_length=80, compact=True, placeholder="e.g. Morning hamstrings",
                                highlighter=ShowControls())
                    yield Static(id="err-name", classes="field-error")
                with Vertical(classes="field-group"):
                    yield Static("Description", classes="pane-label")
                    yield PlainTextArea(id="routine-description", compact=True, soft_wrap=True, tab_behavior="focus",
                                        placeholder="What it is for (optional)")
                    yield Static(id="err-description", classes="field-error")
                with Vertical(classes="field-group"):
                    yield Static("Equipment", classes="pane-label")
                    yield CheckRow(EQUIPMENT, id="equipment")
                with Vertical(classes="field-group", id="exercises-group"):
                    yield Static("Exercises", classes="pane-label")
                    yield OptionList(id="exercise-list")
                    yield Static(id="err-exercises", classes="field-error")
            with Vertical(id="form-pane"):
                yield ExerciseForm(id="exercise-form")
                yield Static("No exercises yet: press a in the list to add one, b for a built-in one.",
                             id="no-exercise")
        yield Static(id="editor-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._load_all()

    # --- the draft -------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are changes since the last save (or since opening)."""
        return self.draft != self.saved_draft

    def _exercise(self) -> dict[str, Any] | None:
        exercises = self.draft["exercises"]
        return exercises[self.selected] if 0 <= self.selected < len(exercises) else None

    def _push_undo(self, key: FieldKey | None) -> None:
        self.redo_stack.clear()  # a new change: what was undone cannot come back
        # Typing into one field is one step: only the first change of a run is kept.
        if key is not None and key == self._last_key:
            return
        self.undo_stack.append((drafts.copy_draft(self.draft), self.selected))
        del self.undo_stack[:-MAX_UNDO]
        self._last_key = key

    def _edit(self, key: FieldKey, value: Any) -> None:
        target = self.draft
        for part in key[:-1]:
            target = target[part]
        if target[key[-1]] == value:
            return
        self._push_undo(key)
        target[key[-1]] = value
        self._changed()

    def _changed(self) -> None:
        """Validate the draft and show the result everywhere."""
        self.valid, self.errors = drafts.validate_draft(self.draft)
        for field in ("name", "description", "exercises"):
            widget = self.query_one(f"#err-{field}", Static)
            words = self.errors.get((field,), "")
            show(widget, plain(ERROR_MARK + words) if words else Text(""))
            widget.set_class(bool(words), "-shown")
        form = self.query_one(ExerciseForm)
        form.show_errors({key[2]: words for key, words in self.errors.items()
                          if key[0] == "exercises" and len(key) == 3 and key[1] == self.selected})
        exercise = self._exercise()
        if exercise is not None:
            form.set_title(self.selected + 1, len(self.draft["exercises"]), exercise["name"])
        self._refresh_list(rebuild=False)
        self._show_title()
        self._show_status()
        # Undo and Redo are offered when they can act. Only then: new bindings rebuild the
        # footer, and most keys change neither.
        offered = (bool(self.undo_stack), bool(self.redo_stack), self._exercise() is not None)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def _load_all(self) -> None:
        """Show the whole draft (on open and after an undo)."""
        with self.prevent(Input.Changed, TextArea.Changed):
            name = self.query_one("#routine-name", Input)
            if name.value != self.draft["name"]:
                name.value = self.draft["name"]
            description = self.query_one("#routine-description", TextArea)
            if description.text != self.draft["description"]:
                description.load_text(self.draft["description"])
            self.query_one("#equipment", CheckRow).value = frozenset(self.draft["equipment"])
        self._refresh_list(rebuild=True)
        self._load_form()
        self._changed()
        self.refresh_bindings()

    def _load_form(self) -> None:
        exercises = self.draft["exercises"]
        self.selected = max(0, min(self.selected, len(exercises) - 1))
        pane = self.query_one("#form-pane")
        pane.set_class(not exercises, "-empty")
        if exercises:
            self.query_one(ExerciseForm).load(exercises[self.selected], self.selected + 1, len(exercises))

    def _prompt(self, index: int) -> Content:
        form = self.draft["exercises"][index]
        bad = any(key[0] == "exercises" and len(key) > 1 and key[1] == index for key in self.errors)
        amount = f"{form['reps']} reps" if form["kind"] == "reps" else f"{form['hold']} s"
        side = "/side" if form["per_side"] else ""
        # Content.assemble takes strings literally (no markup) but keeps escape sequences.
        return Content.assemble(("! ", "bold $text-error") if bad else "", f"{index + 1}. ",
                                literal(form["name"]) or "(no name)", "  ",
                                (f"{form['sets']} x {amount}{side}", "dim"))

    def _refresh_list(self, rebuild: bool) -> None:
        option_list = self.query_one("#exercise-list", OptionList)
        count = len(self.draft["exercises"])
        if rebuild or option_list.option_count != count:
            option_list.clear_options()
            option_list.add_options(Option(self._prompt(i)) for i in range(count))
            if count:
                option_list.highlighted = self.selected
        else:
            for index in range(count):  # only those that changed: each replacement redraws the list
                prompt = self._prompt(index)
                if not same_content(option_list.get_option_at_index(index).prompt, prompt):
                    option_list.replace_option_prompt_at_index(index, prompt)

    def _show_title(self) -> None:
        name = self.draft["name"].strip()
        where = "" if self.routine_id else "  ·  new"
        estimate = f"about {duration_words(self.valid.estimated_seconds())}" if self.valid else "about ? min"
        title = join(Text("Edit ", style="bold"), plain(name or "(no name yet)", "bold"), where,
                     f"  ·  {estimate}", Text("  ·  unsaved" if self.dirty else "", style="italic"),
                     Text("  ·  f1 keys", style="dim"))
        show(self.query_one("#editor-title", Static), title)

    def _show_status(self) -> None:
        status = self.query_one("#editor-status", Static)
        status.set_class(bool(self.errors), "-error")
        if self.errors:
            lines = drafts.error_lines(self.errors)
            count = len(lines)
            show(status, join(f"Cannot save: {count} {plural('problem', count)}. ", plain(lines[0]),
                               f"  (+{count - 1} more)" if count > 1 else ""))
        else:
            target = self.routine_id or safe_id(self.draft["name"])
            taken = "" if self.routine_id or not drafts.id_taken(self.hamcoach.library, target) \
                else " (that id is taken: it will ask)"
            state = f"Unsaved changes: ctrl+s saves to {target}.toml{taken}." if self.dirty else \
                f"Saved as {target}.toml." if self.routine_id else "Nothing to save yet."
            state = literal(state)  # a custom routine's id is its file's name, which may be anything
            show(status, join(state, " ", plain(self.note)) if self.note else Text(state))

    # --- events ----------------------------------------------------------------------

    @on(Input.Changed, "#routine-name")
    def _name_changed(self, event: Input.Changed) -> None:
        if event.value == event.input.value:  # else a late message from before an undo
            self._edit(("name",), event.value)

    @on(Input.Submitted, "#routine-name")
    def _name_submitted(self, _event: Input.Submitted) -> None:
        self.focus_next()

    @on(TextArea.Changed, "#routine-description")
    def _description_changed(self, event: TextArea.Changed) -> None:
        self._edit(("description",), event.text_area.text)

    @on(CheckRow.Changed, "#equipment")
    def _equipment_changed(self, event: CheckRow.Changed) -> None:
        # In the order of EQUIPMENT, as a file lists it.
        self._edit(("equipment",), [item for item in EQUIPMENT if item in event.value])

    @on(ExerciseForm.Edited)
    def _exercise_edited(self, event: ExerciseForm.Edited) -> None:
        if self._exercise() is not None:
            self._edit(("exercises", self.selected, event.field), event.value)

    @on(OptionList.OptionHighlighted, "#exercise-list")
    def _exercise_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.selected:
            self.selected = event.option_index
            self._load_form()
            self._changed()

    @on(OptionList.OptionSelected, "#exercise-list")
    def _exercise_selected(self, _event: OptionList.OptionSelected) -> None:
        self._focus("#ex-name")  # Enter on an exercise: edit it

    # --- list actions ------------------------------------------------------------------

    def _focus(self, selector: str) -> None:
        # At once, not with focus() (which waits its turn behind keys already typed:
        # they would land in the list, where letters are commands).
        self.set_focus(self.query_one(selector))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS:
            if self.focused is None or self.focused.id != "exercise-list":
                return False
            # Shown but greyed out when there is no exercise to act on.
            return True if action.startswith("add") or self._exercise() is not None else None
        if action == "keys":
            # ? types a "?" in a text field: there, f1 shows the keys instead (elsewhere ? and
            # f1 work too, through keys_anywhere, but the footer needs the room for the list's keys).
            return isinstance(self.focused, (Input, TextArea))
        if action == "undo":
            return bool(self.undo_stack)
        if action == "redo":
            return bool(self.redo_stack)
        if action == "to_list":
            return self.in_form
        return True

    def on_descendant_focus(self) -> None:
        self.set_class(self.in_form, "-in-form")

    @property
    def in_form(self) -> bool:
        """Whether focus is in the exercise's form (Escape then goes to the list)."""
        focused = self.focused
        return focused is not None and any(isinstance(node, ExerciseForm) for node in focused.ancestors)

    def _structure(self, exercises: list[dict[str, Any]], selected: int) -> None:
        self._push_undo(None)
        self._last_key = None
        self.draft["exercises"] = exercises
        self.selected = selected
        self._refresh_list(rebuild=True)
        self._load_form()
        self._changed()
        self.refresh_bindings()

    def _insert(self, form: dict[str, Any], focus_form: bool = True) -> None:
        exercises = list(self.draft["exercises"])
        at = self.selected + 1 if exercises else 0
        exercises.insert(at, form)
        self._structure(exercises, at)
        if focus_form:
            self._focus("#ex-name")

    def action_add_blank(self) -> None:
        """Add a blank exercise after the selected one."""
        self._insert(drafts.exercise_draft())

    def action_add_builtin(self) -> None:
        """Add any exercise of the built-in routines, cues included."""
        def chosen(exercise: Exercise | None) -> None:
            if exercise is not None:
                self._insert(drafts.exercise_draft(exercise), focus_form=False)

        self.app.push_screen(ExerciseChooser(builtin_exercises(self.hamcoach.library.routines)), chosen)

    def action_duplicate(self) -> None:
        """Copy the selected exercise just below it."""
        exercise = self._exercise()
        if exercise is not None:
            self._insert(drafts.copy_draft(exercise), focus_form=False)

    def action_remove(self) -> None:
        """Remove the selected exercise (ctrl+z brings it back)."""
        if self._exercise() is not None:
            exercises = list(self.draft["exercises"])
            del exercises[self.selected]
            self._structure(exercises, min(self.selected, len(exercises) - 1))

    def action_move(self, step: int) -> None:
        """Move the selected exercise up (-1) or down (1)."""
        exercises = list(self.draft["exercises"])
        target = self.selected + step
        if self._exercise() is not None and 0 <= target < len(exercises):
            exercises[self.selected], exercises[target] = exercises[target], exercises[self.selected]
            self._structure(exercises, target)

    def action_keys(self) -> None:
        """Show every key of the editor."""
        self.hamcoach.action_help()

    def action_undo(self) -> None:
        """Undo the last change in the form."""
        if not self.undo_stack:
            return
        self.redo_stack.append((drafts.copy_draft(self.draft), self.selected))
        self.draft, self.selected = self.undo_stack.pop()
        self._last_key = None
        self._load_all()

    def action_redo(self) -> None:
        """Redo what ctrl+z undid (until the next change)."""
        if not self.redo_stack:
            return
        self.undo_stack.append((drafts.copy_draft(self.draft), self.selected))
        self.draft, self.selected = self.redo_stack.pop()
        self._last_key = None
        self._load_all()

    def action_nothing_to_undo(self) -> None:
        """ctrl+z or ctrl+y with nothing to undo or redo says so (and a text field's own
        undo never runs: the editor's is the one that knows the whole routine)."""
        self.notify("Nothing to undo or redo.", timeout=2)

    def action_to_list(self) -> None:
        """From the exercise's form back to the exercise list (the exercise stays selected)."""
        self._focus("#exercise-list")

    def action_keys_anywhere(self) -> None:
        """Show every key of the editor (? outside a text field, or f1)."""
        self.hamcoach.action_help()
    # --- saving and leaving --------------------------------------------------------------

    def action_save(self) -> None:
        """Save the routine to its file."""
        self._save()

    def _save(self, then: Callable[[], None] | None = None) -> None:
        routine, _errors = drafts.validate_draft(self.draft)
        if routine is None:
            lines = drafts.error_lines(self.errors)
            self.notify("\n".join(lines[:5]), title="Cannot save yet: fix these first",
                        severity="error", timeout=8, markup=False)
            return
        plan = drafts.plan_save(routine, self.routine_id, self.hamcoach.library)
        if not plan.clash:
            self._write(routine, plan.routine_id, then)
            return

        def answered(answer: str | None) -> None:
            if answer == "overwrite" and plan.may_overwrite:
                self._write(routine, plan.routine_id, then)
            elif answer == "rename":
                self._write(routine, plan.renamed, then)
            else:
                self._focus("#routine-name")

        self.app.push_screen(ClashScreen(routine.name, plan.routine_id, plan.other_name, plan.builtin, plan.renamed),
                             answered)

    def _write(self, routine: Routine, routine_id: str, then: Callable[[], None] | None) -> None:
        try:
            routine_files.save_routine(routine, self.hamcoach.library.custom_dir, routine_id)
        except (OSError, ValueError) as exc:
            self.notify(f"Could not save: {exc}", severity="error", timeout=10, markup=False)
            return
        self.routine_id = routine_id
        self.saved_draft = drafts.copy_draft(self.draft)
        self.hamcoach.library.reload()
        self.notify(f"Saved {routine.name} as {routine_id}.toml", timeout=3, markup=False)
        self._changed()
        if then is not None:
            then()

    def _dismiss_now(self) -> None:
        self.dismiss(None)

    def unsaved_work(self) -> str | None:
        """What quitting the app now would lose (asked before ctrl+q quits)."""
        if not self.dirty:
            return None
        name = self.draft["name"].strip()
        return f"The changes to {name} are not saved." if name else "The new routine is not saved."

    def action_leave(self) -> None:
        """Back to the routine list; asks first when there are unsaved changes."""
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self._save(then=lambda: self._dismiss_now())
            elif answer == "discard":
                self.dismiss(None)

        self.app.push_screen(UnsavedChangesScreen(self.draft["name"].strip()), answered)
