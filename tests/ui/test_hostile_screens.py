"""Hostile text through every screen: shown literally, never styling, acting or crashing.

A routine whose name, description, exercise names and cues hold Textual and Rich
markup, ANSI escape sequences, a bell, a carriage return and a bidi override goes
through the picker, the session, the summary, the resume dialog, the editor (with the
built-in exercise chooser), the history (table, session detail, progress), the help
and the notifications. Each time: the app is still running, the text is there as
typed (control characters as ``?``), clicking on the ``[@click=app.quit]`` words does
nothing, and no control character reaches what is drawn on the terminal.
"""

from __future__ import annotations

import shutil

from support.apps import WALL_TIME, advance, make_app, screen_text, write_routine
from support.hostile import (
    ALL,
    CUES_1,
    CUES_2,
    EXERCISE_1,
    EXERCISE_2,
    HOSTILE,
    HOSTILE_LENGTH,
    HOSTILE_TOML,
    NAME,
    RAW,
    ROUTINE_ID,
    shown,
)
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from hamcoach import paths
from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines import draft as drafts
from hamcoach.routines.library import RoutineLibrary
from hamcoach.ui.screens.confirm import ConfirmScreen
from hamcoach.ui.screens.editor import EditorScreen, UnsavedChangesScreen
from hamcoach.ui.screens.help import HelpScreen
from hamcoach.ui.screens.history import HistoryScreen, SessionDetailScreen, SessionTable
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.resume import ResumeScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.screens.summary import SummaryScreen
from hamcoach.ui.widgets.exercise_form import ExerciseChooser

SIZE = (110, 32)


# --- helpers --------------------------------------------------------------------------------------


def drawn(app) -> list[str]:
    """Every piece of text drawn for the current screen (notifications included)."""
    return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


def assert_safe(app) -> None:
    """Still running, and no control character in anything drawn."""
    assert app.is_running and app.return_code is None
    raw = [text for text in drawn(app) if RAW.search(text)]
    assert raw == [], f"control characters reach the terminal: {raw}"


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    return str(widget.content)


async def click_every(pilot, words: str, within=None) -> int:
    """Click the first character of every place ``words`` is drawn (inside the widget
    ``within`` if given: a click elsewhere may rightly do something); returns how many."""
    clicks = 0
    region = within.region if within is not None else None
    for y, line in enumerate(screen_text(pilot.app).split("\n")):
        x = line.find(words)
        while x >= 0:
            if region is None or region.contains(x, y):
                await pilot.click(offset=(x, y))
                await pilot.pause()
                clicks += 1
            x = line.find(words, x + 1)
    return clicks


async def click_the_quit_links(pilot, screen_type, within=None) -> None:
    """The ``[@click=app.quit]quit[/]`` of the routine is text: clicking it quits nothing."""
    if isinstance(within, str):
        within = pilot.app.screen.query_one(within)
    assert await click_every(pilot, "[@click=app.quit]", within) > 0
    assert await click_every(pilot, "quit[/]", within) > 0
    assert_safe(pilot.app)
    assert isinstance(pilot.app.screen, screen_type)


def highlight(app, routine_id: str, source: str = "custom") -> None:
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    index = next(i for i, r in enumerate(picker.shown) if r.id == routine_id and r.source == source)
    picker.query_one("#routine-list", OptionList).highlighted = index


def hostile_app(home, **kwargs):
    write_routine(home, ROUTINE_ID, HOSTILE_TOML)
    return make_app(home, **kwargs)


def hostile_record(session_id: str, status: str = "completed", started: str = "2024-05-05T07:30:00+02:00",
                   routine_id: str = ROUTINE_ID) -> SessionRecord:
    sets = [SetRecord(exercise_index=0, exercise=EXERCISE_1, set=1, sets=1, kind="hold", target=3, achieved=3),
            SetRecord(exercise_index=1, exercise=EXERCISE_2, set=1, sets=1, kind="reps", target=2, achieved=1)]
    return SessionRecord(id=session_id, routine_id=routine_id, routine_name=NAME, started_at=started,
                         ended_at=started, status=status, duration_seconds=21, pain=2, sets=sets)


