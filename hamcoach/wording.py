"""Words and numbers as the CLI and the screens both show them: durations and plurals."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """``12:05`` for minutes and seconds, ``1:02:03`` past an hour."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def plural(word: str, count: int) -> str:
    """``word`` or ``words`` to go with ``count`` (regular English plurals only)."""
    return word if count == 1 else f"{word}s"


def counted(count: int, word: str) -> str:
    """``1 session``, ``3 sessions``."""
    return f"{count} {plural(word, count)}"
