"""What the state file looks like: its schema number, its header comment, its record tables.

The reader, the writer and the sectioning all agree on these, so they live in one place.
"""

from __future__ import annotations

import re

STATE_SCHEMA = 1
"""The state file format this code reads and writes; a newer one opens read-only."""

HEADER_COMMENT = (
    "# Your roadmap progress, notes and portfolio projects, kept by `roadmap`.\n"
    "# Safe to edit by hand while roadmap is not running (see the README, 'The state file').\n"
)

ITEM, PROJECT, HISTORY = "items", "projects", "history"
"""`[roadmaps.R.items.I]`, `[roadmaps.R.projects.P]` and `[[roadmaps.R.history]]`."""
OWN = "own"
"""`[roadmaps.R.own.I]`: an item the user added to roadmap R."""
KIND_ORDER = {OWN: -1, ITEM: 0, PROJECT: 1, HISTORY: 2}
"""Per roadmap, own items come first, then item records, then projects, then history."""
POSTING = "postings"
"""`[postings.NAME]`: saved job postings, after every roadmap (they belong to none)."""
KIND_ORDER[POSTING] = 3

RECORD_HEADER = re.compile(
    rf"^[ \t]*\[(?:\[[ \t]*roadmaps[ \t]*\.[^\n]*?\.[ \t]*{HISTORY}[ \t]*\]\]"
    rf"|[ \t]*roadmaps[ \t]*\.[^\n]*?\.[ \t]*(?:{ITEM}|{PROJECT}|{OWN})[ \t]*\."
    r"|[ \t]*postings[ \t]*\.)", re.MULTILINE)
"""A record's header line, `[roadmaps.R.items.I]`, `[roadmaps.R.projects.P]`,
`[roadmaps.R.own.I]`, `[[roadmaps.R.history]]` or `[postings.NAME]`, for a C-speed count
(the exact cut is roadmap.storage.sections)."""
