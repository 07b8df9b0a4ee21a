"""`roadmap evidence` and `roadmap gap`: what your projects prove, and a job posting's gap.

Both only read (no lock) unless `gap` saves or removes a posting. The answers come from
`roadmap.insights`, so the app's evidence and postings views say the same.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application import postings
from roadmap.application.opening import open_reading
from roadmap.commands import completes
from roadmap.errors import RoadmapError
from roadmap.insights.evidence import Evidence, evidence, evidence_json
from roadmap.insights.posting import PostingMatch, match_json, match_posting

if TYPE_CHECKING:
    from roadmap.commands import Context

CLASS_HEADINGS = {"proven": "Proven (done, with a project)",
                  "unproven": "Done, no project shows it yet",
                  "in-progress": "In progress", "todo": "To do"}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "evidence", help="which skills your projects prove, and what is claimed but not ticked",
        description="Every done and in-progress skill with the projects that prove it; done "
        "skills no project shows (unproven); skills a project lists that are not ticked "
        "(claimed); milestones with a project attached that are still to do.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    completes(p.add_argument("--roadmap", metavar="ID",
                             help="a roadmap other than the one in use"), "roadmap")
    p.set_defaults(func=cmd_evidence)

    p = sub.add_parser(
        "gap", help="match a job posting against your skills and projects",
        description="Read a job posting (plain text, Markdown or HTML) and list the roadmap "
        "skills it asks for: proven, done without a project, in progress, to do; the "
        "technologies it asks for that your roadmap does not track; a score (done over "
        "asked) and the next milestones for what is missing.",
        epilog="The posting is a file, '-' for standard input, or the name of a saved posting "
        "(a file of that name wins). Saved postings live in the state file.")
    completes(p.add_argument("source", nargs="?", metavar="FILE|-|NAME",
                             help="the posting: a file, - for standard input, or a saved "
                             "posting's name"), "file")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.add_argument("--save", metavar="NAME",
                   help="keep the posting under NAME (kebab-case) to check it again later")
    completes(p.add_argument("--posting", metavar="NAME",
                             help="read a saved posting instead of a file"), "posting")
    p.add_argument("--list", action="store_true",
                   help="list saved postings with their score now")
    completes(p.add_argument("--remove", metavar="NAME", help="forget a saved posting"),
              "posting")
    completes(p.add_argument("--roadmap", metavar="ID",
                             help="a roadmap other than the one in use"), "roadmap")
    p.set_defaults(func=cmd_gap)


# --------------------------------------------------------------------------- evidence


def cmd_evidence(args: argparse.Namespace, ctx: Context) -> int:
    opened = open_reading(ctx.paths, args.roadmap, warn=ctx.warn)
    found = evidence(opened.roadmap, opened.rs)
    if args.json:
        print(model.json_text(evidence_json(opened.roadmap, found)), file=ctx.out)
        return 0
    for line in evidence_lines(found, opened.rs):
        ctx.say(line)
    return 0



def _projects(ids: tuple[str, ...], rs: model.RoadmapState) -> str:
    return ", ".join(model.one_line(rs.projects[i].title) if i in rs.projects else i for i in ids)


def evidence_lines(found: Evidence, rs: model.RoadmapState) -> list[str]:
    counts = found.counts()
    out = [f"Evidence: {counts['proven']} proven · {counts['unproven']} unproven · "
           f"{counts['in_progress']} in progress · {counts['claimed']} claimed, not ticked · "
           f"{counts['milestones']} milestones with a project still to do", ""]
    out.append("Skills done or in progress")
    if not found.skills:
        out.append("  none yet: tick a skill with 'roadmap mark ID done'")
    for p in found.skills:
        proof = _projects(p.projects, rs) if p.projects else (
            "unproven: no project shows it" if p.status is model.Status.DONE else "no project yet")
        out.append(f"  {model.GLYPHS[p.status]} {model.one_line(p.title)} ({p.id}) — {proof}")
    if found.claimed:
        out += ["", "Claimed by a project, not ticked ('roadmap mark ID done' ticks one)"]
        out += [f"  {model.GLYPHS[p.status]} {model.one_line(p.title)} ({p.id}) — in "
                f"{_projects(p.projects, rs)}" for p in found.claimed]
    if found.milestones:
        out += ["", "Milestones with a project, still to do"]
        out += [f"  {model.GLYPHS[p.status]} {model.one_line(p.title)} ({p.id}) — "
                f"{_projects(p.projects, rs)}" for p in found.milestones]
    return out


# --------------------------------------------------------------------------- gap


def cmd_gap(args: argparse.Namespace, ctx: Context) -> int:
    chosen = [name for name, on in (("a posting", args.source is not None or args.posting),
                                    ("--list", args.list), ("--remove", args.remove)) if on]
    if len(chosen) > 1:
        raise RoadmapError(f"gap: give one of {' / '.join(chosen)}, not several")
    if args.source is not None and args.posting:
        raise RoadmapError("gap: give a FILE or --posting NAME, not both")
    if args.remove:
        postings.remove_posting(ctx.paths, args.remove, warn=ctx.warn)
        ctx.say(f"removed saved posting '{args.remove}'")
        return 0
    opened = open_reading(ctx.paths, args.roadmap, warn=ctx.warn)
    if args.list:
        return _list(args, ctx, opened.state, opened.roadmap, opened.rs)
    if args.posting:
        text, label = postings.find_posting(opened.state, args.posting).text, args.posting
    elif args.source is not None:
        text, label = postings.posting_or_file(opened.state, args.source)
    elif not sys.stdin.isatty():
        text, label = postings.read_posting("-")
    else:
        raise RoadmapError("gap: give the posting as a FILE, '-' for standard input, "
                           "--posting NAME, or --list (see 'roadmap gap --help')")
    if args.save:
        new = postings.save_posting(ctx.paths, args.save, text, warn=ctx.warn)
        verb = "saved" if new else "replaced"
        print(model.visible(f"roadmap: {verb} the posting as '{args.save}'"), file=ctx.err)
    found = match_posting(text, opened.roadmap, opened.rs)
    if args.json:
        print(model.json_text(match_json(found)), file=ctx.out)
        return 0
    for line in gap_lines(found, label, opened.rs):
        ctx.say(line)
    return 0


def _list(args: argparse.Namespace, ctx: Context, state: model.UserState,
          roadmap: model.Roadmap, rs: model.RoadmapState) -> int:
    rows = []
    for name, posting in sorted(state.postings.items()):
        found = match_posting(posting.text, roadmap, rs)
        rows.append((name, posting, found))
    if args.json:
        print(model.json_text({"schema": 1, "postings": [
            {"name": name, "saved": posting.saved.isoformat() if posting.saved else None,
             "score": {"matched": f.matched, "asked": f.asked, "percent": f.percent}}
            for name, posting, f in rows]}), file=ctx.out)
        return 0
    if not rows:
        ctx.say("no saved postings; save one with 'roadmap gap FILE --save NAME'")
    for name, posting, f in rows:
        saved = f"saved {posting.saved}" if posting.saved else ""
        ctx.say(f"{name:<24} {f.percent:>3}%  {f.matched} of {f.asked} skills done  {saved}")
    return 0


def gap_lines(found: PostingMatch, label: str, rs: model.RoadmapState) -> list[str]:
    out = [f"{model.one_line(label)}: {found.matched} of {found.asked} skills asked for are done "
           f"({found.percent}%)"]
    if not found.skills:
        out.append("  none of your roadmap's skills were found in it")
    for cls in ("proven", "unproven", "in-progress", "todo"):
        skills = found.of_class(cls)
        if not skills:
            continue
        out += ["", f"{CLASS_HEADINGS[cls]} ({len(skills)})"]
        for s in skills:
            words = ", ".join(f'"{model.one_line(w)}"' for w in s.found)
            proof = f" — {_projects(s.evidence, rs)}" if s.evidence else ""
            out.append(f"  {model.one_line(s.title)} ({s.id}){proof}  [posting: {words}]")
    if found.unknown:
        out += ["", "Asked for, not on your roadmap: "
                + ", ".join(model.one_line(t) for t in found.unknown),
                "  (add one as your own skill: roadmap item add GROUP NAME)"]
    if found.suggest:
        out += ["", "Next milestones that exercise what is missing"]
        out += [f"  ○ {model.one_line(s.title)} ({s.id})" for s in found.suggest]
    return out
