"""Proof, not claims: which skills the user's projects prove, and where claims and ticks differ.

Four answers from the same records: done and in-progress skills with the projects that prove
them; done skills no project shows ("unproven"); skills a project lists that are not ticked
("claimed"); milestones a project serves that are still open. Pure: model values in and out.
"""

from __future__ import annotations

from typing import NamedTuple

from roadmap.model import Roadmap, RoadmapState, Status


class Proof(NamedTuple):
    """One skill or milestone and the projects that list it."""

    id: str
    title: str
    status: Status
    projects: tuple[str, ...]
    """Project ids, in the order the user added the projects."""


class Evidence(NamedTuple):
    """The evidence view: every list in roadmap order."""

    skills: tuple[Proof, ...]
    """Done and in-progress skills, each with its projects (possibly none)."""
    unproven: tuple[Proof, ...]
    """Done skills with no project."""
    claimed: tuple[Proof, ...]
    """Skills a project lists that are not done: tick them, or drop them from the project."""
    milestones: tuple[Proof, ...]
    """Milestones a project serves that are not done."""

    @property
    def proven(self) -> int:
        return sum(1 for p in self.skills if p.status is Status.DONE and p.projects)

    def counts(self) -> dict[str, int]:
        """The numbers the view's header and `evidence --json` show."""
        return {"proven": self.proven, "unproven": len(self.unproven),
                "in_progress": sum(1 for p in self.skills if p.status is Status.IN_PROGRESS),
                "claimed": len(self.claimed), "milestones": len(self.milestones)}


def projects_by(state: RoadmapState, field: str) -> dict[str, tuple[str, ...]]:
    """The ids of the projects listing each item in `field` ("skills" or "milestones")."""
    out: dict[str, list[str]] = {}
    for project in state.projects.values():
        for item_id in dict.fromkeys(getattr(project, field)):
            out.setdefault(item_id, []).append(project.id)
    return {k: tuple(v) for k, v in out.items()}


def evidence(roadmap: Roadmap, state: RoadmapState) -> Evidence:
    """The evidence view of a roadmap; ids the roadmap no longer has are left out."""
    by_skill = projects_by(state, "skills")
    by_milestone = projects_by(state, "milestones")
    skills: list[Proof] = []
    unproven: list[Proof] = []
    claimed: list[Proof] = []
    for group in roadmap.skill_groups:
        for item in group.items:
            status = state.status(item.id)
            projects = by_skill.get(item.id, ())
            proof = Proof(item.id, item.title, status, projects)
            if status in (Status.DONE, Status.IN_PROGRESS):
                skills.append(proof)
            if status is Status.DONE and not projects:
                unproven.append(proof)
            elif status is not Status.DONE and projects:
                claimed.append(proof)
    milestones = [
        Proof(item.id, item.title, state.status(item.id), by_milestone[item.id])
        for step in roadmap.steps for item in step.items
        if item.id in by_milestone and state.status(item.id) is not Status.DONE
    ]
    return Evidence(tuple(skills), tuple(unproven), tuple(claimed), tuple(milestones))


def evidence_json(roadmap: Roadmap, found: Evidence) -> dict[str, object]:
    """`roadmap evidence --json` (schema 1)."""

    def entry(p: Proof) -> dict[str, object]:
        return {"id": p.id, "title": p.title, "status": str(p.status),
                "projects": list(p.projects)}

    return {"schema": 1, "roadmap": roadmap.id, "counts": found.counts(),
            "skills": [entry(p) for p in found.skills],
            "unproven": [entry(p) for p in found.unproven],
            "claimed": [entry(p) for p in found.claimed],
            "milestones": [entry(p) for p in found.milestones]}
