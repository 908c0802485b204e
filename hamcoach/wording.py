"""Words and numbers as the CLI and the screens both show them: durations, plurals and days."""

from __future__ import annotations

from datetime import date

RECENT_DAYS = 6  # up to this many days back a day is "N days ago"; older ones are dated


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


def sentence(text: str) -> str:
    """``text`` starting with a capital letter: every message hamcoach prints or shows
    starts so, after the ``hamcoach:`` of an error line too. Only a plain word is
    capitalised: a message that starts with a file name (``history.json``), a field
    (``sessions[2]``) or an option (``--as-of``) keeps it as written."""
    first = text.split(" ", 1)[0]
    if not first.isalpha() or first[0].isupper():
        return text
    return first[0].upper() + text[1:]


def since_words(day: date | None, today: date) -> str:
    """When something was last done, as the routine list says it: ``never``, ``today``,
    ``yesterday``, ``3 days ago`` (up to 6), else the date (``2026-03-01``); a day after
    ``today`` (a clock set wrong) is dated too."""
    if day is None:
        return "never"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days <= RECENT_DAYS:
        return f"{days} days ago"
    return day.isoformat()
