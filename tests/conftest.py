"""Shared fixtures: no test ever touches the real data home.

- ``isolated_home`` (for every test): ``$HAMCOACH_HOME`` is a fresh folder of the test's own.
- ``short_home``: a data home with a short path, for a test that reads a path off the screen.
- ``clock``: a fake monotonic clock that moves only when told to.
- ``app_factory``: builds the app on fakes in the test's data home (see ``support.apps``).

Helpers that are not fixtures (fakes, hostile text, app helpers) are in ``support/``.
Pilot's waits take 5 ms steps and also wait for what the app still has to do (``support.pilot``).
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from pathlib import Path

import pytest
from support.clock import FakeClock


def pytest_configure(config):
    from support.pilot import harden_pilot

    harden_pilot()


def pytest_collection_finish(session):
    """Collect garbage less often: the UI tests make and drop objects by the million
    (every frame Textual draws), and each automatic collection also walked everything
    imported so far. Frozen, the modules and what they hold are left out of it."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point ``$HAMCOACH_HOME`` at a fresh folder for every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("HAMCOACH_HOME", str(home))
    return home


@pytest.fixture
def short_home(monkeypatch):
    """A data home with a short path, for tests that read a whole notice off the screen:
    a long temporary path (xdist's, for one) would wrap it onto two lines."""
    home = Path(tempfile.mkdtemp(prefix="hc-", dir="/tmp")) / "home"
    monkeypatch.setenv("HAMCOACH_HOME", str(home))
    yield home
    shutil.rmtree(home.parent, ignore_errors=True)


@pytest.fixture
def clock() -> FakeClock:
    """A fake monotonic clock at the start every app in the tests sees."""
    from support.apps import CLOCK_START

    return FakeClock(CLOCK_START)


@pytest.fixture
def app_factory(isolated_home, clock):
    """``app_factory(**options)``: the app on fakes in this test's data home, on ``clock``
    (the options are those of ``support.apps.make_app``)."""
    from support.apps import make_app

    def factory(**options):
        options.setdefault("clock", clock)
        return make_app(isolated_home, **options)

    return factory
