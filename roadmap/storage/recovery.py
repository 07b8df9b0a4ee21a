"""Recovery: a state file that does not parse is moved aside; the backup is put back or set aside.

Every step renames, never deletes, so the broken file, the backup and any current file all
survive for the user to look at. The Store decides when (under its lock); this does the files.
"""

from __future__ import annotations

import os
from pathlib import Path

from roadmap.errors import RoadmapError
from roadmap.model import UserState
from roadmap.paths import Paths
from roadmap.storage import atomic
from roadmap.storage.layout import STATE_SCHEMA
from roadmap.storage.reading import Unreadable, check_schema, parse, read_bytes, to_state


def move_aside(paths: Paths, target: Path, reason: str) -> tuple[Path, bool, str]:
    """Rename an unparsable state file to `<name>.corrupt-<stamp>`.

    Returns where it went, whether a backup now waits for the user's decision, and the notice
    that says so."""
    moved = atomic.free_name(target.parent, f"{target.name}.corrupt")
    try:
        os.replace(target, moved)
    except OSError as exc:
        raise RoadmapError(f"{reason}, and it could not be moved aside: "
                           f"{exc.strerror or exc}") from None
    atomic.fsync_dir(target.parent)
    pending = os.path.lexists(paths.backup)
    backup = " No backup (state.toml.bak) exists, so roadmap starts afresh."
    if pending:
        backup = (f" {paths.backup} holds the last good copy and is kept until you "
                  "choose: 'roadmap restore-backup' puts it back (the app offers to).")
    return moved, pending, (f"{reason}. It was moved to {moved} and nothing in it was "
                            f"changed.{backup}")


def read_backup(paths: Paths) -> tuple[str, bytes, UserState] | None:
    """The backup's text, bytes and state; None if it is missing, unreadable or too new."""
    raw = read_bytes(paths.backup)
    if raw is None:
        return None
    try:
        text, data = parse(raw, paths.backup)
        if check_schema(data, paths.backup) > STATE_SCHEMA:
            return None
        return text, raw, to_state(text, str(paths.backup), data)
    except (Unreadable, RoadmapError):
        return None


def put_back(target: Path, raw: bytes, notices: list[str]) -> None:
    """Make `target` hold the backup's bytes; a current file is first renamed aside (said in
    `notices`). OSError if a step fails; whatever was renamed keeps its new name."""
    if target.exists():
        aside = atomic.free_name(target.parent, f"{target.name}.before-restore")
        os.replace(target, aside)
        notices.append(f"the state file before the restore was kept as {aside}")
    atomic.replace_durably(target, raw)


def pending_message(paths: Paths) -> str:
    """What to do about a backup that waits for a decision (no state file, but a backup)."""
    return (f"{paths.state.name} is missing and {paths.backup} holds your last "
            "saved progress; run 'roadmap restore-backup' to put it back, or 'roadmap "
            "restore-backup --set-aside' to keep it under another name and start afresh")


def set_aside(backup: Path) -> Path:
    """Rename the pending backup to `<name>-set-aside-<stamp>` (never delete it); OSError if
    the rename fails, RoadmapError if there is no backup."""
    if not os.path.lexists(backup):
        raise RoadmapError(f"there is no backup to set aside ({backup} is missing)")
    aside = atomic.free_name(backup.parent, f"{backup.name}-set-aside")
    os.replace(backup, aside)
    atomic.fsync_dir(backup.parent)
    return aside
