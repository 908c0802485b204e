"""Reading a large JSON object one member (or one list item) at a time.

An import of 50,000 sessions is about 80 MB of JSON; ``json.loads`` of it builds well
over a gigabyte of Python objects. This reader decodes the input in chunks and parses
each item of the top-level object's lists and objects on its own, with the C decoder,
so only one session is ever in memory as Python objects.

Errors are :class:`StreamError` with the place in the whole input (line and column),
for JSON errors and for bytes that are not UTF-8 alike. A UTF-8 byte order mark is
skipped.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20
_WHITESPACE = " \t\n\r"
_decoder = json.JSONDecoder()


class StreamError(ValueError):
    """The input is not the JSON expected; the message says what and where."""


class TooLarge(StreamError):
    """The input is past the size cap."""


class JSONStream:
    """A cursor over JSON text read from a binary file in chunks."""

    def __init__(self, source: IO[bytes], limit: int) -> None:
        self._source = source
        self._limit = limit
        self._decode = codecs.getincrementaldecoder("utf-8-sig")()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._bytes_read = 0
        self._line = 1  # line of buf[0] in the whole input
        self._column = 1  # column of buf[0]
        self._newlines = 0  # newlines in the bytes read so far (for UTF-8 errors)

    # --- reading ---------------------------------------------------------------------------

    def _more(self) -> bool:
        if self._eof:
            return False
        chunk = self._source.read(CHUNK)
        self._bytes_read += len(chunk)
        if self._bytes_read > self._limit:
            raise TooLarge(f"it is larger than {self._limit // (1024 * 1024)} MB")
        try:
            text = self._decode.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            offset = exc.start
            line = self._newlines + chunk.count(b"\n", 0, offset) + 1
            raise StreamError(f"it is not UTF-8 text (byte 0x{chunk[offset]:02x} at line {line})") from None
        self._newlines += chunk.count(b"\n")
        if not chunk:
            self._eof = True
        self._drop_consumed()
        self._buf += text
        return True

    def _drop_consumed(self) -> None:
        done = self._buf[: self._pos]
        if done:
            newlines = done.count("\n")
            if newlines:
                self._line += newlines
                self._column = len(done) - done.rfind("\n")
            else:
                self._column += len(done)
            self._buf = self._buf[self._pos:]
            self._pos = 0

    def _where(self, pos: int) -> str:
        before = self._buf[:pos]
        newlines = before.count("\n")
        if newlines:
            return f"line {self._line + newlines}, column {pos - before.rfind(chr(10))}"
        return f"line {self._line}, column {self._column + pos}"

    def fail(self, message: str) -> StreamError:
        """An error at the current place."""
        return StreamError(f"it is not valid JSON ({self._where(self._pos)}: {message})")

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end)."""
        while True:
            buf, pos = self._buf, self._pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        """Consume ``char`` (after whitespace), or fail."""
        if self.peek() != char:
            raise self.fail(f"expecting {char!r}")
        self._pos += 1

    def value(self) -> Any:
        """The next whole JSON value."""
        self.peek()
        while True:
            try:
                value, end = _decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                # An error well before the end of what is read is not a value cut by the
                # chunk's end: report it now rather than read the rest of the input first.
                cut = exc.pos >= len(self._buf) - 8 or exc.msg.startswith("Unterminated string")
                if cut and self._more():
                    continue  # the value may go on in the next chunk
                raise StreamError(f"it is not valid JSON ({self._where(exc.pos)}: {exc.msg})") from None
            except RecursionError:
                raise StreamError("it is nested too deeply to be an export") from None
            if end == len(self._buf) and self._more():
                continue  # a number (or anything) may go on in the next chunk
            self._pos = end
            return value

    # --- structure -------------------------------------------------------------------------

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; after each, the caller reads its value."""
        self.expect("{")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.fail("expecting a key in double quotes")
            self.expect(":")
            yield key
            char = self.peek()
            self._pos += 1
            if char == "}":
                return
            if char != ",":
                self._pos -= 1
                raise self.fail("expecting ',' or '}'")

    def items(self) -> Iterator[Any]:
        """The items of the list that starts here, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            char = self.peek()
            self._pos += 1
            if char == "]":
                return
            if char != ",":
                self._pos -= 1
                raise self.fail("expecting ',' or ']'")

    def end(self) -> None:
        """Nothing but whitespace may follow."""
        if self.peek() != "":
            raise self.fail("extra data after the end")
