"""The application layer: what the CLI and the TUI both do with a roadmap, written once.

Opening a roadmap for reading or writing, following template renames, the notices a user
must see, and the business rules (what a project may hold) live here or in the model; the
front ends only parse input and show results.

- opening: open a roadmap for reading (no lock), for one change, or for the app (late lock)
- drift: follow template renames and say what moved or is archived
- projects: what a portfolio project may hold (the one check both front ends call)
- checks: ids the user typed, checked, with the hint that helps most
- lookup: an item named by its id or its exact title (every command taking an item)
- session: the app's undo/redo over one roadmap

Import the submodules directly: `roadmap status` must not pay for what it does not use.
"""

from roadmap.application.drift import follow_template

__all__ = ["follow_template"]
