"""ProgressIndex: per-group counts kept between edits must always equal a full recount."""

from __future__ import annotations

from datetime import UTC, datetime

from roadmap import model
from roadmap.model import ItemState, Progress, ProgressIndex, RoadmapState, Section, Status

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def _roadmap() -> model.Roadmap:
    steps = (
        model.Step("s1", "One", items=tuple(model.Milestone(i, i.upper()) for i in "abcd")),
        model.Step("s2", "Two", items=(model.Milestone("e", "E"), model.Milestone("f", "F"))),
    )
    skills = (model.SkillGroup("g", "G", items=(model.Skill("py", "Python"),)),)
    checks = (model.ReadinessGroup("r", "R", items=(model.Check("cv", "CV"),)),)
    return model.Roadmap("r", "R", steps=steps, skill_groups=skills, readiness=checks)


def _counts(p: Progress) -> tuple[int, int, int, int]:
    return p.done, p.in_progress, p.skipped, p.todo


def test_sums_of_groups_match_the_direct_counts() -> None:
    roadmap = _roadmap()
    state = RoadmapState(items={"a": ItemState(Status.DONE), "b": ItemState(Status.SKIPPED),
                                "e": ItemState(Status.IN_PROGRESS), "py": ItemState(Status.DONE),
                                "gone": ItemState(Status.DONE)})  # archived: counts nowhere
    index = ProgressIndex(roadmap, state)
    assert _counts(index.group(roadmap.steps[0])) == (1, 0, 1, 2)
    assert _counts(index.section(Section.STEPS)) == (1, 1, 1, 3)
    assert _counts(index.section(Section.SKILLS)) == (1, 0, 0, 0)
    assert _counts(index.overall()) == (2, 1, 1, 4)
    assert index.overall() == model.overall_progress(roadmap, state)
    for section in Section:
        assert index.section(section) == model.section_progress(roadmap, section, state)


def test_forget_recounts_only_the_touched_groups_and_returns_them() -> None:
    roadmap = _roadmap()
    state = RoadmapState()
    index = ProgressIndex(roadmap, state)
    assert _counts(index.overall()) == (0, 0, 0, 8)
    edits = [model.mark(state, "a", Status.DONE, NOW), model.mark(state, "f", Status.DONE, NOW),
             model.mark(state, "cv", Status.SKIPPED, NOW)]
    assert _counts(index.overall()) == (0, 0, 0, 8)  # not told yet: the kept counts stand
    touched = index.forget(["a", "f", "cv", "a", "not-in-template"])
    assert [g.id for g in touched] == ["s1", "s2", "r"]
    assert _counts(index.overall()) == (2, 0, 1, 5)
    assert index.group(roadmap.readiness[0]).status is Status.SKIPPED
    # undo, as the session does it: the inverse edits, then forget the same items
    for edit in reversed(edits):
        assert edit is not None
        model.apply_edit(state, edit.inverse(), NOW)
    index.forget(["a", "f", "cv"])
    assert _counts(index.overall()) == (0, 0, 0, 8)
    assert index.overall() == model.overall_progress(roadmap, state)


def test_progress_of_counts_items_without_a_record_as_to_do() -> None:
    state = RoadmapState(items={"a": ItemState(Status.DONE), "b": ItemState(Status.TODO),
                                "c": ItemState(Status.IN_PROGRESS)})
    ids = iter(["a", "b", "c", "x", "y"])  # any iterable, read once
    assert _counts(model.progress_of(ids, state)) == (1, 1, 0, 3)
