"""Atomic, private file writes: a crash leaves the old file or the new one, never half.

A path that is a symbolic link is followed: the temp file is made in the folder of the
link's final target and renamed over the target, so the link stays a link (a history
kept in a synced folder stays there) and the target keeps its mode. Anything but a
regular file or a new path is refused (see :func:`hamcoach.fileio.write_target`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hamcoach.fileio import write_target

#: The prefix and suffix of a temp file beside ``NAME``: ``.NAME.<random>.tmp``.
TEMP_SUFFIX = ".tmp"


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; best effort (not every platform opens folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_chunks_atomic(path: Path, chunks: Iterable[bytes], mode: int | None = 0o600) -> os.stat_result:
    """Write ``chunks`` to a temp file beside ``path``'s target, fsync it, and rename it over the target.

    The file gets ``mode`` whatever the umask (private by default: pain ratings are
    health data); ``mode=None`` keeps the mode of the file being replaced (0600 for a
    new one). Returns the new file's stat, taken before the rename.
    """
    target = write_target(Path(path))
    if mode is None:
        try:
            mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o600
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with open(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            stat = os.fstat(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return stat


def write_bytes_atomic(path: Path, data: bytes, mode: int | None = 0o600) -> os.stat_result:
    """:func:`write_chunks_atomic` for one bytes object."""
    return write_chunks_atomic(path, (data,), mode)


def write_text_atomic(path: Path, text: str, mode: int | None = 0o600) -> Path:
    """:func:`write_bytes_atomic` for UTF-8 text with ``\\n`` line ends; returns ``path``."""
    write_bytes_atomic(path, text.encode("utf-8"), mode)
    return path
