"""Session's undo/redo rules: what the TUI's u / ctrl+y do, tested as plain functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from roadmap import model
from roadmap.application.session import Session, touched
from roadmap.model import ItemState, Project, RoadmapState, Status

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def _roadmap() -> model.Roadmap:
    steps = (model.Step("s1", "One", items=(model.Milestone("a", "Alpha"),
                                            model.Milestone("b", "Beta"))),)
    skills = (model.SkillGroup("g", "G", items=(model.Skill("py", "Python"),)),)
    return model.Roadmap("r", "R", steps=steps, skill_groups=skills)


def _session(state: RoadmapState | None = None) -> Session:
    ticks = iter(T0 + timedelta(minutes=n) for n in range(100))
    return Session(_roadmap(), state or RoadmapState(), clock=lambda: next(ticks))


def test_undo_of_a_tick_restores_the_status_and_redo_applies_it_again() -> None:
    session = _session()
    action = session.toggle("a")
    assert action is not None and action.label == "mark 'Alpha' done"
    assert session.state.status("a") is Status.DONE
    assert session.undo() == action
    assert session.state.status("a") is Status.TODO
    assert "a" not in session.state.items  # no record left behind
    assert session.redo() == action
    assert session.state.items["a"] == ItemState(Status.DONE, T0)
    moves = [(c.item, c.old, c.new) for c in session.state.history]
    assert moves == [("a", Status.TODO, Status.DONE), ("a", Status.DONE, Status.TODO),
                     ("a", Status.TODO, Status.DONE)]


def test_undo_of_a_note_edit_brings_the_old_text_back() -> None:
    session = _session(RoadmapState(items={"b": ItemState(Status.IN_PROGRESS, T0, "old")}))
    edit = session.set_note("b", "new text")
    assert edit is not None and edit.label == "edit the note of 'Beta'"
    cleared = session.set_note("b", "")
    assert cleared is not None and cleared.label == "clear the note of 'Beta'"
    assert session.undo() == cleared
    assert session.state.get("b").note == "new text"
    assert session.undo() == edit
    assert session.state.get("b") == ItemState(Status.IN_PROGRESS, T0, "old")
    assert session.undo() is None  # nothing more to undo


def test_undo_of_project_add_edit_and_delete() -> None:
    session = _session()
    first = Project("demo", "Demo", urls=("https://example.org",), skills=("py",),
                    started=date(2026, 1, 5))
    added = session.put_project(first)
    edited = session.put_project(first._replace(title="Demo v2"))
    deleted = session.remove_project("demo")
    assert [a.label if a else None for a in (added, edited, deleted)] == [
        "add project 'Demo'", "edit project 'Demo v2'", "delete project 'Demo v2'"]
    assert session.state.projects == {}
    session.undo()
    assert session.state.projects == {"demo": first._replace(title="Demo v2")}
    session.undo()
    assert session.state.projects == {"demo": first}
    session.undo()
    assert session.state.projects == {}
    assert deleted is not None and touched(deleted) == (set(), True)


def test_a_new_change_after_undo_drops_the_redo_list() -> None:
    session = _session()
    session.toggle("a")
    session.toggle("b")
    session.undo()
    assert len(session.redo_stack) == 1
    session.mark(["py"], Status.IN_PROGRESS)
    assert session.redo_stack == []
    assert session.redo() is None
    assert (session.state.status("a"), session.state.status("b"),
            session.state.status("py")) == (Status.DONE, Status.TODO, Status.IN_PROGRESS)


def test_no_op_changes_record_nothing_and_labels_count_several_items() -> None:
    session = _session(RoadmapState(items={"a": ItemState(Status.DONE, T0)}))
    assert session.mark(["a"], Status.DONE) is None
    assert session.set_note("a", "") is None
    assert session.undo_stack == []
    several = session.mark(["a", "b", "py"], Status.SKIPPED)
    assert several is not None and several.label == "mark 3 items skipped"
    assert len(several.edits) == 3 and touched(several) == ({"a", "b", "py"}, False)


def test_the_change_counter_moves_on_every_change_undo_and_redo_only() -> None:
    """The saver compares it with the count it last saved: equal means nothing to write."""
    session = _session()
    assert session.changes == 0
    session.toggle("a")
    session.mark(["a"], Status.DONE)  # already done: no change
    assert session.changes == 1
    session.undo()
    session.undo()  # nothing left: no change
    assert session.changes == 2
    session.redo()
    session.redo()  # nothing left: no change
    assert session.changes == 3
