"""The roadmap and the user's progress as plain data, with pure operations on them.

Nothing here knows about files, TOML or Textual, so every rule (roll-up, progress, undo) is
tested in milliseconds and shared by the CLI, the TUI and the exporters alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property

NOTE_LIMIT = 64 * 1024
"""Largest note, in UTF-8 bytes: beyond this a note is a document and belongs in a file."""

HISTORY_LIMIT = 10_000
"""Status changes kept per roadmap; the oldest fall off so the file stays small."""

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Status(StrEnum):
    """Where the user stands on one item."""

    TODO = "todo"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"


class Section(StrEnum):
    """The three parts of a roadmap, in the order they are shown."""

    STEPS = "steps"
    SKILLS = "skills"
    READINESS = "readiness"


SECTION_TITLES: Mapping[Section, str] = {
    Section.STEPS: "Roadmap",
    Section.SKILLS: "Skills",
    Section.READINESS: "Job readiness",
}


@dataclass(frozen=True, slots=True)
class Resource:
    """A link worth following for an item."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Source:
    """An article the template was written from."""

    id: str
    title: str
    publisher: str = ""
    author: str = ""
    published: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """Something the user can tick: a milestone, a skill or a job-readiness check."""

    id: str
    title: str
    summary: str = ""
    skills: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Milestone(Item):
    """A concrete thing to do within a step."""


@dataclass(frozen=True, slots=True)
class Skill(Item):
    """A skill, concept, language or tool from the checklist."""


@dataclass(frozen=True, slots=True)
class Check(Item):
    """A job-readiness check: a responsibility or trait the user can show."""


@dataclass(frozen=True, slots=True)
class Group:
    """An ordered set of items whose status is derived from theirs."""

    id: str
    title: str
    summary: str = ""
    items: tuple[Item, ...] = ()
    resources: tuple[Resource, ...] = ()
    sources: tuple[str, ...] = ()

    section = Section.STEPS


@dataclass(frozen=True, slots=True)
class Step(Group):
    """One of the roadmap's steps, made of milestones."""

    section = Section.STEPS

    @property
    def milestones(self) -> tuple[Item, ...]:
        return self.items


@dataclass(frozen=True, slots=True)
class SkillGroup(Group):
    """A heading of the skills checklist."""

    section = Section.SKILLS

    @property
    def skills(self) -> tuple[Item, ...]:
        return self.items


@dataclass(frozen=True, slots=True)
class ReadinessGroup(Group):
    """A heading of the job-readiness checklist."""

    section = Section.READINESS


