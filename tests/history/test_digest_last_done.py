"""The history's digest keeps each routine's last day done, for the picker's first frame (issue 15)."""

from __future__ import annotations

import json
from datetime import date

from support.history import REST_DAYS, history_docs

from hamcoach.coaching.today import last_done
from hamcoach.history import digest
from hamcoach.history.store import HistoryStore


def test_the_digest_keeps_each_routines_last_day_as_the_picker_counts_it(tmp_path):
    docs = history_docs()
    docs[0] = {**docs[0], "status": "partial"}  # yesterday: one partial and (below) one completed of r1
    docs.insert(0, {**docs[1], "id": "same-day", "routine_id": docs[0]["routine_id"], "started_at":
                    docs[0]["started_at"], "ended_at": docs[0]["ended_at"], "status": "completed"})
    store = HistoryStore(tmp_path / "history.json")
    store.merge(docs, REST_DAYS)
    kept = digest.read(store.path)
    assert kept is not None  # written by the store's save
    expected = {rid: (done.day, done.completed) for rid, done in last_done(store.summaries(), date.max).items()}
    assert kept.last == expected and len(expected) == 3
    assert kept.last[docs[0]["routine_id"]][1] is True  # the completed one wins on its day


def test_a_digest_of_the_version_before_is_not_read(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    store.merge(history_docs()[:5], [])
    path = digest.digest_path(store.path)
    doc = json.loads(path.read_bytes())
    assert doc["version"] == digest.VERSION == 2 and doc["last"]
    path.write_text(json.dumps({**doc, "version": 1}))
    assert digest.read(store.path) is None
