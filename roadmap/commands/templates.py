"""`roadmap templates` and `roadmap validate`: what roadmaps exist, and is mine well formed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap import catalog, model
from roadmap.catalog.validate import TemplateError
from roadmap.commands import completes
from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    from roadmap.commands import Context


def register(sub: Any) -> None:
    p = sub.add_parser(
        "templates",
        help="list the roadmap templates you can use",
        description="List bundled templates and your own (in TEMPLATES under the roadmap "
        "home) with their item counts and where each comes from.",
    )
    p.set_defaults(func=cmd_templates)
    v = sub.add_parser(
        "validate",
        help="check template files and report every problem",
        description="Check roadmap template files. Prints 'path:line:col: message' for each "
        "problem and exits 2 if there is any; prints 'ok: FILE (...)' for good files.",
    )
    completes(v.add_argument("files", nargs="+", metavar="FILE", help="template files to check"),
              "file")
    v.set_defaults(func=cmd_validate)


def counts(roadmap: Any) -> str:
    steps = len(roadmap.steps)
    milestones = sum(len(s.items) for s in roadmap.steps)
    skills = sum(len(g.items) for g in roadmap.skill_groups)
    checks = sum(len(g.items) for g in roadmap.readiness)
    text = f"{steps} steps, {milestones} milestones, {skills} skills"
    return text + (f", {checks} readiness checks" if checks else "")


def cmd_templates(args: argparse.Namespace, ctx: Context) -> int:
    infos = catalog.discover(ctx.paths)
    if not infos:
        raise RoadmapError("no templates found (the installation is missing its templates/)")
    width = max(len(i.id) for i in infos)
    for info in infos:
        if info.roadmap is None:
            ctx.say(f"{info.id:<{width}}  BROKEN  [{info.origin}] {info.path}: {info.error}")
            continue
        ctx.say(f"{info.id:<{width}}  {info.roadmap.title}  ({counts(info.roadmap)})  "
                f"[{info.origin}] {info.path}")
    return 0


def cmd_validate(args: argparse.Namespace, ctx: Context) -> int:
    failed = False
    for name in args.files:
        try:
            roadmap = catalog.load_template(Path(name))
        except TemplateError as exc:
            failed = True
            print(model.visible(str(exc)), file=ctx.err)
            continue
        except RoadmapError as exc:
            failed = True
            ctx.warn(str(exc))
            continue
        ctx.say(f"ok: {name} ({counts(roadmap)})")
    return 2 if failed else 0
