"""What the user recorded: item statuses, notes, projects and history, with pure edits.

Values are immutable (NamedTuples, cheap to define at start-up and to unpickle from the parse
cache) so a snapshot for a background save, or an undo step, is a cheap copy.
"""

from __future__ import annotations

from array import array
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar, NamedTuple

from roadmap.model.links import link_problem
from roadmap.model.template import ID_PATTERN, Roadmap, Status
from roadmap.model.text import (
    NOTE_LIMIT,
    TextError,
    check_encodable,
    check_line,
    clean_note,
    slugify,
    visible,
)

TITLE_LIMIT = 200
"""Longest project title: a title names the project on one line; the summary says the rest."""

HISTORY_LIMIT = 10_000
"""Status changes kept per roadmap; the oldest fall off so the file stays small."""

class Link(NamedTuple):
    """A link the user keeps on an item (a course, a chapter), next to the template's own."""

    url: str
    title: str = ""


class ItemState(NamedTuple):
    """The user's record for one item; immutable so snapshots and undo are cheap."""

    status: Status = Status.TODO
    changed: datetime | None = None
    """When the status last changed (a note edit leaves it alone)."""
    note: str = ""
    noted: datetime | None = None
    """When the note was last edited (or cleared)."""
    links: tuple[Link, ...] = ()
    """The user's own resources for the item, in the order added."""


class OwnItem(NamedTuple):
    """An item the user added to their roadmap: a milestone, skill or readiness check.

    `parent` is the id of the step or group it belongs to; what kind of item it is follows
    from that group. `removed` is set when the user removes it: the definition is kept (with
    its record, as archived) so nothing is lost and the id is never handed out again.
    `clash_reported` remembers that the user was told a template added the same id."""

    id: str
    parent: str
    title: str
    summary: str = ""
    skills: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    added: datetime | None = None
    removed: datetime | None = None
    clash_reported: bool = False


class Change(NamedTuple):
    """One status change, kept so later views can chart progress over time."""

    item: str
    old: Status
    new: Status
    at: datetime


class Project(NamedTuple):
    """A portfolio project: the evidence behind the skills the user claims."""

    id: str
    title: str
    urls: tuple[str, ...] = ()
    summary: str = ""
    notes: str = ""
    skills: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    started: date | None = None
    finished: date | None = None


class Posting(NamedTuple):
    """A job posting the user saved to re-read against their progress as it changes."""

    name: str
    text: str
    saved: date | None = None


POSTING_LIMIT = 256 * 1024
"""Largest saved posting, in UTF-8 bytes: a long posting is ~40 KiB of text."""


class RoadmapState:
    """Everything the user recorded against one roadmap id.

    A plain class, not a dataclass: every command builds one, and `dataclasses` (with the
    `inspect` it imports) costs ~20 ms of a ~150 ms `roadmap pace`."""

    __slots__ = ("history", "items", "own", "projects")
    FIELDS: ClassVar[tuple[str, ...]] = ("items", "projects", "history", "own")
    """The fields in the file's order (merges and change counts walk them)."""

    def __init__(self, items: dict[str, ItemState] | None = None,
                 projects: dict[str, Project] | None = None,
                 history: list[Change] | None = None,
                 own: dict[str, OwnItem] | None = None) -> None:
        self.items: dict[str, ItemState] = {} if items is None else items
        self.projects: dict[str, Project] = {} if projects is None else projects
        self.history: list[Change] = [] if history is None else history
        self.own: dict[str, OwnItem] = {} if own is None else own
        """Items the user added to this roadmap (removed ones too, kept with `removed` set)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RoadmapState):
            return NotImplemented
        return (self.items == other.items and self.projects == other.projects
                and self.history == other.history and self.own == other.own)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (f"RoadmapState(items={self.items!r}, projects={self.projects!r}, "
                f"history={self.history!r}, own={self.own!r})")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled (for the parse cache) with the history as four flat columns: 10,000
        entries load in a few ms instead of ~20 ms of NamedTuple and datetime objects."""
        return _rebuild_roadmap_state, (self.items, self.projects, pack_history(self.history),
                                        self.own)

    def copy(self) -> RoadmapState:
        """A snapshot sharing the immutable values, so a save can run off the UI thread."""
        return RoadmapState(dict(self.items), dict(self.projects), list(self.history),
                            dict(self.own))

    def status(self, item_id: str) -> Status:
        found = self.items.get(item_id)
        return found.status if found else Status.TODO

    def get(self, item_id: str) -> ItemState:
        return self.items.get(item_id) or ItemState()

    def projects_for(self, item_id: str) -> list[Project]:
        """Projects that demonstrate a skill or serve a milestone."""
        return [p for p in self.projects.values() if item_id in p.skills or item_id in p.milestones]


