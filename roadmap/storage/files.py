"""Reading any file a user controls: regular files only, a size cap, a BOM allowed.

Every file roadmap reads (state, its backup, config, templates) comes through here, so a FIFO
cannot hang a command, a link to `/dev/zero` cannot eat the memory, a file saved by an editor
with a byte-order mark still reads, and a pathologically nested TOML file is one line instead
of a RecursionError.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from roadmap.errors import RoadmapError

MiB = 1024 * 1024
STATE_LIMIT = 64 * MiB
"""State files: 10,000 items with notes are ~2-3 MiB; a note is at most 64 KiB."""
TEMPLATE_LIMIT = 16 * MiB
CONFIG_LIMIT = 1 * MiB

BOM = "\ufeff"

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class NotText(RoadmapError):
    """The bytes are not UTF-8 text, or not TOML roadmap can parse; says where and why."""


def kind_of(mode: int) -> str:
    """'a folder', 'a named pipe (FIFO)'...: what a non-regular file is, for messages."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes | None:
    """The file's bytes, None if it does not exist; one-line RoadmapError otherwise.

    The file is opened without blocking (a FIFO would wait for a writer) and checked with
    fstat on the open descriptor, so a swap between check and read cannot slip one past.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise RoadmapError(f"{path}: is a folder, not a {what}") from None
    except OSError as exc:
        raise RoadmapError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RoadmapError(f"{path}: is {kind_of(info.st_mode)}, not a regular file; "
                               f"roadmap reads its {what} only from a regular file")
        if info.st_size > limit:
            raise RoadmapError(_too_big(path, info.st_size, limit, what))
        chunks: list[bytes] = []
        size = 0
        while True:  # read to the end, but never past the limit (the file may still grow)
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise RoadmapError(_too_big(path, size, limit, what))
        return b"".join(chunks)
    except OSError as exc:
        raise RoadmapError(f"{path}: cannot read the {what}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_big(path: Path, size: int, limit: int, what: str) -> str:
    return (f"{path}: the {what} is too large ({size / MiB:,.1f} MiB or more; roadmap reads at "
            f"most {limit // MiB} MiB)")


def decode(raw: bytes, where: str | Path) -> str:
    """UTF-8 text without a leading byte-order mark (Windows editors add one)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise NotText(f"{where} is not UTF-8 text (bad byte at offset {exc.start}, line "
                      f"{line} column {col})") from None
    return text[1:] if text.startswith(BOM) else text


def parse_toml(text: str, where: str | Path) -> dict[str, Any]:
    """tomllib's parse; a syntax error or absurd nesting is a NotText naming the file."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NotText(f"{where} is not valid TOML ({exc})") from None
    except RecursionError:
        raise NotText(f"{where} is not TOML roadmap can read (arrays or tables nested too "
                      "deeply)") from None

