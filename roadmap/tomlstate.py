"""The state file's TOML: parsed data to model, model to text, and the file cut into sections.

Saving re-renders only the sections whose records changed, so a 10,000-item file saves in
milliseconds and every other byte (comments, order, hand-added keys) stays as the user left it.
tomlkit edits a changed section in place, so its comments survive too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from roadmap.errors import RoadmapError
from roadmap.model import Change, ItemState, Project, RoadmapState, Status, UserState
from roadmap.model.template import ID_PATTERN
from roadmap.stateread import SCHEMA
from roadmap.tomlpos import Locator, _parse_key

if TYPE_CHECKING:  # tomlkit loads only when a save edits a section: `status` starts faster
    import tomlkit

HEADER_COMMENT = (
    "# Your roadmap progress, notes and portfolio projects, kept by `roadmap`.\n"
    "# Safe to edit by hand while roadmap is not running (see the README, 'The state file').\n"
)

ITEM, PROJECT, HISTORY = "items", "projects", "history"
KIND_ORDER = {ITEM: 0, PROJECT: 1, HISTORY: 2}


class StateFormatError(RoadmapError):
    """The state file parses as TOML but holds a value roadmap cannot use."""


# --------------------------------------------------------------------------- data -> model


class Reader:
    """Turns tomllib data into a UserState; errors name `file:line:col` and the bad value."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self._locator: Locator | None = None

    def fail(self, path: tuple[str | int, ...], message: str) -> StateFormatError:
        if self._locator is None:
            self._locator = Locator(self.text)
        line, col = self._locator.value(path)
        return StateFormatError(f"{self.where}:{line}:{col}: {message}")

    def get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...],
            path: tuple[str | int, ...], default: Any = None) -> Any:
        value = table.get(key, default)
        if value is not default and not isinstance(value, kind):
            names = {str: "a string", datetime: "a date-time", date: "a date", list: "a list",
                     dict: "a table", int: "an integer"}
            want = kind if isinstance(kind, type) else kind[0]
            raise self.fail((*path, key), f"'{key}' must be {names.get(want, want.__name__)}")
        return value

    def strings(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]
                ) -> tuple[str, ...]:
        value = self.get(table, key, (list, str), path, ())
        values = [value] if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in values):
            raise self.fail((*path, key), f"'{key}' must be a list of strings")
        return tuple(values)

    def status(self, value: Any, path: tuple[str | int, ...]) -> Status:
        try:
            return Status(value)
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise self.fail(path, f"status must be one of {choices} (got {value!r})") from None

    def day(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> date | None:
        value = self.get(table, key, (date,), path)
        return value.date() if isinstance(value, datetime) else value

    def stamp(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]
              ) -> datetime | None:
        """A date-time; one written without an offset (by hand) is read as UTC, as the
        README says, so it compares with roadmap's own `...Z` stamps."""
        value: datetime | None = self.get(table, key, datetime, path)
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def roadmap_id(self, value: str, path: tuple[str | int, ...], what: str) -> str:
        """Roadmap ids name template files: anything but kebab-case could reach outside the
        templates folder (`../../etc/x`), so it is refused where it is read."""
        if not ID_PATTERN.match(value):
            raise self.fail(path, f"{what} {value!r} is not a roadmap id (kebab-case: a-z, "
                                  "0-9 and '-')")
        return value

    def user_state(self, data: Mapping[str, Any]) -> UserState:
        current = self.get(data, "current", str, (), "")
        if current:
            self.roadmap_id(current, ("current",), "current")
        roadmaps = self.get(data, "roadmaps", dict, (), {})
        state = UserState(current or UserState().current)
        for rid, rdata in roadmaps.items():
            self.roadmap_id(rid, ("roadmaps", rid), "the key")
            if not isinstance(rdata, dict):
                raise self.fail(("roadmaps", rid), f"roadmaps.{rid} must be a table")
            state.roadmaps[rid] = self.roadmap_state(rid, rdata)
        return state

    def roadmap_state(self, rid: str, data: Mapping[str, Any]) -> RoadmapState:
        base: tuple[str | int, ...] = ("roadmaps", rid)
        out = RoadmapState()
        for iid, idata in self.get(data, ITEM, dict, base, {}).items():
            out.items[iid] = self.item(idata, (*base, ITEM, iid))
        for pid, pdata in self.get(data, PROJECT, dict, base, {}).items():
            out.projects[pid] = self.project(pid, pdata, (*base, PROJECT, pid))
        for n, cdata in enumerate(self.get(data, HISTORY, list, base, [])):
            out.history.append(self.change(cdata, (*base, HISTORY, n)))
        return out

    def item(self, data: Any, path: tuple[str | int, ...]) -> ItemState:
        if not isinstance(data, dict):
            raise self.fail(path, "an item must be a table (status, changed, note)")
        status = self.status(data.get("status", "todo"), (*path, "status"))
        return ItemState(status, self.stamp(data, "changed", path),
                         self.get(data, "note", str, path, ""))

    def project(self, pid: str, data: Any, path: tuple[str | int, ...]) -> Project:
        if not isinstance(data, dict):
            raise self.fail(path, "a project must be a table (title, urls, summary, ...)")
        return Project(
            pid, self.get(data, "title", str, path, "") or pid, self.strings(data, "urls", path),
            self.get(data, "summary", str, path, ""), self.get(data, "notes", str, path, ""),
            self.strings(data, "skills", path), self.strings(data, "milestones", path),
            self.day(data, "started", path), self.day(data, "finished", path),
        )

    def change(self, data: Any, path: tuple[str | int, ...]) -> Change:
        if not isinstance(data, dict) or not isinstance(data.get("at"), datetime):
            raise self.fail(path, "a history entry needs item, from, to and at (a date-time)")
        return Change(self.get(data, "item", str, path, ""),
                      self.status(data.get("from", "todo"), (*path, "from")),
                      self.status(data.get("to", "todo"), (*path, "to")),
                      self.stamp(data, "at", path) or data["at"])


