"""`roadmap project add/list/edit/remove`: the portfolio projects behind the skills you claim."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application.session import utc_now
from roadmap.commands import completes
from roadmap.commands.state import check_ids, reading, writing
from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    from roadmap.commands import Context

LIST_SCHEMA = 1
"""`project list --json`'s shape version; fields may only be added within it."""


def _fields(p: argparse.ArgumentParser, *, editing: bool) -> None:
    list_help = "; repeat for several" + ("; replaces the list ('' clears it)" if editing else "")
    p.add_argument("--url", action="append", metavar="URL", help="a link (http/https)" + list_help)
    completes(p.add_argument("--skill", action="append", metavar="ID",
                             help="a skill it shows" + list_help), "skill")
    completes(p.add_argument("--milestone", action="append", metavar="ID",
                             help="a milestone it serves" + list_help), "milestone")
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


def _date(text: str | None, name: str, keep: date | None) -> date | None:
    if text is None:
        return keep
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise RoadmapError(f"--{name} must be a date like 2026-03-31 (got {text!r})") from None


def _urls(values: list[str]) -> tuple[str, ...]:
    urls = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    for url in urls:
        problem = model.link_problem(url)
        if problem is not None:
            raise RoadmapError(f"--url '{model.visible(url, keep_newlines=False)}' {problem}")
    return urls


def _list(values: list[str] | None, keep: tuple[str, ...]) -> tuple[str, ...]:
    if values is None:
        return keep
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _checked(project: model.Project, roadmap: model.Roadmap,
             old: model.Project | None = None) -> model.Project:
    """Refuse unknown skill or milestone ids and dates out of order; nothing is saved then.

    Only ids this command adds are checked: ids a project already had stay valid after the
    template drops them (archived, never lost), so old references never block an edit.
    """
    had_skills = set(old.skills) if old else set()
    had_milestones = set(old.milestones) if old else set()
    check_ids([s for s in project.skills if s not in had_skills], roadmap.skill_ids(), "skill",
              roadmap)
    check_ids([m for m in project.milestones if m not in had_milestones],
              roadmap.milestone_ids(), "milestone")
    if project.started and project.finished and project.finished < project.started:
        raise RoadmapError(f"--finished ({project.finished}) is before --started "
                           f"({project.started})")
    return project


def _put(rs: model.RoadmapState, project: model.Project) -> model.ProjectEdit | None:
    try:
        return model.put_project(rs, project, utc_now())
    except model.TextError as exc:
        raise RoadmapError(f"{exc}; nothing was changed") from None


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    with writing(ctx) as (store, roadmap, rs):
        if args.id is not None:
            if not model.ID_PATTERN.match(args.id):
                raise RoadmapError(f"--id must be kebab-case like 'house-prices' (got {args.id!r})")
            if args.id in rs.projects:
                raise RoadmapError(f"a project with id '{args.id}' already exists")
            project_id = args.id
        else:
            project_id = model.unique_id(model.slugify(args.title), rs.projects)
        project = _checked(model.Project(
            project_id, args.title.strip(), _urls(args.url or []), (args.summary or "").strip(),
            args.notes or "", _list(args.skill, ()), _list(args.milestone, ()),
            _date(args.started, "started", None), _date(args.finished, "finished", None),
        ), roadmap)
        _put(rs, project)
        store.save()
    ctx.say(f"added project '{project_id}' ({project.title})")
    return 0


def _find(rs: model.RoadmapState, project_id: str) -> model.Project:
    found = rs.projects.get(project_id)
    if found is None:
        hint = model.suggest(project_id, rs.projects)
        extra = f" (did you mean '{hint}'?)" if hint else ""
        raise RoadmapError(f"unknown project '{project_id}'{extra}")
    return found


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    with writing(ctx) as (store, roadmap, rs):
        old = _find(rs, args.id)
        skills = _list(args.skill, old.skills) + tuple(args.add_skill)
        milestones = _list(args.milestone, old.milestones) + tuple(args.add_milestone)
        project = _checked(old._replace(
            title=old.title if args.title is None else args.title.strip(),
            urls=old.urls if args.url is None else _urls(args.url),
            summary=old.summary if args.summary is None else args.summary.strip(),
            notes=old.notes if args.notes is None else args.notes,
            skills=tuple(s for s in dict.fromkeys(skills) if s not in args.remove_skill),
            milestones=tuple(m for m in dict.fromkeys(milestones)
                             if m not in args.remove_milestone),
            started=_date(args.started, "started", old.started),
            finished=_date(args.finished, "finished", old.finished),
        ), roadmap, old)
        changed = _put(rs, project) is not None
        if changed:
            store.save()
    ctx.say(f"{'updated' if changed else 'unchanged'}: project '{args.id}'")
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    with writing(ctx) as (store, _roadmap, rs):
        old = _find(rs, args.id)
        model.remove_project(rs, args.id, utc_now())
        store.save()
    ctx.say(f"removed project '{args.id}' ({old.title})")
    return 0


def project_json(p: model.Project) -> dict[str, Any]:
    return {"id": p.id, "title": p.title, "urls": list(p.urls), "summary": p.summary,
            "notes": p.notes, "skills": list(p.skills), "milestones": list(p.milestones),
            "started": p.started.isoformat() if p.started else None,
            "finished": p.finished.isoformat() if p.finished else None}


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    roadmap, rs = reading(ctx)
    projects = list(rs.projects.values())
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
