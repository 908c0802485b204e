"""Shared fixtures: no test ever touches the real data home."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


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
