"""Messages screens and widgets post so the app applies changes and saves in one place.

A widget never writes a file: it says what the user asked for, and the app records it in the
session (undo history) and hands the snapshot to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from roadmap.model import Project


@dataclass
class ProjectSubmitted(Message):
    """Add a new project or replace the one with the same id."""

    project: Project


@dataclass
class ProjectDeleted(Message):
    """Remove a project."""

    project_id: str


@dataclass
class ExportRequested(Message):
    """Write the portfolio summary; `force` once the user agreed to overwrite."""

    fmt: str
    path: Path
    include_notes: bool
    force: bool
