"""JSON exports: our own versioned schema, and the JSON Resume standard's sections.

`to_json` carries everything the other formats show, with ids, for scripts and sites;
`EXPORT_SCHEMA` documents it (JSON Schema draft 2020-12) and bumps `schema` on any breaking
change. `to_json_resume` fills `basics`, `skills` and `projects` as jsonresume.org
defines them, so themes and tools of that ecosystem can render the result.
"""

from __future__ import annotations

from typing import Any

from roadmap import config
from roadmap.export.portfolio import (
    Counts,
    Portfolio,
    ProfileView,
    ProjectView,
    Ref,
    SkillGroupView,
)
from roadmap.model import Status, json_text

EXPORT_SCHEMA_VERSION = 1
JSON_RESUME_SCHEMA = (
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
)


def _dump(data: Any) -> str:
    """Stable text: keys in our order, two-space indent, UTF-8 kept readable, final newline."""
    return json_text(data) + "\n"


def _counts(c: Counts) -> dict[str, int]:
    return {"done": c.done, "in_progress": c.in_progress, "todo": c.todo,
            "skipped": c.skipped, "total": c.total, "percent": c.percent}


def _ref(r: Ref) -> dict[str, str]:
    return {"id": r.id, "title": r.title}


def profile_json(prof: ProfileView) -> dict[str, Any]:
    profile: dict[str, Any] = {}
    for key in ("name", "headline", "summary", "location", "email"):
        if getattr(prof, key):
            profile[key] = getattr(prof, key)
    if prof.links:
        profile["links"] = [{"key": link.key, "label": link.label, "url": link.url}
                            for link in prof.links]
    return profile


def skill_groups_json(groups: tuple[SkillGroupView, ...]) -> list[dict[str, Any]]:
    return [
        {"id": g.id, "title": g.title, "skills": [
            {"id": s.id, "title": s.title, "status": str(s.status),
             "evidence": [_ref(e) for e in s.evidence]} | ({"note": s.note} if s.note else {})
            for s in g.skills]}
        for g in groups
    ]


def project_json(pr: ProjectView, *, milestones: bool = True) -> dict[str, Any]:
    """A project; `milestones=False` leaves out the roadmap's wording (the employer export)."""
    project: dict[str, Any] = {"id": pr.id, "title": pr.title,
                               "urls": [link.url for link in pr.links]}
    if pr.summary:
        project["summary"] = pr.summary
    project["skills"] = [_ref(s) for s in pr.skills]
    if milestones:
        project["milestones"] = [_ref(m) for m in pr.milestones]
    if pr.started:
        project["started"] = pr.started.isoformat()
    if pr.finished:
        project["finished"] = pr.finished.isoformat()
    if pr.notes:
        project["notes"] = pr.notes
    return project


def to_json(p: Portfolio) -> str:
    """The portfolio in schema 1 (see EXPORT_SCHEMA); optional fields are left out when empty."""
    data: dict[str, Any] = {"schema": EXPORT_SCHEMA_VERSION}
    if p.generated:
        data["generated"] = p.generated
    data["roadmap"] = _ref(p.roadmap)
    data["profile"] = profile_json(p.profile)
    data["progress"] = _counts(p.overall)
    steps = []
    for s in p.steps:
        step: dict[str, Any] = {"number": s.number, "id": s.id, "title": s.title,
                                "status": str(s.status), "progress": _counts(s.counts)}
        if s.completed:
            step["completed"] = s.completed.isoformat()
        steps.append(step)
    data["steps"] = steps
    data["skills"] = skill_groups_json(p.skills)
    data["projects"] = [project_json(pr) for pr in p.projects]
    data["readiness"] = [
        {"id": r.id, "title": r.title, "total": r.total, "done": [_ref(d) for d in r.done]}
        for r in p.readiness
    ]
    return _dump(data)


