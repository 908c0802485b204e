"""Conflict copies of a synced history are merged back in (issue 13, "Several machines").

Two (or three) machines keep the data home in a synced folder and save between two
syncs. The sync tool keeps one ``history.json`` and renames the others beside it the
way each tool does; here the files are made by real stores on each "machine" and
then named exactly so. The merge keeps the union, lets the further-along record win,
keeps deleted sessions deleted, and moves each copy into ``merged/``.
"""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from hamcoach.cli.main import main
from hamcoach.history.fileformat import dumps, loads
from hamcoach.history.store import HistoryStore
from hamcoach.history.sync import conflict_copies, conflict_pattern, merge_conflict_copies

SYNCTHING = "history.sync-conflict-20240506-101010-ABCDEF7.json"
NEXTCLOUD = "history (conflicted copy 2024-05-06 101010).json"
DROPBOX = "history (Sam's conflicted copy 2024-05-06).json"
OTHER = "history-conflict-laptop-20240506"


def doc(sid: str, day: int, status: str = "completed", ended: str = "07:30", **extra) -> dict:
    return {"id": sid, "routine_id": "r", "routine_name": "R", "started_at": f"2024-05-{day:02d}T07:00:00+02:00",
            "ended_at": f"2024-05-{day:02d}T{ended}:00+02:00", "status": status, "duration_seconds": 60,
            "sets": [], **extra}


def delete(store: HistoryStore, sid: str) -> None:
    """What the history's delete does: the session leaves ``sessions`` for the ``deleted`` table."""

    def change(sessions, deleted):
        for key, raw in list(sessions.items()):
            if loads(raw)["id"] == sid:
                deleted[str(len(deleted) + 1)] = dumps({**loads(raw), "deleted_at": "2024-05-07T10:00:00+02:00"})
                del sessions[key]

    store.update_tables(change, "sessions", "deleted")


@pytest.fixture
def synced(tmp_path):
    """The synced folder on machine A, and B's and C's own copies of the same history."""
    folder = tmp_path / "Sync" / "hamcoach"
    base = HistoryStore(folder / "history.json")
    base.add_many([doc("shared", 1, "in_progress"), doc("gone-on-b", 2), doc("gone-on-a", 3)])
    machines = {}
    for name in "bc":
        machines[name] = tmp_path / name / "history.json"
        machines[name].parent.mkdir(parents=True)
        shutil.copy2(folder / "history.json", machines[name])
    return folder, machines


def test_real_conflict_copies_are_merged_into_the_union(synced):
    folder, machines = synced
    a = HistoryStore(folder / "history.json")
    a.add_many([doc("a-only", 4)])
    a.save_session(doc("shared", 1, "partial", ended="07:20"))  # A stopped it early
    a.add_rest_day(date(2024, 5, 5))
    delete(a, "gone-on-a")

    b = HistoryStore(machines["b"])
    b.add_many([doc("b-only", 6)])
    b.save_session(doc("shared", 1, "completed", ended="07:40"))  # B finished it: further along
    b.add_rest_day(date(2024, 5, 8))
    delete(b, "gone-on-b")

    c = HistoryStore(machines["c"])
    c.add_many([doc("c-only", 9), doc("c-two", 10)])
    c.save_session(doc("shared", 1, "in_progress", ended="07:50"))  # later, but less far along
    c.add_rest_day(date(2024, 5, 5))  # the same rest day as A's: once

    # The sync tool renames the losing copies beside the winner, each tool its own way.
    shutil.move(machines["b"], folder / SYNCTHING)
    shutil.copy2(machines["c"], folder / NEXTCLOUD)
    shutil.move(machines["c"], folder / OTHER)

    assert [p.name for p in conflict_copies(folder / "history.json")] == sorted([SYNCTHING, NEXTCLOUD, OTHER])
    store = HistoryStore(folder / "history.json")
    reports = merge_conflict_copies(store)
    assert [r.error for r in reports] == [None, None, None]
    merged = HistoryStore(folder / "history.json")
    assert merged.session_ids() == {"shared", "a-only", "b-only", "c-only", "c-two"}
    assert merged.get("shared").status == "completed" and merged.get("shared").ended_at.endswith("07:40:00+02:00")
    assert merged.rest_days() == {date(2024, 5, 5), date(2024, 5, 8)}
    deleted = {d["id"] for d in json.loads(merged.path.read_bytes()).get("deleted", {}).values()}
    assert deleted == {"gone-on-a", "gone-on-b"}  # deleted on either machine: deleted here
    assert conflict_copies(folder / "history.json") == []
    assert sorted(p.name for p in (folder / "merged").iterdir()) == sorted([SYNCTHING, NEXTCLOUD, OTHER])
    by_name = {r.copy.name: r.line() for r in reports}
    assert by_name[SYNCTHING] == (f"Merged {SYNCTHING} from another machine: 1 new session, 1 further along, "
                                  f"1 rest day; the copy is kept in merged/{SYNCTHING}.")
    assert by_name[NEXTCLOUD] == (f"Merged {NEXTCLOUD} from another machine: 2 new sessions; the copy is kept in "
                                  f"merged/{NEXTCLOUD}.")
    assert by_name[OTHER].startswith(f"Merged {OTHER} from another machine: 0 new sessions")
    assert [line for line in store.warnings if line.startswith("Merged")] == [r.line() for r in reports]
    # Merging is idempotent: the same copy again brings nothing.
    shutil.copy2(folder / "merged" / SYNCTHING, folder / SYNCTHING)
    (again,) = merge_conflict_copies(HistoryStore(folder / "history.json"))
    assert (again.added, again.replaced, again.rest_days) == (0, 0, 0)


