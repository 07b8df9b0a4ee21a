"""git's merge driver for `state.toml`: three versions in, the merged state written over OURS.

git runs `roadmap merge-driver %O %A %B %P` for the file (see `.gitattributes` in a synced
home). The merge itself is pure (roadmap.insights.merge); this reads the files and writes
the result with the same section-wise save as the app, so OURS keeps its layout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from roadmap import storage
from roadmap.insights.merge import Merged, merge_states

REPORT_ENV = "ROADMAP_MERGE_REPORT"
"""`roadmap sync` sets this to a file; the driver appends one JSON line per run to it, so sync
knows whether a conflict in `state.toml` is text in markers (finish the merge) or a refusal
(abort it), without reading git's output."""


def merge_files(base: Path, ours: Path, theirs: Path, name: str = "state.toml") -> Merged:
    """Merge THEIRS into OURS against BASE (empty when the two share no ancestor).

    Raises a RoadmapError with one line, OURS untouched, when an input is not a state file or
    comes from a newer roadmap.
    """
    try:
        found = [storage.read_state_file(ours, f"{name} (this machine)"),
                 storage.read_state_file(theirs, f"{name} (other machine)"),
                 storage.read_state_file(base, f"{name} (common ancestor)", empty_ok=True)]
    except Exception as exc:
        report({"exit": 2, "error": str(exc)})
        raise
    mine, other, ancestor = found
    assert mine.state is not None and other.state is not None
    merged = merge_states(ancestor.state, mine.state, other.state)
    storage.write_state_file(mine, merged.state)
    report({"exit": 1 if merged.needs_markers else 0,
            "conflicts": [c.describe() for c in merged.conflicts]})
    return merged


def report(entry: dict[str, object]) -> None:
    """One JSON line for `roadmap sync`, when it asked for one (REPORT_ENV)."""
    target = os.environ.get(REPORT_ENV)
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")
    except OSError:
        pass  # sync then treats the conflict as a refusal and aborts: nothing is lost
