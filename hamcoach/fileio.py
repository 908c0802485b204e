"""Reading the user's files safely: regular files only, links followed, a size cap checked while reading.

Everything hamcoach reads from the data home or from a path a user gives (the history,
the settings, routine files, an import) goes through :func:`read_regular`:

- a FIFO, a device (``/dev/zero``), a socket or a folder is refused before a byte is
  read, so nothing hangs and nothing fills memory;
- the size cap is checked while reading, not from ``st_size`` (0 for many special
  files, and a file can grow while it is read);
- a symbolic link is followed; a dangling or looping one is an error that names the
  link and where it points.

:func:`write_target` is the other half: where a write to a path should land. A link
is followed to its final target (so a history kept in a synced folder stays there),
and anything but a regular file or a new path is refused.

The errors are :class:`OSError` subclasses whose ``strerror`` is a plain phrase
("it is a FIFO, not a regular file"), so code that reports ``exc.strerror`` already
says the right thing.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_CHUNK = 1 << 20


class FileRefused(OSError):
    """A file hamcoach will not read or write; ``strerror`` says why in plain words."""

    def __init__(self, path: str | os.PathLike[str], why: str, code: int = errno.EINVAL) -> None:
        super().__init__(code, why, str(path))


class NotRegularFile(FileRefused):
    """A FIFO, a device, a socket or a folder where a file was expected."""


class TooLarge(FileRefused):
    """A file past the size cap (found while reading it)."""


class BrokenLink(FileRefused):
    """A symbolic link that points nowhere, or loops."""


def kind_of(mode: int) -> str:
    """``a FIFO (named pipe)``, ``a folder``...: what a non-regular file is, for a message."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def size_words(limit: int) -> str:
    """A byte limit in words: ``1 MB``, ``256 MB``."""
    return f"{limit // 1_000_000} MB" if limit % 1_000_000 == 0 else f"{limit // (1024 * 1024)} MB"


def _broken_link(path: str | os.PathLike[str]) -> BrokenLink | None:
    """The error for a link that cannot be followed, or None if ``path`` is not one."""
    if not os.path.islink(path):
        return None
    target = os.readlink(path)
    try:
        os.stat(path)
    except FileNotFoundError:
        return BrokenLink(path, f"it is a link to {target}, which does not exist", errno.ENOENT)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return BrokenLink(path, f"it is a link to {target}, which loops back on itself", errno.ELOOP)
        return None
    return None


def _open_regular_fd(path: str | os.PathLike[str], limit: int | None = None) -> tuple[int, os.stat_result]:
    """A file descriptor of a regular file opened for reading (blocking again once open), and its stat.

    Opening never blocks (``O_NONBLOCK``: a FIFO without a writer is refused, not waited on).
    The caller closes the descriptor.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP):
            broken = _broken_link(path)
            if broken is not None:
                raise broken from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, f"it is {kind_of(st.st_mode)}, not a regular file")
        if limit is not None and st.st_size > limit:
            raise TooLarge(path, f"it is larger than {size_words(limit)}", errno.EFBIG)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def open_regular(path: str | os.PathLike[str], limit: int | None = None) -> BinaryIO:
    """A regular file opened for reading in binary (links followed); the same refusals as :func:`read_regular`.

    For reading a large file in pieces: one larger than ``limit`` bytes when opened is
    refused (:class:`TooLarge`); the caller caps what it reads past that.
    """
    fd, _st = _open_regular_fd(path, limit)
    try:
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], limit: int) -> tuple[os.stat_result, bytes]:
    """The stat and the bytes of a regular file of at most ``limit`` bytes.

    Raises :class:`FileNotFoundError` for a missing file, :class:`BrokenLink`,
    :class:`NotRegularFile`, :class:`TooLarge`, or the :class:`OSError` of the read.
    Opening never blocks (``O_NONBLOCK``: a FIFO without a writer is refused, not waited on).
    """
    fd, st = _open_regular_fd(path, limit)
    try:
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as handle:
            # Usually one read of the whole file; a file that grew (or /proc, whose
            # st_size is 0) is read on in chunks, never past the cap.
            first = handle.read(st.st_size + 1) or b""
            if len(first) <= st.st_size:
                return st, first
            parts, total = [first], len(first)
            while total <= limit:
                chunk = handle.read(min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                parts.append(chunk)
                total += len(chunk)
            if total > limit:
                raise TooLarge(path, f"it is larger than {size_words(limit)}", errno.EFBIG)
            return st, b"".join(parts)
    finally:
        os.close(fd)


def write_target(path: Path) -> Path:
    """Where a write to ``path`` should go: ``path``, or the final target of the link it is.

    A new path is fine; an existing one must be a regular file (after following
    links). A dangling or looping link is a :class:`BrokenLink` naming it.
    """
    path = Path(path)
    if os.path.islink(path):
        broken = _broken_link(path)
        if broken is not None:
            raise broken
    try:
        st = os.stat(path)  # follows every link, /dev/stdout's magic ones too
    except FileNotFoundError:
        return path
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(path, f"it is {kind_of(st.st_mode)}, not a regular file")
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def reason(exc: OSError) -> str:
    """The plain part of an OSError, for a one-line message."""
    return exc.strerror or str(exc)
