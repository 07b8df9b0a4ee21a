"""What a portfolio project may hold: the one check the CLI and the project form both call.

The front ends pass the raw values the user gave and how they name each field ("--url" on
the command line, "URL" in the form); the rules, and so what is accepted or refused, are the
same for both. Links and skill or milestone ids the project already has are never checked
again: a template that drops an item, or a link rule that tightens, must not block an edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date

from roadmap import model
from roadmap.application.checks import unknown_id
from roadmap.errors import RoadmapError

FIELDS = ("id", "title", "urls", "summary", "skills", "milestones", "started", "finished",
          "notes")
"""The fields of a project, in the order the form shows them (problems are listed so)."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NEXT_LINK = re.compile(r"\s*,\s*(?=[A-Za-z][A-Za-z0-9+.-]*:)|\s*[\r\n]+\s*")
"""Where one link ends and the next begins: a line break, or a comma followed by a scheme
(`https://a.example, mailto:me@b.example`); a comma inside a link (`@52.5,13.4,15z`) stays."""


class ProjectError(RoadmapError):
    """Values that do not make a project; `problems` lists (field, message), in FIELDS order.

    Shown as its first problem (a command prints one line); the form marks every field.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = sorted(problems, key=lambda p: FIELDS.index(p[0]))
        super().__init__(self.problems[0][1])

    @property
    def field(self) -> str:
        return self.problems[0][0]


def split_links(text: str) -> list[str]:
    """The links in a text holding several: one per line, or separated by commas."""
    return [part.strip() for part in _NEXT_LINK.split(text) if part.strip()]


def parse_date(text: str | date | None, label: str) -> date | None:
    """YYYY-MM-DD (a date passes through, empty text is no date); ValueError otherwise."""
    if text is None or isinstance(text, date):
        return text
    text = text.strip()
    if not text:
        return None
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        shown = model.visible(text, keep_newlines=False)
        raise ValueError(f"{label} '{shown}' is not a date; use YYYY-MM-DD") from None


def build_project(
    roadmap: model.Roadmap,
    taken: Collection[str],
    existing: model.Project | None,
    *,
    title: str,
    urls: str | Iterable[str] = (),
    summary: str = "",
    notes: str = "",
    skills: Iterable[str] = (),
    milestones: Iterable[str] = (),
    started: str | date | None = None,
    finished: str | date | None = None,
    project_id: str | None = None,
    labels: Mapping[str, str] | None = None,
    today: date | None = None,
) -> model.Project:
    """The project these values describe, or ProjectError naming every field that is wrong.

    `taken` holds the ids of the projects there are; a new project's id is `project_id` or
    made from the title (`house-prices`, then `house-prices-2`). `urls` is text with several
    links or a list (each item may hold several). Dates are YYYY-MM-DD, empty for none.
    `labels` says how this front end names each field in messages. A project cannot have
    finished after `today` (the local date by default); one starting later is allowed (a
    plan), and `future_start` words the warning the front ends show for it.
    """
    label = {**{f: f for f in FIELDS}, **(labels or {})}
    problems: list[tuple[str, str]] = []

    def refuse(field: str, message: str) -> None:
        problems.append((field, message))

    title = title.strip()
    try:
        model.check_line(title, label["title"])
    except model.TextError as exc:
        refuse("title", str(exc))
    if not title:
        refuse("title", f"{label['title']} is required")
    elif len(title) > model.TITLE_LIMIT:
        refuse("title", f"{label['title']} is {len(title):,} characters; the limit is "
               f"{model.TITLE_LIMIT} (put the rest in the summary)")
    kept = set(existing.urls) if existing is not None else set()
    links: list[str] = []
    for value in [urls] if isinstance(urls, str) else urls:
        for url in [value] if value in kept else split_links(value):
            problem = None if url in kept else model.link_problem(url)
            if problem is not None:
                refuse("urls", f"{label['urls']} '{model.visible(url, keep_newlines=False)}' "
                       f"{problem}")
                break
            links.append(url)
    summary = summary.strip()
    try:
        model.check_encodable(summary, label["summary"])
    except model.TextError as exc:
        refuse("summary", str(exc))
    try:
        notes = model.clean_note(notes, label["notes"])
    except model.TextError as exc:
        refuse("notes", str(exc))
    skill_ids = _ids(skills)
    milestone_ids = _ids(milestones)
    for field, ids, known, what in (("skills", skill_ids, roadmap.skill_ids(), "skill"),
                                    ("milestones", milestone_ids, roadmap.milestone_ids(),
                                     "milestone")):
        had = set(getattr(existing, field)) if existing is not None else set()
        problem = unknown_id([i for i in ids if i not in had], known, what, roadmap)
        if problem is not None:
            refuse(field, problem)
    dates: dict[str, date | None] = {}
    for field, day in (("started", started), ("finished", finished)):
        try:
            dates[field] = parse_date(day, label[field])
        except ValueError as exc:
            refuse(field, str(exc))
    start, finish = dates.get("started"), dates.get("finished")
    today = today or date.today()
    if finish and finish > today:
        refuse("finished", f"{label['finished']} ({finish}) is in the future; leave it empty "
               "while the project is ongoing")
    elif start and finish and finish < start:
        refuse("finished", f"{label['finished']} ({finish}) is before {label['started']} "
               f"({start})")
    new_id = existing.id if existing is not None else _new_id(project_id, title, taken,
                                                              label["id"], refuse)
    if problems:
        raise ProjectError(problems)
    return model.Project(new_id, title, tuple(dict.fromkeys(links)), summary, notes,
                         skill_ids, milestone_ids, start, finish)


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _new_id(project_id: str | None, title: str, taken: Collection[str], label: str,
            refuse: Callable[[str, str], None]) -> str:
    """The id a new project gets: the one given (if it is free and kebab-case), or one
    made from the title that no other project has."""
    if project_id is None:
        return model.unique_id(model.slugify(title), taken)
    if not model.ID_PATTERN.match(project_id):
        refuse("id", f"{label} must be kebab-case like 'house-prices' (got {project_id!r})")
    elif project_id in taken:
        refuse("id", f"a project with id '{project_id}' already exists")
    return project_id


def future_start(project: model.Project, today: date | None = None) -> str | None:
    """The warning for a project that starts after today (allowed: a plan), else None; the
    exports show such a project as ongoing."""
    today = today or date.today()
    if project.started is None or project.started <= today:
        return None
    return (f"project '{model.visible(project.title, keep_newlines=False)}' starts in the "
            f"future ({project.started}); the export shows it as ongoing until then")