class UserState:
    """The whole per-user file: which roadmap is in use and the state kept for each."""

    __slots__ = ("current", "postings", "roadmaps")
    FIELDS: ClassVar[tuple[str, ...]] = ("current", "roadmaps", "postings")

    def __init__(self, current: str = "ml-engineer",
                 roadmaps: dict[str, RoadmapState] | None = None,
                 postings: dict[str, Posting] | None = None) -> None:
        self.current = current
        self.roadmaps: dict[str, RoadmapState] = {} if roadmaps is None else roadmaps
        self.postings: dict[str, Posting] = {} if postings is None else postings
        """Saved job postings by name; they belong to no roadmap (one is read against any)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UserState):
            return NotImplemented
        return (self.current == other.current and self.roadmaps == other.roadmaps
                and self.postings == other.postings)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (f"UserState(current={self.current!r}, roadmaps={self.roadmaps!r}, "
                f"postings={self.postings!r})")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return UserState, (self.current, self.roadmaps, self.postings)

    def of(self, roadmap_id: str) -> RoadmapState:
        """The state for a roadmap, created empty on first use."""
        found = self.roadmaps.get(roadmap_id)
        if found is None:
            found = self.roadmaps[roadmap_id] = RoadmapState()
        return found

    def copy(self) -> UserState:
        return UserState(self.current, {k: v.copy() for k, v in self.roadmaps.items()},
                         dict(self.postings))


def field_names(value: RoadmapState | UserState) -> tuple[str, ...]:
    """The fields of a state, in order: merges and change counts walk every kind of record,
    so a field added here is merged and counted without touching them."""
    return value.FIELDS


_STATUSES = tuple(Status)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
Packed = tuple[tuple[str, ...], bytes, bytes, bytes]


def pack_history(history: list[Change]) -> Packed | list[Change]:
    """(item ids, old status codes, new status codes, UTC seconds as int64): the history
    as columns that pickle writes and reads at C speed. A history with a time written by hand
    at another offset or to the microsecond stays a list, so the cache gives back exactly what
    was read."""
    if any(c.at.tzinfo is not UTC or c.at.microsecond for c in history):
        return history
    code = {s: i for i, s in enumerate(_STATUSES)}
    seconds = array("q", [(c.at - _EPOCH) // _SECOND for c in history])
    return (tuple(c.item for c in history), bytes(code[c.old] for c in history),
            bytes(code[c.new] for c in history), seconds.tobytes())


def unpack_history(packed: Packed | list[Change]) -> list[Change]:
    """The history `pack_history` flattened, entry for entry (~8 ms for 10,000 against ~20
    for unpickling the NamedTuples and datetimes one by one)."""
    if isinstance(packed, list):
        return packed
    items, olds, news, raw = packed
    seconds = array("q")
    seconds.frombytes(raw)
    stamp, status, new = datetime.fromtimestamp, _STATUSES.__getitem__, tuple.__new__
    times = [stamp(s, UTC) for s in seconds]
    return [new(Change, entry) for entry in zip(items, map(status, olds), map(status, news),
                                                 times, strict=True)]


def _rebuild_roadmap_state(items: dict[str, ItemState], projects: dict[str, Project],
                           packed: Packed | list[Change],
                           own: dict[str, OwnItem]) -> RoadmapState:
    return RoadmapState(items, projects, unpack_history(packed), own)


# --------------------------------------------------------------------------- edits and undo


class ItemEdit(NamedTuple):
    """A change to one item's record; reverting swaps before and after."""

    item: str
    before: ItemState | None
    after: ItemState | None

    def inverse(self) -> ItemEdit:
        return ItemEdit(self.item, self.after, self.before)


class ProjectEdit(NamedTuple):
    """A project added (before None), removed (after None) or changed."""

    project: str
    before: Project | None
    after: Project | None

    def inverse(self) -> ProjectEdit:
        return ProjectEdit(self.project, self.after, self.before)


