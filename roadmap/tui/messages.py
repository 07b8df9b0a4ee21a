"""Messages screens and widgets post so the app applies changes and saves in one place.

A widget never writes a file: it says what the user asked for, and the app records it in the
session (undo history) and hands the snapshot to the store. Plain classes, not dataclasses:
the module loads on every start and a dataclass costs ~0.5 ms to define.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from roadmap.model import Project


class ProjectSubmitted(Message):
    """Add a new project or replace the one with the same id."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def __eq__(self, other: object) -> bool:  # tests compare what a screen posted
        return isinstance(other, ProjectSubmitted) and other.project == self.project


class ProjectDeleted(Message):
    """Remove a project."""

    def __init__(self, project_id: str) -> None:
        super().__init__()
        self.project_id = project_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProjectDeleted) and other.project_id == self.project_id


class ExportRequested(Message):
    """Write the portfolio summary; `force` once the user agreed to overwrite."""

    def __init__(self, fmt: str, path: Path, include_notes: bool, force: bool) -> None:
        super().__init__()
        self.fmt = fmt
        self.path = path
        self.include_notes = include_notes
        self.force = force

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExportRequested) and (
            (other.fmt, other.path, other.include_notes, other.force)
            == (self.fmt, self.path, self.include_notes, self.force))


class ExportFinished(Message):
    """The app's exporter is done with `request`: `error` is None, or why nothing was written."""

    def __init__(self, request: ExportRequested, error: str | None) -> None:
        super().__init__()
        self.request = request
        self.error = error
