"""The application layer: what the CLI and the TUI both do with a roadmap, written once.

Opening a roadmap for reading or writing, following template renames, the notices a user
must see, and the business rules (what a project may hold) live here or in the model; the
front ends only parse input and show results.
"""

from roadmap.application.drift import follow_template

__all__ = ["follow_template"]
