"""The evidence view: what projects prove, what is unproven, claimed or still open."""

from __future__ import annotations

from datetime import UTC, datetime

from roadmap.insights.evidence import evidence, evidence_json
from roadmap.model import (
    ItemState,
    Milestone,
    Project,
    Roadmap,
    RoadmapState,
    Skill,
    SkillGroup,
    Status,
    Step,
)

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_evidence_sorts_skills_into_proven_unproven_claimed_and_open_milestones() -> None:
    roadmap = Roadmap("t", "T", steps=(Step("s", "S", items=(
        Milestone("m1", "Ship a model"), Milestone("m2", "Write it up"),
        Milestone("m3", "Deploy")),),),
        skill_groups=(SkillGroup("g", "G", items=(
            Skill("python", "Python"), Skill("sql", "SQL"), Skill("docker", "Docker"),
            Skill("spark", "Spark"), Skill("stats", "Statistics"))),))
    done, busy = ItemState(Status.DONE, NOW), ItemState(Status.IN_PROGRESS, NOW)
    state = RoadmapState(
        items={"python": done, "sql": done, "spark": busy, "m2": done, "docker":
               ItemState(Status.SKIPPED, NOW)},
        projects={"a": Project("a", "Churn", skills=("python", "docker", "python", "gone"),
                               milestones=("m1", "m2")),
                  "b": Project("b", "Prices", skills=("python", "stats", "spark"),
                               milestones=("m1", "m3"))})
    found = evidence(roadmap, state)
    assert [(p.id, p.status, p.projects) for p in found.skills] == [
        ("python", Status.DONE, ("a", "b")), ("sql", Status.DONE, ()),
        ("spark", Status.IN_PROGRESS, ("b",))]
    assert [p.id for p in found.unproven] == ["sql"]
    assert [(p.id, p.projects) for p in found.claimed] == [
        ("docker", ("a",)), ("spark", ("b",)), ("stats", ("b",))]
    assert [(p.id, p.projects) for p in found.milestones] == [("m1", ("a", "b")),
                                                             ("m3", ("b",))]
    assert found.counts() == {"proven": 1, "unproven": 1, "in_progress": 1, "claimed": 3,
                              "milestones": 2}
    data = evidence_json(roadmap, found)
    assert data["schema"] == 1 and data["roadmap"] == "t"
    assert data["claimed"][0] == {"id": "docker", "title": "Docker", "status": "skipped",
                                  "projects": ["a"]}


def test_an_empty_state_has_no_evidence_and_no_claims() -> None:
    roadmap = Roadmap("t", "T", skill_groups=(SkillGroup("g", "G", items=(
        Skill("python", "Python"),)),))
    found = evidence(roadmap, RoadmapState())
    assert found == ((), (), (), ())
    assert found.counts() == {"proven": 0, "unproven": 0, "in_progress": 0, "claimed": 0,
                              "milestones": 0}
