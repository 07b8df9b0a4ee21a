"""The own-item checks both front ends call, and opening a roadmap with own items in it."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap import model
from roadmap.application import own
from roadmap.application.opening import open_app, open_reading, open_writing
from roadmap.application.session import Session
from roadmap.errors import RoadmapError
from roadmap.model import Link, OwnItem, RoadmapState, Status
from roadmap.paths import Paths

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
TINY = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def tiny(paths: Paths) -> Paths:
    paths.templates.mkdir(parents=True)
    shutil.copy(TINY, paths.templates / "tiny.toml")
    with open_writing(paths, "tiny") as opened:
        opened.state.current = "tiny"
        opened.store.save()
    return paths


def roadmap_of(paths: Paths) -> model.Roadmap:
    return open_reading(paths).roadmap


def test_a_new_item_gets_its_id_from_the_title(tiny: Paths) -> None:
    rs = RoadmapState()
    item = own.new_item(roadmap_of(tiny), rs, "languages", "  Pandas  ", summary=" Frames ",
                        aliases=["pd", " pd ", ""], now=NOW)
    assert item == OwnItem("pandas", "languages", "Pandas", "Frames", (), ("pd",), NOW)
    assert own.new_item(roadmap_of(tiny), rs, "basics", "Python", now=NOW).id == "python-2"


@pytest.mark.parametrize(("parent", "title", "extra", "message"), [
    ("basic", "T", {}, "unknown step or group 'basic' (did you mean 'basics'?)"),
    ("learn-git", "T", {}, "'learn-git' is an item, not a step or group; its group is "
                           "'basics'"),
    ("basics", "T\x07", {}, "title contains a control character (U+0007 at position 1); it "
                            "must be one line of plain text"),
    ("basics", "", {}, "an item needs a title"),
    ("basics", "T", {"skills": ["pyton"]}, "unknown skill 'pyton' (did you mean 'python'?)"),
    ("languages", "T", {"skills": ["python"]},
     "a skill does not list skills (--skill is for milestones and checks)"),
    ("basics", "T", {"aliases": ["x"]}, "aliases are for skills (the other names job postings "
                                        "use)"),
    ("basics", "T", {"item_id": "Bad Id"}, "--id must be kebab-case like 'pandas' or "
                                           "'mlops-basics' (got 'Bad Id')"),
    ("basics", "T", {"item_id": "sql"}, "'sql' is already an id in the template 'tiny'; "
                                        "choose another with --id"),
    ("basics", "T", {"item_id": "languages"}, "'languages' is already an id in the template "
                                              "'tiny'; choose another with --id"),
])
def test_what_cannot_be_an_item_is_one_line(tiny: Paths, parent: str, title: str,
                                            extra: dict[str, object], message: str) -> None:
    with pytest.raises(RoadmapError) as caught:
        own.new_item(roadmap_of(tiny), RoadmapState(), parent, title, now=NOW,
                     **extra)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_an_explicit_id_brings_back_a_removed_item_and_refuses_a_live_one(tiny: Paths) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("docker", "languages", "Docker", added=NOW), NOW)
    with pytest.raises(RoadmapError, match=r"^you already have an item 'docker' \(Docker\)$"):
        own.new_item(roadmap_of(tiny), rs, "languages", "Docker", item_id="docker", now=NOW)
    model.remove_own(rs, "docker", NOW)
    later = datetime(2026, 12, 5, tzinfo=UTC)
    back = own.new_item(roadmap_of(tiny), rs, "languages", "Docker", item_id="docker", now=later)
    assert back == OwnItem("docker", "languages", "Docker", added=NOW)


def test_only_own_items_can_be_found_for_editing(tiny: Paths) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("docker", "languages", "Docker"), NOW)
    roadmap = model.with_own(roadmap_of(tiny), rs)
    assert own.find_own(roadmap, rs, "docker").title == "Docker"
    with pytest.raises(RoadmapError, match=r"^'sql' comes from the template 'tiny'; only your "
                                           r"own items can be edited or removed"):
        own.find_own(roadmap, rs, "sql")
    with pytest.raises(RoadmapError, match=r"^unknown own item 'dockr' \(did you mean "
                                           r"'docker'\?\)$"):
        own.find_own(roadmap, rs, "dockr")
    model.remove_own(rs, "docker", NOW)
    with pytest.raises(RoadmapError, match=r"^'docker' was removed; add it again with "
                                           r"'roadmap item add languages TITLE --id docker'$"):
        own.find_own(roadmap, rs, "docker")


def test_links_need_an_item_of_the_roadmap(tiny: Paths) -> None:
    roadmap = roadmap_of(tiny)
    assert own.new_link(roadmap, "sql", " https://sqlbolt.com/ ", " Bolt ") == Link(
        "https://sqlbolt.com/", "Bolt")
    with pytest.raises(RoadmapError, match=r"^unknown item 'sqll' \(did you mean 'sql'\?\)$"):
        own.new_link(roadmap, "sqll", "https://sqlbolt.com/")
    rs = RoadmapState()
    with pytest.raises(RoadmapError, match=r"^'sql' has no links of yours$"):
        own.find_link(roadmap, rs, "sql", "https://sqlbolt.com/")
    model.add_link(rs, "sql", Link("https://sqlbolt.com/"), NOW)
    with pytest.raises(RoadmapError, match=r"^'sql' has no link 'https://sqlbolt.com' \(did "
                                           r"you mean 'https://sqlbolt.com/'\?\)$"):
        own.find_link(roadmap, rs, "sql", "https://sqlbolt.com")


def test_every_opening_composes_own_items(tiny: Paths) -> None:
    with open_writing(tiny) as opened:
        model.put_own(opened.rs, OwnItem("pandas", "languages", "Pandas"), NOW)
        model.mark(opened.rs, "pandas", Status.DONE, NOW)
        opened.store.save()
    reading = open_reading(tiny)
    assert reading.roadmap.skill_ids() == ["python", "sql", "pandas"]
    assert reading.roadmap.own_ids == frozenset({"pandas"})
    app = open_app(tiny)
    try:
        assert app.roadmap.item("pandas") == model.Skill("pandas", "Pandas")
        assert app.notices == []
    finally:
        app.store.close()


def test_a_clash_with_a_template_update_is_told_once_and_the_record_stays(
        tiny: Paths) -> None:
    with open_writing(tiny) as opened:
        model.put_own(opened.rs, OwnItem("docker", "basics", "My Docker notes"), NOW)
        model.mark(opened.rs, "docker", Status.DONE, NOW)
        opened.store.save()
    template = tiny.templates / "tiny.toml"
    template.write_text(template.read_text() + '\n[[readiness.items]]\nid = "docker"\n'
                        'title = "Docker"\n')
    told: list[str] = []
    assert open_reading(tiny, warn=told.append).roadmap.item("docker") == model.Milestone(
        "docker", "My Docker notes")
    assert told == []  # a reader cannot remember having told, so the first writer tells
    with open_writing(tiny, warn=told.append) as opened:
        assert opened.rs.status("docker") is Status.DONE
    assert told == ["'tiny' now has its own item 'docker' (Docker); yours keeps the id, its "
                    "status and note, and stands in its place (remove yours with 'roadmap item "
                    "remove docker' to use the template's, with your status and note)"]
    assert 'clash_reported = true' in tiny.state.read_text()
    again: list[str] = []
    with open_writing(tiny, warn=again.append):
        pass
    app = open_app(tiny)
    app.store.close()
    assert again == [] and app.notices == []


def test_an_own_item_whose_group_went_away_is_reported_every_time(tiny: Paths) -> None:
    with open_writing(tiny) as opened:
        model.put_own(opened.rs, OwnItem("docker", "tools", "Docker"), NOW)
        opened.store.save()
    told: list[str] = []
    open_reading(tiny, warn=told.append)
    assert told == ["your own item(s) docker belong to 'tools', which 'tiny' no longer has; "
                    "kept as archived"]
    told.clear()
    open_reading(tiny, warn=told.append)
    assert len(told) == 1  # every time, like any archived record


def test_the_session_composes_again_on_add_undo_and_redo(tiny: Paths) -> None:
    reading = open_reading(tiny)
    session = Session(reading.roadmap, reading.rs, clock=lambda: NOW)
    action = session.put_own(OwnItem("pandas", "languages", "Pandas"))
    assert action is not None and action.label == "add 'Pandas'"
    assert session.roadmap.skill_ids() == ["python", "sql", "pandas"]
    assert session.undo() is action
    assert session.roadmap.skill_ids() == ["python", "sql"]
    session.redo()
    assert session.roadmap.item("pandas") is not None
    removed = session.remove_own("pandas")
    assert removed is not None and removed.label == "remove 'Pandas'"
    assert session.roadmap.item("pandas") is None
    link = session.add_link("sql", Link("https://sqlbolt.com/"))
    assert link is not None and link.label == "add a link to 'SQL: the query language'"
    assert session.state.get("sql").links == (Link("https://sqlbolt.com/"),)
