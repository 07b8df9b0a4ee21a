"""The state file as the user last saw it, and how to turn a new snapshot into its next text.

Only the sections of records that changed since the last save are re-rendered (compared by
identity first: records are immutable, so an untouched one is the very same object). Everything
else, including comments and keys roadmap does not know, is written back byte for byte.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from roadmap.errors import RoadmapError
from roadmap.model import Change, RoadmapState, UserState
from roadmap.storage.decode import Reader
from roadmap.storage.encode import (
    change_fields,
    item_fields,
    own_fields,
    posting_fields,
    project_fields,
    render_preamble,
    render_state,
    render_table,
)
from roadmap.storage.layout import (
    HISTORY,
    ITEM,
    KIND_ORDER,
    OWN,
    POSTING,
    PROJECT,
    STATE_SCHEMA,
)
from roadmap.storage.sections import Chunk, edit_chunk, new_chunk, split

T = TypeVar("T")


class RenderError(RoadmapError):
    """Our own rendering failed its check; nothing is written (a bug, reported plainly)."""


class StateDocument:
    """The file's sections plus the snapshot they hold, updated only after a successful write."""

    def __init__(self, text: str, saved: UserState) -> None:
        self.saved = saved
        self.chunks = split(text) if text.strip() else [Chunk(render_preamble(saved.current), "")]
        self.canonical = self._is_canonical()

    def _is_canonical(self) -> bool:
        """True when every record sits in its own section, so sections can be edited alone."""
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        history: dict[str, int] = defaultdict(int)
        for chunk in self.chunks:
            if chunk.kind == HISTORY:
                history[chunk.rid] += 1
            elif chunk.kind is not None:
                bucket = seen[(chunk.rid, chunk.kind)]
                if chunk.ident in bucket:
                    return False
                bucket.add(chunk.ident)
        for rid, rs in self.saved.roadmaps.items():
            if (set(rs.items) != seen.pop((rid, ITEM), set())
                    or set(rs.projects) != seen.pop((rid, PROJECT), set())
                    or set(rs.own) != seen.pop((rid, OWN), set())
                    or len(rs.history) != history.pop(rid, 0)):
                return False
        if set(self.saved.postings) != seen.pop(("", POSTING), set()):
            return False
        return not seen and not history

    def render(self, snap: UserState) -> tuple[str, list[Chunk]] | None:
        """The next file text and its sections, or None when nothing changed."""
        if not self.canonical:
            if snap == self.saved:
                return None
            text = render_state(snap)
            return text, split(text)
        plan = _Plan(self.chunks)
        if snap.current != self.saved.current:
            plan.replace(0, edit_chunk(self.chunks[0], {"schema": STATE_SCHEMA,
                                                            "current": snap.current}))
        for rid in dict.fromkeys([*snap.roadmaps, *self.saved.roadmaps]):  # dropped ones too
            rs = snap.roadmaps.get(rid) or RoadmapState()
            old = self.saved.roadmaps.get(rid) or RoadmapState()
            plan.records(rid, OWN, old.own, rs.own, own_fields)
            plan.records(rid, ITEM, old.items, rs.items, item_fields)
            plan.records(rid, PROJECT, old.projects, rs.projects, project_fields)
            plan.history(rid, old.history, rs.history)
        plan.records("", POSTING, self.saved.postings, snap.postings, posting_fields)
        if not plan.changed:
            return None
        chunks = plan.build()
        _verify(plan, snap)
        return "".join(c.text for c in chunks), chunks

    def commit(self, chunks: list[Chunk], snap: UserState) -> None:
        self.chunks = chunks
        self.saved = snap
        self.canonical = True


