"""SaveInBackground: the latest checkpoint per session, on its own thread; settle() orders the final save."""

from __future__ import annotations

import threading

from hamcoach.history.checkpoint import SaveInBackground
from hamcoach.history.models import SessionRecord
from hamcoach.history.store import HistoryStore


def record(sets_done: int, status: str = "in_progress") -> SessionRecord:
    return SessionRecord(id="s", routine_id="r", routine_name="R", started_at="2024-05-01T07:00:00+02:00",
                         ended_at="2024-05-01T07:00:00+02:00", status=status, duration_seconds=sets_done)


def test_checkpoints_coalesce_and_settle_lets_the_final_save_win(tmp_path, monkeypatch):
    path = tmp_path / "history.json"
    saver = SaveInBackground(path)
    gate, inside = threading.Event(), threading.Event()
    written: list[int | None] = []
    real_save = HistoryStore.save_session

    def gated(self, rec):
        inside.set()
        gate.wait(10)
        written.append(rec.duration_seconds)
        return real_save(self, rec)

    monkeypatch.setattr(HistoryStore, "save_session", gated)
    saver.save(record(1), print)
    assert inside.wait(10)  # the first is being written; the next three wait, and only the last counts
    for n in (2, 3, 4):
        saver.save(record(n), print)
    gate.set()
    assert saver.flush(10)
    assert written == [1, 4]
    gate.clear()
    inside.clear()
    saver.save(record(5), print)
    assert inside.wait(10)
    saver.save(record(6), print)  # waiting: settle() drops it
    gate.set()
    assert saver.settle(10)
    monkeypatch.undo()
    HistoryStore(path).save_session(record(7, "completed"))  # the final record, by the screen
    assert saver.flush(10)
    saver.close()
    assert written == [1, 4, 5]
    (final,) = HistoryStore(path).sessions()
    assert (final.status, final.duration_seconds) == ("completed", 7)


def test_a_failed_checkpoint_is_reported_to_its_caller(tmp_path):
    (tmp_path / "history.json").mkdir()  # cannot be read, so nothing is saved over it
    saver = SaveInBackground(tmp_path / "history.json")
    errors: list[str] = []
    saver.save(record(1), errors.append)
    assert saver.flush(10)
    saver.close()
    assert errors == ["history.json cannot be read (it is a folder, not a regular file); nothing is saved until "
                      "it can be."]
