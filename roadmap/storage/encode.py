"""The model to TOML text: values, whole record tables, and a whole state file.

Written by hand, not by tomlkit: escaping a long note is linear time here, and the text
reads like the note itself (multi-line strings for multi-line notes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from roadmap.model import Change, ItemState, Link, OwnItem, Posting, Project, UserState
from roadmap.storage.layout import (
    HEADER_COMMENT,
    HISTORY,
    ITEM,
    OWN,
    POSTING,
    PROJECT,
    STATE_SCHEMA,
)
from roadmap.storage.scan import BARE

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
    return name if BARE.fullmatch(name) else basic_string(name)


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
    if isinstance(value, Link):
        title = f", title = {basic_string(value.title)}" if value.title else ""
        return f"{{ url = {basic_string(value.url)}{title} }}"
    if value and isinstance(value, tuple | list) and all(isinstance(v, Link) for v in value):
        return "[\n" + "".join(f"  {render_value(v)},\n" for v in value) + "]"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, bool | int):
        return str(value).lower()
    raise TypeError(f"cannot store {type(value).__name__} in state.toml")


def item_fields(st: ItemState) -> dict[str, object | None]:
    """The keys of an item table; None means 'absent', so a stale key is removed."""
    return {"status": st.status.value, "changed": st.changed, "note": st.note or None,
            "noted": st.noted, "links": st.links or None}


def own_fields(o: OwnItem) -> dict[str, object | None]:
    """The keys of an own item's table (`[roadmaps.R.own.I]`)."""
    return {"parent": o.parent, "title": o.title, "summary": o.summary or None,
            "skills": o.skills or None, "aliases": o.aliases or None, "added": o.added,
            "removed": o.removed, "clash_reported": True if o.clash_reported else None}


def project_fields(p: Project) -> dict[str, object | None]:
    return {"title": p.title, "urls": p.urls or None, "summary": p.summary or None,
            "notes": p.notes or None, "skills": p.skills or None,
            "milestones": p.milestones or None, "started": p.started, "finished": p.finished}


def change_fields(c: Change) -> dict[str, object | None]:
    return {"item": c.item, "from": c.old.value, "to": c.new.value, "at": c.at}


def posting_fields(p: Posting) -> dict[str, object | None]:
    return {"text": p.text, "saved": p.saved}


def header(rid: str, kind: str, ident: str | None = None) -> tuple[str, ...]:
    if kind == POSTING:
        return (POSTING, ident or "")
    return ("roadmaps", rid, kind) if ident is None else ("roadmaps", rid, kind, ident)


def render_table(parts: tuple[str, ...], values: Mapping[str, object | None], *,
                 array: bool = False) -> str:
    name = ".".join(key(p) for p in parts)
    lines = [f"[[{name}]]" if array else f"[{name}]"]
    lines += [f"{key(k)} = {render_value(v)}" for k, v in values.items() if v is not None]
    return "\n".join(lines) + "\n"


def render_preamble(current: str) -> str:
    return f"{HEADER_COMMENT}schema = {STATE_SCHEMA}\ncurrent = {basic_string(current)}\n"


def render_state(state: UserState) -> str:
    """A whole file in the canonical layout: preamble, then per roadmap own items, item
    records, projects, history."""
    out = [render_preamble(state.current)]
    for rid, rs in state.roadmaps.items():
        for oid, own in rs.own.items():
            out.append("\n" + render_table(header(rid, OWN, oid), own_fields(own)))
        for iid, st in rs.items.items():
            out.append("\n" + render_table(header(rid, ITEM, iid), item_fields(st)))
        for pid, p in rs.projects.items():
            out.append("\n" + render_table(header(rid, PROJECT, pid), project_fields(p)))
        for c in rs.history:
            out.append("\n" + render_table(header(rid, HISTORY), change_fields(c), array=True))
    for name, posting in state.postings.items():
        out.append("\n" + render_table(header("", POSTING, name), posting_fields(posting)))
    return "".join(out)
