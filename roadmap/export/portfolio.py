"""The portfolio as one immutable view-model, built once and shared by every renderer.

All decisions about *what* a reader sees (which skills count, which links are safe, what
order things come in, which dates) live here, so the four formats cannot disagree and the
renderers only decide *how* it looks. User text is kept raw here; each renderer escapes it
for its own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from roadmap import config, model
from roadmap.config import Profile
from roadmap.model import Project, Roadmap, RoadmapState, Status


@dataclass(frozen=True, slots=True)
class Link:
    """A link we are willing to make clickable: its scheme is http, https or mailto."""

    label: str
    url: str
    key: str = ""

    @property
    def display(self) -> str:
        """The URL as a person would write it: no scheme, no trailing slash."""
        text = self.url.split(":", 1)[1] if self.url.startswith("mailto:") else self.url
        text = text.split("://", 1)[-1].removeprefix("www.")
        return text.rstrip("/") or text


@dataclass(frozen=True, slots=True)
class Ref:
    """Another entry in the portfolio by id and title (a skill, milestone or project)."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class ProfileView:
    name: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    email: str = ""
    links: tuple[Link, ...] = ()

    @property
    def contact(self) -> tuple[Link, ...]:
        """Email first (as a mailto link), then the web links in the documented order."""
        mail = (Link("Email", f"mailto:{self.email}", "email"),) if self.email else ()
        return mail + self.links


@dataclass(frozen=True, slots=True)
class Counts:
    """Progress numbers as the reader sees them; skipped items are out of the total."""

    done: int
    in_progress: int
    todo: int
    skipped: int
    total: int
    percent: int

    @classmethod
    def of(cls, progress: model.Progress) -> Counts:
        return cls(progress.done, progress.in_progress, progress.todo, progress.skipped,
                   progress.total, progress.percent)


@dataclass(frozen=True, slots=True)
class StepView:
    number: int
    id: str
    title: str
    status: Status
    counts: Counts
    completed: date | None


