"""Reading the state file: its bytes, their parse (or the parse cache's copy), the schema.

Apart from store.py so the read-only commands' path is small and the Store is about writing.
Turning the data into the model (roadmap.storage.decode) is imported only on a cold parse.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from roadmap.errors import RoadmapError
from roadmap.model import UserState
from roadmap.paths import Paths
from roadmap.storage import cache, files
from roadmap.storage.layout import RECORD_HEADER, STATE_SCHEMA

__all__ = [
    "Unreadable",
    "check_schema",
    "from_cache",
    "looks_canonical",
    "newer_schema",
    "parse",
    "read_bytes",
    "read_state",
    "state_target",
    "to_state",
]


class Unreadable(Exception):
    """The state file is not TOML (or not text, or empty); the message says where and why."""


def state_target(paths: Paths) -> Path:
    """The real file behind `state.toml`: a symlink is followed so the link itself survives."""
    if paths.state.is_symlink():
        return Path(os.path.realpath(paths.state))
    return paths.state


def read_bytes(path: Path) -> bytes | None:
    """The state file's (or its backup's) bytes; None when missing; a FIFO, a device or a
    file over 64 MiB is a one-line error before anything is read."""
    return files.read_bytes(path, files.STATE_LIMIT, "state file")


def parse(raw: bytes, where: Path) -> tuple[str, dict[str, Any]]:
    """Text and data of a state file, or Unreadable with a one-line reason.

    A UTF-8 byte-order mark is accepted (and dropped by the next save).
    """
    if not raw.lstrip(files.BOM.encode()).strip():
        raise Unreadable(f"{where} is empty ({len(raw)} bytes)")
    try:
        text = files.decode(raw, where)
        return text, files.parse_toml(text, where)
    except files.NotText as exc:
        raise Unreadable(str(exc)) from None


def check_schema(data: dict[str, Any], where: Path) -> int:
    schema = data.get("schema", STATE_SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise RoadmapError(f"{where}: 'schema' must be a positive whole number (got {schema!r})")
    return schema


def newer_schema(schema: int, where: Path) -> str:
    return (f"{where.name} was written by a newer roadmap (schema {schema}; this version "
            f"reads {STATE_SCHEMA}): opened read-only so nothing is lost; upgrade roadmap to edit")


def looks_canonical(text: str, state: UserState) -> bool:
    """One record header per record, as roadmap writes it: a C-speed count, not
    the sectioning (~0.15-0.4 s at 10,000 items). A miss only means the exact check runs now;
    a false yes only delays the "cannot edit in place" notice to the first save, which keeps
    the original either way."""
    records = sum(len(rs.items) + len(rs.projects) + len(rs.history) + len(rs.own)
                  for rs in state.roadmaps.values()) + len(state.postings)
    return len(RECORD_HEADER.findall(text)) == records


def from_cache(paths: Paths, raw: bytes) -> tuple[UserState, bool] | None:
    """(state, laid out as roadmap writes it) from the parse cache, for exactly these bytes."""
    found = cache.load(paths.cache, "state", str(state_target(paths)), raw)
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], UserState)
            and isinstance(found[1], bool)):
        return found
    return None


def read_state(paths: Paths) -> UserState:
    """The saved state without the lock and without writing anything (status, export)."""
    target = state_target(paths)
    raw = read_bytes(target)
    if raw is None:
        return UserState()
    cached = from_cache(paths, raw)
    if cached is not None:
        return cached[0]
    try:
        text, data = parse(raw, target)
    except Unreadable as exc:
        hint = f"; {paths.backup} holds the last good copy" if paths.backup.is_file() else ""
        raise RoadmapError(f"{exc}{hint}; run 'roadmap' to move it aside and recover") from None
    check_schema(data, target)
    return to_state(text, str(target), data)


def to_state(text: str, where: str, data: dict[str, Any]) -> UserState:
    """The model from parsed data; errors name `where` and the line."""
    from roadmap.storage.decode import Reader

    return Reader(text, where).user_state(data)
