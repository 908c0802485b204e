"""The editor's form for one exercise, and the chooser of built-in exercises.

The form shows an exercise's form state (text as typed, see
``hamcoach.routines.files.exercise_draft``) and reports each edit with an
:class:`ExerciseForm.Edited` message; the editor screen owns the draft, validates
it and hands the errors back with :meth:`ExerciseForm.show_errors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from hamcoach.routines.library import LoadedRoutine
from hamcoach.routines.models import NOTE_MAX_LENGTH, Exercise
from hamcoach.ui.screens.dialog import Choice, Dialog
from hamcoach.ui.text import ShowControls, join, plain, show
from hamcoach.ui.widgets.option_row import RadioRow
from hamcoach.ui.widgets.plain_text_area import PlainTextArea
from hamcoach.ui.widgets.tick_box import TickBox

NUMBER_FIELDS = ("sets", "reps", "hold", "tempo_up", "tempo_hold", "tempo_down", "rest", "rest_after")
TEXT_FIELDS = ("name", "note")
# Which error line shows each field's problems (the tempo parts share one line).
_ERROR_LINE = {"tempo_up": "tempo", "tempo_hold": "tempo", "tempo_down": "tempo", "cues": "cues"}
ERROR_MARK = "! "  # errors read as errors without colour too


def _number(field: str, width_class: str = "number") -> Input:
    # No placeholder: a grey "1" in an empty box reads as a value. The hint beside says
    # what an empty box means.
    return Input(id=f"ex-{field}", max_length=6, compact=True, classes=f"field {width_class}")


def _error(field: str) -> Static:
    return Static("", id=f"err-{field}", classes="field-error")


def _number_row(field: str, label: str, hint: str, row_id: str | None = None) -> Horizontal:
    """A labelled number field with its hint and its error, on one row."""
    return Horizontal(
        Label(label, classes="form-label"),
        _number(field),
        Static(hint, classes="hint", id=f"hint-{field}"),
        _error(field),
        classes="form-row", id=row_id or f"row-{field}",
    )


class ExerciseForm(VerticalScroll, can_focus=False):
    """Edits one exercise: name, sets, reps or hold, tempo, per side, rests, a note and cues.

    The field with focus is marked by a bar at the left of its row (a character, so it
    shows in every theme, in 16 colours and with ``NO_COLOR``); text fields are
    underlined so they read as fields where a background shade does not show.
    """

    DEFAULT_CSS = """
    ExerciseForm {
        height: 1fr;
        padding: 0 1 0 0;
    }
    ExerciseForm .form-row {
        height: auto;
        border-left: blank;
    }
    ExerciseForm .form-row:focus-within {
        border-left: outer $accent;
    }
    ExerciseForm .form-row:focus-within > .form-label,
    ExerciseForm .form-row:focus-within > Horizontal > .form-label {
        color: $foreground;
        text-style: bold;
    }
    ExerciseForm .form-line {
        height: 1;
    }
    ExerciseForm .form-label {
        width: 11;
        color: $text-muted;
    }
    ExerciseForm .tempo-label {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    ExerciseForm Input.field {
        text-style: underline;
    }
    ExerciseForm Input.number {
        width: 6;
    }
    ExerciseForm Input.tempo {
        width: 4;
    }
    ExerciseForm Input.wide {
        width: 1fr;
    }
    ExerciseForm Input > .input--placeholder, ExerciseForm TextArea > .text-area--placeholder {
        text-style: italic;
    }
    ExerciseForm .hint {
        width: 1fr;
        height: auto;
        padding-left: 1;
        color: $text-muted;
    }
    ExerciseForm .hint-line {
        padding-left: 11;
        color: $text-muted;
    }
    ExerciseForm .field-error {
        width: 1fr;
        height: auto;
        padding-left: 1;
        color: $text-error;
        text-style: bold;
        display: none;
    }
    ExerciseForm .field-error.-shown {
        display: block;
    }
    ExerciseForm .hint.-hidden {
        display: none;
    }
    ExerciseForm #err-name, ExerciseForm #err-tempo, ExerciseForm #err-cues, ExerciseForm #err-kind,
    ExerciseForm #err-note {
        padding-left: 11;
    }
    ExerciseForm #form-title {
        text-style: bold;
        color: $accent;
        padding-left: 1;
    }
    ExerciseForm #ex-cues {
        height: 6;
        border-left: vkey $foreground 50%;
    }
    ExerciseForm #cues-label {
        width: 1fr;
        margin-top: 1;
    }
    """

    class Edited(Message):
        """The user changed ``field`` of the exercise to ``value``."""

        def __init__(self, field: str, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state: dict[str, Any] = {}
        self._error_widgets: dict[str, Static] = {}
        self._hint_widgets: dict[str, Static] = {}
        self._shown_errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="form-title")
        with Vertical(classes="form-row", id="row-name"):
            with Horizontal(classes="form-line"):
                yield Label("Name", classes="form-label")
                yield Input(id="ex-name", max_length=80, compact=True, classes="field wide",
                            highlighter=ShowControls())
            yield _error("name")
        yield _number_row("sets", "Sets", "1-20")
        with Vertical(classes="form-row", id="row-kind"):
            with Horizontal(classes="form-line"):
                yield Label("Counts", classes="form-label")
                yield RadioRow(("reps", "hold"), ("Reps", "Timed hold"), id="ex-kind")
            yield _error("kind")
        yield _number_row("reps", "Reps", "1-100 per set")
        yield _number_row("hold", "Hold (s)", "1-900 seconds")
        with Vertical(classes="form-row", id="row-tempo"):
            with Horizontal(classes="form-line"):
                yield Label("Tempo (s)", classes="form-label")
                yield Label("up", classes="tempo-label")
                yield _number("tempo_up", "tempo")
                yield Label("hold", classes="tempo-label")
                yield _number("tempo_hold", "tempo")
                yield Label("down", classes="tempo-label")
                yield _number("tempo_down", "tempo")
            yield Static("empty: 1 up, 0 hold, 1 down", classes="hint-line", id="hint-tempo")
            yield _error("tempo")
        with Horizontal(classes="form-row", id="row-per_side"):
            yield Label("Per side", classes="form-label")
            yield TickBox("each set left, then right", id="ex-per_side", compact=True)
        yield _number_row("rest", "Rest (s)", "between sets")
        yield _number_row("rest_after", "Rest after", "after the last set; empty: as Rest")
        with Vertical(classes="form-row", id="row-note"):
            with Horizontal(classes="form-line"):
                yield Label("Note", classes="form-label")
                yield Input(id="ex-note", max_length=NOTE_MAX_LENGTH, compact=True, classes="field wide",
                            highlighter=ShowControls(), placeholder="e.g. red band, seat at 4")
            yield _error("note")
        with Vertical(classes="form-row", id="row-cues"):
            yield Label("Cues, one per line", id="cues-label", classes="form-label")
            yield PlainTextArea(id="ex-cues", compact=True, soft_wrap=True, tab_behavior="focus",
                                placeholder="e.g. Keep the hips level")
            yield _error("cues")

    # --- showing -------------------------------------------------------------------

    def load(self, state: dict[str, Any], number: int, count: int) -> None:
        """Show an exercise's form state; posts no :class:`Edited` messages."""
        self.state = dict(state)
        with self.prevent(Input.Changed, TextArea.Changed, Checkbox.Changed):
            for field in (*TEXT_FIELDS, *NUMBER_FIELDS):
                widget = self.query_one(f"#ex-{field}", Input)
                if widget.value != state.get(field, ""):
                    widget.value = state.get(field, "")
            cues = self.query_one("#ex-cues", TextArea)
            if cues.text != state["cues"]:
                cues.load_text(state["cues"])
            self.query_one("#ex-per_side", Checkbox).value = bool(state["per_side"])
            self.query_one("#ex-kind", RadioRow).value = state["kind"]
        self.set_title(number, count, state["name"])
        self.show_kind(state["kind"])

    def set_title(self, number: int, count: int, name: str) -> None:
        """Update the heading (after a rename or a move)."""
        show(self.query_one("#form-title", Static),
             join(f"Exercise {number} of {count}  ", plain(name or "(no name yet)", "dim")))

    def show_kind(self, kind: str) -> None:
        """Reps show the reps and tempo rows; a hold shows the hold row."""
        self.query_one("#row-reps").display = kind == "reps"
        self.query_one("#row-tempo").display = kind == "reps"
        self.query_one("#row-hold").display = kind == "hold"

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each field's problems beside it (``errors`` is keyed by form field)."""
        lines: dict[str, list[str]] = {}
        for field, words in errors.items():
            line = _ERROR_LINE.get(field, field)
            prefix = f"{field.removeprefix('tempo_')}: " if field.startswith("tempo_") else ""
            lines.setdefault(line, []).append(prefix + words)
        if not self._error_widgets:
            self._error_widgets = {(w.id or "").removeprefix("err-"): w
                                   for w in self.query(".field-error").results(Static)}
            self._hint_widgets = {(w.id or "").removeprefix("hint-"): w for w in self.query(".hint").results(Static)}
        for field, widget in self._error_widgets.items():
            words = "; ".join(lines.get(field, []))
            if self._shown_errors.get(field, "") == words:
                continue  # updating costs a repaint; most keys change no error
            self._shown_errors[field] = words
            widget.update(plain(ERROR_MARK + words) if words else "")
            widget.set_class(bool(words), "-shown")
            if field in self._hint_widgets:
                self._hint_widgets[field].set_class(bool(words), "-hidden")

    # --- editing -------------------------------------------------------------------

    def _edited(self, field: str, value: Any, current: Any) -> None:
        if value != current:
            return  # a late message from before load() or an undo: the widget has moved on
        if self.state.get(field) == value:
            return  # shown by load(), or no change at all
        self.state[field] = value
        if field == "kind":
            self.show_kind(value)
        self.post_message(self.Edited(field, value))

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id and event.input.id.startswith("ex-"):
            self._edited(event.input.id.removeprefix("ex-"), event.value, event.input.value)

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        # Enter in a field moves on, like Tab: nothing is "submitted" in a form.
        event.stop()
        self.screen.focus_next()

    @on(TextArea.Changed, "#ex-cues")
    def _cues_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._edited("cues", event.text_area.text, event.text_area.text)

    @on(Checkbox.Changed, "#ex-per_side")
    def _per_side_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited("per_side", event.value, event.checkbox.value)

    @on(RadioRow.Changed, "#ex-kind")
    def _kind_changed(self, event: RadioRow.Changed) -> None:
        event.stop()
        self._edited("kind", event.value, event.row.value)


