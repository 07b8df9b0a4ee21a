"""Time each export format on a large portfolio: 10,000 items and 500 projects.

Run: python tests/bench/bench_export.py   (a script, not a test; target < 500 ms per format)
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from roadmap import export
from roadmap.config import Profile
from roadmap.model import (
    Check,
    ItemState,
    Milestone,
    Project,
    ReadinessGroup,
    Roadmap,
    RoadmapState,
    Skill,
    SkillGroup,
    Status,
    Step,
)

ITEMS = 10_000
PROJECTS = 500


def build() -> tuple[Roadmap, RoadmapState, Profile]:
    """7 steps, 50 skill groups and 10 readiness groups sharing 10,000 items."""
    per = ITEMS // 3
    steps = tuple(
        Step(f"step-{s}", f"Step {s}", items=tuple(
            Milestone(f"m-{s}-{i}", f"Milestone {s}.{i} with a realistic length of title")
            for i in range(per // 7)))
        for s in range(7))
    groups = tuple(
        SkillGroup(f"g-{g}", f"Skill group {g}", items=tuple(
            Skill(f"s-{g}-{i}", f"Skill {g}.{i}") for i in range(per // 50)))
        for g in range(50))
    n_checks = ITEMS - sum(len(s.items) for s in steps) - sum(len(g.items) for g in groups)
    readiness = tuple(
        ReadinessGroup(f"r-{r}", f"Readiness {r}", items=tuple(
            Check(f"c-{r}-{i}", f"Check {r}.{i}")
            for i in range(n_checks // 10 + (r < n_checks % 10))))
        for r in range(10))
    roadmap = Roadmap("bench", "Bench roadmap", steps=steps, skill_groups=groups,
                      readiness=readiness)
    assert roadmap.item_count == ITEMS, roadmap.item_count
    at = datetime(2024, 1, 1, tzinfo=UTC)
    ids = roadmap.item_ids()
    statuses = (Status.DONE, Status.DONE, Status.IN_PROGRESS, Status.TODO, Status.SKIPPED)
    items = {i: ItemState(statuses[n % 5], at + timedelta(hours=n), note=f"note {n} " * 5)
             for n, i in enumerate(ids)}
    skills = roadmap.skill_ids()
    milestones = roadmap.milestone_ids()
    projects = {
        f"p-{n}": Project(
            f"p-{n}", f"Project {n} <with> *markup* | pipes",
            urls=(f"https://github.com/me/p{n}", "javascript:alert(1)"),
            summary="A summary paragraph.\nWith two lines & some <html>.",
            notes="Notes " * 20,
            skills=tuple(skills[(n * 7 + k) % len(skills)] for k in range(8)),
            milestones=tuple(milestones[(n * 3 + k) % len(milestones)] for k in range(3)),
            started=date(2023, 1, 1) + timedelta(days=n),
            finished=date(2024, 1, 1) + timedelta(days=n) if n % 3 else None,
        )
        for n in range(PROJECTS)
    }
    profile = Profile(name="Bench Person", headline="ML engineer", email="b@example.com",
                      github="https://github.com/bench")
    return roadmap, RoadmapState(items=items, projects=projects), profile


def main() -> None:
    roadmap, state, profile = build()
    print(f"{roadmap.item_count:,} items, {len(state.projects)} projects, notes included")
    for fmt in export.FORMATS:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            text = export.render(fmt, roadmap, state, profile, include_notes=True)
            times.append((time.perf_counter() - t0) * 1000)
        verdict = "ok" if statistics.median(times) < 500 else "SLOW"
        print(f"{fmt:<12} median {statistics.median(times):7.1f} ms  best {min(times):7.1f} ms  "
              f"{len(text) / 1e6:5.2f} MB  {verdict}")


if __name__ == "__main__":
    main()
