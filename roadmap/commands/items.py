"""`roadmap item add/edit/remove/list` and `roadmap link add/remove/list`: your own items and
your own resources, without writing a template.

Every check is application/own.py's, the same the app makes; a mistake is one line, exit 2,
and the state file is left exactly as it was.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application import own
from roadmap.application.lookup import resolve_item
from roadmap.application.opening import open_reading, open_writing
from roadmap.application.session import utc_now
from roadmap.commands import completes
from roadmap.errors import RoadmapError
from roadmap.model.when import utc_text

if TYPE_CHECKING:
    from roadmap.commands import Context

LIST_SCHEMA = 1
"""`item list --json` and `link list --json`: the shape version; fields are only added."""


def register(sub: Any) -> None:
    item = sub.add_parser("item", help="add, edit, remove or list your own items",
                          description="Your own milestones, skills and job-readiness checks, "
                          "added to any step or group of the roadmap in use. They tick, take "
                          "notes, links and projects, and count like the template's.")
    isub = item.add_subparsers(dest="item_command", metavar="ACTION", required=True,
                               parser_class=type(item))
    p = isub.add_parser("add", help="add an item to a step or group",
                        description="Add a milestone to a step, a skill to a skill group or a "
                        "check to a job-readiness group.")
    completes(p.add_argument("parent", metavar="PARENT_ID",
                             help="the step or group (see 'roadmap status --json')"), "group")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--id", metavar="ID", help="its id (default: made from the title; the id "
                   "of an item you removed brings it back)")
    _fields(p, editing=False)
    p.set_defaults(func=cmd_add)

    p = isub.add_parser("edit", help="change one of your items",
                        description="Change one of your own items; options left out keep "
                        "their value.")
    completes(p.add_argument("id", metavar="ID"), "own-item")
    p.add_argument("--title", metavar="TITLE")
    _fields(p, editing=True)
    p.set_defaults(func=cmd_edit)

    p = isub.add_parser("remove", help="remove one of your items",
                        description="Remove one of your own items. Nothing is lost: its "
                        "status, note and links are kept as archived, and 'item add PARENT "
                        "TITLE --id ID' brings it back.")
    completes(p.add_argument("id", metavar="ID"), "own-item")
    p.set_defaults(func=cmd_remove)

    p = isub.add_parser("list", help="list your own items",
                        description="List your own items in the roadmap in use.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.set_defaults(func=cmd_list)

    link = sub.add_parser("link", help="add, remove or list your links on an item",
                          description="Your own resources (a course, a chapter) on any item, "
                          "bundled or your own; shown with the template's resources.")
    lsub = link.add_subparsers(dest="link_command", metavar="ACTION", required=True,
                               parser_class=type(link))
    p = lsub.add_parser("add", help="add a link to an item",
                        description="Add a link (http, https or mailto) to an item; the same "
                        "URL again changes its title.")
    completes(p.add_argument("item", metavar="ITEM"), "item")
    p.add_argument("url", metavar="URL")
    p.add_argument("--title", metavar="T", default="", help="what the link is")
    p.set_defaults(func=cmd_link_add)

    p = lsub.add_parser("remove", help="remove a link from an item",
                        description="Remove one of your links from an item.")
    completes(p.add_argument("item", metavar="ITEM"), "item")
    p.add_argument("url", metavar="URL")
    p.set_defaults(func=cmd_link_remove)

    p = lsub.add_parser("list", help="list your links",
                        description="List your links: on one item, or on every item.")
    completes(p.add_argument("item", metavar="ITEM", nargs="?"), "item")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.set_defaults(func=cmd_link_list)


def _fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    replaces = "; replaces the list ('' clears it)" if editing else ""
    p.add_argument("--summary", metavar="TEXT", help="a sentence or two about it")
    completes(p.add_argument("--skill", action="append", metavar="ID",
                             help="a skill a milestone or check exercises; repeat for several"
                             + replaces), "skill")
    p.add_argument("--alias", action="append", metavar="TEXT",
                   help="another name of a skill, as job postings write it; repeat for "
                   "several" + replaces)


def _where(roadmap: model.Roadmap, own_item: model.OwnItem) -> str:
    group = roadmap.group(own_item.parent)
    return model.visible(group.title if group else own_item.parent, keep_newlines=False)


def _item(ctx: Context, roadmap: model.Roadmap, rs: model.RoadmapState, typed: str) -> str:
    """An item (or an archived record) named by id or exact title; says which id a title
    stood for, as mark and note do."""
    item_id = resolve_item(roadmap, typed, dict.fromkeys([*roadmap.item_ids(), *rs.items]))
    if item_id != typed:
        ctx.warn(f"'{typed}' is {item_id}")
    return item_id


def _own_id(ctx: Context, roadmap: model.Roadmap, rs: model.RoadmapState, typed: str) -> str:
    """One of the user's own items by id or exact title (`find_own` explains any miss)."""
    if typed in rs.own:
        return typed
    try:
        item_id = resolve_item(roadmap, typed, [i for i in roadmap.item_ids()
                                                if i in roadmap.own_ids], "own item")
    except RoadmapError:
        return typed
    ctx.warn(f"'{typed}' is {item_id}")
    return item_id


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        roadmap, rs = opened.roadmap, opened.rs
        item = own.new_item(roadmap, rs, args.parent, args.title, item_id=args.id,
                            summary=args.summary or "", skills=args.skill or (),
                            aliases=args.alias or (), now=utc_now())
        came_back = item.id in rs.items
        model.put_own(rs, item, utc_now())
        opened.store.save()
    kind = own.kind_of(roadmap, item.parent)
    back = f"; what you recorded on it is back ({rs.status(item.id).value})" if came_back else ""
    ctx.say(f"added {kind} '{item.id}' ({model.visible(item.title, keep_newlines=False)}) to "
            f"{_where(roadmap, item)}{back}")
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        args.id = _own_id(ctx, opened.roadmap, opened.rs, args.id)
        old = own.find_own(opened.roadmap, opened.rs, args.id)
        item = own.changed_item(opened.roadmap, old, title=args.title, summary=args.summary,
                                skills=args.skill, aliases=args.alias)
        changed = model.put_own(opened.rs, item, utc_now()) is not None
        if changed:
            opened.store.save()
    ctx.say(f"{'updated' if changed else 'unchanged'}: '{args.id}'")
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        args.id = _own_id(ctx, opened.roadmap, opened.rs, args.id)
        old = own.find_own(opened.roadmap, opened.rs, args.id)
        model.remove_own(opened.rs, args.id, utc_now())
        opened.store.save()
        kept = args.id in opened.rs.items
    extra = "; its status, note and links are kept as archived" if kept else ""
    ctx.say(f"removed '{args.id}' ({model.visible(old.title, keep_newlines=False)}){extra}")
    return 0