@dataclass(frozen=True, slots=True)
class SkillView:
    id: str
    title: str
    status: Status  # DONE or IN_PROGRESS: nothing else is shown
    evidence: tuple[Ref, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class SkillGroupView:
    id: str
    title: str
    skills: tuple[SkillView, ...]


@dataclass(frozen=True, slots=True)
class ProjectView:
    id: str
    title: str
    links: tuple[Link, ...]
    summary: str
    skills: tuple[Ref, ...]
    milestones: tuple[Ref, ...]
    started: date | None
    finished: date | None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ReadinessView:
    id: str
    title: str
    done: tuple[Ref, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Portfolio:
    """Everything an export shows, in the order it shows it."""

    roadmap: Ref
    profile: ProfileView
    overall: Counts
    steps_done: int
    steps: tuple[StepView, ...]
    skills: tuple[SkillGroupView, ...]
    skill_counts: Counts
    projects: tuple[ProjectView, ...]
    readiness: tuple[ReadinessView, ...]
    include_notes: bool = False
    generated: str = ""

    @property
    def skills_done(self) -> int:
        return sum(1 for g in self.skills for s in g.skills if s.status is Status.DONE)

    @property
    def skills_in_progress(self) -> int:
        return sum(1 for g in self.skills for s in g.skills if s.status is Status.IN_PROGRESS)


# --------------------------------------------------------------------------- building


def build_profile(profile: Profile) -> ProfileView:
    """The profile with unsafe links dropped; empty fields stay empty and are left out later."""
    links = []
    for info in config.KEYS:
        if info.kind not in ("url", "account"):
            continue
        url = model.safe_link(getattr(profile, info.key))
        if url is not None and not url.startswith("mailto:"):
            links.append(Link(info.label, url, info.key))
    email = profile.email.strip()
    if email and not config.is_email(email):
        email = ""
    return ProfileView(
        name=_line(profile.name), headline=_line(profile.headline),
        summary=_block(profile.summary), location=_line(profile.location), email=email,
        links=tuple(links),
    )


def _line(text: str) -> str:
    """One line of user text: whitespace runs (newlines included) become one space, and
    control characters become visible marks, so no format can carry a raw ESC."""
    return model.visible(" ".join(text.split()), keep_newlines=False)


def _block(text: str) -> str:
    """Multi-line user text: LF line ends, trailing spaces and outer blank lines gone."""
    text = model.visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _when(stamp: datetime | date | None) -> date | None:
    if isinstance(stamp, datetime):
        return stamp.date()
    return stamp


def _project_order(project: Project) -> tuple[int, int, str, str]:
    """Ongoing first, then most recently finished, then undated: the order a CV uses."""
    ongoing = project.started is not None and project.finished is None
    latest = project.finished or project.started
    rank = 0 if ongoing else 1 if latest else 2
    return (rank, -(latest.toordinal() if latest else 0), project.title.casefold(), project.id)


def build_portfolio(
    roadmap: Roadmap,
    state: RoadmapState,
    profile: Profile,
    *,
    include_notes: bool = False,
    stamp: datetime | date | str | None = None,
) -> Portfolio:
    """Decide what the portfolio says: only what the user's data supports, in a stable order."""
    skill_ids = set(roadmap.skill_ids())
    milestone_ids = set(roadmap.milestone_ids())

    def refs(ids: tuple[str, ...], allowed: set[str]) -> tuple[Ref, ...]:
        seen: dict[str, Ref] = {}
        for item_id in ids:
            item = roadmap.item(item_id)
            if item is not None and item_id in allowed and item_id not in seen:
                seen[item_id] = Ref(item_id, _line(item.title))
        return tuple(seen.values())

    projects = sorted(state.projects.values(), key=_project_order)
    project_views = tuple(
        ProjectView(
            id=p.id,
            title=_line(p.title) or p.id,
            links=tuple(Link(Link("", u).display, u) for u in _unique_safe(p.urls)),
            summary=_block(p.summary),
            skills=refs(p.skills, skill_ids),
            milestones=refs(p.milestones, milestone_ids),
            started=p.started,
            finished=p.finished,
            notes=_block(p.notes) if include_notes else "",
        )
        for p in projects
    )

    evidence: dict[str, list[Ref]] = {}
    for view in project_views:
        for skill in view.skills:
            evidence.setdefault(skill.id, []).append(Ref(view.id, view.title))

    shown = (Status.DONE, Status.IN_PROGRESS)
    groups = []
    for group in roadmap.skill_groups:
        skills = tuple(
            SkillView(
                item.id, _line(item.title), state.status(item.id),
                tuple(evidence.get(item.id, ())),
                _block(state.get(item.id).note) if include_notes else "",
            )
            for item in group.items
            if state.status(item.id) in shown
        )
        if skills:
            groups.append(SkillGroupView(group.id, _line(group.title), skills))

    steps = tuple(
        StepView(
            number, step.id, _line(step.title), progress.status, Counts.of(progress),
            _when(model.completed_on(step, state)),
        )
        for number, step in enumerate(roadmap.steps, start=1)
        for progress in (model.group_progress(step, state),)
    )
    readiness = tuple(
        ReadinessView(
            group.id, _line(group.title),
            tuple(Ref(i.id, _line(i.title)) for i in group.items
                  if state.status(i.id) is Status.DONE),
            model.group_progress(group, state).total,
        )
        for group in roadmap.readiness
    )
    if isinstance(stamp, datetime):
        generated = stamp.replace(microsecond=0).isoformat()
    elif isinstance(stamp, date):
        generated = stamp.isoformat()
    else:
        generated = stamp or ""
    return Portfolio(
        roadmap=Ref(roadmap.id, _line(roadmap.title)),
        profile=build_profile(profile),
        overall=Counts.of(model.overall_progress(roadmap, state)),
        steps_done=sum(1 for s in steps if s.status is Status.DONE),
        steps=steps,
        skills=tuple(groups),
        skill_counts=Counts.of(model.section_progress(roadmap, model.Section.SKILLS, state)),
        projects=project_views,
        readiness=readiness,
        include_notes=include_notes,
        generated=generated,
    )


def _unique_safe(urls: tuple[str, ...]) -> list[str]:
    """The project's safe links, first occurrence kept; unsafe ones are dropped, not shown."""
    out: list[str] = []
    for url in urls:
        safe = model.safe_link(url)
        if safe is not None and safe not in out:
            out.append(safe)
    return out


def date_range(started: date | None, finished: date | None) -> str:
    """Project dates as a CV shows them: ISO dates, an open end reads "present"."""
    if started and finished:
        return f"{started.isoformat()} – {finished.isoformat()}"
    if started:
        return f"{started.isoformat()} – present"
    if finished:
        return f"finished {finished.isoformat()}"
    return ""
