"""An editing session over one roadmap: every change goes through here so it can be undone.

Kept free of Textual so undo/redo rules are tested as plain functions; the TUI only decides
when to call these and when to save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from roadmap import model
from roadmap.model import (
    Edit,
    ItemEdit,
    Link,
    OwnEdit,
    OwnItem,
    Project,
    ProjectEdit,
    Roadmap,
    RoadmapState,
    Status,
)


def utc_now() -> datetime:
    """Second-precision UTC time: what the state file stores."""
    return datetime.now(UTC).replace(microsecond=0)


STATUS_WORDS = {
    Status.TODO: "to do",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
    Status.SKIPPED: "skipped",
}


class Action(NamedTuple):
    """One user action (possibly several edits), described for undo/redo notifications."""

    label: str
    edits: list[Edit]


class Session:
    """Applies user actions to a roadmap's state and remembers them for undo and redo.

    A plain class: it loads on every start, and a dataclass costs ~0.5 ms to define."""

    def __init__(self, roadmap: Roadmap, state: RoadmapState,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.roadmap = roadmap
        self.state = state
        self.clock = clock
        self.undo_stack: list[Action] = []
        self.redo_stack: list[Action] = []
        self.changes = 0
        """Bumped on every change, so savers can tell whether a snapshot is still the latest."""

    def title_of(self, item_id: str) -> str:
        item = self.roadmap.item(item_id)
        if item is None and item_id in self.state.own:
            return self.state.own[item_id].title
        return item.title if item else item_id

    def _record(self, label: str, edits: Iterable[Edit | None]) -> Action | None:
        kept = [e for e in edits if e is not None]
        if not kept:
            return None
        action = Action(label, kept)
        self.undo_stack.append(action)
        self.redo_stack.clear()
        self.changes += 1
        return action

    def mark(self, item_ids: Iterable[str], status: Status) -> Action | None:
        ids = list(item_ids)
        now = self.clock()
        edits = [model.mark(self.state, i, status, now) for i in ids]
        what = f"'{self.title_of(ids[0])}'" if len(ids) == 1 else f"{len(ids)} items"
        return self._record(f"mark {what} {STATUS_WORDS[status]}", edits)

    def toggle(self, item_id: str) -> Action | None:
        edit = model.toggle_done(self.state, item_id, self.clock())
        status = STATUS_WORDS[self.state.status(item_id)]
        return self._record(f"mark '{self.title_of(item_id)}' {status}", [edit])

    def set_note(self, item_id: str, text: str) -> Action | None:
        edit = model.set_note(self.state, item_id, text, self.clock())
        verb = "clear the note of" if not text else "edit the note of"
        return self._record(f"{verb} '{self.title_of(item_id)}'", [edit])

    def put_project(self, project: Project) -> Action | None:
        verb = "edit" if project.id in self.state.projects else "add"
        edit = model.put_project(self.state, project, self.clock())
        return self._record(f"{verb} project '{project.title}'", [edit])

    def remove_project(self, project_id: str) -> Action | None:
        project = self.state.projects.get(project_id)
        edit = model.remove_project(self.state, project_id, self.clock())
        title = project.title if project else project_id
        return self._record(f"delete project '{title}'", [edit])

    # -- own items and links: an own-item change composes the roadmap again

    def _reshape(self, action: Action | None) -> Action | None:
        if action is not None and reshaped(action):
            self.roadmap = model.with_own(self.roadmap, self.state)
        return action

    def put_own(self, own: OwnItem) -> Action | None:
        """Add an own item, change one, or bring a removed one back (an id given again)."""
        before = self.state.own.get(own.id)
        verb = "edit" if before is not None and before.removed is None else "add"
        edit = model.put_own(self.state, own, self.clock())
        return self._reshape(self._record(f"{verb} '{own.title}'", [edit]))

    def remove_own(self, item_id: str) -> Action | None:
        edit = model.remove_own(self.state, item_id, self.clock())
        return self._reshape(self._record(f"remove '{self.title_of(item_id)}'", [edit]))

    def add_link(self, item_id: str, link: Link) -> Action | None:
        edit = model.add_link(self.state, item_id, link, self.clock())
        return self._record(f"add a link to '{self.title_of(item_id)}'", [edit])

    def remove_link(self, item_id: str, url: str) -> Action | None:
        edit = model.remove_link(self.state, item_id, url, self.clock())
        return self._record(f"remove a link from '{self.title_of(item_id)}'", [edit])

    def undo(self) -> Action | None:
        """Revert the latest action; None when there is nothing to undo."""
        if not self.undo_stack:
            return None
        action = self.undo_stack.pop()
        now = self.clock()
        for edit in reversed(action.edits):
            model.apply_edit(self.state, edit.inverse(), now)
        self.redo_stack.append(action)
        self.changes += 1
        return self._reshape(action)

    def redo(self) -> Action | None:
        if not self.redo_stack:
            return None
        action = self.redo_stack.pop()
        now = self.clock()
        for edit in action.edits:
            model.apply_edit(self.state, edit, now)
        self.undo_stack.append(action)
        self.changes += 1
        return self._reshape(action)


def reshaped(action: Action) -> bool:
    """The action added, changed or removed an own item: the roadmap itself changed."""
    return any(isinstance(e, OwnEdit) for e in action.edits)


def touched(action: Action) -> tuple[set[str], bool]:
    """Item ids an action changed, and whether it changed any project (what to repaint)."""
    items = {e.item for e in action.edits if isinstance(e, ItemEdit | OwnEdit)}
    projects = any(isinstance(e, ProjectEdit) for e in action.edits)
    return items, projects
