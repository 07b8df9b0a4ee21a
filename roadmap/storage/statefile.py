"""A state file at any path, not the home's own: git's merge driver reads three versions of
`state.toml` from temporary files and writes the merged one over the first.

No lock, no backup, no parse cache: those belong to the home's `state.toml`, and git keeps
every version. The write is the same section-wise save as the store's, so comments, order
and keys roadmap does not know survive in the file written over.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from roadmap.errors import RoadmapError
from roadmap.model import UserState
from roadmap.storage import atomic, files
from roadmap.storage.layout import STATE_SCHEMA
from roadmap.storage.reading import Unreadable, check_schema, parse, to_state

_KEYS = ("schema", "current", "roadmaps")
"""A TOML file with none of these is some other file, not a state file."""


class StateFile(NamedTuple):
    """A state file's text and what it holds (None: an empty file, a merge with no base)."""

    path: Path
    text: str
    state: UserState | None


def read_state_file(path: Path, what: str, *, empty_ok: bool = False) -> StateFile:
    """Read a state file; a RoadmapError naming `what` if it is missing, not a state file or
    from a newer roadmap (whose records this version could not write back faithfully)."""
    raw = files.read_bytes(path, files.STATE_LIMIT, "state file")
    if raw is None:
        raise RoadmapError(f"{what}: {path} does not exist")
    return state_from_bytes(raw, path, what, empty_ok=empty_ok)


def state_from_bytes(raw: bytes, path: Path, what: str, *, empty_ok: bool = False
                     ) -> StateFile:
    """`read_state_file` for bytes already read (a version git keeps, say)."""
    if empty_ok and not raw.lstrip(files.BOM.encode()).strip():
        return StateFile(path, "", None)
    try:
        text, data = parse(raw, path)
    except Unreadable as exc:
        raise RoadmapError(f"{what} is not a roadmap state file: {_short(exc, path)}"
                           ) from None
    if not any(key in data for key in _KEYS):
        raise RoadmapError(f"{what} is not a roadmap state file (it has no 'schema', "
                           "'current' or 'roadmaps' key)")
    try:
        schema = check_schema(data, path)
    except RoadmapError as exc:
        raise RoadmapError(f"{what}: {_short(exc, path)}") from None
    if schema > STATE_SCHEMA:
        raise RoadmapError(f"{what} was written by a newer roadmap (schema {schema}; this "
                           f"version reads {STATE_SCHEMA}): not merged; upgrade roadmap here")
    return StateFile(path, text, to_state(text, what, data))


def _short(exc: Exception, path: Path) -> str:
    """The reason without the temporary file's name git made up."""
    return str(exc).replace(f"{path}: ", "").replace(f"{path} ", "")


def write_state_file(found: StateFile, state: UserState) -> bool:
    """Write `state` over the file `found` was read from, changing only the sections whose
    records differ, atomically; False when nothing differs (the file is left untouched)."""
    from roadmap.storage.document import StateDocument

    saved = found.state if found.state is not None else UserState()
    rendered = StateDocument(found.text, saved).render(state)
    if rendered is None:
        return False
    try:
        atomic.replace_durably(found.path, rendered[0].encode("utf-8"))
    except OSError as exc:
        raise RoadmapError(f"cannot write {found.path}: {exc.strerror or exc}") from None
    return True
