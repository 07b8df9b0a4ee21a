"""Edits, undo and template renames in the pure model: exact results for the edge cases.

Written against mutants that survived the rest of the suite (README, "Test strength").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from roadmap import model
from roadmap.model import ItemState, Project, RoadmapState, Status
from roadmap.model.state import ItemEdit, ProjectEdit, apply_edit

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"


def test_inverse_swaps_before_and_after() -> None:
    a, b = ItemState(Status.DONE, NOW), ItemState(Status.TODO, NOW, "n")
    assert ItemEdit("i", a, b).inverse() == ItemEdit("i", b, a)
    p, q = Project("p", "P"), Project("p", "Q")
    assert ProjectEdit("p", p, q).inverse() == ProjectEdit("p", q, p)


def test_undoing_a_project_edit_brings_the_old_project_back() -> None:
    rs = RoadmapState()
    old = Project("p", "Old title", ("https://a.example/",), skills=("python",))
    model.put_project(rs, old, NOW)
    edit = model.put_project(rs, old._replace(title="New title"), NOW)
    assert edit == ProjectEdit("p", old, old._replace(title="New title"))
    apply_edit(rs, edit.inverse(), NOW)
    assert rs.projects == {"p": old}


def test_putting_the_same_project_again_is_no_change() -> None:
    rs = RoadmapState()
    project = Project("p", "P", notes="line\r\nline")
    assert model.put_project(rs, project, NOW) is not None
    assert model.put_project(rs, project, NOW) is None  # notes cleaned the same way
    assert rs.projects == {"p": project._replace(notes="line\nline")} and rs.history == []


def test_a_lone_surrogate_in_a_project_names_the_field() -> None:
    with pytest.raises(model.TextError, match=r"^project summary contains an invalid "
                       r"character \(lone surrogate U\+D800 at position 2\)"):
        model.put_project(RoadmapState(), Project("p", "P", summary="ab\ud800"), NOW)


def test_clearing_a_note_nobody_wrote_is_no_change() -> None:
    rs = RoadmapState()
    assert model.set_note(rs, "a", "", NOW) is None
    assert rs.items == {} and rs.history == []


def test_projects_for_finds_skills_and_milestones_only() -> None:
    rs = RoadmapState()
    for project in (Project("s", "S", skills=("x",)), Project("m", "M", milestones=("x",)),
                    Project("o", "O", skills=("y",), milestones=("z",))):
        model.put_project(rs, project, NOW)
    assert [p.id for p in rs.projects_for("x")] == ["s", "m"]
    assert rs.projects_for("nothing") == []


def _roadmap(*items: model.Milestone) -> model.Roadmap:
    return model.Roadmap(R, "Test", steps=(model.Step("step", "Step", items=items),))


def test_renames_go_on_past_records_that_were_not_renamed() -> None:
    roadmap = _roadmap(model.Milestone("kept", "Kept"),
                       model.Milestone("new", "New", replaces=("old",)))
    rs = RoadmapState()
    model.mark(rs, "kept", Status.DONE, NOW)  # first in order, and no rename: skipped
    model.mark(rs, "old", Status.IN_PROGRESS, NOW)
    model.put_project(rs, Project("p", "P", skills=("old",)), NOW)  # the old id as a skill only
    assert model.follow_renames(roadmap, rs) == [("old", "new")]
    assert set(rs.items) == {"kept", "new"}
    assert rs.projects["p"].skills == ("new",)


def test_a_rename_whose_old_id_is_still_in_the_template_moves_nothing() -> None:
    roadmap = _roadmap(model.Milestone("old", "Old"),
                       model.Milestone("new", "New", replaces=("old",)))
    rs = RoadmapState()
    model.mark(rs, "old", Status.DONE, NOW)
    assert model.follow_renames(roadmap, rs) == []
    assert set(rs.items) == {"old"}


def test_a_record_already_under_the_new_id_is_merged_with_the_old_one() -> None:
    roadmap = _roadmap(model.Milestone("new", "New", replaces=("old",)))
    rs = RoadmapState()
    model.mark(rs, "old", Status.DONE, NOW)
    model.mark(rs, "new", Status.SKIPPED, NOW)
    assert model.follow_renames(roadmap, rs) == [("old", "new")]
    assert list(rs.items) == ["new"] and rs.items["new"].status is Status.DONE  # further along


def test_a_note_edit_stamps_noted_and_leaves_changed_alone() -> None:
    rs = RoadmapState()
    later = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    model.mark(rs, "a", Status.DONE, NOW)
    model.set_note(rs, "a", "what I learned", later)
    assert rs.items["a"] == ItemState(Status.DONE, NOW, "what I learned", later)
    model.set_note(rs, "a", "", later.replace(day=29))
    assert rs.items["a"] == ItemState(Status.DONE, NOW, "", later.replace(day=29))
    model.set_note(rs, "b", "only a note", later)
    assert rs.items["b"] == ItemState(Status.TODO, None, "only a note", later)
    model.set_note(rs, "b", "", later)
    assert "b" not in rs.items  # nothing but a cleared note: no record left behind


def test_noted_survives_a_save_and_a_read() -> None:
    import tomllib

    from roadmap.storage.decode import Reader
    from roadmap.storage.encode import render_state

    state = model.UserState(R)
    later = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    rs = state.of(R)
    model.mark(rs, "a", Status.DONE, NOW)
    model.set_note(rs, "a", "note", later)
    text = render_state(state)
    assert "noted = 2026-11-28T09:30:00Z\n" in text
    read = Reader(text, "state.toml").user_state(tomllib.loads(text))
    assert read.of(R).items["a"] == ItemState(Status.DONE, NOW, "note", later)
