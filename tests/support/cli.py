"""Running the CLI in-process, as the tests do."""

from __future__ import annotations

from hamcoach.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``hamcoach ARGV...`` in this process: the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
