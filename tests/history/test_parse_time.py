"""parse_time reads the one documented time format, the same on every supported Python."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.history.models import parse_time

UTC = timezone.utc


def tz(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-01T10:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=tz(2))),
    ("2024-05-01T10:00:00-07:00", datetime(2024, 5, 1, 10, tzinfo=tz(-7))),
    ("2024-05-01T10:00:00+05:30", datetime(2024, 5, 1, 10, tzinfo=tz(5, 30))),
    ("2024-05-01T10:00:00-03:30", datetime(2024, 5, 1, 10, tzinfo=tz(-3, -30))),
    ("2024-05-01T10:00:00+00:00", datetime(2024, 5, 1, 10, tzinfo=UTC)),
    ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=UTC)),
    ("2024-05-01T23:59:59+14:00", datetime(2024, 5, 1, 23, 59, 59, tzinfo=tz(14))),
    ("2024-02-29T00:00:00-10:00", datetime(2024, 2, 29, tzinfo=tz(-10))),
    # Fractions of any length up to microseconds; 3.10's own parser reads only 3 or 6 digits.
    ("2024-05-01T10:00:00.5+02:00", datetime(2024, 5, 1, 10, 0, 0, 500_000, tzinfo=tz(2))),
    ("2024-05-01T10:00:00.12Z", datetime(2024, 5, 1, 10, 0, 0, 120_000, tzinfo=UTC)),
    ("2024-05-01T10:00:00.123+02:00", datetime(2024, 5, 1, 10, 0, 0, 123_000, tzinfo=tz(2))),
    ("2024-05-01T10:00:00.1234Z", datetime(2024, 5, 1, 10, 0, 0, 123_400, tzinfo=UTC)),
    ("2024-05-01T10:00:00.123456-07:00", datetime(2024, 5, 1, 10, 0, 0, 123_456, tzinfo=tz(-7))),
])
def test_the_documented_form_is_read(text, expected):
    moment = parse_time(text)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()  # the offset it was recorded in, not just the instant


def test_a_time_without_an_offset_is_still_read_as_written():
    # Older files may hold one; it stays readable (callers take it as local time).
    assert parse_time("2024-05-02T06:00:00") == datetime(2024, 5, 2, 6)
    assert parse_time("2024-05-02T06:00:00").tzinfo is None


@pytest.mark.parametrize("text", [
    # Taken by datetime.fromisoformat on 3.11+ but not on 3.10: refused everywhere.
    "20240501T100000",
    "20240501T100000+0200",
    "2024-05-01T10:00:00+0200",
    "2024-05-01T10:00:00+02",
    "2024-05-01T10:00:00,5+02:00",
    "2024-W18-3T10:00:00+00:00",
    "2024-122T10:00:00+00:00",
    "2024-05-01T10:00:00.1234567+02:00",
    # Taken by fromisoformat on every version, but not the documented form.
    "2024-05-01",
    "2024-05-01T10",
    "2024-05-01T10:00",
    "2024-05-01T10:00+02:00",
    "2024-05-01 10:00:00+02:00",
    "2024-05-01x10:00:00+02:00",
    "2024-05-01T10:00:00+02:00:00",
    "2024-05-01T10:00:00+02:75",  # fromisoformat reads this as +03:15
    # Never a time.
    "",
    "yesterday",
    "2024-05-01T10:00:00z",
    "2024-05-01t10:00:00Z",
    "2024-05-01T10:00:00ZZ",
    "2024-05-01T10:00:00Z+02:00",
    "2024-05-01T10:00:00+02:00\n",
    " 2024-05-01T10:00:00+02:00",
    "2024-05-01T10:00:00.+02:00",
    "\u0662\u0660\u0662\u0664-05-01T10:00:00Z",  # Arabic-Indic digits
    "2024-05-01T24:00:00Z",
    "2024-05-01T10:60:00Z",
    "2024-05-01T10:00:60Z",
    "2024-05-01T10:00:00+24:00",
    "2024-02-30T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "2024-13-01T10:00:00Z",
    "0000-05-01T10:00:00Z",
])
def test_other_forms_are_refused(text):
    with pytest.raises(ValueError):
        parse_time(text)


aware = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
    timezones=st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59)),
)


@given(aware, st.sampled_from(["seconds", "milliseconds", "microseconds", "auto"]))
def test_every_time_isoformat_writes_reads_back_with_its_offset(moment, timespec):
    text = moment.isoformat(timespec=timespec)  # what the recorder writes (it uses "seconds")
    back = parse_time(text)
    assert back.utcoffset() == moment.utcoffset()
    assert back == moment.replace(microsecond=back.microsecond)
    assert back.microsecond == (moment.microsecond if timespec in ("microseconds", "auto")
                                else moment.microsecond // 1000 * 1000 if timespec == "milliseconds" else 0)


near_times = st.from_regex(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True)


@given(st.one_of(st.text(max_size=40), near_times))
def test_any_text_is_read_as_written_or_refused_with_a_value_error(text):
    try:
        moment = parse_time(text)
    except ValueError:
        return
    assert moment.isoformat()[:19] == text[:19]  # the date and time fields, as written