def to_json_resume(p: Portfolio) -> str:
    """`basics`, `skills` and `projects` of a JSON Resume (schema v1.0.0), plus `meta`.

    Skills done become one entry per checklist group; skills still being learned get their
    own entry per group with `level: "Learning"`, so nothing is claimed as mastered early.
    """
    prof = p.profile
    basics: dict[str, Any] = {}
    if prof.name:
        basics["name"] = prof.name
    if prof.headline:
        basics["label"] = prof.headline
    if prof.email:
        basics["email"] = prof.email
    website = next((link for link in prof.links if link.key == "website"), None)
    if website:
        basics["url"] = website.url
    if prof.summary:
        basics["summary"] = prof.summary
    if prof.location:
        basics["location"] = {"city": prof.location}
    profiles = [
        {"network": link.label, "username": config.account_name(link.key, link.url),
         "url": link.url}
        for link in prof.links if link.key != "website"
    ]
    if profiles:
        basics["profiles"] = profiles

    skills: list[dict[str, Any]] = []
    for group in p.skills:
        done = [s.title for s in group.skills if s.status is Status.DONE]
        learning = [s.title for s in group.skills if s.status is Status.IN_PROGRESS]
        if done:
            skills.append({"name": group.title, "keywords": done})
        if learning:
            skills.append({"name": f"{group.title} (learning)", "level": "Learning",
                           "keywords": learning})

    projects: list[dict[str, Any]] = []
    for pr in p.projects:
        project: dict[str, Any] = {"name": pr.title}
        description = "\n\n".join(t for t in (pr.summary, pr.notes) if t)
        if description:
            project["description"] = description
        web = [link for link in pr.links if link.url.startswith(("http://", "https://"))]
        highlights = [m.title for m in pr.milestones]
        highlights += [f"Also at {link.url}" for link in pr.links if web[:1] != [link]]
        if highlights:
            project["highlights"] = highlights
        if pr.skills:
            project["keywords"] = [s.title for s in pr.skills]
        if pr.started:
            project["startDate"] = pr.started.isoformat()
        if pr.finished:
            project["endDate"] = pr.finished.isoformat()
        if web:
            project["url"] = web[0].url
        projects.append(project)

    meta: dict[str, Any] = {"version": "v1.0.0"}
    if p.generated:
        meta["lastModified"] = p.generated
    return _dump({"$schema": JSON_RESUME_SCHEMA, "basics": basics, "skills": skills,
                  "projects": projects, "meta": meta})


# --------------------------------------------------------------------------- schema 1

_ISO_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string", "minLength": 1}
_REF = {"type": "object", "additionalProperties": False, "required": ["id", "title"],
        "properties": {"id": {"type": "string"}, "title": _TEXT}}
_COUNTS = {
    "type": "object", "additionalProperties": False,
    "required": ["done", "in_progress", "todo", "skipped", "total", "percent"],
    "properties": {k: {"type": "integer", "minimum": 0}
                   for k in ("done", "in_progress", "todo", "skipped", "total")}
    | {"percent": {"type": "integer", "minimum": 0, "maximum": 100}},
}
_STATUS = {"enum": [str(s) for s in Status]}

EXPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:roadmap:export:schema:1",
    "title": "roadmap portfolio export",
    "description": "`roadmap export --format json`. Optional fields are absent when empty; "
                   "lists keep the order the other formats show.",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "roadmap", "profile", "progress", "steps", "skills", "projects",
                 "readiness"],
    "properties": {
        "schema": {"const": EXPORT_SCHEMA_VERSION},
        "generated": {"type": "string", "description": "only with --stamp: ISO 8601 time"},
        "roadmap": _REF,
        "profile": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "name": _TEXT, "headline": _TEXT, "summary": _TEXT, "location": _TEXT,
                "email": _TEXT,
                "links": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["key", "label", "url"],
                    "properties": {"key": {"enum": [k.key for k in config.KEYS
                                                    if k.kind in ("url", "account")]},
                                   "label": _TEXT,
                                   "url": {"type": "string", "pattern": "^https?://"}}}},
            },
        },
        "progress": _COUNTS,
        "steps": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["number", "id", "title", "status", "progress"],
            "properties": {"number": {"type": "integer", "minimum": 1}, "id": {"type": "string"},
                           "title": _TEXT, "status": _STATUS, "progress": _COUNTS,
                           "completed": _ISO_DATE}}},
        "skills": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "skills"],
            "properties": {"id": {"type": "string"}, "title": _TEXT, "skills": {
                "type": "array", "minItems": 1, "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["id", "title", "status", "evidence"],
                    "properties": {"id": {"type": "string"}, "title": _TEXT,
                                   "status": {"enum": ["done", "in-progress"]},
                                   "evidence": {"type": "array", "items": _REF},
                                   "note": _TEXT}}}}}},
        "projects": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "urls", "skills", "milestones"],
            "properties": {"id": {"type": "string"}, "title": _TEXT,
                           "urls": {"type": "array", "items": {
                               "type": "string", "pattern": "^(https?|mailto):"}},
                           "summary": _TEXT, "skills": {"type": "array", "items": _REF},
                           "milestones": {"type": "array", "items": _REF},
                           "started": _ISO_DATE, "finished": _ISO_DATE, "notes": _TEXT}}},
        "readiness": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "total", "done"],
            "properties": {"id": {"type": "string"}, "title": _TEXT,
                           "total": {"type": "integer", "minimum": 0},
                           "done": {"type": "array", "items": _REF}}}},
    },
}


def schema_text() -> str:
    """EXPORT_SCHEMA as JSON, for `roadmap export --schema` and the README."""
    return _dump(EXPORT_SCHEMA)