@dataclass(frozen=True)
class Roadmap:
    """A whole template: steps, skills checklist and job-readiness checklist."""

    id: str
    title: str
    summary: str = ""
    version: str = ""
    steps: tuple[Step, ...] = ()
    skill_groups: tuple[SkillGroup, ...] = ()
    readiness: tuple[ReadinessGroup, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = ""

    def groups(self, section: Section | None = None) -> tuple[Group, ...]:
        """Groups of one section, or all of them in display order."""
        by_section: dict[Section, tuple[Group, ...]] = {
            Section.STEPS: self.steps,
            Section.SKILLS: self.skill_groups,
            Section.READINESS: self.readiness,
        }
        if section is not None:
            return by_section[section]
        return self.steps + self.skill_groups + self.readiness

    def items(self) -> Iterator[Item]:
        """Every tickable item, in display order."""
        for group in self.groups():
            yield from group.items

    @cached_property
    def _index(self) -> dict[str, tuple[Item, Group]]:
        return {item.id: (item, group) for group in self.groups() for item in group.items}

    @cached_property
    def _groups_by_id(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups()}

    @cached_property
    def _renames(self) -> dict[str, str]:
        return {old: item.id for item in self.items() for old in item.replaces}

    def item(self, item_id: str) -> Item | None:
        found = self._index.get(item_id)
        return found[0] if found else None

    def group(self, group_id: str) -> Group | None:
        return self._groups_by_id.get(group_id)

    def group_of(self, item_id: str) -> Group | None:
        found = self._index.get(item_id)
        return found[1] if found else None

    def item_ids(self) -> list[str]:
        return list(self._index)

    def renamed(self, old_id: str) -> str | None:
        """The current id of an item that lists `old_id` in its `replaces`."""
        return self._renames.get(old_id)

    @property
    def item_count(self) -> int:
        return len(self._index)

    def skill_ids(self) -> list[str]:
        return [item.id for group in self.skill_groups for item in group.items]

    def milestone_ids(self) -> list[str]:
        return [item.id for group in self.steps for item in group.items]

    def used_by(self, skill_id: str) -> list[Item]:
        """Milestones and checks that exercise a skill, for the skill's detail view."""
        return [item for item in self.items() if skill_id in item.skills]

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


# --------------------------------------------------------------------------- user state


@dataclass(frozen=True, slots=True)
class ItemState:
    """The user's record for one item; immutable so snapshots and undo are cheap."""

    status: Status = Status.TODO
    changed: datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """One status change, kept so later views can chart progress over time."""

    item: str
    old: Status
    new: Status
    at: datetime


@dataclass(frozen=True, slots=True)
class Project:
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


@dataclass
class RoadmapState:
    """Everything the user recorded against one roadmap id."""

    items: dict[str, ItemState] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    history: list[Change] = field(default_factory=list)

    def copy(self) -> RoadmapState:
        """A snapshot sharing the immutable values, so a save can run off the UI thread."""
        return RoadmapState(dict(self.items), dict(self.projects), list(self.history))

    def status(self, item_id: str) -> Status:
        found = self.items.get(item_id)
        return found.status if found else Status.TODO

    def get(self, item_id: str) -> ItemState:
        return self.items.get(item_id) or ItemState()

    def projects_for(self, item_id: str) -> list[Project]:
        """Projects that demonstrate a skill or serve a milestone."""
        return [p for p in self.projects.values() if item_id in p.skills or item_id in p.milestones]


@dataclass
class UserState:
    """The whole per-user file: which roadmap is in use and the state kept for each."""

    current: str = "ml-engineer"
    roadmaps: dict[str, RoadmapState] = field(default_factory=dict)

    def of(self, roadmap_id: str) -> RoadmapState:
        """The state for a roadmap, created empty on first use."""
        found = self.roadmaps.get(roadmap_id)
        if found is None:
            found = self.roadmaps[roadmap_id] = RoadmapState()
        return found

    def copy(self) -> UserState:
        return UserState(self.current, {k: v.copy() for k, v in self.roadmaps.items()})


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True, slots=True)
class Progress:
    """Counts for a set of items; skipped items leave the denominator."""

    done: int = 0
    in_progress: int = 0
    skipped: int = 0
    todo: int = 0

    @property
    def total(self) -> int:
        """Items that count: everything not skipped."""
        return self.done + self.in_progress + self.todo

    @property
    def percent(self) -> int:
        """Whole percent done, rounded down so 99.9% never shows as 100%."""
        return self.done * 100 // self.total if self.total else 0

    @property
    def status(self) -> Status:
        """The derived status of a group: never stored, always computed from its items."""
        if self.total == 0:
            return Status.SKIPPED if self.skipped else Status.TODO
        if self.done == self.total:
            return Status.DONE
        if self.done or self.in_progress:
            return Status.IN_PROGRESS
        return Status.TODO

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.done + other.done,
            self.in_progress + other.in_progress,
            self.skipped + other.skipped,
            self.todo + other.todo,
        )


def progress_of(item_ids: Iterable[str], state: RoadmapState) -> Progress:
    """Progress over any set of items."""
    counts = dict.fromkeys(Status, 0)
    items = state.items
    for item_id in item_ids:
        found = items.get(item_id)
        counts[found.status if found else Status.TODO] += 1
    return Progress(
        counts[Status.DONE], counts[Status.IN_PROGRESS], counts[Status.SKIPPED], counts[Status.TODO]
    )


def group_progress(group: Group, state: RoadmapState) -> Progress:
    return progress_of((item.id for item in group.items), state)


def section_progress(roadmap: Roadmap, section: Section, state: RoadmapState) -> Progress:
    return progress_of(
        (item.id for group in roadmap.groups(section) for item in group.items), state
    )


def overall_progress(roadmap: Roadmap, state: RoadmapState) -> Progress:
    """Progress over every tickable item of the roadmap."""
    return progress_of(roadmap.item_ids(), state)


def completed_on(group: Group, state: RoadmapState) -> datetime | None:
    """When a done group was finished: the latest change among its items."""
    if group_progress(group, state).status is not Status.DONE:
        return None
    stamps = [state.items[i.id].changed for i in group.items if i.id in state.items]
    known = [s for s in stamps if s is not None]
    return max(known) if known else None


# --------------------------------------------------------------------------- text rules


class TextError(ValueError):
    """User text that cannot be stored as it is; the message says why."""


