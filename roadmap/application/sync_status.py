"""`roadmap sync status`: where syncing stands, from what git already knows (no network)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from roadmap.application.git import Git
from roadmap.application.sync import BRANCH, LAST_SYNC, REMOTE, pending
from roadmap.insights.changes import wording
from roadmap.paths import Paths


class Status(NamedTuple):
    """What `roadmap sync status` shows."""

    home: Path
    remote: str | None
    branch: str
    last_sync: datetime | None
    ahead: int
    behind: int
    pending: str
    """Changes not yet committed, worded ("2 done, 1 note"), or ""."""


def status(paths: Paths) -> Status | None:
    """Where sync stands, from what git knows now (no network); None when not set up."""
    home = paths.home.resolve() if paths.home.is_dir() else paths.home
    git = Git(home)
    if git.toplevel() != home:
        return None
    done = git.run("remote", "get-url", REMOTE, check=False)
    remote = done.stdout.strip() if done.returncode == 0 else None
    branch = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.strip()
    stamp = git.run("config", LAST_SYNC, check=False).stdout.strip()
    try:
        last = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        last = None
    ahead = behind = 0
    upstream = f"refs/remotes/{REMOTE}/{BRANCH}"
    if git.head() is not None:
        if git.ok("rev-parse", "--verify", "-q", upstream):
            counts = git.out("rev-list", "--left-right", "--count", f"HEAD...{upstream}").split()
            ahead, behind = int(counts[0]), int(counts[1])
        else:
            ahead = int(git.out("rev-list", "--count", "HEAD"))
    tally, names = pending(git, paths)
    waiting = "; ".join(p for p in (wording(tally), ", ".join(names)) if p)
    return Status(home, remote, branch or "(detached)", last, ahead, behind, waiting)
