"""The history store: atomic writes, the write lock, damaged files, and the read cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from tinydb import TinyDB

from hamcoach.history.models import SessionRecord
from hamcoach.history.store import (
    SCHEMA_VERSION,
    AtomicJSONStorage,
    HistoryStore,
    StoreError,
)

fcntl = pytest.importorskip("fcntl") if os.name == "posix" else None


def doc(sid: str, started: str = "2024-05-01T07:00:00+02:00", **extra) -> dict:
    """A valid session document."""
    base = {
        "id": sid, "routine_id": "hamstrings", "routine_name": "Hamstring basics",
        "started_at": started, "ended_at": started, "status": "completed",
        "duration_seconds": 900,
        "sets": [{"exercise_index": 0, "exercise": "Nordic curl", "set": 1, "sets": 2,
                  "kind": "reps", "target": 8, "achieved": 8}],
    }
    return {**base, **extra}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "home" / "history.json"


def ids(store: HistoryStore) -> list[str]:
    return [record.id for record in store.sessions()]


def test_save_and_reload_in_a_new_instance(path):
    HistoryStore(path).save_session(SessionRecord.model_validate(doc("a")))
    again = HistoryStore(path)
    assert ids(again) == ["a"]
    assert again.get("a") == SessionRecord.model_validate(doc("a"))
    assert again.get("missing") is None
    assert again.warnings == [] and not again.read_only
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def test_upsert_replaces_the_whole_document(path):
    store = HistoryStore(path)
    store.save_session(doc("a", status="in_progress", pain=3))
    store.save_session(doc("a", status="completed"))
    assert ids(store) == ["a"]
    assert store.get("a").status == "completed"
    assert store.get("a").pain is None  # replaced, not merged
    assert len(json.loads(path.read_bytes())["sessions"]) == 1


def test_newest_first_compares_instants_not_strings(path):
    store = HistoryStore(path)
    # As strings the order would be 10:00+02:00 > 09:00Z > 07:30-01:00; as instants
    # they are 08:00Z, 09:00Z and 08:30Z.
    store.add_many([doc("plus2", "2024-05-01T10:00:00+02:00"), doc("utc", "2024-05-01T09:00:00Z"),
                    doc("minus1", "2024-05-01T07:30:00-01:00"), doc("older", "2024-04-30T23:00:00+00:00")])
    assert ids(store) == ["utc", "minus1", "plus2", "older"]
    assert [d["id"] for d in store.raw_sessions()] == ["utc", "minus1", "plus2", "older"]
    assert ids(HistoryStore(path)) == ["utc", "minus1", "plus2", "older"]


def test_write_is_atomic_private_and_versioned(path):
    store = HistoryStore(path)
    for n in range(3):
        store.save_session(doc(f"s{n}"))
    assert sorted(p.name for p in path.parent.iterdir()) == ["history.json", "history.json.lock",
                                                             "history.summary.json"]
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (path.with_name("history.summary.json").stat().st_mode & 0o777) == 0o600
    data = json.loads(path.read_bytes())  # plain JSON
    assert list(data["meta"].values()) == [{"schema_version": SCHEMA_VERSION}] and SCHEMA_VERSION == 1
    assert sorted(d["id"] for d in data["sessions"].values()) == ["s0", "s1", "s2"]


def test_tinydb_reads_and_writes_the_file(path):
    HistoryStore(path).save_session(doc("a"))
    db = TinyDB(path, storage=AtomicJSONStorage)
    assert [d["id"] for d in db.table("sessions").all()] == ["a"]
    db.table("sessions").insert(doc("b", "2025-01-01T00:00:00+00:00"))
    assert ids(HistoryStore(path)) == ["b", "a"]


def test_a_file_in_another_layout_is_read_and_rewritten(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"sessions": {"1": doc("a"), "7": doc("b", "2030-01-01T00:00:00Z")}}, indent=2))
    store = HistoryStore(path)
    assert ids(store) == ["b", "a"] and store.warnings == []
    store.save_session(doc("c"))
    assert sorted(d["id"] for d in json.loads(path.read_bytes())["sessions"].values()) == ["a", "b", "c"]


def test_one_damaged_line_costs_only_that_session(path):
    store = HistoryStore(path)
    store.add_many([doc("a"), doc("b", "2030-01-01T00:00:00Z")])
    lines = path.read_bytes().split(b"\n")
    assert lines[-5].startswith(b'"1":{"id":"a"')
    lines[-5] = lines[-5][:40] + b"},"  # session "a" cut short, the layout intact
    path.write_bytes(b"\n".join(lines))
    store = HistoryStore(path)
    assert ids(store) == ["b"]
    assert len(store.warnings) == 1 and "Skipped session #1" in store.warnings[0]
    assert not any(p.name.startswith("history.json.corrupt") for p in path.parent.iterdir())


def test_a_newer_schema_is_read_only_and_never_rewritten(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 2}},
                                "sessions": {"1": doc("a", future_field=True)}}))
    before = path.read_bytes()
    store = HistoryStore(path)
    assert store.read_only and "newer hamcoach (schema 2)" in store.warnings[0]
    assert ids(store) == ["a"]  # reads still work
    message = "history.json was written by a newer hamcoach (schema 2); upgrade hamcoach to change it."
    for write in (lambda: store.save_session(doc("b")), lambda: store.set_ratings("a", 1, 2),
                  lambda: store.add_many([doc("c")]), lambda: store.delete("a")):
        with pytest.raises(StoreError) as caught:
            write()
        assert str(caught.value) == message
    assert path.read_bytes() == before
    assert not any(p.name.startswith("history.json.corrupt") for p in path.parent.iterdir())


@pytest.mark.skipif(fcntl is None, reason="no flock on this platform")
def test_a_held_lock_makes_a_write_fail_within_the_timeout(path):
    store = HistoryStore(path, lock_timeout=0.2)
    store.save_session(doc("a"))
    with open(path.with_name("history.json.lock"), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"^History is locked by another hamcoach \(.*\); try again\.$"):
            store.save_session(doc("b"))
        assert 0.2 <= time.monotonic() - start < 2.0
        assert ids(store) == ["a"]  # reads need no lock
    store.save_session(doc("b"))  # the lock is free again
    assert sorted(ids(store)) == ["a", "b"]


@pytest.mark.skipif(fcntl is None, reason="no flock on this platform")
def test_concurrent_processes_lose_no_writes(path):
    HistoryStore(path).save_session(doc("seed"))
    script = (
        "import sys; from pathlib import Path; from hamcoach.history.store import HistoryStore\n"
        "s = HistoryStore(Path(sys.argv[1]))\n"
        "for n in range(15): s.save_session({**__import__('json').loads(sys.argv[3]), 'id': f'{sys.argv[2]}-{n}'})\n"
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), name, json.dumps(doc("x"))], env=env)
             for name in ("p", "q", "r")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    assert len(HistoryStore(path).sessions()) == 1 + 3 * 15


def test_set_ratings(path):
    store = HistoryStore(path)
    store.save_session(doc("a"))
    store.set_ratings("a", pain=2, effort=7)
    assert (HistoryStore(path).get("a").pain, HistoryStore(path).get("a").effort) == (2, 7)
    store.set_ratings("a", pain=None, effort=None)
    assert store.get("a").pain is None
    with pytest.raises(StoreError, match="Pain must be"):
        store.set_ratings("a", pain=11, effort=5)
    with pytest.raises(StoreError, match="Effort must be"):
        store.set_ratings("a", pain=0, effort=0)
    with pytest.raises(StoreError, match="no session"):
        store.set_ratings("nope", pain=1, effort=1)


def test_the_cache_sees_another_instances_writes(path):
    first = HistoryStore(path)
    first.save_session(doc("a"))
    assert ids(first) == ["a"]
    second = HistoryStore(path)
    second.save_session(doc("b", "2030-01-01T00:00:00Z"))
    second.set_ratings("a", 4, 5)
    assert ids(first) == ["b", "a"]
    assert first.get("a").pain == 4
    # and a write from the first instance keeps what the second wrote
    first.save_session(doc("c"))
    assert sorted(ids(second)) == ["a", "b", "c"]


def test_add_many_skips_known_ids_and_writes_once(path):
    store = HistoryStore(path)
    store.save_session(doc("a"))
    inode = path.stat().st_ino
    assert store.add_many([doc("a"), doc("b"), doc("c"), doc("b")]) == 2
    assert path.stat().st_ino != inode
    assert sorted(ids(store)) == ["a", "b", "c"]
    inode = path.stat().st_ino
    assert store.add_many([doc("a")]) == 0
    assert path.stat().st_ino == inode  # nothing new: no write
    with pytest.raises(StoreError, match="Session 2 of 2 is not valid: status"):
        store.add_many([doc("d"), doc("e", status="bogus")])
    assert store.get("d") is None  # all or nothing


def test_invalid_input_is_refused_with_a_plain_sentence(path):
    store = HistoryStore(path)
    with pytest.raises(StoreError, match=r"^That session is not valid: pain: .*\.$"):
        store.save_session(doc("a", pain=42))
    assert not path.exists()


def test_delete(path):
    store = HistoryStore(path)
    store.add_many([doc("a"), doc("b")])
    assert store.delete("a") is True
    assert store.delete("a") is False
    assert ids(HistoryStore(path)) == ["b"]


def test_invalid_documents_are_skipped_with_a_warning(path):
    store = HistoryStore(path)
    store.add_many([doc("good"), doc("old", "2020-01-01T00:00:00Z")])
    data = json.loads(path.read_bytes())
    data["sessions"]["8"] = {**doc("bad"), "status": "exploded"}
    data["sessions"]["9"] = doc("undated", "yesterday")
    path.write_text(json.dumps(data))
    store = HistoryStore(path)
    assert ids(store) == ["good", "old"]
    assert len(store.warnings) == 2 and all("Skipped session" in w for w in store.warnings)
    assert store.get("bad") is None
    assert len(store.raw_sessions()) == 4  # export keeps everything


def test_session_list_is_a_lazy_sequence(path):
    store = HistoryStore(path)
    store.add_many([doc(f"s{n}", f"2024-01-{n + 1:02d}T08:00:00+00:00") for n in range(10)])
    listing = store.sessions()
    assert listing[0].id == "s9" and [r.id for r in listing[:2]] == ["s9", "s8"]
    assert listing[-1].id == "s0" and len(listing) == 10 and listing
    assert store.sessions() is listing  # kept until the file changes
    assert listing == [store.get(f"s{n}") for n in reversed(range(10))]


def test_core_does_not_import_textual():
    code = "import sys, hamcoach.history.store; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert out.stdout.strip() == "False"
