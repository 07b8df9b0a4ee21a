"""The status changes as a person reads them, and when each finished item was finished.

`completions` is the one rule for "done" that pace, streaks and forecasts share: an item
counts once, at the last time it became done, and only while it is still done (a tick taken
back does not count, a tick made twice counts once).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from roadmap.model import Roadmap, RoadmapState, Status, status_since
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


def _last_moves(state: RoadmapState, status: Status) -> dict[str, datetime]:
    """When each item whose status is `status` now last moved to it.

    The history is read newest first and only until every such item has been found (the
    history is in the order the changes were made), so at 10,000 entries this costs what the
    few newest changes cost; an item with no such record (the history keeps the newest
    changes only, or a hand edit) falls back to its record's `changed` stamp, and one with
    neither is left out: nobody knows when.
    """
    wanted = {i for i, record in state.items.items() if record.status is status}
    found: dict[str, datetime] = {}
    for change in reversed(state.history):
        if len(found) == len(wanted):
            break
        if change.new is status and change.item in wanted and change.item not in found:
            found[change.item] = change.at
    for item_id in wanted - found.keys():
        changed = state.items[item_id].changed
        if changed is not None:
            found[item_id] = changed
    return found


def completions(state: RoadmapState) -> dict[str, datetime]:
    """When each item that is done now last became done: "done" counts an item once, at
    that time, and only while it stays done."""
    return _last_moves(state, Status.DONE)


def started(state: RoadmapState) -> dict[str, datetime]:
    """When each item that is in progress now went into progress, by the rule the details
    pane and `status` use (model.status_since: a tick undone a minute later does not make a
    3-week-old "in progress" new). The newest move is that time unless the record says
    otherwise (an undo puts back an older stamp): only those few items are read again."""
    found = _last_moves(state, Status.IN_PROGRESS)
    for item_id, at in found.items():
        changed = state.items[item_id].changed
        if changed is not None and changed != at:
            found[item_id] = status_since(state, item_id) or at
    return found


def first_day(state: RoadmapState) -> date | None:
    """The local date of the earliest change recorded: where "weeks of history" start (the
    history is oldest first; a record may be older than what the history still keeps)."""
    stamps = [r.changed for r in state.items.values() if r.changed is not None]
    stamps += [state.history[0].at] if state.history else []
    return local_date(min(stamps)) if stamps else None
