"""Reading the history file a line at a time (issue 15: a long history is never held whole).

:func:`parse_line_stream` replaced a parser that split the whole file first; these tests
hold it to that parser (kept here as the reference) on rendered files and on files
with lines changed, dropped, doubled or cut, and check that an unchanged document is
not copied when the file is read again.
"""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.history.fileformat import (
    _TABLE_LINE,
    AtomicJSONStorage,
    Tables,
    dumps,
    parse_history,
    parse_line_stream,
    render,
    unescape,
)


def reference(data: bytes) -> Tables | None:
    """The parser as it was before issue 15's memory work: the whole file split into lines first."""
    lines = [line[:-1] if line[-1:] == b"\n" else line for line in io.BytesIO(data)]
    if len(lines) < 2 or lines[0] != b"{" or lines[-1] != b"}":
        return None
    tables: Tables = {}
    i, end = 1, len(lines) - 1
    while i < end:
        head = _TABLE_LINE.fullmatch(lines[i])
        j = i + 1
        while j < end and lines[j] not in (b"}", b"},"):
            j += 1
        if not head or j == end or (lines[j] == b"},") != (j + 1 < end):
            return None
        try:
            docs = tables[unescape(head[1])] = {}
        except ValueError:
            return None
        for n in range(i + 1, j):
            key, _, doc = lines[n].partition(b'":')
            if n + 1 < j:
                doc = doc[:-1] if doc[-2:] == b"}," else b""
            if not (key[1:].isdigit() and key[:1] == b'"' and doc[:1] == b"{" and doc[-1:] == b"}"):
                return None
            docs[key[1:].decode()] = doc
        i = j + 1
    return tables


def _tables(rnd: random.Random) -> Tables:
    names = rnd.sample(["meta", "sessions", "rest_days", "deleted", "checkins", 'odd "name"'], rnd.randint(0, 5))
    return {name: {str(rnd.randint(1, 40)): dumps({"id": f"s{n}", "n": n, "text": rnd.choice(["a", "}", "},", ""])})
                   for n in range(rnd.randint(0, 6))} for name in names}


EDITS = ["drop", "double", "swap", "blank", "close", "close-comma", "cut", "comma", "brace", "trail", "none"]


def _edited(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rnd.randint(0, 3)):
        edit, at = rnd.choice(EDITS), rnd.randrange(len(lines))
        if edit == "drop" and len(lines) > 1:
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif edit == "blank":
            lines.insert(at, b"")
        elif edit == "close":
            lines.insert(at, b"}")
        elif edit == "close-comma":
            lines.insert(at, b"},")
        elif edit == "cut":
            lines[at] = lines[at][: rnd.randint(0, len(lines[at]))]
        elif edit == "comma":
            lines[at] = lines[at].rstrip(b",") if lines[at].endswith(b",") else lines[at] + b","
        elif edit == "brace":
            lines[at] = b"{"
        elif edit == "trail":
            lines.append(rnd.choice([b"", b"}", b" "]))
    return b"\n".join(lines)


@settings(max_examples=3000, deadline=None)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_reading_line_by_line_gives_what_the_whole_file_parser_gave(seed):
    rnd = random.Random(seed)
    data = render(_tables(rnd))
    assert parse_line_stream(io.BytesIO(data)) == reference(data)  # as written
    edited = _edited(data, rnd)
    assert parse_line_stream(io.BytesIO(edited)) == reference(edited)


def test_a_rendered_file_reads_back_as_it_was():
    tables = {"meta": {"1": b'{"schema_version":1}'}, "sessions": {"1": b'{"id":"a"}', "7": b'{"id":"b"}'},
              "rest_days": {}}
    assert parse_line_stream(io.BytesIO(render(tables))) == tables
    assert parse_history(render(tables)) == (tables, [])


def test_documents_that_did_not_change_are_not_copied(tmp_path):
    path = tmp_path / "history.json"
    storage = AtomicJSONStorage(path)
    storage.dump({"sessions": {str(n): dumps({"id": f"s{n}", "n": n}) for n in range(1, 50)}})
    storage.forget()
    first = storage.load()
    assert first is not None
    # Another process changes one document (and adds one): the file is new, the rest the same.
    other = AtomicJSONStorage(path)
    changed = dict(other.load()["sessions"])
    changed["3"], changed["50"] = dumps({"id": "s3", "n": "three"}), dumps({"id": "s50"})
    other.dump({"sessions": changed})
    again = storage.load()
    assert again is not first
    docs, before = again["sessions"], first["sessions"]
    assert docs == changed
    assert all(docs[key] is before[key] for key in before if key != "3")  # one copy of each
    assert docs["3"] is not before["3"] and docs["3"] == changed["3"]