# --------------------------------------------------------------------------- model -> text

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_CTRL_ML = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CTRL_SL = re.compile(r"[\x00-\x1f\x7f\"]")
_QUOTE_RUNS = re.compile(r'"{3,}|"+\Z')
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"'}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def basic_string(text: str) -> str:
    """A one-line TOML string: quotes, backslashes and control characters escaped."""
    return '"' + _CTRL_SL.sub(_escape, text.replace("\\", "\\\\")) + '"'


def multiline_string(text: str) -> str:
    """A `\"\"\"` string that reads like the note itself; linear time, unlike tomlkit's escaper.

    The newline after the opening quotes is dropped by TOML, so the text starts on its own line.
    """
    body = _CTRL_ML.sub(_escape, text.replace("\\", "\\\\"))
    body = _QUOTE_RUNS.sub(lambda m: '\\"' * len(m.group()), body)
    return '"""\n' + body + '"""'


def key(name: str) -> str:
    return name if _BARE.fullmatch(name) else basic_string(name)


def render_value(value: object) -> str:
    if isinstance(value, str):
        return multiline_string(value) if "\n" in value else basic_string(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() == timedelta(0):
            text = value.replace(tzinfo=None).isoformat()
            return text + "Z"
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, bool | int):
        return str(value).lower()
    raise TypeError(f"cannot store {type(value).__name__} in state.toml")


def item_fields(st: ItemState) -> dict[str, object | None]:
    """The keys of an item table; None means 'absent', so a stale key is removed."""
    return {"status": st.status.value, "changed": st.changed, "note": st.note or None}


def project_fields(p: Project) -> dict[str, object | None]:
    return {"title": p.title, "urls": p.urls or None, "summary": p.summary or None,
            "notes": p.notes or None, "skills": p.skills or None,
            "milestones": p.milestones or None, "started": p.started, "finished": p.finished}


def change_fields(c: Change) -> dict[str, object | None]:
    return {"item": c.item, "from": c.old.value, "to": c.new.value, "at": c.at}


def header(rid: str, kind: str, ident: str | None = None) -> tuple[str, ...]:
    return ("roadmaps", rid, kind) if ident is None else ("roadmaps", rid, kind, ident)


def render_table(parts: tuple[str, ...], values: Mapping[str, object | None], *,
                 array: bool = False) -> str:
    name = ".".join(key(p) for p in parts)
    lines = [f"[[{name}]]" if array else f"[{name}]"]
    lines += [f"{key(k)} = {render_value(v)}" for k, v in values.items() if v is not None]
    return "\n".join(lines) + "\n"


def render_preamble(current: str) -> str:
    return f"{HEADER_COMMENT}schema = {SCHEMA}\ncurrent = {basic_string(current)}\n"


# --------------------------------------------------------------------------- sections


@dataclass(eq=False)
class Chunk:
    """One section of the file: a table header and its lines, or the text before any header.

    `body` ends at the section's last key line; `tail` holds the blank and comment lines after
    it, which usually introduce the next section and must not swallow keys added here.
    """

    body: str
    tail: str = "\n"
    kind: str | None = None  # ITEM, PROJECT, HISTORY or None for anything else
    rid: str = ""
    ident: str = ""
    parts: tuple[str, ...] = ()
    doc: tomlkit.TOMLDocument | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.body + self.tail


def _classify(chunk: Chunk, parts: list[str], array: bool) -> None:
    chunk.parts = tuple(parts)
    if len(parts) < 3 or parts[0] != "roadmaps":
        return
    if array and len(parts) == 3 and parts[2] == HISTORY:
        chunk.kind, chunk.rid = HISTORY, parts[1]
    elif not array and len(parts) == 4 and parts[2] in (ITEM, PROJECT):
        chunk.kind, chunk.rid, chunk.ident = parts[2], parts[1], parts[3]