def own_json(roadmap: model.Roadmap, rs: model.RoadmapState, item: model.OwnItem
             ) -> dict[str, Any]:
    return {"id": item.id, "parent": item.parent, "kind": own.kind_of(roadmap, item.parent),
            "title": item.title, "summary": item.summary, "skills": list(item.skills),
            "aliases": list(item.aliases), "status": rs.status(item.id).value,
            "added": utc_text(item.added)}


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    opened = open_reading(ctx.paths, warn=ctx.warn)
    roadmap, rs = opened.roadmap, opened.rs
    items = [o for o in rs.own.values() if o.id in roadmap.own_ids]
    if args.json:
        document = {"schema": LIST_SCHEMA, "roadmap": roadmap.id,
                    "items": [own_json(roadmap, rs, o) for o in items]}
        print(model.json_text(document), file=ctx.out)
        return 0
    if not items:
        ctx.say("no items of your own yet; add one with 'roadmap item add PARENT_ID TITLE'")
    for item in items:
        ctx.say(f"{item.id}  {model.visible(item.title, keep_newlines=False)}  "
                f"({own.kind_of(roadmap, item.parent)} in {_where(roadmap, item)}, "
                f"{rs.status(item.id).value})")
    return 0


def cmd_link_add(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        args.item = _item(ctx, opened.roadmap, opened.rs, args.item)
        link = own.new_link(opened.roadmap, args.item, args.url, args.title)
        had = any(existing.url == link.url for existing in opened.rs.get(args.item).links)
        edit = model.add_link(opened.rs, args.item, link, utc_now())  # new_link checked it
        if edit is not None:
            opened.store.save()
    shown = model.visible(link.url, keep_newlines=False)
    verb = "unchanged" if edit is None else "retitled" if had else "added"
    ctx.say(f"{args.item}: link {verb}: {shown}")
    return 0


def cmd_link_remove(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        args.item = _item(ctx, opened.roadmap, opened.rs, args.item)
        link = own.find_link(opened.roadmap, opened.rs, args.item, args.url)
        model.remove_link(opened.rs, args.item, link.url, utc_now())
        opened.store.save()
    ctx.say(f"{args.item}: link removed: {model.visible(link.url, keep_newlines=False)}")
    return 0


def cmd_link_list(args: argparse.Namespace, ctx: Context) -> int:
    opened = open_reading(ctx.paths, warn=ctx.warn)
    roadmap, rs = opened.roadmap, opened.rs
    if args.item is not None:
        args.item = _item(ctx, roadmap, rs, args.item)
    ids = [args.item] if args.item is not None else [
        i for i in [*roadmap.item_ids(), *model.archived_ids(roadmap, rs)] if rs.get(i).links]
    if args.json:
        document = {"schema": LIST_SCHEMA, "roadmap": roadmap.id,
                    "links": {i: [{"url": link.url, "title": link.title}
                                  for link in rs.get(i).links] for i in ids}}
        print(model.json_text(document), file=ctx.out)
        return 0
    if not any(rs.get(i).links for i in ids):
        ctx.say("no links yet; add one with 'roadmap link add ITEM URL --title T'")
    for item_id in ids:
        links = rs.get(item_id).links
        if not links:
            continue
        ctx.say(item_id)
        for link in links:
            title = f"  {model.visible(link.title, keep_newlines=False)}" if link.title else ""
            ctx.say(f"    {model.visible(link.url, keep_newlines=False)}{title}")
    return 0
