"""The export for employers: projects first, then skills with the projects that prove them.

What a hiring manager reads, not what a learner tracks: no roadmap percentage, no steps not
started, no milestone wording. Given a job posting, the skills and projects it asks for come
first. Built on the portfolio view-model, so links, escaping and dates follow the same rules
as every other export; user text is escaped by each format here as it is there.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from roadmap.config import Profile
from roadmap.export.html import _project, esc, page_head, profile_header, skill_groups
from roadmap.export.jsonout import (
    EXPORT_SCHEMA_VERSION,
    _dump,
    profile_json,
    project_json,
    skill_groups_json,
    to_json_resume,
)
from roadmap.export.markdown import _project as _md_project
from roadmap.export.markdown import md, profile_lines, skill_line
from roadmap.export.portfolio import (
    Portfolio,
    ProjectView,
    SkillGroupView,
    SkillView,
    StepView,
    build_portfolio,
)
from roadmap.insights.posting import match_posting
from roadmap.model import Roadmap, RoadmapState, Status


def build_employer(roadmap: Roadmap, state: RoadmapState, profile: Profile, *,
                   posting: str | None = None, include_notes: bool = False,
                   stamp: datetime | date | str | None = None) -> Portfolio:
    """The portfolio as an employer reads it; `posting` (its text) orders what it asks for
    first. Steps not started, readiness checks and milestone links are left out."""
    p = build_portfolio(roadmap, state, profile, include_notes=include_notes, stamp=stamp)
    asked: dict[str, int] = {}
    if posting is not None:
        for n, skill in enumerate(match_posting(posting, roadmap, state).skills):
            asked[skill.id] = n

    def skill_rank(s: SkillView) -> tuple[int, int]:
        """Asked for first (in the posting's order), then proven, done, learning."""
        proof = 0 if s.evidence and s.status is Status.DONE else 1 if s.status is Status.DONE \
            else 2
        return (asked.get(s.id, len(asked)), proof)

    groups = [SkillGroupView(g.id, g.title, tuple(sorted(g.skills, key=skill_rank)))
              for g in p.skills]
    groups.sort(key=lambda g: -sum(1 for s in g.skills if s.id in asked))

    def project_rank(pr: ProjectView) -> int:
        return -sum(1 for s in pr.skills if s.id in asked)

    projects = sorted((dataclasses.replace(pr, milestones=()) for pr in p.projects),
                      key=project_rank)
    steps = tuple(s for s in p.steps if s.status in (Status.DONE, Status.IN_PROGRESS))
    return dataclasses.replace(p, skills=tuple(groups), projects=tuple(projects), steps=steps,
                               readiness=())


def _training_label(step: StepView) -> str:
    if step.status is Status.DONE:
        return f"completed {step.completed.isoformat()}" if step.completed else "completed"
    return "in progress"


# --------------------------------------------------------------------------- Markdown


def employer_markdown(p: Portfolio) -> str:
    out = profile_lines(p.profile)
    if p.projects:
        out += ["## Projects", ""]
        for project in p.projects:
            out += _md_project(project)
    if p.skills:
        out += ["## Skills", ""]
        for group in p.skills:
            out += [f"### {md(group.title)}", ""]
            out += [skill_line(skill, "*(learning)*") for skill in group.skills]
            out.append("")
    if p.steps:
        out += ["## Training", ""]
        out += [f"- {md(s.title)} — {_training_label(s)}" for s in p.steps]
        out.append("")
    if p.generated:
        out += ["---", "", f"*Generated {md(p.generated)}.*"]
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML


def employer_html(p: Portfolio) -> str:
    prof = p.profile
    out = page_head(f"{prof.name} — portfolio" if prof.name else "Portfolio")
    out += profile_header(prof)
    if p.projects:
        out.append('<section aria-labelledby="projects"><h2 id="projects">Projects</h2>'
                   '<div class="projects">')
        out += [_project(project) for project in p.projects]
        out.append("</div></section>")
    if p.skills:
        out.append('<section aria-labelledby="skills"><h2 id="skills">Skills</h2>')
        out += skill_groups(p.skills)
        out.append("</section>")
    if p.steps:
        out.append('<section aria-labelledby="training"><h2 id="training">Training</h2><ul>'
                   + "".join(f"<li>{esc(s.title)} <span class=\"muted\">"
                             f"{esc(_training_label(s))}</span></li>" for s in p.steps)
                   + "</ul></section>")
    if p.generated:
        out.append(f"<footer>Generated {esc(p.generated)}.</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- JSON


def employer_json(p: Portfolio) -> str:
    """`{"schema": 1, "for": "employer", ...}`: the export's shape without roadmap progress,
    milestones or readiness; `training` holds the steps done or in progress."""
    data: dict[str, Any] = {"schema": EXPORT_SCHEMA_VERSION, "for": "employer"}
    if p.generated:
        data["generated"] = p.generated
    data["profile"] = profile_json(p.profile)
    data["projects"] = [project_json(pr, milestones=False) for pr in p.projects]
    data["skills"] = skill_groups_json(p.skills)
    data["training"] = [
        {"id": s.id, "title": s.title, "status": str(s.status)}
        | ({"completed": s.completed.isoformat()} if s.completed else {})
        for s in p.steps]
    return _dump(data)


def employer_json_resume(p: Portfolio) -> str:
    """JSON Resume from the employer view: `skills[].keywords` lead with the skills projects
    prove, `projects[].keywords` are the skills each project shows; no milestone text."""
    return to_json_resume(p)


EMPLOYER_RENDERERS = {"markdown": employer_markdown, "html": employer_html,
                      "json": employer_json, "json-resume": employer_json_resume}
