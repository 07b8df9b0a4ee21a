"""What to do next: the work already started (longest-waiting first) and what comes after it.

"Next" follows the template's order, as a course does: the open milestones of the first step
that is not done, then the steps after it, each with the skills it exercises.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from roadmap.insights.history import started
from roadmap.model import Group, ItemState, Roadmap, RoadmapState, Status, group_progress
from roadmap.model.when import local_date

STALE_DAYS = 14
"""Days without a change after which work in progress is called stale (config can change it)."""
DEFAULT_COUNT = 5


class Started(NamedTuple):
    """An item in progress: since when, for how many local days, and whether it went stale."""

    id: str
    title: str
    since: datetime | None
    days: int | None
    stale: bool


class Upcoming(NamedTuple):
    """A milestone still to do, with its step and the skills it exercises (ids)."""

    id: str
    title: str
    step: str
    skills: tuple[str, ...]


class Next(NamedTuple):
    in_progress: tuple[Started, ...]
    upcoming: tuple[Upcoming, ...]
    step: Group | None
    """The first step that is not done (None when every step is done or skipped)."""


def age_text(days: int | None) -> str:
    """How long something has been in progress, in local days."""
    if days is None:
        return "since an unknown time"
    if days == 0:
        return "started today"
    return f"for {days} day" + ("" if days == 1 else "s")


def _last_touched(since: datetime | None, record: ItemState | None) -> datetime | None:
    """The latest of going into progress and the record's own stamps: a note written
    yesterday is not stale work."""
    stamps = [s for s in (since, *((record.changed, record.noted) if record else ()))
              if s is not None]
    return max(stamps) if stamps else None


def what_next(roadmap: Roadmap, state: RoadmapState, now: datetime, *,
              count: int = DEFAULT_COUNT, stale_days: int = STALE_DAYS) -> Next:
    """In-progress items of the roadmap and the next `count` milestones to do."""
    today = local_date(now)
    since_of = started(state)
    doing: list[Started] = []
    for item in roadmap.items():
        if state.status(item.id) is not Status.IN_PROGRESS:
            continue
        since = since_of.get(item.id)
        touched = _last_touched(since, state.items.get(item.id))
        quiet = (today - local_date(touched)).days if touched is not None else None
        days = (today - local_date(since)).days if since is not None else None
        doing.append(Started(item.id, item.title, since, days,
                             quiet is not None and quiet >= stale_days))
    doing.sort(key=lambda s: (s.since is None, s.since or now))  # stable: template order ties
    first: Group | None = None
    upcoming: list[Upcoming] = []
    for step in roadmap.steps:
        if group_progress(step, state).status in (Status.DONE, Status.SKIPPED):
            continue
        first = first or step
        for item in step.items:
            if len(upcoming) >= count:
                break
            if state.status(item.id) is Status.TODO:
                upcoming.append(Upcoming(item.id, item.title, step.id, item.skills))
        if len(upcoming) >= count:
            break
    return Next(tuple(doing), tuple(upcoming), first)
