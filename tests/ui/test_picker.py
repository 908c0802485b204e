"""The routine list as a daily user meets it (issue 14): each routine's length and when it was
last done, opening on the routine started last, the equipment remembered, ids where names
clash, the highlight after a delete, restoring a deleted routine, the full detail in a tall
terminal, and a skipped file named before its folder."""

from __future__ import annotations

import json
from datetime import timedelta

from support.apps import BROKEN_FILE, BROKEN_TOML, WALL_TIME, make_app, screen_text, write_routine
from support.pilot import press_quickly
from textual.widgets import OptionList, Static

from hamcoach.history.models import SessionRecord, SetRecord
from hamcoach.history.store import HistoryStore
from hamcoach.routines.files import deleted_routines
from hamcoach.routines.library import read_routine_file
from hamcoach.ui.screens.picker import PickerScreen
from hamcoach.ui.screens.restore_routine import RestoreRoutineScreen
from hamcoach.ui.screens.session import SessionScreen
from hamcoach.ui.text import duration_words

SIZE = (80, 24)
BARE = 'name = "{name}"\n\n[[exercises]]\nname = "Wall hold"\ncues = ["Breathe."]\nsets = 1\nhold = 20\n'


def lines(app) -> list[list[str]]:
    """Each option of the routine list, as its lines."""
    options = app.screen.query_one("#routine-list", OptionList)
    return [options.get_option_at_index(i).prompt.plain.split("\n") for i in range(options.option_count)]


def names(app) -> list[str]:
    return [option[0] for option in lines(app)]


def option_of(app, name: str) -> list[str]:
    return next(option for option in lines(app) if option[0] == name)


def detail(app) -> str:
    return str(app.screen.query_one("#detail", Static).render())


def save(home, routine_id: str, days_ago: int, status: str = "completed", n: int = 0) -> None:
    started = WALL_TIME - timedelta(days=days_ago, hours=1, minutes=n)
    HistoryStore(home / "history.json").save_session({
        "id": f"{routine_id}-{days_ago}-{status}-{n}", "routine_id": routine_id, "routine_name": routine_id,
        "started_at": started.isoformat(), "ended_at": (started + timedelta(minutes=10)).isoformat(),
        "status": status, "duration_seconds": 600, "sets": []})


def settings(home) -> dict:
    return json.loads((home / "settings.json").read_text())


def write_settings(home, **values) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text(json.dumps({"safety_notice_seen": True, "morning_check": False, **values}))


async def test_each_routine_shows_its_length_and_when_it_was_last_done(isolated_home):
    save(isolated_home, "floor-basics", 1)
    save(isolated_home, "floor-basics", 5)
    save(isolated_home, "ball-work", 3, "partial")
    save(isolated_home, "band-work", 12)
    save(isolated_home, "desk-break", 0)
    save(isolated_home, "desk-break", 0, "partial", n=30)  # the same day, partial too: done that day
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()  # the coach is ready after the first frame
        assert app.coach.ready
        library = app.library

        def length(routine_id: str) -> str:
            # As the session would time it: today's prescription, through the timeline's own sum.
            return duration_words(app.coach.prescribe(library.get(routine_id).routine).routine.estimated_seconds())

        assert option_of(app, "Floor basics") == ["Floor basics", f"  {length('floor-basics')} · yesterday"]
        assert option_of(app, "Ball work") == ["Ball work", f"  {length('ball-work')} · 3 days ago"]
        assert option_of(app, "Band work") == ["Band work", f"  {length('band-work')} · 2024-04-24"]
        assert option_of(app, "Desk break") == ["Desk break", f"  {length('desk-break')} · today"]
        assert option_of(app, "Full session") == ["Full session", f"  {length('full-session')} · never"]
        # The detail says the same, and whether the last one was partial.
        assert app.screen.highlighted.id == "ball-work"
        assert "last done 3 days ago (partial)" in detail(app)
        await pilot.press("down", "down")
        assert app.screen.highlighted.id == "desk-break" and "last done today\n" in detail(app)
        # Today's suggestion uses the same words.
        assert "(not done yet)" in str(app.screen.query_one("#today", Static).render())