@pytest.mark.parametrize("name, matches", [
    (SYNCTHING, True), (NEXTCLOUD, True), (DROPBOX, True), (OTHER, True),
    ("history.sync-conflict-20240506-101010-ABCDEF7.json.tmp", False), ("history.json", False),
    ("history.json.corrupt-20240506-101010", False), ("settings.sync-conflict-20240506-101010-ABCDEF7.json", False),
    (".history.json.abcd1234.tmp", False),
])
def test_the_names_sync_tools_give_conflict_copies(name, matches):
    assert bool(conflict_pattern("history.json").fullmatch(name)) is matches


def test_a_linked_history_finds_its_copies_beside_the_target(tmp_path):
    folder = tmp_path / "Sync"
    target = folder / "hamcoach-history.json"
    HistoryStore(target).add_many([doc("a", 1)])
    other = HistoryStore(tmp_path / "b" / "history.json")
    other.add_many([doc("b", 2)])
    shutil.copy2(other.path, folder / "hamcoach-history.sync-conflict-20240506-101010-ABCDEF7.json")
    home = tmp_path / "home"
    home.mkdir()
    (home / "history.json").symlink_to(target)
    store = HistoryStore(home / "history.json")
    (report,) = merge_conflict_copies(store)
    assert report.added == 1 and HistoryStore(target).session_ids() == {"a", "b"}
    assert (home / "history.json").is_symlink() and (folder / "merged").is_dir()


def test_reading_commands_say_a_copy_is_there_and_leave_it(isolated_home, capsys):
    HistoryStore(isolated_home / "history.json").add_many([doc("a", 1)])
    other = HistoryStore(isolated_home.parent / "b" / "history.json")
    other.add_many([doc("b", 2)])
    shutil.copy2(other.path, isolated_home / SYNCTHING)
    assert main(["history"]) == 0
    err = capsys.readouterr().err
    assert err == (f"{isolated_home / SYNCTHING} is a conflict copy from a synced folder; start hamcoach or run "
                   "`hamcoach doctor --fix` to merge it in.\n")
    assert (isolated_home / SYNCTHING).exists()


def test_the_app_merges_copies_when_it_starts_and_says_so(isolated_home, monkeypatch, capsys):
    from hamcoach.ui.app import HamcoachApp

    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "settings.json").write_text('{"safety_notice_seen": true}')
    HistoryStore(isolated_home / "history.json").add_many([doc("a", 1)])
    other = HistoryStore(isolated_home.parent / "b" / "history.json")
    other.add_many([doc("b", 2), doc("c", 3)])
    shutil.copy2(other.path, isolated_home / SYNCTHING)
    notices: list[str] = []

    async def look(pilot) -> None:
        await pilot.pause()
        notices.extend(n.message for n in pilot.app._notifications if n.title == "History")
        await pilot.press("q")

    real_run = HamcoachApp.run
    monkeypatch.setattr(HamcoachApp, "run", lambda self: real_run(self, headless=True, size=(100, 30),
                                                                  auto_pilot=look))
    assert main(["--mute"]) == 0
    assert notices == [f"Merged {SYNCTHING} from another machine: 2 new sessions; the copy is kept in "
                       f"merged/{SYNCTHING}."]
    assert HistoryStore(isolated_home / "history.json").session_ids() == {"a", "b", "c"}
    capsys.readouterr()


def test_check_ins_from_a_copy_fill_only_dates_without_one(synced):
    folder, machines = synced
    a = HistoryStore(folder / "history.json")
    a.set_checkin(date(2024, 5, 2), "better")
    b = HistoryStore(machines["b"])
    b.set_checkin(date(2024, 5, 2), "worse")  # the same morning answered on both: ours stays
    b.set_checkin(date(2024, 5, 3), "same")
    shutil.move(machines["b"], folder / SYNCTHING)
    (report,) = merge_conflict_copies(HistoryStore(folder / "history.json"))
    assert report.error is None
    assert HistoryStore(folder / "history.json").checkins() == {date(2024, 5, 2): "better", date(2024, 5, 3): "same"}
