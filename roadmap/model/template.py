"""The roadmap as written in a template: steps, skills, readiness checks and their ids.

Pure data: nothing here knows about files, TOML or Textual. Values are NamedTuples, not
frozen dataclasses: a frozen dataclass costs ~0.85 ms to define (it execs its generated
methods) and a NamedTuple ~0.1 ms, which is a tenth of the start-up budget across the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Status(StrEnum):
    """Where the user stands on one item."""

    TODO = "todo"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"


GLYPHS: dict[Status, str] = {Status.TODO: "○", Status.IN_PROGRESS: "◐", Status.DONE: "✔",
                             Status.SKIPPED: "⊘"}
"""One shape per status, the same in the app and on the command line, so a status never
depends on colour alone."""


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


class Resource(NamedTuple):
    """A link worth following for an item."""

    name: str
    url: str


class Source(NamedTuple):
    """An article the template was written from."""

    id: str
    title: str
    publisher: str = ""
    author: str = ""
    published: str = ""
    url: str = ""


class Estimate(NamedTuple):
    """How long a step or the whole roadmap takes, in weeks, as the sources put it."""

    min_weeks: int
    max_weeks: int
    basis: str = ""
    """Where the figure comes from, in a line ("about six months for a curriculum")."""


class Item(NamedTuple):
    """Something the user can tick: a milestone, a skill or a job-readiness check.

    One tuple type for all three (NamedTuple subclasses cannot add fields), so `aliases`
    (skills only) and `evidence` (milestones only) are empty on the kinds that lack them."""

    id: str
    title: str
    summary: str = ""
    skills: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other names a skill is written under in job postings, for matching."""
    evidence: str = ""
    """What to show for a milestone, in a line."""


class Milestone(Item):
    """A concrete thing to do within a step."""

    __slots__ = ()


class Skill(Item):
    """A skill, concept, language or tool from the checklist."""

    __slots__ = ()


class Check(Item):
    """A job-readiness check: a responsibility or trait the user can show."""

    __slots__ = ()


class Group(NamedTuple):
    """An ordered set of items whose status is derived from theirs."""

    id: str
    title: str
    summary: str = ""
    items: tuple[Item, ...] = ()
    resources: tuple[Resource, ...] = ()
    sources: tuple[str, ...] = ()
    estimate: Estimate | None = None
    """How long the group takes (steps only), where the sources give a duration."""

    @property
    def section(self) -> Section:
        """Which part of the roadmap the group belongs to (each subclass says)."""
        return Section.STEPS


class Step(Group):
    """One of the roadmap's steps, made of milestones."""

    __slots__ = ()

    @property
    def section(self) -> Section:
        return Section.STEPS

    @property
    def milestones(self) -> tuple[Item, ...]:
        return self.items


class SkillGroup(Group):
    """A heading of the skills checklist."""

    __slots__ = ()

    @property
    def section(self) -> Section:
        return Section.SKILLS

    @property
    def skills(self) -> tuple[Item, ...]:
        return self.items


class ReadinessGroup(Group):
    """A heading of the job-readiness checklist."""

    __slots__ = ()

    @property
    def section(self) -> Section:
        return Section.READINESS


class Roadmap:
    """A whole template: steps, skills checklist and job-readiness checklist.

    A plain class (read-only by convention): it carries lazily built indexes.
    `own_ids` and `base` are set on a roadmap composed with the user's own items
    (roadmap.model.own.with_own): which items are the user's, and the template it was made
    from; class defaults, so a template (and its pickled copy in the cache) has none."""

    own_ids: frozenset[str] = frozenset()
    base: Roadmap | None = None
    names_index: bytes = b""
    """The lexicon of skill names (roadmap.insights.lexicon), pickled, as the parse cache
    keeps it with a large template: a `roadmap gap` then loads it instead of building it."""

    def __init__(self, id: str, title: str, summary: str = "", version: str = "",
                 steps: tuple[Step, ...] = (), skill_groups: tuple[SkillGroup, ...] = (),
                 readiness: tuple[ReadinessGroup, ...] = (), sources: tuple[Source, ...] = (),
                 origin: str = "", estimate: Estimate | None = None) -> None:
        self.id = id
        self.title = title
        self.summary = summary
        self.version = version
        self.steps = steps
        self.skill_groups = skill_groups
        self.readiness = readiness
        self.sources = sources
        self.origin = origin
        self.estimate = estimate

    def __repr__(self) -> str:
        return f"Roadmap({self.id!r}, {self.item_count} items, origin={self.origin!r})"

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

    @cached_property
    def _users(self) -> dict[str, list[Item]]:
        found: dict[str, list[Item]] = {}
        for item in self.items():
            for skill_id in dict.fromkeys(item.skills):  # an item once, however often listed
                found.setdefault(skill_id, []).append(item)
        return found

    def used_by(self, skill_id: str) -> list[Item]:
        """Milestones and checks that exercise a skill, for the details pane: built once,
        it is looked up on every cursor move (scanning 5,000 milestones each time was ~1 ms
        of a key press)."""
        return list(self._users.get(skill_id, ()))

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)
