"""The checkpoint saver's store starts from the app store's documents (issue 15: one copy of a
long history in memory, not two), and still sees every change another writer made."""

from __future__ import annotations

from support.documents import full

from hamcoach.history.checkpoint import SaveInBackground
from hamcoach.history.fileformat import SESSIONS
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore


def _history(path, count: int = 20) -> HistoryStore:
    HistoryStore(path).add_many([full(f"s{n:02d}", f"2024-05-{n + 1:02d}T07:30:00+02:00") for n in range(count)])
    return HistoryStore(path)


def running(sid: str = "run") -> SessionRecord:
    return SessionRecord.model_validate(full(sid, "2024-06-01T07:30:00+02:00", status="in_progress"))


def _docs(store: HistoryStore) -> dict[str, bytes]:
    return store._storage.load()[SESSIONS]


def test_the_saver_shares_the_app_stores_documents(tmp_path):
    app = _history(tmp_path / "history.json")
    app.summaries()
    saver = SaveInBackground(app.path, live=app.live, source=app)
    saver.save(running(), print)
    assert saver.flush(10)
    theirs, mine = _docs(saver._store), _docs(app)  # the app reads the saver's write
    saver.close()
    assert app.get("run") is not None and app.get("run").status == "in_progress"
    assert len(mine) == 21 and mine == theirs
    # One bytes object each in both stores, but for the new one (which the app read from the file).
    assert [key for key in mine if mine[key] is not theirs[key]] == ["21"]
    shared = saver._store._summary_of
    assert all(shared[key][1] is app._summary_of[key][1] for key in mine if key in app._summary_of)


def test_a_seed_taken_before_another_write_still_sees_it(tmp_path):
    app = _history(tmp_path / "history.json")
    seed = app.seed()
    HistoryStore(app.path).save_session(running("elsewhere"))  # another process, after the seed
    seeded = HistoryStore(app.path, seed=seed)
    assert seeded.get("elsewhere") is not None
    assert len(seeded.summaries()) == 21
    seeded.save_session(running("mine"))
    assert {s.id for s in HistoryStore(app.path).summaries()} >= {"elsewhere", "mine", "s00", "s19"}


def test_no_seed_without_a_file(tmp_path):
    app = HistoryStore(tmp_path / "history.json")
    assert app.seed() is None
    saver = SaveInBackground(app.path, live=app.live, source=app)
    saver.save(running(), print)
    assert saver.flush(10)
    saver.close()
    assert HistoryStore(app.path).get("run") is not None


def test_a_seed_of_a_damaged_file_sets_it_aside_before_writing_as_a_fresh_store_would(tmp_path):
    path = tmp_path / "history.json"
    _history(path, 3)
    lines = path.read_bytes().split(b"\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(b'"2":'))
    lines[at] = lines[at][:40]  # one damaged line
    path.write_bytes(b"\n".join(lines))
    app = HistoryStore(path)
    assert app._storage.damage
    seeded = HistoryStore(path, seed=app.seed())
    assert any("Skipped line" in warning for warning in seeded.warnings), seeded.warnings
    seeded.save_session(running())
    assert list(tmp_path.glob("history.json.corrupt-*")), "the damaged file was not kept"
    assert {s.id for s in HistoryStore(path).summaries()} == {"s00", "s02", "run"}
