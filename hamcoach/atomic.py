"""Atomic, private file writes: a crash leaves the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def write_bytes_atomic(path: Path, data: bytes, mode: int = 0o600) -> os.stat_result:
    """Write ``data`` to a temp file beside ``path``, fsync it, and rename it over ``path``.

    The file gets ``mode`` (private by default: pain ratings are health data), whatever
    the umask. Returns the new file's stat, taken before the rename.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with open(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            stat = os.fstat(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return stat


def write_text_atomic(path: Path, text: str, mode: int = 0o600) -> Path:
    """:func:`write_bytes_atomic` for UTF-8 text with ``\\n`` line ends; returns ``path``."""
    write_bytes_atomic(path, text.encode("utf-8"), mode)
    return path