class ExerciseChooser(Dialog[Exercise | None]):
    """Pick any exercise of the built-in routines (cues included); Escape cancels."""

    DEFAULT_CSS = """
    ExerciseChooser .dialog {
        width: 76;
        height: 90%;
    }
    ExerciseChooser #chooser-list {
        height: 1fr;
    }
    """

    def __init__(self, exercises: list[tuple[Exercise, str]]):
        super().__init__("Add an exercise from the built-in routines",
                         [Choice("add", "Add", variant="primary"), Choice("cancel", "Cancel")], id="chooser")
        self.exercises = exercises

    def compose_body(self) -> ComposeResult:
        yield OptionList(*[
            Option(join(plain(exercise.name, "bold"), "  ",
                        Text(f"{exercise.prescription()} · from ", style="dim"), plain(source, "dim")))
            for exercise, source in self.exercises
        ], id="chooser-list", classes="dialog-text")

    def focus_first(self) -> None:
        self.set_focus(self.query_one("#chooser-list", OptionList))

    @on(OptionList.OptionSelected, "#chooser-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose("add")

    def choose(self, value: str) -> None:
        index = self.query_one("#chooser-list", OptionList).highlighted
        if value == "add" and index is not None:
            self.dismiss(self.exercises[index][0])
        elif value != "add":
            self.dismiss(None)


def builtin_exercises(routines: Iterable[LoadedRoutine]) -> list[tuple[Exercise, str]]:
    """Every distinct exercise of the built-in routines, with the first routine it is in."""
    out: list[tuple[Exercise, str]] = []
    seen: list[Exercise] = []
    for loaded in routines:
        if loaded.source != "builtin":
            continue
        for exercise in loaded.routine.exercises:
            if exercise not in seen:
                seen.append(exercise)
                out.append((exercise, loaded.routine.name))
    return out
