"""The status changes as a person reads them, and when each finished item was finished.

`completions` is the one rule for "done" that pace, streaks and forecasts share: an item
counts once, at the last time it became done, and only while it is still done (a tick taken
back does not count, a tick made twice counts once).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from roadmap.model import Roadmap, RoadmapState, Status
from roadmap.model.when import local_date


class Entry(NamedTuple):
    """One status change with the item's title (its id when the template no longer has it)."""

    item: str
    title: str
    old: Status
    new: Status
    at: datetime


def title_of(roadmap: Roadmap, item_id: str) -> str:
    found = roadmap.item(item_id)
    return found.title if found is not None else item_id


def entries(roadmap: Roadmap, state: RoadmapState, *, since: date | None = None,
            item: str | None = None) -> list[Entry]:
    """Status changes newest first; `since` is a local date (changes on that day count)."""
    found: list[Entry] = []
    for change in state.history:
        if item is not None and change.item != item:
            continue
        if since is not None and local_date(change.at) < since:
            continue
        found.append(Entry(change.item, title_of(roadmap, change.item), change.old, change.new,
                           change.at))
    found.sort(key=lambda e: e.at, reverse=True)  # stable: same-second changes keep file order
    return found


def completions(state: RoadmapState) -> dict[str, datetime]:
    """When each item that is done now last became done.

    The time comes from the history; an item done with no such record (the history keeps
    the newest changes only, or a hand edit) falls back to its record's `changed` stamp, and
    an item with neither is left out: it is done, but nobody knows when.
    """
    last: dict[str, datetime] = {}
    for change in state.history:
        if change.new is Status.DONE:
            seen = last.get(change.item)
            if seen is None or change.at >= seen:
                last[change.item] = change.at
    done: dict[str, datetime] = {}
    for item_id, record in state.items.items():
        if record.status is not Status.DONE:
            continue
        at = last.get(item_id) or record.changed
        if at is not None:
            done[item_id] = at
    return done


def started(state: RoadmapState) -> dict[str, datetime]:
    """When each item that is in progress now last went into progress (history first)."""
    last: dict[str, datetime] = {}
    for change in state.history:
        if change.new is Status.IN_PROGRESS:
            seen = last.get(change.item)
            if seen is None or change.at >= seen:
                last[change.item] = change.at
    found: dict[str, datetime] = {}
    for item_id, record in state.items.items():
        if record.status is Status.IN_PROGRESS:
            at = last.get(item_id) or record.changed
            if at is not None:
                found[item_id] = at
    return found


def first_day(state: RoadmapState) -> date | None:
    """The local date of the earliest change recorded: where "weeks of history" start."""
    stamps = [change.at for change in state.history]
    stamps += [r.changed for r in state.items.values() if r.changed is not None]
    return local_date(min(stamps)) if stamps else None