class OwnEdit(NamedTuple):
    """An own item added (before None), changed, removed or brought back; the roadmap is
    composed again after one (roadmap.model.own.with_own)."""

    item: str
    before: OwnItem | None
    after: OwnItem | None

    def inverse(self) -> OwnEdit:
        return OwnEdit(self.item, self.after, self.before)


Edit = ItemEdit | ProjectEdit | OwnEdit


def apply_edit(state: RoadmapState, edit: Edit, now: datetime) -> None:
    """Apply an edit (or an inverse, for undo); status moves are written to the history."""
    if isinstance(edit, ItemEdit):
        old = edit.before.status if edit.before else Status.TODO
        new = edit.after.status if edit.after else Status.TODO
        if edit.after is None:
            state.items.pop(edit.item, None)
        else:
            state.items[edit.item] = edit.after
        if old is not new:
            state.history.append(Change(edit.item, old, new, now))
            if len(state.history) > HISTORY_LIMIT:
                del state.history[: len(state.history) - HISTORY_LIMIT]
    elif isinstance(edit, OwnEdit):
        if edit.after is None:
            state.own.pop(edit.item, None)
        else:
            state.own[edit.item] = edit.after
    elif edit.after is None:
        state.projects.pop(edit.project, None)
    else:
        state.projects[edit.project] = edit.after


def mark(state: RoadmapState, item_id: str, status: Status, now: datetime) -> ItemEdit | None:
    """Set an item's status; None when it already had it (nothing to save or undo)."""
    before = state.items.get(item_id)
    if (before.status if before else Status.TODO) is status:
        return None
    after = (before or ItemState())._replace(status=status, changed=now)
    edit = ItemEdit(item_id, before, after)
    apply_edit(state, edit, now)
    return edit


def toggle_done(state: RoadmapState, item_id: str, now: datetime) -> ItemEdit | None:
    """Space bar semantics: done becomes todo, anything else becomes done."""
    target = Status.TODO if state.status(item_id) is Status.DONE else Status.DONE
    return mark(state, item_id, target, now)


def set_note(state: RoadmapState, item_id: str, text: str, now: datetime) -> ItemEdit | None:
    """Replace an item's note (empty clears it); the text is cleaned first.

    Stamps `noted`, never `changed`: "changed" says when the status moved, and a note edit
    must not make a month-old tick look like today's."""
    text = clean_note(text)
    before = state.items.get(item_id)
    if (before.note if before else "") == text:
        return None
    after: ItemState | None = (before or ItemState())._replace(note=text, noted=now)
    if after is not None and not text and after._replace(noted=None) == ItemState():
        after = None  # a cleared note on an untouched item leaves no record behind
    edit = ItemEdit(item_id, before, after)
    apply_edit(state, edit, now)
    return edit


def put_project(state: RoadmapState, project: Project, now: datetime) -> ProjectEdit | None:
    """Add or replace a project after checking its text can be stored."""
    for name in ("summary", "notes"):
        check_encodable(getattr(project, name), f"project {name}")
    check_line(project.title, "project title")
    if not project.title.strip():
        raise TextError("a project needs a title")
    if len(project.title) > TITLE_LIMIT:
        raise TextError(f"project title is {len(project.title):,} characters; the limit is "
                        f"{TITLE_LIMIT} (put the rest in the summary)")
    project = project._replace(notes=clean_note(project.notes))
    before = state.projects.get(project.id)
    kept = set(before.urls) if before is not None else set()
    for url in project.urls:
        problem = None if url in kept else link_problem(url)  # old links never block an edit
        if problem is not None:
            raise TextError(f"link '{visible(url, keep_newlines=False)}' {problem}")
    if before == project:
        return None
    edit = ProjectEdit(project.id, before, project)
    apply_edit(state, edit, now)
    return edit


def remove_project(state: RoadmapState, project_id: str, now: datetime) -> ProjectEdit | None:
    before = state.projects.get(project_id)
    if before is None:
        return None
    edit = ProjectEdit(project_id, before, None)
    apply_edit(state, edit, now)
    return edit


def archived_ids(roadmap: Roadmap, state: RoadmapState) -> list[str]:
    """Ids the user has a record for that the template no longer has, and own items removed
    or left without their group: kept, never deleted."""
    found = {i for i in state.items if roadmap.item(i) is None}
    found.update(i for i in state.own if roadmap.item(i) is None)
    return sorted(found)


