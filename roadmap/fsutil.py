"""Atomic, durable file writes shared by the config and the exporters.

A crash or a full disk halfway through a write must leave the old file whole: we write a
temporary file next to the target, fsync it, then rename it over (or link it into) place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class TargetExists(FileExistsError):
    """The target appeared and the caller asked not to overwrite it."""


def _umask_mode() -> int:
    """The mode a plain `open(..., "w")` would give a new file (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so best effort."""
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


def atomic_write_text(
    path: Path, text: str, *, overwrite: bool = True, mode: int | None = None
) -> None:
    """Write `text` (UTF-8, LF) to `path` so readers see the old file or the new, never half.

    With `overwrite=False` the file is linked into place, which fails if the target exists
    even when it appeared after the caller checked (no check-then-write race); on a file
    system without hard links we fall back to a check and a rename.
    An existing target keeps its permission bits; a new one gets `mode` or the umask default.
    """
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = _umask_mode()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _link_no_clobber(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise TargetExists(str(path)) from None
    except OSError:
        if path.exists() or path.is_symlink():
            raise TargetExists(str(path)) from None
        os.replace(tmp, path)
