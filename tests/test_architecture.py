"""The core never imports Textual; the CLI's subcommands start without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hamcoach"
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.name not in {"__main__.py"})


@pytest.mark.parametrize("module", [p.stem for p in CORE])
def test_core_module_does_not_import_textual(module):
    code = (f"import sys, hamcoach.{module}\n"
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_no_core_source_mentions_textual_imports():
    for path in [*CORE, *PACKAGE.glob("commands/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "from textual" not in text and "import textual" not in text, path
