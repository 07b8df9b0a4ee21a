"""`roadmap project add/list/edit/remove`: the portfolio projects behind the skills you claim."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application.checks import find_project
from roadmap.application.lookup import resolve_item
from roadmap.application.opening import open_reading, open_writing
from roadmap.application.projects import build_project, future_start
from roadmap.application.session import utc_now
from roadmap.commands import completes
from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    from roadmap.commands import Context

LIST_SCHEMA = 1
"""`project list --json`'s shape version; fields may only be added within it."""


def _fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    list_help = "; repeat for several" + ("; replaces the list ('' clears it)" if editing else "")
    p.add_argument("--url", action="append", metavar="URL",
                   help="a link (http, https or mailto; commas separate several)" + list_help)
    completes(p.add_argument("--skill", action="append", metavar="ID",
                             help="a skill it shows (id or exact title)" + list_help), "skill")
    completes(p.add_argument("--milestone", action="append", metavar="ID",
                             help="a milestone it serves (id or exact title)" + list_help),
              "milestone")
    p.add_argument("--summary", metavar="TEXT", help="one or two sentences")
    p.add_argument("--notes", metavar="TEXT", help="longer Markdown notes")
    p.add_argument("--started", metavar="YYYY-MM-DD", help="start date ('' clears it)")
    p.add_argument("--finished", metavar="YYYY-MM-DD", help="finish date ('' clears it)")


def register(sub: Any) -> None:
    project = sub.add_parser("project", help="add, list, edit or remove portfolio projects",
                             description="Portfolio projects: the evidence behind your skills.")
    psub = project.add_subparsers(dest="project_command", metavar="ACTION", required=True,
                                  parser_class=type(project))
    p = psub.add_parser("add", help="add a project", description="Add a portfolio project.")
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--id", metavar="ID", help="its id (default: made from the title)")
    _fields(p, editing=False)
    p.set_defaults(func=cmd_add)

    p = psub.add_parser("list", help="list projects", description="List portfolio projects.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.set_defaults(func=cmd_list)

    p = psub.add_parser("edit", help="change a project",
                        description="Change a project; options left out keep their value.")
    completes(p.add_argument("id", metavar="ID"), "project")
    p.add_argument("--title", metavar="TITLE")
    _fields(p, editing=True)
    for kind in ("skill", "milestone"):
        completes(p.add_argument(f"--add-{kind}", action="append", metavar="ID", default=[],
                                 help=f"add a {kind} to the list"), kind)
        completes(p.add_argument(f"--remove-{kind}", action="append", metavar="ID", default=[],
                                 help=f"remove a {kind} from the list"), kind)
    p.set_defaults(func=cmd_edit)

    p = psub.add_parser("remove", help="remove a project", description="Remove a project.")
    completes(p.add_argument("id", metavar="ID"), "project")
    p.set_defaults(func=cmd_remove)


LABELS = {"id": "--id", "title": "project title", "urls": "--url",
          "summary": "project summary", "notes": "project notes", "started": "--started",
          "finished": "--finished"}
"""How messages name each field here (the form says "URL", "Started date"...)."""


def _put(rs: model.RoadmapState, project: model.Project) -> model.ProjectEdit | None:
    try:
        return model.put_project(rs, project, utc_now())
    except model.TextError as exc:
        raise RoadmapError(f"{exc}; nothing was changed") from None


def _by_title(ctx: Context, roadmap: model.Roadmap, values: list[str] | tuple[str, ...],
              kind: str, had: tuple[str, ...] = ()) -> list[str]:
    """Skill or milestone ids for what was typed: ids as they are, exact titles as the id they
    name (said on a line of its own); ids the project already has are never looked up."""
    among = set(roadmap.skill_ids() if kind == "skill" else roadmap.milestone_ids())
    out = []
    for value in values:
        typed = value.strip()
        if not typed or typed in among or typed in had:
            out.append(typed)
            continue
        found = resolve_item(roadmap, typed, among, kind)
        ctx.say(f"{kind} “{typed}” is '{found}'")
        out.append(found)
    return out


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        roadmap = opened.roadmap
        project = build_project(
            roadmap, opened.rs.projects, None, title=args.title, urls=args.url or (),
            summary=args.summary or "", notes=args.notes or "",
            skills=_by_title(ctx, roadmap, args.skill or [], "skill"),
            milestones=_by_title(ctx, roadmap, args.milestone or [], "milestone"),
            started=args.started, finished=args.finished, project_id=args.id, labels=LABELS)
        _put(opened.rs, project)
        opened.store.save()
    ctx.say(f"added project '{project.id}' ({project.title})")
    _warn_future(ctx, project)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        rs = opened.rs
        old = find_project(rs, args.id)
        roadmap = opened.roadmap

        def named(values: list[str], kind: str, had: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(_by_title(ctx, roadmap, values, kind, had))

        skills = (old.skills if args.skill is None else named(args.skill, "skill", old.skills)
                  ) + named(args.add_skill, "skill", old.skills)
        milestones = (old.milestones if args.milestone is None else named(
            args.milestone, "milestone", old.milestones)) + named(args.add_milestone,
                                                                  "milestone", old.milestones)
        remove_skill = named(args.remove_skill, "skill", old.skills)
        remove_milestone = named(args.remove_milestone, "milestone", old.milestones)
        project = build_project(
            opened.roadmap, rs.projects, old,
            title=old.title if args.title is None else args.title,
            urls=old.urls if args.url is None else args.url,
            summary=old.summary if args.summary is None else args.summary,
            notes=old.notes if args.notes is None else args.notes,
            skills=[s for s in skills if s not in remove_skill],
            milestones=[m for m in milestones if m not in remove_milestone],
            started=old.started if args.started is None else args.started,
            finished=old.finished if args.finished is None else args.finished,
            labels=LABELS)
        changed = _put(rs, project) is not None
        if changed:
            opened.store.save()
    ctx.say(f"{'updated' if changed else 'unchanged'}: project '{args.id}'")
    _warn_future(ctx, project)
    return 0


def _warn_future(ctx: Context, project: model.Project) -> None:
    warning = future_start(project)
    if warning is not None:
        ctx.warn(warning)


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        old = find_project(opened.rs, args.id)
        model.remove_project(opened.rs, args.id, utc_now())
        opened.store.save()
    ctx.say(f"removed project '{args.id}' ({old.title})")
    return 0


def project_json(p: model.Project) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "urls": list(p.urls), "summary": p.summary,
            "notes": p.notes, "skills": list(p.skills), "milestones": list(p.milestones),
            "started": p.started.isoformat() if p.started else None,
            "finished": p.finished.isoformat() if p.finished else None}


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    opened = open_reading(ctx.paths, warn=ctx.warn)
    roadmap, projects = opened.roadmap, list(opened.rs.projects.values())
    if args.json:
        document = {"schema": LIST_SCHEMA, "roadmap": roadmap.id,
                    "projects": [project_json(p) for p in projects]}
        print(model.json_text(document), file=ctx.out)
        return 0
    if not projects:
        ctx.say("no projects yet; add one with 'roadmap project add TITLE'")
    for p in projects:
        dates = ""
        if p.started or p.finished:
            dates = f"  [{p.started or '?'} - {p.finished or 'ongoing'}]"
        ctx.say(f"{p.id}  {model.visible(p.title, keep_newlines=False)}{dates}")
        for url in p.urls:
            ctx.say(f"    {model.visible(url)}")
        for label, ids in (("skills", p.skills), ("milestones", p.milestones)):
            if ids:
                ctx.say(f"    {label}: {', '.join(ids)}")
    return 0