# --- picker, session, help, summary ---------------------------------------------------------------


async def test_picker_session_help_and_summary_show_hostile_text_literally(isolated_home):
    app = hostile_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        loaded = app.library.get(ROUTINE_ID)
        assert loaded is not None and loaded.name == NAME and loaded.routine.description == ALL
        highlight(app, ROUTINE_ID)
        await pilot.pause()

        # The list and the detail pane.
        picker = app.screen
        option_list = picker.query_one("#routine-list", OptionList)
        prompt = option_list.get_option_at_index(option_list.highlighted).prompt
        name_line, meta_line = prompt.plain.split("\n")  # the name, then its length and last done
        assert name_line == shown(NAME) + " (custom)" and meta_line.endswith(" · never")
        detail = text_of(picker.query_one("#detail", Static))
        for text in (NAME, ALL, EXERCISE_1, EXERCISE_2):
            assert shown(text) in detail
        assert "[bold]x[/bold] [/bold] [@click=app.quit]quit[/]" in screen_text(app)
        assert_safe(app)
        await click_the_quit_links(pilot, PickerScreen, "#routine-detail")

        # Help over the picker.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()

        # The session: the title, the exercise, its cues, what comes next.
        highlight(app, ROUTINE_ID)
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, SessionScreen) and session.loaded.id == ROUTINE_ID
        assert text_of(session.query_one("#session-title")) == f"{shown(NAME)}  ·  exercise 1 of 2"
        assert text_of(session.query_one("#exercise-name")) == f"{shown(EXERCISE_1)}   set 1 of 1  ·  1 x 3 s hold"
        assert text_of(session.query_one("#exercise-cues")) == "\n".join(f"• {shown(c)}" for c in CUES_1[:4])
        assert text_of(session.query_one("#next-up")) == f"Next: {shown(EXERCISE_1)}: set 1/1"
        assert_safe(app)
        await click_the_quit_links(pilot, SessionScreen)

        await advance(pilot, 5)  # the hold: next comes the rest, then the second exercise
        await advance(pilot, 3)
        assert text_of(session.query_one("#next-up")) == f"Next: {shown(EXERCISE_2)} (1 x 2 reps)"
        # The rest before a new exercise already shows it.
        assert text_of(session.query_one("#exercise-name")) == f"Up next: {shown(EXERCISE_2)}   1 x 2 reps"
        assert text_of(session.query_one("#exercise-cues")) == f"• {shown(CUES_2[0])}"
        assert_safe(app)

        # Help over the session (it pauses the session).
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()
        await advance(pilot, 4)  # the 3-2-1 after the help

        await advance(pilot, 4)
        assert text_of(session.query_one("#exercise-name")) == f"{shown(EXERCISE_2)}   set 1 of 1  ·  1 x 2 reps"
        assert text_of(session.query_one("#exercise-cues")) == f"• {shown(CUES_2[0])}"
        assert_safe(app)
        await click_the_quit_links(pilot, SessionScreen)
        await advance(pilot, HOSTILE_LENGTH)

        # The summary: the title and the table of sets.
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.record.routine_name == NAME and summary.record.status == "completed"
        assert shown(NAME) in text_of(summary.query_one("#summary-title"))
        table = summary.query_one(DataTable)
        assert [table.get_row_at(row)[0].plain for row in range(table.row_count)] == \
            [shown(EXERCISE_1), shown(EXERCISE_2)]
        assert_safe(app)
        await click_the_quit_links(pilot, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert_safe(app)
    # Saved as it was: the history keeps the text exactly, control characters and all.
    saved = HistoryStore(isolated_home / "history.json").sessions()[0]
    assert saved.routine_name == NAME and [s.exercise for s in saved.sets] == [EXERCISE_1, EXERCISE_2]


# --- the resume dialog ----------------------------------------------------------------------------


async def test_the_resume_dialog_shows_a_hostile_name_literally(isolated_home):
    HistoryStore(isolated_home / "history.json").save_session(hostile_record("cut-off", status="in_progress"))
    app = hostile_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert shown(NAME) in text_of(app.screen.query_one(".dialog-text"))
        assert "[@click=app.quit]quit[/] ?[31mred?[0m ?RTL, started Sun 05" in screen_text(app)
        assert_safe(app)
        await click_the_quit_links(pilot, ResumeScreen, ".dialog-text")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert_safe(app)


# --- the editor -----------------------------------------------------------------------------------


def _with_hostile_builtin(app, home) -> None:
    """The built-in routines plus the hostile one (for the chooser and the read-only copy)."""
    builtin = home.parent / "builtin"
    shutil.copytree(paths.builtin_routines_dir(), builtin)
    (builtin / "hostile-builtin.toml").write_text(HOSTILE_TOML, encoding="utf-8")
    app.library = RoutineLibrary.load(builtin_dir=builtin, custom_dir=home / "routines")


async def test_the_editor_shows_hostile_text_literally_and_saves_it_unchanged(isolated_home):
    app = hostile_app(isolated_home)
    _with_hostile_builtin(app, isolated_home)
    before = app.library.get(ROUTINE_ID).routine
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        highlight(app, ROUTINE_ID)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.routine_id == ROUTINE_ID
        # The fields hold the text exactly; what is drawn shows control characters as "?".
        assert editor.query_one("#routine-name", Input).value == NAME
        assert editor.query_one("#routine-description", TextArea).text == ALL
        assert editor.query_one("#ex-name", Input).value == EXERCISE_1
        assert editor.draft["exercises"][0]["cues"] == "\n".join(CUES_1)
        # (the text box keeps one kind of line break: the cue's own \r\n splits it there as well)
        cues = editor.query_one("#ex-cues", TextArea).text.replace("\r\n", "\n")
        assert cues == "\n".join(CUES_1).replace("\r\n", "\n")
        exercises = editor.query_one("#exercise-list", OptionList)
        assert shown(EXERCISE_1) in exercises.get_option_at_index(0).prompt.plain
        assert shown(EXERCISE_2) in exercises.get_option_at_index(1).prompt.plain
        assert shown(NAME) in text_of(editor.query_one("#editor-title"))
        assert shown(EXERCISE_1) in text_of(editor.query_one("#form-title"))
        assert not editor.errors and not editor.dirty
        text = screen_text(app)
        assert "[bold]x[/bold] [/bold] [@click=a" in text  # the name field, cut at its width
        assert "cue [@click=app.quit]quit[/]" in text  # a cue in the cue box
        assert_safe(app)
        await click_the_quit_links(pilot, EditorScreen)

        # The second exercise in the form.
        editor.set_focus(exercises)
        exercises.highlighted = 1
        await pilot.pause()
        assert editor.query_one("#ex-name", Input).value == EXERCISE_2
        assert_safe(app)

        # The chooser of built-in exercises lists the hostile built-in routine's too.
        await pilot.press("b")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ExerciseChooser)
        choices = chooser.query_one("#chooser-list", OptionList)
        prompts = [choices.get_option_at_index(i).prompt.plain for i in range(choices.option_count)]
        assert f"{shown(EXERCISE_1)}  1 x 3 s hold · from {shown(NAME)}" in prompts
        assert_safe(app)
        # A click on the hostile words picks that exercise, as any click on the list would.
        choices.highlighted = choices.option_count - 1  # the last ones: scrolled into view
        await pilot.pause()
        assert await click_every(pilot, "[@click=app.quit]", within=choices) > 0
        assert_safe(app)
        assert app.screen is editor and len(editor.draft["exercises"]) == 3
        assert editor.draft["exercises"][2]["name"] in (EXERCISE_1, EXERCISE_2)

        # Undo, then save: the file round-trips the text exactly, escaped, never raw.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not editor.dirty
        description = editor.query_one("#routine-description", TextArea)
        description.insert(" more", description.document.end)  # as typed
        await pilot.pause()
        assert editor.dirty and editor.draft["description"] == ALL + " more"
        # Leaving asks first, naming the routine literally.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChangesScreen)
        assert text_of(app.screen.query_one(".dialog-text")) == f"Save the changes to {shown(NAME)}?"
        assert_safe(app)
        await click_the_quit_links(pilot, UnsavedChangesScreen, ".dialog-text")
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_safe(app)
        saved = isolated_home / "routines" / f"{ROUTINE_ID}.toml"
        data = saved.read_text(encoding="utf-8")
        assert not RAW.search(data.replace("\n", "")) and "\\u001B[31mred" in data and "\\u202E" in data
        after = app.library.get(ROUTINE_ID).routine
        # Exactly what the form held: the cues are one per line, so a cue's own line break
        # makes two cues of it (the only change the form makes).
        as_in_form, _errors = drafts.validate_draft(drafts.routine_draft(before))
        assert after == as_in_form.model_copy(update={"description": ALL + " more"})
        assert after.name == NAME and after.exercises[0].name == EXERCISE_1 and after.exercises[1].name == EXERCISE_2
        assert any(f"Saved {shown(NAME)} as {ROUTINE_ID}.toml" == n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

        # A built-in one asks before an editable copy is made; the copy's note names it.
        highlight(app, "hostile-builtin", source="builtin")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert shown(NAME) in text_of(app.screen.query_one(".dialog-text"))
        assert_safe(app)
        await click_the_quit_links(pilot, ConfirmScreen, ".dialog-text")
        await pilot.press("y")
        await pilot.pause()
        copy = app.screen
        assert isinstance(copy, EditorScreen) and copy.routine_id is None
        assert copy.query_one("#routine-name", Input).value == f"{NAME} (copy)"
        assert f"A copy of the built-in {shown(NAME)}." in text_of(copy.query_one("#editor-status"))
        assert_safe(app)
        # Saved under an id made of its name alone: the markup and the escapes are gone from it.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert copy.routine_id == "bold-x-bold-bold-click-app-quit-quit-31mred-0m-rtl-copy"
        assert (isolated_home / "routines" / f"{copy.routine_id}.toml").is_file()
        assert_safe(app)


async def test_deleting_a_hostile_routine_asks_and_notifies_literally(isolated_home):
    app = hostile_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        highlight(app, ROUTINE_ID)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert text_of(app.screen.query_one(".dialog-text")) == \
            f"Delete {shown(NAME)}? Its file moves to routines/.trash."
        assert_safe(app)
        await click_the_quit_links(pilot, ConfirmScreen, ".dialog-text")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.library.get(ROUTINE_ID) is None
        notices = [n.message for n in app._notifications]
        assert f"Deleted {shown(NAME)} (its file is in routines/.trash; u brings it back)." in notices
        assert "[bold]x[/bold] [/bold]" in screen_text(app)  # the toast, drawn
        assert_safe(app)
        # A click on the toast's "[@click=app.quit]" only closes the toast.
        assert await click_every(pilot, "[@click=app.quit]") > 0
        assert_safe(app)
        assert isinstance(app.screen, PickerScreen) and "[bold]x[/bold] [/bold]" not in screen_text(app)


# --- the history ----------------------------------------------------------------------------------


async def test_history_table_detail_and_progress_show_hostile_names_literally(isolated_home):
    store = HistoryStore(isolated_home / "history.json")
    store.add_many([hostile_record("s1", started="2024-05-05T07:30:00+02:00"),
                    hostile_record("\x1b[31m[bold]s2", status="partial", started="2024-05-04T07:30:00+02:00")])
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(SessionTable)
        assert table.row_count == 2
        for row in range(2):  # cut to the routine column's width (it follows the terminal's)
            assert table.get_row_at(row)[1].plain == shown(NAME)[:table.routine_width - 1] + "…"
        assert "[bold]x[/bold] [/bold] [@click=app.quit]q" in screen_text(app)
        assert_safe(app)
        await click_the_quit_links(pilot, HistoryScreen)

        # One session's sets.
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen) and detail.record.id == "s1"
        assert text_of(detail.query_one("#detail-title")) == f"{shown(NAME)}  ·  2024-05-05 07:30"
        sets = detail.query_one(DataTable)
        assert [sets.get_row_at(row)[0].plain for row in range(sets.row_count)] == \
            [shown(EXERCISE_1), shown(EXERCISE_2)]
        assert_safe(app)
        await click_the_quit_links(pilot, SessionDetailScreen)
        await pilot.press("escape")
        await pilot.pause()

        # Progress per exercise: the names in a table cut at 30 columns.
        await pilot.press("p")
        await pilot.pause()
        assert history.pane == "tab-progress"
        text = screen_text(app)
        assert shown(EXERCISE_1)[:29] in text
        assert_safe(app)

        # The rest-day dialog and its notice.
        await pilot.press("r")
        await pilot.pause()
        assert_safe(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any(n.message == f"Marked {WALL_TIME.date().isoformat()} as a rest day." for n in app._notifications)
        assert_safe(app)


# --- notices --------------------------------------------------------------------------------------


async def test_a_skipped_file_with_a_hostile_name_and_content_is_a_literal_notice(short_home):
    folder = short_home / "routines"
    folder.mkdir(parents=True)
    bad_name = folder / "[@click=app.quit]x[b]\x1b[31m.toml"
    bad_name.write_text(HOSTILE_TOML, encoding="utf-8")
    bad_content = folder / "bad.toml"
    hostile_key = '"\\u001b]0;title\\u0007[@click=app.quit]quit[/]"'
    bad_content.write_text(HOSTILE_TOML + f"{hostile_key} = 1\n", encoding="utf-8")
    app = make_app(short_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        notices = [n.message for n in app._notifications]
        # The file's name and what is wrong first, its folder last (issue 14).
        assert f"Skipped {shown(bad_name.name)}: the file name is not a routine id (lowercase letters, " \
               f"digits, - and _); rename it to click-app-quit-x-b-31m.toml (in {folder})" in notices
        assert f"Skipped {bad_content.name}: exercises[1].?]0;title?[@click=app.quit]quit[/]: unknown key " \
               f"(check the spelling) (in {folder})" in notices
        assert all("\n" not in notice for notice in notices)
        problems = text_of(app.screen.query_one("#picker-problems"))
        assert problems.startswith(f"Skipped 2 routine files: {shown(bad_name.name)}: the file name")
        # The toasts as drawn (each toast's rendered text, whatever its wrapping or place
        # on a screen where several stack): the markup and escapes are shown as typed.
        drawn = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "Skipped [@click=app.quit]x[b]?[31" in drawn
        assert "exercises[1].?]0;title?[@click=app.quit]quit[/]:" in drawn
        assert_safe(app)
        assert await click_every(pilot, "[@click=app.quit]") > 0  # closes the toasts, nothing more
        assert_safe(app)
        assert isinstance(app.screen, PickerScreen)
        assert app.library.routines and all(r.source == "builtin" for r in app.library.routines)


async def test_hostile_text_typed_into_the_editor_stays_literal(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        for text in HOSTILE:
            if text.isprintable():
                await pilot.press(*text)
        await pilot.pause()
        typed = "".join(t for t in HOSTILE if t.isprintable())
        assert editor.draft["name"] == typed[:80]
        assert_safe(app)
        await click_the_quit_links(pilot, EditorScreen)
        # A pasted escape sequence is shown as "?" but kept in the field.
        name = editor.query_one("#routine-name", Input)
        name.value = "\x1b[31mred"
        await pilot.pause()
        assert editor.draft["name"] == "\x1b[31mred"
        assert "?[31mred" in screen_text(app)
        assert_safe(app)


def test_every_hostile_string_is_in_the_names_the_description_and_the_cues():
    names = " ".join((NAME, EXERCISE_1, EXERCISE_2))
    for text in HOSTILE:
        assert text in names and text in ALL and any(text in cue for cue in CUES_1), text
