"""Durable file replacement: after a crash the file holds the old bytes or the new, never half.

Every write goes through `os.write`/`os.fsync`/`os.replace` so a full disk or a permission
problem surfaces as an OSError before anything the user relies on has been touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
from datetime import UTC, datetime
from pathlib import Path

_TOKEN_GLOB = "????????"


def temp_name(target: Path) -> Path:
    """A fresh temp file next to `target` (same folder, so `os.replace` is atomic)."""
    # os.urandom is what secrets.token_hex uses; importing secrets costs ~2 ms of `status`
    return target.with_name(f"{target.name}.{os.urandom(4).hex()}.tmp")


def stray_temps(target: Path) -> list[Path]:
    """Temp files a killed save left behind; only call this while holding the lock."""
    return sorted(target.parent.glob(f"{target.name}.{_TOKEN_GLOB}.tmp"))


def stamp() -> str:
    """A timestamp for file names: sortable, no characters that need quoting."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def free_name(folder: Path, stem: str, suffix: str = "") -> Path:
    """`stem-<stamp><suffix>` in folder, with -2, -3... if that name is taken."""
    base = f"{stem}-{stamp()}"
    candidate = folder / f"{base}{suffix}"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{base}-{n}{suffix}"
        n += 1
    return candidate


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Create `path` (which must not exist) with `data`, flushed to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "short write")
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; some filesystems cannot fsync a folder, which is fine."""
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


def replace_durably(target: Path, data: bytes, *, backup: Path | None = None,
                    old: bytes | None = None) -> None:
    """Atomically make `target` hold `data`; the file it replaces becomes `backup`.

    `backup` changes only after the new file is in place, so a failed save leaves both files
    exactly as they were. The backup is a hard link when possible (no copy), else `old`.
    """
    mode = 0o600
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode & 0o777
    tmp = temp_name(target)
    write_new(tmp, data, mode)
    bak_tmp: Path | None = None
    try:
        if backup is not None and old is not None:
            bak_tmp = temp_name(backup)
            try:
                os.link(target, bak_tmp)
            except OSError:
                write_new(bak_tmp, old, mode)
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        raise
    if bak_tmp is not None and backup is not None:
        try:
            os.replace(bak_tmp, backup)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(bak_tmp)
    fsync_dir(target.parent)
    if backup is not None and backup.parent != target.parent:
        fsync_dir(backup.parent)


class TargetExists(FileExistsError):
    """The target appeared and the caller asked not to overwrite it."""


def _umask_mode() -> int:
    """The mode a plain `open(..., "w")` would give a new file (0666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_text(
    path: Path, text: str, *, overwrite: bool = True, mode: int | None = None
) -> None:
    """Write `text` (UTF-8) to `path` so readers see the old file or the new, never half.

    With `overwrite=False` the file is linked into place, which fails if the target exists
    even when it appeared after the caller checked (no check-then-write race); on a file
    system without hard links we fall back to a check and a rename.
    An existing target keeps its permission bits; a new one gets `mode` or the umask default.
    """
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = _umask_mode()
    tmp = temp_name(path)
    write_new(tmp, text.encode("utf-8"), mode)
    try:
        os.chmod(tmp, mode)  # os.open's mode is filtered by the umask
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
        fsync_dir(path.parent)
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
