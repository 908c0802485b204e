"""Shared fixtures: no test ever touches the real data home."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point ``$HAMCOACH_HOME`` at a fresh folder for every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("HAMCOACH_HOME", str(home))
    return home