async def test_a_length_follows_the_prescription_once_the_coach_has_a_level(isolated_home):
    """A routine run at a higher level takes longer: the list shows the session's length."""
    store = HistoryStore(isolated_home / "history.json")
    for n in (3, 2):  # the hip bridge cleared twice with pain 1: level 1, 2 more reps a set
        ended = WALL_TIME - timedelta(days=n)
        store.save_session(SessionRecord(
            id=f"before-{n}", routine_id="floor-basics", routine_name="Floor basics",
            started_at=(ended - timedelta(minutes=5)).isoformat(), ended_at=ended.isoformat(),
            status="completed", duration_seconds=300, pain=1, effort=5,
            sets=[SetRecord(exercise_index=1, exercise="Hip bridge", set=1, sets=1, kind="reps", target=10,
                            achieved=10)]))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        loaded = app.library.get("floor-basics")
        plan = app.coach.prescribe(loaded.routine)
        assert plan.changed
        written, run = loaded.routine.estimated_seconds(), plan.routine.estimated_seconds()
        assert run > written and app.screen._length(loaded) == run
        assert option_of(app, "Floor basics")[1] == f"  {duration_words(run)} · 2 days ago"
        await pilot.press("down", "down", "down")
        assert app.screen.highlighted.id == "floor-basics"
        assert f"about {duration_words(run)} · " in detail(app)