def clean_note(text: str) -> str:
    """Normalise a note for storage: LF line ends, no lone surrogates, at most 64 KiB."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_encodable(text, "note")
    size = len(text.encode("utf-8"))
    if size > NOTE_LIMIT:
        raise TextError(f"note is {size:,} bytes; the limit is {NOTE_LIMIT:,} (64 KiB)")
    return text


def check_encodable(text: str, what: str) -> None:
    """Refuse text that cannot be written as UTF-8 (lone surrogates from broken input)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TextError(
            f"{what} contains an invalid character (lone surrogate U+{ord(text[exc.start]):04X} "
            f"at position {exc.start}); it cannot be saved as UTF-8"
        ) from None


_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace terminal control characters (C0, DEL, C1, bidi overrides) with visible marks.

    User text must never drive the terminal: ESC could move the cursor, a bidi override could
    make a line read backwards. Control pictures (U+2400 block) keep the text inspectable.
    """
    if text.isprintable() and not (_BIDI & set(text)):
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0 or ch in _BIDI or unicodedata.category(ch) == "Cc":
            out.append(f"<U+{code:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def slugify(text: str) -> str:
    """A kebab-case id from a title, for new projects."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:48].strip("-") or "project"


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


# --------------------------------------------------------------------------- edits and undo


@dataclass(frozen=True, slots=True)
class ItemEdit:
    """A change to one item's record; reverting swaps before and after."""

    item: str
    before: ItemState | None
    after: ItemState | None

    def inverse(self) -> ItemEdit:
        return ItemEdit(self.item, self.after, self.before)


@dataclass(frozen=True, slots=True)
class ProjectEdit:
    """A project added (before None), removed (after None) or changed."""

    project: str
    before: Project | None
    after: Project | None

    def inverse(self) -> ProjectEdit:
        return ProjectEdit(self.project, self.after, self.before)


Edit = ItemEdit | ProjectEdit


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
    elif edit.after is None:
        state.projects.pop(edit.project, None)
    else:
        state.projects[edit.project] = edit.after


def mark(state: RoadmapState, item_id: str, status: Status, now: datetime) -> ItemEdit | None:
    """Set an item's status; None when it already had it (nothing to save or undo)."""
    before = state.items.get(item_id)
    if (before.status if before else Status.TODO) is status:
        return None
    after = replace(before or ItemState(), status=status, changed=now)
    edit = ItemEdit(item_id, before, after)
    apply_edit(state, edit, now)
    return edit


def toggle_done(state: RoadmapState, item_id: str, now: datetime) -> ItemEdit | None:
    """Space bar semantics: done becomes todo, anything else becomes done."""
    target = Status.TODO if state.status(item_id) is Status.DONE else Status.DONE
    return mark(state, item_id, target, now)


def set_note(state: RoadmapState, item_id: str, text: str, now: datetime) -> ItemEdit | None:
    """Replace an item's note (empty clears it); the text is cleaned first."""
    text = clean_note(text)
    before = state.items.get(item_id)
    if (before.note if before else "") == text:
        return None
    after: ItemState | None = replace(before or ItemState(), note=text, changed=now)
    if after == ItemState(changed=now):
        after = None  # a cleared note on an untouched item leaves no record behind
    edit = ItemEdit(item_id, before, after)
    apply_edit(state, edit, now)
    return edit


def put_project(state: RoadmapState, project: Project, now: datetime) -> ProjectEdit | None:
    """Add or replace a project after checking its text can be stored."""
    for name in ("title", "summary", "notes"):
        check_encodable(getattr(project, name), f"project {name}")
    if not project.title.strip():
        raise TextError("a project needs a title")
    project = replace(project, notes=clean_note(project.notes))
    before = state.projects.get(project.id)
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
    """Ids the user has a record for that the template no longer has: kept, never deleted."""
    return sorted(i for i in state.items if roadmap.item(i) is None)


def follow_renames(roadmap: Roadmap, state: RoadmapState) -> list[tuple[str, str]]:
    """Move records of renamed items (`replaces = [old]`) to their new id.

    A record already under the new id wins; the old one then stays archived, never lost.
    """
    moved: list[tuple[str, str]] = []
    for old_id in list(state.items):
        new_id = roadmap.renamed(old_id)
        if new_id is None or roadmap.item(old_id) is not None or new_id in state.items:
            continue
        state.items[new_id] = state.items.pop(old_id)
        for name, project in list(state.projects.items()):
            if old_id in project.skills or old_id in project.milestones:
                state.projects[name] = replace(
                    project,
                    skills=tuple(new_id if s == old_id else s for s in project.skills),
                    milestones=tuple(new_id if m == old_id else m for m in project.milestones),
                )
        moved.append((old_id, new_id))
    if moved:
        renames = dict(moved)
        state.history[:] = [
            replace(c, item=renames.get(c.item, c.item)) for c in state.history
        ]
    return moved


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest id, for `unknown item 'x' (did you mean 'y'?)`."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
