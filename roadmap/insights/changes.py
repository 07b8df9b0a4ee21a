"""What changed between two states, counted the way a person says it ("3 done, 1 note"):
sync's commit messages, its "merged N changes" and `sync status`.
"""

from __future__ import annotations

from collections import Counter

from roadmap.model import ItemState, RoadmapState, Status, UserState, field_names

_STATUS_WORDS = {Status.DONE: "done", Status.IN_PROGRESS: "in progress", Status.TODO: "to do",
                 Status.SKIPPED: "skipped"}
_NOUNS = {"note": ("note", "notes"), "link": ("link", "links"), "project": ("project", "projects"),
          "own": ("own item", "own items"), "record": ("other change", "other changes")}


def changes(before: UserState, after: UserState) -> Counter[str]:
    """What changed from one state to the next, counted the way a person says it: statuses
    by where they ended ("done"), notes, links, projects, own items and other records."""
    tally: Counter[str] = Counter()
    if before.current != after.current:
        tally["record"] += 1
    for rid in dict.fromkeys([*before.roadmaps, *after.roadmaps]):
        old = before.roadmaps.get(rid) or RoadmapState()
        new = after.roadmaps.get(rid) or RoadmapState()
        if old == new:
            continue
        for ident in dict.fromkeys([*old.items, *new.items]):
            a, b = old.items.get(ident) or ItemState(), new.items.get(ident) or ItemState()
            if a == b:
                continue
            if a.status is not b.status:
                tally[_STATUS_WORDS[b.status]] += 1
            if a.note != b.note:
                tally["note"] += 1
            if a.links != b.links:  # links added or removed (a new title counts as both)
                tally["link"] += len(set(a.links) ^ set(b.links))
        for name in field_names(new):  # every kind of record the model has, new ones included
            if name in ("items", "history"):
                continue
            mine, theirs = getattr(old, name, None) or {}, getattr(new, name)
            if isinstance(mine, dict) and isinstance(theirs, dict):
                label = {"projects": "project", "own": "own"}.get(name, "record")
                tally[label] += sum(1 for k in dict.fromkeys([*mine, *theirs])
                                    if mine.get(k) != theirs.get(k))
    for name in field_names(after):
        if name not in ("current", "roadmaps"):
            mine, theirs = getattr(before, name, None), getattr(after, name)
            if mine != theirs:
                tally["record"] += (sum(1 for k in dict.fromkeys([*mine, *theirs])
                                        if mine.get(k) != theirs.get(k))
                                    if isinstance(mine, dict) and isinstance(theirs, dict)
                                    else 1)
    return +tally


def wording(tally: Counter[str]) -> str:
    """"3 done, 1 note, 2 projects": statuses first, then the rest; "" when nothing changed."""
    order = [*_STATUS_WORDS.values(), *_NOUNS]
    parts = []
    for key in order:
        count = tally.get(key, 0)
        if count:
            one, many = _NOUNS.get(key, (key, key))
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


def total(tally: Counter[str]) -> int:
    return sum(tally.values())