async def test_the_list_opens_on_the_routine_started_last(isolated_home):
    write_settings(isolated_home, last_routine="floor-basics")
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.highlighted.id == "floor-basics"
        await pilot.press("up", "enter")  # Desk break, started: remembered
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.pause()
        assert settings(isolated_home)["last_routine"] == "desk-break"
    again = make_app(isolated_home, write_settings=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the session left unfinished: kept as partial
        await pilot.pause()
        assert isinstance(again.screen, PickerScreen)
        assert again.screen.highlighted.id == "desk-break"


async def test_arrows_typed_quickly_before_enter_start_the_routine_they_reached(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen
        routines = picker.query_one("#routine-list", OptionList)
        routines.highlighted = 0
        await pilot.pause()
        wanted = picker.shown[3].id
        await press_quickly(pilot, "down", "down", "down", "enter")  # one burst, as a terminal delivers it
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.loaded.id == wanted


async def test_a_routine_since_deleted_opens_on_the_first(isolated_home):
    write_settings(isolated_home, last_routine="gone-now")
    app = make_app(isolated_home, write_settings=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.highlighted.id == "ball-work"
        assert not app.settings_problems  # a valid id, just not there any more


async def test_the_equipment_at_hand_is_remembered_and_a_routine_needing_none_always_shows(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert settings(isolated_home)["at_hand"] == ["mat", "band"]
        assert "Ball work" not in names(app) and "[ ] 2 ball" in screen_text(app)
        await pilot.press("1", "3")  # nothing at hand
        await pilot.pause()
        assert names(app) == ["Standing at the desk"]
        assert settings(isolated_home)["at_hand"] == []
        await pilot.press("1")
        await pilot.pause()
    again = make_app(isolated_home, write_settings=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.screen.at_hand == {"mat"}
        assert names(again) == ["Desk break", "Floor basics", "Standing at the desk"]
        assert "[x] 1 mat [ ] 2 ball [ ] 3 band · 3 of 6 shown" in screen_text(again)


async def test_ids_show_when_two_routines_have_the_same_name(isolated_home):
    write_routine(isolated_home, "my-floor", BARE.format(name="Floor basics"))
    write_routine(isolated_home, "alone", BARE.format(name="Alone"))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert option_of(app, "Floor basics")[1] == "  id floor-basics"
        assert option_of(app, "Floor basics (custom)")[1] == "  id my-floor"
        assert len(option_of(app, "Alone (custom)")) == 2  # no clash: no id line
        assert len(option_of(app, "Ball work")) == 2
        # The detail always names the id (what `hamcoach run ID` takes).
        assert "id ball-work · built-in" in detail(app)
        await pilot.press("end")
        await pilot.pause()
        assert app.screen.highlighted.id == "my-floor" and "id my-floor · custom" in detail(app)


async def test_after_a_delete_the_highlight_stays_near_and_u_restores(isolated_home):
    for routine_id, name in (("aa", "A one"), ("bb", "B two"), ("cc", "C three")):
        write_routine(isolated_home, routine_id, BARE.format(name=name))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ids = [r.id for r in app.screen.shown]
        app.screen.query_one("#routine-list", OptionList).highlighted = ids.index("bb")
        await pilot.press("d", "y")  # B two goes: the highlight moves to the next one
        await pilot.pause()
        assert app.screen.highlighted.id == "cc"
        await pilot.press("d", "y")  # the last one goes: the one before it
        await pilot.pause()
        assert app.screen.highlighted.id == "aa"
        assert [d.routine_id for d in deleted_routines(isolated_home / "routines")] == ["cc", "bb"]
        assert any("u brings it back" in n.message for n in app._notifications)

        await pilot.press("u")  # the deleted ones, the one deleted last first
        await pilot.pause()
        assert isinstance(app.screen, RestoreRoutineScreen)
        assert "C three" in screen_text(app) and "B two" in screen_text(app)
        await pilot.press("down", "enter")  # B two
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.highlighted.id == "bb" and "B two (custom)" in names(app)
        assert read_routine_file(isolated_home / "routines" / "bb.toml").name == "B two"
        assert any(n.message == "Restored B two." for n in app._notifications)

        await pilot.press("u", "escape")  # Escape changes nothing
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert [d.routine_id for d in deleted_routines(isolated_home / "routines")] == ["cc"]


async def test_a_restore_over_an_existing_id_is_one_line_and_overwrites_nothing(isolated_home):
    write_routine(isolated_home, "aa", BARE.format(name="A one"))
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end", "d", "y")
        await pilot.pause()
        write_routine(isolated_home, "aa", BARE.format(name="A new one"))  # made again meanwhile
        app.library.reload()
        await pilot.press("u", "enter")
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0]
        assert errors[0].startswith("Could not restore: not restored: a routine of yours has the id 'aa' now")
        assert read_routine_file(isolated_home / "routines" / "aa.toml").name == "A new one"
        assert len(deleted_routines(isolated_home / "routines")) == 1


async def test_u_with_nothing_deleted_says_so(isolated_home):
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any(n.message == "No deleted routines to restore." for n in app._notifications)


async def test_a_tall_terminal_shows_every_exercise_with_its_dose_cues_and_note(isolated_home):
    write_routine(isolated_home, "noted", BARE.format(name="Noted").replace(
        'cues = ["Breathe."]', 'cues = ["Breathe.", "Shoulders down."]\nnote = "Blue band"'))
    app = make_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "1. Wall hold  1 x 20 s hold" in text
        assert "Note: Blue band" in text and "· Breathe." in text and "· Shoulders down." in text
        assert str(isolated_home / "routines" / "noted.toml") in detail(app)  # its file, where there is room
        await pilot.press("home")
        await pilot.pause()
        floor = app.library.get("ball-work").routine
        for exercise in floor.exercises:  # every exercise and every cue of a built-in one
            assert exercise.name in detail(app)
            assert all(cue in detail(app) for cue in exercise.cues)
    small = make_app(isolated_home)
    async with small.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert "1. Wall hold  1 x 20 s hold" in detail(small) and "Breathe." not in detail(small)


async def test_at_60x18_a_routine_s_length_and_last_done_are_on_one_line(isolated_home):
    save(isolated_home, "band-work", 3)
    app = make_app(isolated_home)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await pilot.pause()
        meta = option_of(app, "Band work")[1].strip()
        assert meta.endswith("3 days ago")
        assert meta in screen_text(app)  # not wrapped, not cut
        assert "[x] 1 mat [x] 2 ball [x] 3 band · 6 of 6 shown" in screen_text(app)


async def test_a_skipped_file_is_named_with_its_reason_before_its_folder(isolated_home):
    deep = isolated_home / ("a-long-folder-name-" * 4)
    app_home = deep / "home"
    write_routine(app_home, "broken", BROKEN_TOML)
    app = make_app(app_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#picker-problems", Static).render())
        assert line.startswith(f"Skipped 1 routine file: {BROKEN_FILE}: exercises[0].reps: must be at least 1")
        assert line.index("must be at least 1") < line.index(str(app_home))
        # The notice too: the name and the reason first, the folder after.
        notice = next(n.message for n in app._notifications if n.title == "Routine file")
        assert notice.startswith(f"Skipped {BROKEN_FILE}: exercises[0].reps: must be at least 1")
        assert notice.endswith(f"(in {app_home / 'routines'})")
