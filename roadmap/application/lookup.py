"""An item named the way a person names it: its id, or its exact title in any case.

Ids are what scripts use; people remember titles ("SQL", "Build a portfolio"). Every command
that takes an item (mark, note, project --skill/--milestone, and the ones to come: item, link,
history --item) resolves what was typed here, so the rules and the messages are the same.
"""

from __future__ import annotations

from collections.abc import Collection

from roadmap import model
from roadmap.application.checks import unknown_id
from roadmap.errors import RoadmapError


def _key(title: str) -> str:
    """Titles compare without case and with runs of spaces as one."""
    return " ".join(title.split()).casefold()


def resolve_item(roadmap: model.Roadmap, typed: str, among: Collection[str] | None = None,
                 what: str = "item") -> str:
    """The id `typed` names: an id of `among` (default: every item of the roadmap) as it is,
    else the one item of `among` whose title it is. RoadmapError when it names none (with the
    closest id, or the id a rename moved it to) or several (naming their ids)."""
    ids = roadmap.item_ids() if among is None else among
    known = ids if isinstance(ids, set | frozenset | dict) else set(ids)
    if typed in known:
        return typed
    key = _key(typed)
    matches = [i for i in ids
               if (item := roadmap.item(i)) is not None and _key(item.title) == key]
    if len(matches) == 1:
        return matches[0]
    shown = model.visible(typed, keep_newlines=False)
    if matches:
        raise RoadmapError(f"'{shown}' is the title of {len(matches)} {what}s "
                           f"({', '.join(sorted(matches))}); give the id")
    raise RoadmapError(unknown_id([typed], sorted(known), what, roadmap)
                       or f"unknown {what} '{shown}'")