class _Plan:
    """Replacements, deletions and insertions against the current sections, applied at once."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.edits: dict[int, Chunk | None] = {}
        self.inserts: dict[int, list[Chunk]] = defaultdict(list)
        self.fresh: list[Chunk] = []
        self.appended: dict[str, list[Change]] = defaultdict(list)
        self.where: dict[tuple[str, str, str], int] = {}
        self.history_at: dict[str, list[int]] = defaultdict(list)
        self.spans: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for n, chunk in enumerate(chunks):
            if chunk.kind is None:
                continue
            if chunk.kind == HISTORY:
                self.history_at[chunk.rid].append(n)
            else:
                self.where[(chunk.rid, chunk.kind, chunk.ident)] = n
            span = self.spans[chunk.rid].setdefault(chunk.kind, [n, n])
            span[1] = n

    @property
    def changed(self) -> bool:
        return bool(self.edits or self.inserts)

    def replace(self, n: int, chunk: Chunk | None) -> None:
        self.edits[n] = chunk
        if chunk is not None:
            self.fresh.append(chunk)

    def anchor(self, rid: str, kind: str) -> int:
        """Insert after this index: items, then projects, then history, per roadmap."""
        spans = self.spans.get(rid, {})
        rank = KIND_ORDER[kind]
        before = [s[1] for k, s in spans.items() if KIND_ORDER[k] <= rank]
        if before:
            return max(before)
        after = [s[0] for k, s in spans.items() if KIND_ORDER[k] > rank]
        return min(after) - 1 if after else len(self.chunks) - 1

    def add(self, rid: str, kind: str, ident: str, values: Mapping[str, object | None]) -> None:
        chunk = new_chunk(rid, kind, ident, values)
        self.inserts[self.anchor(rid, kind)].append(chunk)
        self.fresh.append(chunk)

    def records(self, rid: str, kind: str, old: Mapping[str, T], new: Mapping[str, T],
                fields: Callable[[T], dict[str, object | None]]) -> None:
        for ident, value in new.items():
            before = old.get(ident)
            if before is value or before == value:
                continue
            n = self.where.get((rid, kind, ident))
            if n is None:
                self.add(rid, kind, ident, fields(value))
            else:
                self.replace(n, _edited(self.chunks[n], before, value, fields))
        for ident in old:
            if ident not in new and (rid, kind, ident) in self.where:
                self.replace(self.where[(rid, kind, ident)], None)

    def history(self, rid: str, old: Sequence[Change], new: Sequence[Change]) -> None:
        """History grows at the end and is trimmed at the front; anything else is rewritten
        from the first entry that differs (a merge interleaves the other machine's changes
        with the newest ones here: the older sections stay as they are)."""
        if old is new or (len(old) == len(new) and all(map(_same, old, new))):
            return
        at = self.history_at.get(rid, [])
        dropped = _shift(old, new)
        if dropped is None:
            kept = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b),
                        min(len(old), len(new)))
            for n in at[kept:]:
                self.replace(n, None)
        else:
            kept = len(old) - dropped
        for n in at[:dropped or 0]:
            self.replace(n, None)
        for change in new[kept:]:
            self.add(rid, HISTORY, "", change_fields(change))
            self.appended[rid].append(change)

    def build(self) -> list[Chunk]:
        out: list[Chunk] = []
        for n, chunk in enumerate(self.chunks):
            current = self.edits.get(n, chunk)
            if current is not None:
                out.append(current)
            for extra in self.inserts.get(n, ()):
                if out and not out[-1].text.endswith("\n\n"):
                    last = out[-1]
                    out[-1] = Chunk(last.body, last.tail + "\n", last.kind, last.rid,
                                    last.ident, last.parts, last.doc)
                    last.doc = None
                out.append(extra)
        return out


def _edited(chunk: Chunk, before: T | None, value: T,
            fields: Callable[[T], dict[str, object | None]]) -> Chunk:
    """The section with the record's new values. A section exactly as roadmap wrote it (no
    comment, no key of the user's) whose keys keep their order is rendered anew: the same
    bytes tomlkit's in-place edit gives, ~100 times faster, which a merge changing thousands
    of records needs. Anything else is edited in place, so comments survive."""
    new = fields(value)
    if before is not None and chunk.doc is None:
        old = fields(before)
        kept = [k for k, v in old.items() if v is not None and new.get(k) is not None]
        added = [k for k, v in new.items() if v is not None and old.get(k) is None]
        if (kept + added == [k for k, v in new.items() if v is not None]
                and chunk.body == render_table(chunk.parts, old)):
            return Chunk(render_table(chunk.parts, new), chunk.tail, chunk.kind, chunk.rid,
                         chunk.ident, chunk.parts)
    return edit_chunk(chunk, new)


def _same(a: object, b: object) -> bool:
    return a is b


def _shift(old: Sequence[Change], new: Sequence[Change]) -> int | None:
    """How many entries fell off the front if `new` is `old` trimmed and extended, else None."""
    if not old:
        return 0
    if not new:
        return None
    first = new[0]
    dropped = next((i for i, c in enumerate(old) if c is first), None)
    if dropped is None:
        return None
    kept = len(old) - dropped
    if kept > len(new) or any(a is not b for a, b in zip(old[dropped:], new, strict=False)):
        return None
    return dropped


def _verify(plan: _Plan, snap: UserState) -> None:
    """Read back every section we wrote and compare it with what it should say.

    Each section is read with the lines that follow it up to the next header (its `tail`),
    so a wrong cut that left a key of the section there shows up as a duplicate key. Parsing
    the whole file instead would catch more but costs ~2 s at 10,000 items, per tick.
    """
    if not plan.fresh:
        return
    preamble = [c for c in plan.fresh if c.kind is None]
    text = "".join(c.text + "\n" for c in preamble)
    text += "".join(c.text + "\n" for c in plan.fresh if c.kind is not None)
    try:
        data: Mapping[str, Any] = tomllib.loads(text)
        got = Reader(text, "state.toml").user_state(data)
    except (tomllib.TOMLDecodeError, RoadmapError) as exc:
        raise RenderError(f"could not render state.toml correctly ({exc}); nothing was written"
                          ) from None
    ok = not preamble or got.current == snap.current
    for rid, got_rs in got.roadmaps.items():
        rs = snap.roadmaps.get(rid) or RoadmapState()
        ok = ok and all(rs.items.get(i) == st for i, st in got_rs.items.items())
        ok = ok and all(rs.projects.get(p) == pr for p, pr in got_rs.projects.items())
        ok = ok and all(rs.own.get(o) == own for o, own in got_rs.own.items())
        ok = ok and got_rs.history == plan.appended.get(rid, [])
    ok = ok and all(snap.postings.get(n) == p for n, p in got.postings.items())
    if not ok:
        raise RenderError("could not render state.toml faithfully; nothing was written (a bug)")