_MULTILINE = re.compile(r"[\[{]|\"\"\"|'''")


def _skip_value(lines: list[str], row: int, col: int) -> int:
    """The row after a value that starts at (row, col): strings and brackets may span lines."""
    depth, quote, r, c = 0, "", row, col
    while r < len(lines):
        line = lines[r]
        while c < len(line):
            if quote:
                if quote == '"""' and line[c] == "\\":
                    c += 2
                    continue
                if line.startswith(quote, c):
                    c += 3
                    while c < len(line) and line[c] == quote[0]:
                        c += 1
                    quote = ""
                    continue
                c += 1
                continue
            ch = line[c]
            if line.startswith('"""', c) or line.startswith("'''", c):
                quote, c = line[c:c + 3], c + 3
                continue
            if ch in "\"'":
                c += 1
                while c < len(line) and line[c] != ch:
                    c += 2 if ch == '"' and line[c] == "\\" else 1
                c += 1
                continue
            if ch == "#":
                break
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
            c += 1
        r, c = r + 1, 0
        if not quote and depth <= 0:
            return r
    return r


def split(text: str) -> list[Chunk]:
    """Cut TOML text into the preamble and one chunk per table header, losslessly."""
    if text and not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")[:-1]
    # (first row, body end row, header parts, is array of tables) per chunk
    spans: list[list[Any]] = [[0, 0, [], False]]
    row = 0
    while row < len(lines):
        line = lines[row]
        stripped = line.lstrip(" \t")
        if not stripped or stripped[0] == "#":
            row += 1
            continue
        if stripped[0] == "[":
            array = stripped.startswith("[[")
            parts, _ = _parse_key(stripped, 2 if array else 1)
            spans.append([row, row + 1, parts, array])
            row += 1
            continue
        if _MULTILINE.search(line):
            eq = line.find("=")
            row = _skip_value(lines, row, eq + 1 if eq >= 0 else 0)
        else:
            row += 1
        spans[-1][1] = row
    chunks: list[Chunk] = []
    for n, (first, last, parts, array) in enumerate(spans):
        end = spans[n + 1][0] if n + 1 < len(spans) else len(lines)
        body = "".join(f"{ln}\n" for ln in lines[first:last])
        tail = "".join(f"{ln}\n" for ln in lines[last:end])
        chunk = Chunk(body, tail)
        if n:
            _classify(chunk, parts, array)
        chunks.append(chunk)
    return chunks


def _tomlkit_value(value: object) -> Any:
    """A tomlkit item for a value, using our linear-time string escaping."""
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    if isinstance(value, str):
        raw = render_value(value)
        kind = StringType.MLB if raw.startswith('"""') else StringType.SLB
        original = raw[3:-3] if kind is StringType.MLB else raw[1:-1]
        return String(kind, value, original, Trivia())
    return tomlkit.parse(f"v = {render_value(value)}\n")["v"]


def edit_chunk(chunk: Chunk, values: Mapping[str, object | None]) -> Chunk:
    """The chunk with `values` set (None removes a key), edited in place to keep comments."""
    import tomlkit

    doc = chunk.doc if chunk.doc is not None else tomlkit.parse(chunk.body)
    table: Any = doc
    for part in chunk.parts:
        table = table[part]
    if chunk.kind == HISTORY:
        table = table[-1]
    for name, value in values.items():
        if value is None:
            if name in table:
                del table[name]
        elif table.get(name) != value:
            table[name] = _tomlkit_value(value)
    chunk.doc = None  # the old chunk no longer matches its text; the new one owns the document
    return Chunk(doc.as_string(), chunk.tail, chunk.kind, chunk.rid, chunk.ident, chunk.parts,
                 doc)


def new_chunk(rid: str, kind: str, ident: str, values: Mapping[str, object | None]) -> Chunk:
    parts = header(rid, kind, None if kind == HISTORY else ident)
    return Chunk(render_table(parts, values, array=kind == HISTORY), "\n", kind, rid, ident,
                 parts)


def render_state(state: UserState) -> str:
    """A whole file in the canonical layout: preamble, then per roadmap items, projects, history."""
    out = [render_preamble(state.current)]
    for rid, rs in state.roadmaps.items():
        for iid, st in rs.items.items():
            out.append("\n" + render_table(header(rid, ITEM, iid), item_fields(st)))
        for pid, p in rs.projects.items():
            out.append("\n" + render_table(header(rid, PROJECT, pid), project_fields(p)))
        for c in rs.history:
            out.append("\n" + render_table(header(rid, HISTORY), change_fields(c), array=True))
    return "".join(out)
