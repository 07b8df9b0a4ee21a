"""The state file cut into sections: the preamble, then one chunk per table header.

Saving re-renders only the sections whose records changed, so a 10,000-item file saves in
milliseconds and every other byte (comments, order, hand-added keys) stays as the user left it.
tomlkit edits a changed section in place, so its comments survive too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from roadmap.storage.encode import header, render_table, render_value
from roadmap.storage.layout import HISTORY, ITEM, OWN, POSTING, PROJECT
from roadmap.storage.scan import MAY_SPAN, parse_key, statement_end

if TYPE_CHECKING:  # tomlkit loads only when a save edits a section: `status` starts faster
    import tomlkit


@dataclass(eq=False)
class Chunk:
    """One section of the file: a table header and its lines, or the text before any header.

    `body` ends at the section's last key line; `tail` holds the blank and comment lines after
    it, which usually introduce the next section and must not swallow keys added here.
    """

    body: str
    tail: str = "\n"
    kind: str | None = None  # ITEM, PROJECT, OWN, HISTORY, POSTING or None for anything else
    rid: str = ""
    ident: str = ""
    parts: tuple[str, ...] = ()
    doc: tomlkit.TOMLDocument | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.body + self.tail


def _classify(chunk: Chunk, parts: list[str], array: bool) -> None:
    chunk.parts = tuple(parts)
    if not array and len(parts) == 2 and parts[0] == POSTING:
        chunk.kind, chunk.ident = POSTING, parts[1]
        return
    if len(parts) < 3 or parts[0] != "roadmaps":
        return
    if array and len(parts) == 3 and parts[2] == HISTORY:
        chunk.kind, chunk.rid = HISTORY, parts[1]
    elif not array and len(parts) == 4 and parts[2] in (ITEM, PROJECT, OWN):
        chunk.kind, chunk.rid, chunk.ident = parts[2], parts[1], parts[3]


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
            parts, _ = parse_key(stripped, 2 if array else 1)
            spans.append([row, row + 1, parts, array])
            row += 1
            continue
        if MAY_SPAN.search(line):  # the common one-line `key = value` skips the call
            row = statement_end(lines, row, len(line) - len(stripped))
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
