"""Items named by id or by exact title, on the command line (mark, note, project, status)."""

from __future__ import annotations

import pytest

from roadmap import model
from roadmap.application.lookup import resolve_item
from roadmap.cli import main
from roadmap.errors import RoadmapError
from roadmap.paths import Paths
from roadmap.storage import read_state
from tests.test_cli_state import tiny

__all__ = ["tiny"]  # the fixture: a home whose roadmap is tests/fixtures/tiny.toml


def _roadmap() -> model.Roadmap:
    items = (model.Milestone("read-paper", "Read a  paper"),
             model.Milestone("read-paper-2", "Read a paper"),
             model.Milestone("ship-it", "Ship it"))
    return model.Roadmap("t", "T", steps=(model.Step("step", "Step", items=items),))


def test_an_id_is_itself_and_a_title_in_any_case_is_its_item() -> None:
    roadmap = _roadmap()
    assert resolve_item(roadmap, "ship-it") == "ship-it"
    assert resolve_item(roadmap, "SHIP IT") == "ship-it"
    assert resolve_item(roadmap, "  ship   it ") == "ship-it"


def test_a_title_two_items_share_is_refused_with_both_ids() -> None:
    with pytest.raises(RoadmapError) as info:
        resolve_item(_roadmap(), "read a paper")
    assert str(info.value) == ("'read a paper' is the title of 2 items (read-paper, "
                               "read-paper-2); give the id")


def test_unknown_text_keeps_the_did_you_mean() -> None:
    with pytest.raises(RoadmapError) as info:
        resolve_item(_roadmap(), "ship-ti")
    assert str(info.value) == "unknown item 'ship-ti' (did you mean 'ship-it'?)"
    with pytest.raises(RoadmapError) as info:  # a title outside `among` is not found
        resolve_item(_roadmap(), "Ship it", among=["read-paper"], what="skill")
    assert str(info.value).startswith("unknown skill 'Ship it'")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_take_titles_and_say_the_id(tiny: Paths,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "mark", "learn python", "sQl", "done") == (
        0, "learn-python (“learn python”): todo -> done\n"
           "sql (“sQl”): todo -> done\n", "")
    assert run(capsys, "note", "Learn Git", "week 1") == (
        0, "learn-git (“Learn Git”): note saved (6 characters)\n", "")
    code, out, _ = run(capsys, "project", "add", "Queries", "--skill", "Python",
                       "--milestone", "learn-git")
    assert (code, out) == (0, "skill “Python” is 'python'\nadded project 'queries' (Queries)\n")
    rs = read_state(tiny).of("tiny")
    assert rs.status("learn-python") is rs.status("sql") is model.Status.DONE
    assert rs.items["learn-git"].note == "week 1"
    assert rs.projects["queries"].skills == ("python",)
    assert rs.projects["queries"].milestones == ("learn-git",)
    code, out, _ = run(capsys, "project", "edit", "queries", "--remove-skill", "PYTHON")
    assert (code, read_state(tiny).of("tiny").projects["queries"].skills) == (0, ())


def test_a_title_of_the_wrong_kind_is_refused_and_nothing_changes(
        tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "mark", "learn-python", "done")
    before = tiny.state.read_bytes()
    assert run(capsys, "project", "add", "X", "--skill", "Learn Git") == (
        2, "", "roadmap: unknown skill 'Learn Git'\n")
    assert run(capsys, "mark", "Learn Pyton", "done")[0] == 2
    assert tiny.state.read_bytes() == before


def test_status_ids_lists_every_item_with_its_id(tiny: Paths,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "mark", "learn-python", "done")
    run(capsys, "mark", "learn-git", "in-progress")
    code, out, _ = run(capsys, "status", "--ids")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("    id: basics")
    assert lines[start + 1:start + 3] == ["    ✔ learn-python  Learn Python",
                                          "    ◐ learn-git     Learn Git"]
    assert "    ○ sql     SQL" in lines
    assert "In progress (1):" not in lines  # --ids lists items under their groups instead
