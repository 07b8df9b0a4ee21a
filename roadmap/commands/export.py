"""`roadmap export`: the portfolio summary, to standard output or a file."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from roadmap import config, export, model
from roadmap.commands import completes
from roadmap.errors import RoadmapError
from roadmap.paths import expand_user

if TYPE_CHECKING:
    from roadmap.commands import Context


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write your portfolio summary (Markdown, HTML, JSON, JSON Resume)",
        description="Turn your progress, skills and projects into a portfolio summary. "
        "Markdown goes to standard output unless -o names a file; the file name's suffix "
        "picks the format when --format is not given (.md, .html, .json, .resume.json). "
        "The same data always gives the same output, so exports diff cleanly in git.",
        epilog="The profile at the top comes from 'roadmap config'. "
        "'roadmap export --schema' prints the JSON Schema of --format json.",
    )
    p.add_argument("-f", "--format", choices=export.FORMATS, default=None,
                   help="output format (default: from the -o suffix, else markdown)")
    completes(p.add_argument("-o", "--output", metavar="PATH", default="-",
                             help="file to write, or - for standard output (the default)"),
              "file")
    p.add_argument("--force", action="store_true",
                   help="overwrite PATH if it exists (the write is atomic either way)")
    p.add_argument("--include-notes", action="store_true",
                   help="include your project and skill notes (left out by default: "
                   "notes are often private)")
    p.add_argument("--stamp", action="store_true",
                   help="print the generation time (left out by default so exports diff "
                   "cleanly)")
    completes(p.add_argument("--roadmap", metavar="ID", default=None,
                             help="which roadmap to export (default: the one in use)"),
              "roadmap")
    p.add_argument("--for", dest="audience", choices=export.AUDIENCES, default="portfolio",
                   help="who it is for: your portfolio (the default) or an employer (projects "
                   "first, skills with their evidence, no roadmap progress)")
    completes(p.add_argument("--posting", metavar="NAME|FILE",
                             help="with --for employer: put first what this job posting asks "
                             "for (a saved posting's name, or a file)"), "posting")
    p.add_argument("--schema", action="store_true",
                   help="print the JSON Schema of the json format and exit")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    if args.schema:
        ctx.out.write(export.schema_text())
        return 0
    to_stdout = args.output == "-"
    target = None if to_stdout else expand_user(args.output, "-o")
    if args.posting is not None and args.audience != "employer":
        raise RoadmapError("export: --posting orders the employer export; add --for employer")
    if target is not None:
        export.check_target(target, force=args.force, paths=ctx.paths)  # fail before work
    fmt = args.format or (export.format_for_path(target) if target else None)
    if fmt is None and target is not None and target.suffix:
        # `-o cv.pdf` must not quietly write Markdown into a file named .pdf
        raise RoadmapError(model.visible(
            f"{target}: roadmap cannot write '{target.suffix}' files; name it .md, .html, "
            ".json or .resume.json, or choose the format with -f", keep_newlines=False))
    fmt = fmt or "markdown"

    from roadmap.application.opening import open_reading

    opened = open_reading(ctx.paths, args.roadmap, warn=ctx.warn)
    roadmap, state = opened.roadmap, opened.rs
    profile = config.load_profile(ctx.paths)
    stamp = datetime.now().astimezone().replace(microsecond=0) if args.stamp else None
    posting = None
    if args.posting is not None:
        from roadmap.application.postings import posting_or_file

        posting = posting_or_file(opened.state, args.posting)[0]
    text = export.render(fmt, roadmap, state, profile, include_notes=args.include_notes,
                         stamp=stamp, audience=args.audience, posting=posting)
    if target is None:
        ctx.out.write(text)
        return 0
    export.write_export(target, text, force=args.force, paths=ctx.paths)
    print(model.visible(f"wrote {fmt} portfolio to {target}"), file=ctx.err)
    return 0
