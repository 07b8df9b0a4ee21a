"""`where`, `status`, `mark`, `note`, `use`, `restore-backup`: the state from a script.

Readers (`status`) load without the lock, so they work while the app is open; writers take
the lock and check every id before changing anything, so a typo writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application.lookup import resolve_item
from roadmap.application.opening import open_reading, open_writing
from roadmap.application.session import utc_now
from roadmap.commands import completes
from roadmap.errors import RoadmapError
from roadmap.model.when import utc_text
from roadmap.storage import Store, command_wait, state_target

if TYPE_CHECKING:
    from roadmap.commands import Context

STATUSES = [s.value for s in model.Status]
STATUS_SCHEMA = 1
"""`status --json`'s shape version: fields may be added within it; removing or retyping one
bumps it (tests/test_json_contract.py pins the shape)."""
BAR = 20


def register(sub: Any) -> None:
    p = sub.add_parser("where", help="show where your data lives",
                       description="Print the roadmap home, the state file, its backup, the "
                       "lock file and your templates folder.")
    p.set_defaults(func=cmd_where)

    p = sub.add_parser("status", help="show your progress",
                       description="Overall, per-step and per-skill-group progress. Skipped "
                       "items leave the total and are counted separately.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.add_argument("--ids", action="store_true",
                   help="list every item under its group, with its id (what 'mark', 'note' "
                   "and 'project' take)")
    completes(p.add_argument("--roadmap", metavar="ID",
                             help="a roadmap other than the one in use"), "roadmap")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("mark", help="set the status of items",
                       description="Set the status of one or more milestones, skills or checks.")
    completes(p.add_argument("items", nargs="+", metavar="ITEM",
                             help="item ids (see 'roadmap status --ids') or exact titles"),
              "item")
    p.add_argument("status", choices=STATUSES, metavar="STATUS",
                   help="one of: " + ", ".join(STATUSES))
    p.set_defaults(func=cmd_mark)

    p = sub.add_parser("note", help="set or clear an item's note",
                       description="Set the Markdown note of an item from TEXT, or from standard "
                       "input when TEXT is left out. Empty text clears the note.")
    completes(p.add_argument("item", metavar="ITEM", help="an item id or its exact title"),
              "item")
    p.add_argument("text", nargs="?", metavar="TEXT")
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("use", help="switch to another roadmap",
                       description="Make ROADMAP_ID (bundled or your own) the roadmap in use. "
                       "Progress on the others is kept.")
    completes(p.add_argument("roadmap", metavar="ROADMAP_ID"), "roadmap")
    p.set_defaults(func=cmd_use)

    p = sub.add_parser("restore-backup", help="restore state.toml from state.toml.bak",
                       description="Replace the state with the last good copy. The current "
                       "state file, if any, is kept next to it.")
    p.add_argument("--set-aside", action="store_true",
                   help="instead, keep the backup under another name and start afresh (when "
                   "state.toml is missing, nothing is saved until you restore or do this)")
    p.set_defaults(func=cmd_restore)


def cmd_where(args: argparse.Namespace, ctx: Context) -> int:
    paths = ctx.paths
    target = state_target(paths)
    state = f"{paths.state}" + (f" -> {target}" if target != paths.state else "")
    rows = [("home", str(paths.home)), ("state", state), ("backup", str(paths.backup)),
            ("lock", str(paths.lock)), ("templates", str(paths.templates)),
            ("cache", str(paths.cache))]
    for name, value in rows:
        ctx.say(f"{name:<10} {value}")
    return 0


MIN_WIDTH = 80
"""`status` fits the terminal, but never lays out narrower than this (a pipe gets 80)."""


def _fit(text: str, width: int) -> str:
    """One line of at most `width` terminal columns, cut at the end with '…' (a CJK title
    takes two columns a character)."""
    text = model.visible(text, keep_newlines=False)
    return text if model.cells(text) <= width else model.fit_cells(text, width).rstrip(" ")


def _line(title: str, progress: model.Progress, width: int) -> str:
    extra = f"  ({progress.skipped} skipped)" if progress.skipped else ""
    title = model.fit_cells(model.visible(title, keep_newlines=False), width)
    return (f"{title}  {model.bar(progress, BAR)}  "
            f"{progress.done:>3}/{progress.total:<3} {progress.percent:>3}%{extra}")


def _columns() -> int:
    import shutil

    return max(MIN_WIDTH, shutil.get_terminal_size((MIN_WIDTH, 24)).columns)


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    opened = open_reading(ctx.paths, args.roadmap, warn=ctx.warn)
    roadmap, rs = opened.roadmap, opened.rs
    if args.json:
        print(model.json_text(status_json(roadmap, rs)), file=ctx.out)
        return 0
    columns = _columns()
    groups = roadmap.groups()
    counts = model.ProgressIndex(roadmap, rs)  # each group counted once, sums from those
    skipped = max([len(f"  ({counts.group(g).skipped} skipped)") for g in groups
                   if counts.group(g).skipped] + [0])
    room = columns - 1 - (2 + BAR + 2 + 7 + 1 + 4) - skipped
    titles = [model.cells(model.visible(g.title, keep_newlines=False)) + 2 for g in groups] + [
        len(model.SECTION_TITLES[g.section]) for g in groups]  # columns: CJK takes two
    width = min(max([*titles, len("Overall")]), max(room, 20))
    ctx.say(_fit(f"{roadmap.title} ({roadmap.id})", columns - 1))
    ctx.say(_line("Overall", counts.overall(), width))
    if not args.ids:
        _in_progress(ctx, roadmap, rs, columns)
    for section in model.Section:
        if not roadmap.groups(section):
            continue
        ctx.say()
        ctx.say(_line(model.SECTION_TITLES[section], counts.section(section), width))
        for group in roadmap.groups(section):
            ctx.say(_line("  " + group.title, counts.group(group), width))
            if args.ids:
                _item_lines(ctx, group, rs, columns)
    if rs.projects:
        count = len(rs.projects)
        ctx.say(f"\n{count} portfolio project{'' if count == 1 else 's'}; "
                "see 'roadmap project list'")
    if not args.ids:
        ctx.say("\nIds for 'mark' and 'note': roadmap status --ids")
    return 0


def _item_lines(ctx: Context, group: model.Group, rs: model.RoadmapState, columns: int) -> None:
    """Under a group (with --ids): the group's id, then each item's status, id and title."""
    ctx.say(_fit(f"    id: {group.id}", columns - 1))
    width = max((len(i.id) for i in group.items), default=0)
    for item in group.items:
        head = f"    {model.GLYPHS[rs.status(item.id)]} {item.id:<{width}}  "
        ctx.say(head + _fit(item.title, columns - 1 - len(head)))


def _in_progress(ctx: Context, roadmap: model.Roadmap, rs: model.RoadmapState,
                 columns: int) -> None:
    """What is in progress, longest-running first, with how long and its id."""
    from roadmap.model import when

    now = utc_now()
    started = [(model.status_since(rs, i.id), i) for i in roadmap.items()
               if rs.status(i.id) is model.Status.IN_PROGRESS]
    if not started:
        return
    started.sort(key=lambda pair: pair[0].timestamp() if pair[0] else float("-inf"))
    ctx.say(f"\nIn progress ({len(started)}):")
    for since, item in started:
        age = f" · {when.span(max((now - since).total_seconds(), 0))}" if since else ""
        tail = f" ({item.id}){age}"
        ctx.say(f"  {model.GLYPHS[model.Status.IN_PROGRESS]} "
                + _fit(item.title, columns - 1 - 4 - len(tail)) + tail)


def _item_record(rs: model.RoadmapState, item_id: str) -> dict[str, Any]:
    st = rs.get(item_id)
    out: dict[str, Any] = {"status": st.status.value}
    if st.note:
        out["note"] = st.note
    if st.changed is not None:
        out["changed"] = utc_text(st.changed)
    if st.links:
        out["links"] = [{"url": link.url, "title": link.title} for link in st.links]
    if st.noted is not None:
        out["noted"] = utc_text(st.noted)
    return out


def _entries(group: model.Group, rs: model.RoadmapState) -> list[dict[str, str]]:
    return [{"id": i.id, "title": i.title, "status": rs.status(i.id).value} for i in group.items]


def status_json(roadmap: model.Roadmap, rs: model.RoadmapState) -> dict[str, Any]:
    """The `status --json` document; its shape is documented in the README."""

    def counts(p: model.Progress) -> dict[str, Any]:
        return {"done": p.done, "total": p.total, "percent": p.percent,
                "in_progress": p.in_progress, "skipped": p.skipped}

    def group(g: model.Group, key: str) -> dict[str, Any]:
        p = model.group_progress(g, rs)
        return {"id": g.id, "title": g.title, "status": p.status.value, "done": p.done,
                "total": p.total, "skipped": p.skipped, key: _entries(g, rs)}

    return {
        "schema": STATUS_SCHEMA,
        "roadmap": roadmap.id,
        "title": roadmap.title,
        "progress": counts(model.overall_progress(roadmap, rs)),
        "steps": [group(s, "milestones") for s in roadmap.steps],
        "skill_groups": [group(g, "skills") for g in roadmap.skill_groups],
        "readiness": [group(g, "items") for g in roadmap.readiness],
        "items": {i: _item_record(rs, i) for i in roadmap.item_ids()},
        "archived": {i: _item_record(rs, i) for i in model.archived_ids(roadmap, rs)},
        "own": [i.id for i in roadmap.items() if i.id in roadmap.own_ids],
    }


def cmd_mark(args: argparse.Namespace, ctx: Context) -> int:
    status = model.Status(args.status)
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        roadmap, rs = opened.roadmap, opened.rs
        known = set(roadmap.item_ids())
        named = {resolve_item(roadmap, typed, known): typed for typed in args.items}
        stamp = utc_now()
        lines = []
        for item_id, typed in named.items():
            before = rs.status(item_id)
            if model.mark(rs, item_id, status, stamp) is None:
                lines.append(f"{_named(item_id, typed)}: already {status.value}")
            else:
                lines.append(f"{_named(item_id, typed)}: {before.value} -> {status.value}")
        opened.store.save()
    ctx.say("\n".join(lines))
    return 0


def _stdin_text() -> str:
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print("roadmap: type the note, then Ctrl-D (empty clears it)", file=sys.stderr)
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise RoadmapError(f"standard input is not UTF-8 text (bad byte at offset {exc.start}); "
                           "nothing was changed") from None


def _named(item_id: str, typed: str) -> str:
    """The id a command used, with the title it was found by when that is what was typed."""
    return item_id if typed == item_id else f"{item_id} (“{typed}”)"


def cmd_note(args: argparse.Namespace, ctx: Context) -> int:
    text = _stdin_text() if args.text is None else args.text  # not while holding the lock
    with open_writing(ctx.paths, warn=ctx.warn) as opened:
        item_id = resolve_item(opened.roadmap, args.item)
        try:
            edit = model.set_note(opened.rs, item_id, text, utc_now())
        except model.TextError as exc:
            raise RoadmapError(f"{exc}; nothing was changed") from None
        if edit is not None:
            opened.store.save()
    note = opened.rs.get(item_id).note
    name = _named(item_id, args.item)
    if edit is None:
        ctx.say(f"{name}: note unchanged")
    elif note:
        ctx.say(f"{name}: note saved ({len(note):,} characters)")
    else:
        ctx.say(f"{name}: note cleared")
    return 0


def cmd_use(args: argparse.Namespace, ctx: Context) -> int:
    with open_writing(ctx.paths, args.roadmap, warn=ctx.warn) as opened:
        opened.state.current = opened.roadmap.id
        opened.store.save()
    ctx.say(f"now using {opened.roadmap.id} ({opened.roadmap.title})")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    with Store.open(ctx.paths, wait=command_wait()) as store:
        if args.set_aside:
            aside = store.set_backup_aside()
            ctx.say(f"kept {ctx.paths.backup} as {aside}; roadmap starts afresh")
            return 0
        store.restore_backup()
        for notice in store.notices:
            ctx.warn(notice)
    ctx.say(f"restored {ctx.paths.state} from {ctx.paths.backup}")
    return 0
