"""Marking a rest day from the history screen: toggled in the core, with its words."""

from __future__ import annotations

from datetime import date, timedelta

from hamcoach.history.stats import toggle_rest_day
from hamcoach.history.store import HistoryStore


def test_toggle_marks_then_unmarks(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    day = date(2024, 5, 10)
    change = toggle_rest_day(store, day)
    assert change.marked and change.counts and day in store.rest_days()
    assert change.describe() == "Marked 2024-05-10 as a rest day."
    change = toggle_rest_day(store, day)
    assert not change.marked and day not in store.rest_days()
    assert change.describe() == "2024-05-10 is no longer a rest day."


def test_a_third_rest_day_within_the_window_is_marked_but_does_not_count(tmp_path):
    store = HistoryStore(tmp_path / "history.json")
    first = date(2024, 5, 10)
    toggle_rest_day(store, first)
    toggle_rest_day(store, first + timedelta(days=2))
    change = toggle_rest_day(store, first + timedelta(days=4))
    assert change.marked and not change.counts
    assert change.describe().endswith("It does not count: 2 rest days already count in the 6 days before it.")
    # A week later the window has moved on: it counts again.
    assert toggle_rest_day(store, first + timedelta(days=11)).counts
