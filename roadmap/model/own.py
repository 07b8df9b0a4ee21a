"""The user's own items and links: composing them into the roadmap, and their pure edits.

A template stays as it was written; opening a roadmap composes it with the user's own items
(`with_own`), so every view, count and export sees them as ordinary milestones, skills and
checks at the end of their group. Links live on the item records (`ItemState.links`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from roadmap.model.links import link_problem
from roadmap.model.state import (
    TITLE_LIMIT,
    ItemEdit,
    ItemState,
    Link,
    OwnEdit,
    OwnItem,
    RoadmapState,
    apply_edit,
)
from roadmap.model.template import (
    Check,
    Group,
    Item,
    Milestone,
    ReadinessGroup,
    Roadmap,
    Skill,
    SkillGroup,
    Step,
)
from roadmap.model.text import TextError, check_encodable, check_line, slugify, unique_id, visible

SUMMARY_LIMIT = 2000
"""Longest own-item summary, in characters: a paragraph; the note holds the rest."""

ALIAS_LIMIT = 20
"""Most aliases on one own skill: names a job posting uses, not a thesaurus."""


def active(rs: RoadmapState) -> list[OwnItem]:
    """Own items not removed, in the order they were added."""
    return [o for o in rs.own.values() if o.removed is None]


def base_of(roadmap: Roadmap) -> Roadmap:
    """The template a (possibly composed) roadmap was made from."""
    return roadmap.base if roadmap.base is not None else roadmap


def _as_item(own: OwnItem, group: Group) -> Item:
    kind = Milestone if isinstance(group, Step) else Skill if isinstance(group, SkillGroup) \
        else Check
    return kind(own.id, own.title, own.summary, skills=own.skills, aliases=own.aliases)


def with_own(roadmap: Roadmap, rs: RoadmapState) -> Roadmap:
    """The roadmap with the user's own items at the end of their groups.

    The template itself comes back (the same object) when there are none, so a start-up
    without own items pays nothing. An own item whose id the template also has now takes
    that item's place (the user's record stays with the user's item; see `clashes`); one
    whose group is gone is left out, and so shows as archived.
    """
    base = base_of(roadmap)
    mine = [o for o in active(rs) if base.group(o.parent) is not None]
    if not mine:
        return base
    ids = {o.id for o in mine}
    by_group: dict[str, list[OwnItem]] = {}
    for own in mine:
        by_group.setdefault(own.parent, []).append(own)

    def compose(group: Group) -> Group:
        added = by_group.get(group.id, ())
        shadowed = any(item.id in ids for item in group.items)
        if not added and not shadowed:
            return group
        kept = tuple(i for i in group.items if i.id not in ids) if shadowed else group.items
        return group._replace(items=kept + tuple(_as_item(o, group) for o in added))

    steps = tuple(Step(*compose(g)) for g in base.steps)
    skill_groups = tuple(SkillGroup(*compose(g)) for g in base.skill_groups)
    readiness = tuple(ReadinessGroup(*compose(g)) for g in base.readiness)
    composed = Roadmap(base.id, base.title, base.summary, base.version, steps, skill_groups,
                       readiness, base.sources, base.origin, base.estimate)
    composed.own_ids = frozenset(ids)
    composed.base = base
    return composed


def clashes(roadmap: Roadmap, rs: RoadmapState) -> list[OwnItem]:
    """Own items whose id the template now has too (a template update added it)."""
    base = base_of(roadmap)
    return [o for o in active(rs) if base.item(o.id) is not None]


def orphans(roadmap: Roadmap, rs: RoadmapState) -> list[OwnItem]:
    """Own items whose step or group the template no longer has: kept, shown as archived."""
    base = base_of(roadmap)
    return [o for o in active(rs) if base.group(o.parent) is None]


def taken_ids(roadmap: Roadmap, rs: RoadmapState) -> set[str]:
    """Every id a new own item may not be given from its title: the template's items and
    groups, every own item (removed ones too) and every record, archived ones included."""
    base = base_of(roadmap)
    return ({*base.item_ids(), *(g.id for g in base.groups()), *rs.own, *rs.items})


def mint_id(title: str, taken: Iterable[str]) -> str:
    """A kebab-case id made from the title that nothing has yet (`pandas`, `pandas-2`)."""
    return unique_id(slugify(title, fallback="item"), taken)


def check_own(own: OwnItem) -> None:
    """Refuse text that cannot be an own item (TextError says which field and why)."""
    check_line(own.title, "title")
    if not own.title.strip():
        raise TextError("an item needs a title")
    if len(own.title) > TITLE_LIMIT:
        raise TextError(f"title is {len(own.title):,} characters; the limit is {TITLE_LIMIT} "
                        "(put the rest in the summary)")
    check_encodable(own.summary, "summary")
    if len(own.summary) > SUMMARY_LIMIT:
        raise TextError(f"summary is {len(own.summary):,} characters; the limit is "
                        f"{SUMMARY_LIMIT:,} (put the rest in the note)")
    if len(own.aliases) > ALIAS_LIMIT:
        raise TextError(f"{len(own.aliases)} aliases; the limit is {ALIAS_LIMIT}")
    for alias in own.aliases:
        check_line(alias, "alias")
        if not alias.strip():
            raise TextError("an alias cannot be empty")
        if len(alias) > TITLE_LIMIT:
            raise TextError(f"alias is {len(alias):,} characters; the limit is {TITLE_LIMIT}")


def put_own(state: RoadmapState, own: OwnItem, now: datetime) -> OwnEdit | None:
    """Add, change or bring back an own item after checking its text; None if unchanged."""
    check_own(own)
    before = state.own.get(own.id)
    if before == own:
        return None
    edit = OwnEdit(own.id, before, own)
    apply_edit(state, edit, now)
    return edit


def remove_own(state: RoadmapState, item_id: str, now: datetime) -> OwnEdit | None:
    """Remove an own item: its definition and record stay (archived), so undo, or adding
    it again with the same id, brings it all back."""
    before = state.own.get(item_id)
    if before is None or before.removed is not None:
        return None
    edit = OwnEdit(item_id, before, before._replace(removed=now))
    apply_edit(state, edit, now)
    return edit


def check_link(url: str, title: str) -> None:
    """The same rules as a project's links; a title is one line of plain text."""
    problem = link_problem(url)
    if problem is not None:
        raise TextError(f"link '{visible(url, keep_newlines=False)}' {problem}")
    check_line(title, "link title")
    if len(title) > TITLE_LIMIT:
        raise TextError(f"link title is {len(title):,} characters; the limit is {TITLE_LIMIT}")


def add_link(state: RoadmapState, item_id: str, link: Link, now: datetime) -> ItemEdit | None:
    """Keep a link on an item; the same URL again takes the new title (None if unchanged).

    A link is not a status change: `changed` stays as it was."""
    link = Link(link.url.strip(), link.title.strip())
    check_link(link.url, link.title)
    before = state.items.get(item_id)
    old = before.links if before else ()
    if link in old:
        return None
    if any(existing.url == link.url for existing in old):
        links = tuple(link if existing.url == link.url else existing for existing in old)
    else:
        links = (*old, link)
    edit = ItemEdit(item_id, before, (before or ItemState())._replace(links=links))
    apply_edit(state, edit, now)
    return edit


def remove_link(state: RoadmapState, item_id: str, url: str, now: datetime) -> ItemEdit | None:
    """Drop the link with that URL from an item; None when the item has no such link."""
    before = state.items.get(item_id)
    if before is None or not any(link.url == url for link in before.links):
        return None
    after: ItemState | None = before._replace(
        links=tuple(link for link in before.links if link.url != url))
    if after == ItemState():
        after = None  # an untouched item whose only link went leaves no record behind
    edit = ItemEdit(item_id, before, after)
    apply_edit(state, edit, now)
    return edit
