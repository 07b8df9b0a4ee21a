"""The one exception family the CLI and TUI turn into a one-line message."""

from __future__ import annotations


class RoadmapError(Exception):
    """A problem the user can act on; `str()` is the whole message, no traceback needed."""

    exit_code = 2
    prefixed = True
    """False when every line already starts with `path:line:col:` and needs no `roadmap:`."""
