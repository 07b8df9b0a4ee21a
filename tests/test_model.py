"""Pure model rules: progress arithmetic, roll-up, edits and undo, text cleaning."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from roadmap import model
from roadmap.model import ItemState, Progress, RoadmapState, Status

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def _roadmap() -> model.Roadmap:
    steps = (
        model.Step("s1", "One", items=(model.Milestone("a", "A"), model.Milestone("b", "B"),
                                      model.Milestone("c", "C"))),
        model.Step("s2", "Empty"),
    )
    skills = (model.SkillGroup("g", "G", items=(model.Skill("py", "Python"),)),)
    return model.Roadmap("r", "R", steps=steps, skill_groups=skills)


def _state(**statuses: Status) -> RoadmapState:
    return RoadmapState(items={k: ItemState(v, NOW) for k, v in statuses.items()})


def test_progress_counts_skipped_separately() -> None:
    p = model.progress_of(["a", "b", "c", "py"], _state(a=Status.DONE, b=Status.SKIPPED,
                                                        c=Status.IN_PROGRESS))
    assert (p.done, p.in_progress, p.skipped, p.todo, p.total, p.percent) == (1, 1, 1, 1, 3, 33)
    assert p.status is Status.IN_PROGRESS


def test_step_is_done_when_every_unskipped_milestone_is_done() -> None:
    roadmap = _roadmap()
    state = _state(a=Status.DONE, b=Status.SKIPPED, c=Status.DONE)
    progress = model.group_progress(roadmap.steps[0], state)
    assert (progress.done, progress.total, progress.percent, progress.status) == (
        2, 2, 100, Status.DONE)
    assert model.completed_on(roadmap.steps[0], state) == NOW


def test_empty_and_all_skipped_groups() -> None:
    roadmap = _roadmap()
    empty = model.group_progress(roadmap.steps[1], RoadmapState())
    assert (empty.total, empty.percent, empty.status) == (0, 0, Status.TODO)
    skipped = model.group_progress(roadmap.steps[0], _state(a=Status.SKIPPED, b=Status.SKIPPED,
                                                            c=Status.SKIPPED))
    assert (skipped.total, skipped.skipped, skipped.percent, skipped.status) == (
        0, 3, 0, Status.SKIPPED)


def test_percent_rounds_down_and_overall_sums() -> None:
    roadmap = _roadmap()
    state = _state(a=Status.DONE, b=Status.DONE, c=Status.DONE)
    overall = model.overall_progress(roadmap, state)
    assert (overall.done, overall.total, overall.percent) == (3, 4, 75)
    assert Progress(done=2, todo=1).percent == 66
    assert Progress(1, 0, 0, 1) + Progress(0, 1, 1, 0) == Progress(1, 1, 1, 1)


def test_mark_records_history_and_undo_restores() -> None:
    state = RoadmapState()
    edit = model.mark(state, "a", Status.DONE, NOW)
    assert edit is not None
    assert state.items["a"] == ItemState(Status.DONE, NOW, "")
    assert model.mark(state, "a", Status.DONE, LATER) is None
    model.apply_edit(state, edit.inverse(), LATER)
    assert "a" not in state.items
    assert [(c.item, c.old, c.new, c.at) for c in state.history] == [
        ("a", Status.TODO, Status.DONE, NOW), ("a", Status.DONE, Status.TODO, LATER)]


def test_toggle_done() -> None:
    state = _state(a=Status.IN_PROGRESS)
    model.toggle_done(state, "a", LATER)
    assert state.status("a") is Status.DONE
    model.toggle_done(state, "a", LATER)
    assert state.status("a") is Status.TODO


def test_note_is_normalised_and_clearing_leaves_no_record() -> None:
    state = RoadmapState()
    model.set_note(state, "a", "line 1\r\nline 2\rline 3", NOW)
    assert state.items["a"].note == "line 1\nline 2\nline 3"
    model.set_note(state, "a", "", LATER)
    assert "a" not in state.items


def test_note_limit_and_lone_surrogate_are_refused() -> None:
    state = RoadmapState()
    with pytest.raises(model.TextError, match=r"note is 65,537 bytes; the limit is 65,536"):
        model.set_note(state, "a", "x" * 65_537, NOW)
    with pytest.raises(model.TextError, match=r"lone surrogate U\+D800 at position 2"):
        model.set_note(state, "a", "ab\ud800", NOW)
    assert state.items == {}
    model.set_note(state, "a", "é" * 32_768, NOW)
    assert len(state.items["a"].note) == 32_768


def test_projects_add_change_remove_and_undo() -> None:
    state = RoadmapState()
    project = model.Project("p", "Price model", skills=("py",), milestones=("a",))
    add = model.put_project(state, project, NOW)
    assert add is not None and state.projects_for("py") == [project]
    removed = model.remove_project(state, "p", NOW)
    assert removed is not None and state.projects == {}
    model.apply_edit(state, removed.inverse(), NOW)
    assert state.projects == {"p": project}
    with pytest.raises(model.TextError, match="a project needs a title"):
        model.put_project(state, model.Project("q", "  "), NOW)


def test_renames_follow_and_removed_ids_are_archived() -> None:
    roadmap = model.Roadmap("r", "R", steps=(model.Step("s", "S", items=(
        model.Milestone("new-a", "A", replaces=("old-a",)),)),))
    state = RoadmapState(items={"old-a": ItemState(Status.DONE, NOW, "kept"),
                                "gone": ItemState(Status.DONE, NOW)},
                         projects={"p": model.Project("p", "P", milestones=("old-a",))},
                         history=[model.Change("old-a", Status.TODO, Status.DONE, NOW)])
    assert model.follow_renames(roadmap, state) == [("old-a", "new-a")]
    assert state.items["new-a"] == ItemState(Status.DONE, NOW, "kept")
    assert state.projects["p"].milestones == ("new-a",)
    assert state.history[0].item == "new-a"
    assert model.archived_ids(roadmap, state) == ["gone"]


def test_visible_replaces_control_characters() -> None:
    assert model.visible("ok [bold]x[/]") == "ok [bold]x[/]"
    assert model.visible("a\x1b[31mb\x00\u202e\x85\nz\tq") == (
        "a\u241b[31mb\u2400<U+202E><U+0085>\nz    q")
    assert model.visible("a\nb", keep_newlines=False) == "a\u240ab"


def test_slug_and_unique_id() -> None:
    assert model.slugify("House-price Prédiction!") == "house-price-prediction"
    assert model.slugify("!!!") == "project"
    assert model.unique_id("p", ["p", "p-2"]) == "p-3"


def test_merged_items_fold_both_records_into_the_survivor() -> None:
    roadmap = model.Roadmap("r", "R", skill_groups=(model.SkillGroup("g", "G", items=(
        model.Skill("stats", "Statistics", replaces=("modeling", "old-stats")),)),))
    state = RoadmapState(
        items={"stats": ItemState(Status.IN_PROGRESS, LATER, "mine"),
               "modeling": ItemState(Status.DONE, NOW, "theirs")},
        projects={"p": model.Project("p", "P", skills=("stats", "modeling"))},
        history=[model.Change("modeling", Status.TODO, Status.DONE, NOW)])
    assert model.follow_renames(roadmap, state) == [("modeling", "stats")]
    assert state.items == {"stats": ItemState(Status.DONE, NOW, "mine\n\ntheirs")}
    assert state.projects["p"].skills == ("stats",)
    assert state.history[0].item == "stats"
    assert model.archived_ids(roadmap, state) == []


def test_a_skip_loses_to_any_work_and_equal_notes_are_kept_once() -> None:
    roadmap = model.Roadmap("r", "R", skill_groups=(model.SkillGroup("g", "G", items=(
        model.Skill("new", "New", replaces=("old",)),)),))
    state = RoadmapState(items={"new": ItemState(Status.SKIPPED, LATER, "same"),
                                "old": ItemState(Status.TODO, NOW, "same")})
    model.follow_renames(roadmap, state)
    assert state.items == {"new": ItemState(Status.TODO, NOW, "same")}


def test_a_merge_whose_notes_do_not_fit_keeps_the_old_record_archived() -> None:
    roadmap = model.Roadmap("r", "R", skill_groups=(model.SkillGroup("g", "G", items=(
        model.Skill("new", "New", replaces=("old",)),)),))
    big = "x" * (model.NOTE_LIMIT // 2 + 1)
    state = RoadmapState(items={"new": ItemState(Status.DONE, NOW, big),
                                "old": ItemState(Status.DONE, NOW, big + "y")})
    assert model.follow_renames(roadmap, state) == []
    assert state.items["old"].note == big + "y" and state.items["new"].note == big
    assert model.archived_ids(roadmap, state) == ["old"]


def test_did_you_mean_is_the_one_hint_wording() -> None:
    assert model.did_you_mean("pyhton", ["python", "sql"]) == " (did you mean 'python'?)"
    assert model.did_you_mean("zzz", ["python", "sql"]) == ""
    assert model.did_you_mean("bio", ["summary", "name"], {"bio": "summary"}) == (
        " (did you mean 'summary'?)")
    assert model.did_you_mean("x\x1b", ["x\x1b["]) == " (did you mean 'x␛['?)"


def test_cells_count_terminal_columns() -> None:
    """Wide characters take two columns, combining marks and format characters none."""
    assert [model.cells(t) for t in ("Python", "機械学習", "e\u0301t\u00e9", "a\u200db", "")] == [
        6, 8, 3, 2, 0]


def test_fit_cells_pads_or_cuts_to_exact_columns() -> None:
    assert model.fit_cells("SQL", 6) == "SQL   "
    assert model.fit_cells("機械学習の基礎", 9) == "機械学習…"  # 8 columns of kana, then …
    assert model.fit_cells("機械学習の基礎", 8) == "機械学… "  # a wide one would not fit: a space
    assert model.fit_cells("Python", 4) == "Pyt…"
    assert model.fit_cells("Python", 0) == ""
    assert [model.cells(model.fit_cells("機械学習の基礎", n)) for n in range(16)] == list(range(16))
