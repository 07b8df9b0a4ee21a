"""`roadmap sync [init|status]` and `roadmap merge-driver`: two machines, one progress, via git."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap.commands import completes
from roadmap.model.text import json_text
from roadmap.model.when import utc_text

if TYPE_CHECKING:
    from roadmap.application.sync_status import Status
    from roadmap.commands import Context


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync", help="sync your progress with another machine through git",
        description="Commit this machine's changes, pull the other machine's (state.toml is "
        "merged item by item, so no tick is lost), push. 'sync init' sets the home up first. "
        "Refused while an app has the home open.")
    p.set_defaults(func=cmd_sync)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    i = actions.add_parser(
        "init", help="make the home a git repository that syncs (safe to run twice)",
        description="Make the roadmap home a git repository with the state.toml merge driver "
        "and ignores for this machine's own files, and commit. With REMOTE_URL (an empty "
        "repository, or one another machine already syncs to), join it and sync.")
    i.add_argument("remote", nargs="?", metavar="REMOTE_URL",
                   help="the git repository both machines push to (ssh, https or a path)")
    i.add_argument("--here", action="store_true",
                   help="make the home a repository of its own even though it is inside "
                   "another git repository (refused without it)")
    i.set_defaults(func=cmd_init)
    s = actions.add_parser("status", help="remote, last sync, commits ahead and behind",
                           description="Where sync stands, from what git knows now (no "
                           "network): the remote, when you last synced, commits to push and "
                           "to pull as of then, and changes not yet committed.")
    s.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    s.set_defaults(func=cmd_status)

    d = sub.add_parser(
        "merge-driver", help="git's merge driver for state.toml (set up by 'sync init')",
        description="Merge THEIRS into OURS against BASE, item by item: the later status "
        "change wins, a note changed on one side takes that side, notes changed on both keep "
        "both texts between markers; history is joined; projects merge field by field. Exit "
        "0 when clean, 1 when something was kept in markers, 2 when an input is not a state "
        "file or comes from a newer roadmap (OURS is then left as it was).")
    completes(d.add_argument("base", metavar="BASE", help="the common ancestor (%%O)"), "file")
    completes(d.add_argument("ours", metavar="OURS", help="this side, written over (%%A)"),
              "file")
    completes(d.add_argument("theirs", metavar="THEIRS", help="the other side (%%B)"), "file")
    d.add_argument("path", nargs="?", default="state.toml", metavar="PATH",
                   help="the file's name in the repository, for messages (%%P)")
    d.set_defaults(func=cmd_merge_driver)


def cmd_sync(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.application import sync

    for line in sync.sync(ctx.paths):
        ctx.say(line)
    return 0


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.application import sync

    for line in sync.init(ctx.paths, args.remote, here=args.here):
        ctx.say(line)
    return 0


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.application import sync_status as sync
    from roadmap.model.when import ago, full

    found = sync.status(ctx.paths)
    if args.json:
        print(json_text(status_json(found, ctx.paths.home)), file=ctx.out)
        return 0
    if found is None:
        ctx.say(f"not syncing: {ctx.paths.home} is not set up ('roadmap sync init "
                "[REMOTE_URL]' starts)")
        return 0
    ctx.say(f"home       {found.home} (branch {found.branch})")
    ctx.say(f"remote     {found.remote or 'none (roadmap sync init REMOTE_URL adds one)'}")
    if found.last_sync is None:
        ctx.say("last sync  never")
    else:
        now = datetime.now(UTC)
        ctx.say(f"last sync  {ago(found.last_sync, now)} ({full(found.last_sync)})")
    as_of = " (as of the last sync)" if found.remote else ""
    ctx.say(f"ahead      {found.ahead} commit{'s' if found.ahead != 1 else ''} to push{as_of}")
    ctx.say(f"behind     {found.behind} commit{'s' if found.behind != 1 else ''} to pull{as_of}")
    ctx.say(f"changes    {found.pending or 'none'}"
            + (" (not yet committed; 'roadmap sync' does)" if found.pending else ""))
    return 0


STATUS_SCHEMA = 1
"""`sync status --json`'s shape version: fields may be added within it, never removed."""


def status_json(found: Status | None, home: Path) -> dict[str, Any]:
    """`sync status --json`: stable keys whether or not the home is set up."""
    return {"schema": STATUS_SCHEMA, "syncing": found is not None,
            "home": str(found.home if found else home),
            "remote": found.remote if found else None,
            "branch": found.branch if found else None,
            "last_sync": utc_text(found.last_sync) if found else None,
            "ahead": found.ahead if found else 0, "behind": found.behind if found else 0,
            "uncommitted": found.pending if found else ""}


def cmd_merge_driver(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.application.merging import merge_files

    merged = merge_files(Path(args.base), Path(args.ours), Path(args.theirs), args.path)
    for conflict in merged.conflicts:
        ctx.warn(f"{args.path}: {conflict.describe()}")
    return 1 if merged.needs_markers else 0
