"""The user's own items and links: the one set of checks the CLI and the TUI both call.

The front ends pass what the user typed; these functions say what it becomes (an OwnItem, a
Link) or why not, in one line (RoadmapError). Applying it is the model's job (put_own,
add_link, ...), through the session in the app. Opening a roadmap composes it with the own
items (`compose`), so every reader sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from roadmap import model
from roadmap.application.checks import check_ids
from roadmap.errors import RoadmapError
from roadmap.model import Link, OwnItem, Roadmap, RoadmapState, Section
from roadmap.model.own import active, base_of, check_link, check_own

KINDS = {Section.STEPS: "milestone", Section.SKILLS: "skill", Section.READINESS: "check"}
"""What an own item is called, by the section of its parent."""


class Composed(NamedTuple):
    """What `compose` gives: the roadmap, what to tell the user, and whether it marked
    something in the state that the caller must save (a clash told)."""

    roadmap: Roadmap
    notices: list[str]
    marked: bool


def compose(roadmap: Roadmap, rs: RoadmapState, *, remember: bool) -> Composed:
    """The roadmap with the user's own items, and what the user must be told about them.

    A clash (the template now has an own item's id too) is told once: a writer (`remember`)
    marks the own item `clash_reported`, saved with its next save; readers, which cannot
    save, say nothing of it (the item shows as the user's either way). An own item whose
    group is gone is kept and reported on every open, like any archived record.
    """
    composed = model.with_own(roadmap, rs)
    notices: list[str] = []
    marked = False
    base = base_of(roadmap)
    clashing = {o.id for o in model.clashes(base, rs)}
    for own in list(rs.own.values()):
        if own.clash_reported == (own.id in clashing) or not remember:
            continue
        rs.own[own.id] = own._replace(clash_reported=own.id in clashing)
        marked = True
        if own.id in clashing:
            theirs = base.item(own.id)
            title = theirs.title if theirs is not None else own.id
            notices.append(
                f"'{base.id}' now has its own item '{own.id}' ({title}); yours keeps the id, "
                f"its status and note, and stands in its place (remove yours with 'roadmap "
                f"item remove {own.id}' to use the template's, with your status and note)")
    by_parent: dict[str, list[str]] = {}
    for own in model.orphans(base, rs):
        by_parent.setdefault(own.parent, []).append(own.id)
    for parent, ids in by_parent.items():
        notices.append(f"your own item(s) {', '.join(ids)} belong to '{parent}', which "
                       f"'{base.id}' no longer has; kept as archived")
    return Composed(composed, notices, marked)


def kind_of(roadmap: Roadmap, group_id: str) -> str:
    """"milestone", "skill" or "check": what an item added to that group is."""
    group = roadmap.group(group_id)
    return KINDS[group.section] if group is not None else "item"


def parent_for(roadmap: Roadmap, ref_id: str) -> str | None:
    """The group a new item goes in when the cursor is on `ref_id`: the step or group
    itself, or the group of the item there; None for anything else."""
    if roadmap.group(ref_id) is not None:
        return ref_id
    group = roadmap.group_of(ref_id)
    return group.id if group is not None else None


def _check_parent(roadmap: Roadmap, parent: str) -> None:
    if roadmap.group(parent) is not None:
        return
    group = roadmap.group_of(parent)
    if group is not None:
        raise RoadmapError(f"'{parent}' is an item, not a step or group; its group is "
                           f"'{group.id}'")
    groups = [g.id for g in roadmap.groups()]
    hint = model.did_you_mean(parent, groups)
    if not hint:
        near = [g for g in groups if parent and parent in g]
        shown = near or groups
        more = f" and {len(shown) - 20} more" if len(shown) > 20 else ""
        hint = (f" (did you mean '{near[0]}'?)" if len(near) == 1
                else f" (steps and groups: {', '.join(shown[:20])}{more})")
    raise RoadmapError(f"unknown step or group '{model.visible(parent, keep_newlines=False)}'"
                       f"{hint}")


def _clean(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _checked(roadmap: Roadmap, own: OwnItem, had: Iterable[str] = ()) -> OwnItem:
    """`own` if its text and ids are fine, else RoadmapError with the reason in a line."""
    kind = kind_of(roadmap, own.parent)
    if own.skills and kind == "skill":
        raise RoadmapError("a skill does not list skills (--skill is for milestones and checks)")
    if own.aliases and kind != "skill":
        raise RoadmapError("aliases are for skills (the other names job postings use)")
    kept = set(had)
    check_ids([s for s in own.skills if s not in kept], roadmap.skill_ids(), "skill", roadmap)
    try:
        check_own(own)
    except model.TextError as exc:
        raise RoadmapError(str(exc)) from None
    return own


def new_item(roadmap: Roadmap, rs: RoadmapState, parent: str, title: str, *,
             item_id: str | None = None, summary: str = "", skills: Iterable[str] = (),
             aliases: Iterable[str] = (), now: datetime) -> OwnItem:
    """The own item these values describe, or RoadmapError saying why not.

    Its id is `item_id` (kebab-case; one the template or another own item uses is refused)
    or made from the title, never one the template, an own item or a record already has.
    An explicit id of a removed own item or of an archived record brings that record back.
    """
    _check_parent(roadmap, parent)
    title = title.strip()
    own = OwnItem("", parent, title, summary.strip(), _clean(skills), _clean(aliases), now)
    _checked(roadmap, own)
    if item_id is None:
        new_id = model.mint_id(title, model.taken_ids(roadmap, rs))
    else:
        new_id = item_id.strip()
        if not model.ID_PATTERN.match(new_id):
            raise RoadmapError(f"--id must be kebab-case like 'pandas' or 'mlops-basics' (got "
                               f"'{model.visible(new_id, keep_newlines=False)}')")
        base = base_of(roadmap)
        if base.item(new_id) is not None or base.group(new_id) is not None:
            raise RoadmapError(f"'{new_id}' is already an id in the template '{base.id}'; "
                               "choose another with --id")
        existing = rs.own.get(new_id)
        if existing is not None and existing.removed is None:
            raise RoadmapError(f"you already have an item '{new_id}' ({existing.title})")
        if existing is not None:
            own = own._replace(added=existing.added or now)
    return own._replace(id=new_id)


def find_own(roadmap: Roadmap, rs: RoadmapState, item_id: str) -> OwnItem:
    """The own item with that id (not removed), or RoadmapError saying what it is instead."""
    found = rs.own.get(item_id)
    if found is not None and found.removed is None:
        return found
    if found is not None:
        raise RoadmapError(f"'{item_id}' was removed; add it again with 'roadmap item add "
                           f"{found.parent} TITLE --id {item_id}'")
    if roadmap.item(item_id) is not None:
        raise RoadmapError(f"'{item_id}' comes from the template '{roadmap.id}'; only your own "
                           "items can be edited or removed (links and notes go on any item)")
    mine = [o.id for o in active(rs)]
    raise RoadmapError(f"unknown own item '{item_id}'{model.did_you_mean(item_id, mine)}")


def changed_item(roadmap: Roadmap, old: OwnItem, *, title: str | None = None,
                 summary: str | None = None, skills: Iterable[str] | None = None,
                 aliases: Iterable[str] | None = None) -> OwnItem:
    """`old` with the values given (None keeps one), checked like a new item; skills it
    already lists are not checked again (the template may have dropped one)."""
    own = old._replace(
        title=old.title if title is None else title.strip(),
        summary=old.summary if summary is None else summary.strip(),
        skills=old.skills if skills is None else _clean(skills),
        aliases=old.aliases if aliases is None else _clean(aliases))
    return _checked(roadmap, own, old.skills)


def new_link(roadmap: Roadmap, item_id: str, url: str, title: str = "") -> Link:
    """A link for an item of this roadmap (bundled or own), checked like a project's."""
    check_ids([item_id], roadmap.item_ids(), "item", roadmap)
    link = Link(url.strip(), title.strip())
    try:
        check_link(link.url, link.title)
    except model.TextError as exc:
        raise RoadmapError(str(exc)) from None
    return link


def find_link(roadmap: Roadmap, rs: RoadmapState, item_id: str, url: str) -> Link:
    """The item's link with that URL, or RoadmapError listing the ones it has."""
    check_ids([item_id], [*roadmap.item_ids(), *rs.items], "item", roadmap)
    links = rs.get(item_id).links
    for link in links:
        if link.url == url.strip():
            return link
    shown = model.visible(url, keep_newlines=False)
    if not links:
        raise RoadmapError(f"'{item_id}' has no links of yours")
    urls = [link.url for link in links]
    raise RoadmapError(f"'{item_id}' has no link '{shown}'{model.did_you_mean(url, urls)}")