ADVANCE = {Status.SKIPPED: 0, Status.TODO: 1, Status.IN_PROGRESS: 2, Status.DONE: 3}
"""How far along a status is, for merging two records: done wins, a skip loses to any work."""


def _merged(kept: ItemState, old: ItemState) -> ItemState | None:
    """One record from two (a template merged two items), or None if the notes do not fit."""
    first, second = sorted((kept, old), key=lambda r: (
        ADVANCE[r.status], r.changed.timestamp() if r.changed else float("-inf")), reverse=True)
    notes = [n for n in dict.fromkeys((kept.note, old.note)) if n]
    note = "\n\n".join(notes)
    if len(note.encode("utf-8")) > NOTE_LIMIT:
        return None
    seen = {link.url for link in kept.links}
    links = kept.links + tuple(link for link in old.links if link.url not in seen)
    noted = [r.noted for r in (kept, old) if r.noted is not None]
    return ItemState(first.status, first.changed or second.changed, note,
                     max(noted) if noted else None, links)


def follow_renames(roadmap: Roadmap, state: RoadmapState) -> list[tuple[str, str]]:
    """Move records of renamed items (`replaces = [old]`) to their new id.

    When the template merged two items and both have records, they become one: the status
    further along (done, in progress, to do, skipped), both notes. Only if the two notes
    together pass the note limit does the old record stay archived, never lost.
    """
    moved: list[tuple[str, str]] = []
    for old_id in list(state.items):
        new_id = roadmap.renamed(old_id)
        if new_id is None or roadmap.item(old_id) is not None:
            continue
        record = state.items[old_id]
        if new_id in state.items:
            merged = _merged(state.items[new_id], record)
            if merged is None:
                continue
            record = merged
        del state.items[old_id]
        state.items[new_id] = record
        for name, project in list(state.projects.items()):
            if old_id in project.skills or old_id in project.milestones:
                state.projects[name] = project._replace(
                    skills=_renamed(project.skills, old_id, new_id),
                    milestones=_renamed(project.milestones, old_id, new_id),
                )
        moved.append((old_id, new_id))
    if moved:
        renames = dict(moved)
        state.history[:] = [
            c._replace(item=renames.get(c.item, c.item)) for c in state.history
        ]
    return moved


def _renamed(ids: tuple[str, ...], old_id: str, new_id: str) -> tuple[str, ...]:
    """`ids` with old_id replaced by new_id, listed once."""
    return tuple(dict.fromkeys(new_id if i == old_id else i for i in ids))


def status_since(state: RoadmapState, item_id: str) -> datetime | None:
    """When the item's current status began: its newest history entry into that status, else
    the record's `changed` (history trimmed, or written by hand); None if never changed.

    An undo writes a history entry too, but puts back the record's `changed`: when that is
    the time of an earlier entry into the same status, the status has held since then (a
    tick undone a minute later does not make a 3-week-old "in progress" new).
    """
    record = state.items.get(item_id)
    status = record.status if record else Status.TODO
    changed = record.changed if record else None
    latest: datetime | None = None
    for change in reversed(state.history):
        if change.item != item_id:
            continue
        if latest is None:
            if change.new is not status:
                return changed
            latest = change.at
            if changed is None or changed >= latest:
                return latest
        elif changed is not None and change.at <= changed:  # changed < latest here
            return changed if change.at == changed and change.new is status else latest
    return latest or changed


def check_posting(name: str, text: str) -> Posting:
    """A posting that can be saved: a kebab-case name (it is a TOML key and a command-line
    word) and text within POSTING_LIMIT; TextError says what is wrong."""
    if not ID_PATTERN.match(name):
        raise TextError(f"posting name '{visible(name, keep_newlines=False)}' is not a name "
                        f"roadmap can keep (kebab-case: a-z, 0-9 and '-', such as "
                        f"'{slugify(name)}')")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_encodable(text, "posting")
    if len(text.encode("utf-8")) > POSTING_LIMIT:
        raise TextError(f"posting is {len(text.encode('utf-8')):,} bytes; the limit is "
                        f"{POSTING_LIMIT:,} (256 KiB)")
    if not text.strip():
        raise TextError("posting is empty")
    return Posting(name, text)
