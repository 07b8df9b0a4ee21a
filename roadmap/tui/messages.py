"""Messages screens and widgets post so the app applies changes and saves in one place.

This is the only way a screen asks the app for something: it posts one of these (they bubble
up to the app, whose `on_...` handler applies it), and the app answers by calling the screen
back (attributes down, messages up). A widget never writes a file: it says what the user asked
for, and the app records it in the session (undo history) and hands the snapshot to the
store. Plain classes, not dataclasses: the module loads on every start and a dataclass costs
~0.5 ms to define.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.message import Message

from roadmap.model import Link, OwnItem, Project, Status


class TickRequested(Message):
    """Tick an item: done becomes to do, anything else becomes done."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TickRequested) and other.item_id == self.item_id


class MarkRequested(Message):
    """Give an item exactly this status."""

    def __init__(self, item_id: str, status: Status) -> None:
        super().__init__()
        self.item_id = item_id
        self.status = status

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MarkRequested) and (
            (other.item_id, other.status) == (self.item_id, self.status))


class GroupMarkRequested(Message):
    """Give every item of a step or group this status, as one change (one undo)."""

    def __init__(self, item_ids: list[str], status: Status) -> None:
        super().__init__()
        self.item_ids = item_ids
        self.status = status


class NoteRequested(Message):
    """Edit an item's note: in the app's own editor, or in $VISUAL/$EDITOR (`external`)."""

    def __init__(self, item_id: str, external: bool = False) -> None:
        super().__init__()
        self.item_id = item_id
        self.external = external

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoteRequested) and (
            (other.item_id, other.external) == (self.item_id, self.external))


class AttachRequested(Message):
    """Attach a new or existing project to a milestone or skill."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AttachRequested) and other.item_id == self.item_id


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

    def __init__(self, fmt: str, path: Path, include_notes: bool, force: bool,
                 audience: str = "portfolio", posting: str | None = None) -> None:
        super().__init__()
        self.fmt = fmt
        self.path = path
        self.include_notes = include_notes
        self.force = force
        self.audience = audience
        """"portfolio" or "employer" (roadmap.export.AUDIENCES)."""
        self.posting = posting
        """For the employer export: a job posting's text, to put what it asks for first."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExportRequested) and (
            (other.fmt, other.path, other.include_notes, other.force, other.audience,
             other.posting)
            == (self.fmt, self.path, self.include_notes, self.force, self.audience,
                self.posting))


class ExportFinished(Message):
    """The app's exporter is done with `request`: `error` is None, or why nothing was written."""

    def __init__(self, request: ExportRequested, error: str | None) -> None:
        super().__init__()
        self.request = request
        self.error = error


class OwnItemSubmitted(Message):
    """Add one of the user's own items, or replace the one with the same id (an edit)."""

    def __init__(self, item: OwnItem) -> None:
        super().__init__()
        self.item = item

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnItemSubmitted) and other.item == self.item


class OwnItemRemoved(Message):
    """Remove one of the user's own items (its record stays, archived; undo brings it back)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnItemRemoved) and other.item_id == self.item_id


class LinkSubmitted(Message):
    """Keep a link on an item (the same URL again takes the new title)."""

    def __init__(self, item_id: str, link: Link) -> None:
        super().__init__()
        self.item_id = item_id
        self.link = link

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinkSubmitted) and (
            (other.item_id, other.link) == (self.item_id, self.link))


class LinkRemoved(Message):
    """Remove the link with this URL from an item."""

    def __init__(self, item_id: str, url: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.url = url

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinkRemoved) and (
            (other.item_id, other.url) == (self.item_id, self.url))


class ItemShowRequested(Message):
    """Close the views over the main screen and put its cursor on this item (from Next)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ItemShowRequested) and other.item_id == self.item_id


class TargetRequested(Message):
    """Set the roadmap's target date, or clear it (None); the app writes config.toml."""

    def __init__(self, day: date | None) -> None:
        super().__init__()
        self.day = day

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TargetRequested) and other.day == self.day


class PostingSaveRequested(Message):
    """Keep a job posting's text under `name` in the state file (replacing one so named)."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__()
        self.name = name
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PostingSaveRequested) and (
            (other.name, other.text) == (self.name, self.text))


class PostingRemoveRequested(Message):
    """Forget the saved job posting called `name`."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PostingRemoveRequested) and other.name == self.name
