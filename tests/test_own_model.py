"""Own items and links in the pure model: composition, ids, edits and undo, clashes, orphans."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap import catalog, model
from roadmap.model import (
    Check,
    ItemState,
    Link,
    Milestone,
    OwnEdit,
    OwnItem,
    RoadmapState,
    Skill,
    Status,
)

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
TINY = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def tiny() -> model.Roadmap:
    return catalog.parse_template(TINY.read_text(), str(TINY))


def test_no_own_items_gives_the_template_itself(tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    assert model.with_own(tiny, rs) is tiny
    model.put_own(rs, OwnItem("gone", "basics", "Gone", removed=NOW), NOW)
    assert model.with_own(tiny, rs) is tiny  # a removed one is not composed


def test_own_items_go_at_the_end_of_their_group_as_the_groups_kind(
        tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("pandas", "languages", "Pandas", aliases=("pd",)), NOW)
    model.put_own(rs, OwnItem("ship-a-model", "basics", "Ship a model", skills=("python",)),
                  NOW)
    model.put_own(rs, OwnItem("portfolio-site", "ready", "Portfolio site"), NOW)
    composed = model.with_own(tiny, rs)
    assert [i.id for i in composed.skill_groups[0].items] == ["python", "sql", "pandas"]
    assert [i.id for i in composed.steps[0].items] == ["learn-python", "learn-git",
                                                       "ship-a-model"]
    assert type(composed.item("pandas")) is Skill
    assert type(composed.item("ship-a-model")) is Milestone
    assert type(composed.item("portfolio-site")) is Check
    assert composed.item("pandas") == Skill("pandas", "Pandas", aliases=("pd",))
    assert composed.own_ids == frozenset({"pandas", "ship-a-model", "portfolio-site"})
    assert composed.base is tiny and tiny.own_ids == frozenset() and tiny.item_count == 5
    assert composed.item_count == 8
    assert composed.skill_ids() == ["python", "sql", "pandas"]
    assert composed.used_by("python") == [composed.item("ship-a-model")]
    # composing a composed roadmap starts from its template, not from the composition
    assert model.with_own(composed, rs).item_ids() == composed.item_ids()


def test_own_items_count_in_progress(tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("pandas", "languages", "Pandas"), NOW)
    model.mark(rs, "pandas", Status.DONE, NOW)
    composed = model.with_own(tiny, rs)
    assert model.overall_progress(composed, rs) == model.Progress(done=1, todo=5)
    assert model.group_progress(composed.skill_groups[0], rs) == model.Progress(done=1, todo=2)
    assert model.archived_ids(composed, rs) == []


def test_ids_come_from_titles_and_never_collide(tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    rs.items["mlops-2"] = ItemState(Status.DONE)  # an archived record
    model.put_own(rs, OwnItem("mlops", "basics", "MLOps", removed=NOW), NOW)
    taken = model.taken_ids(tiny, rs)
    assert model.mint_id("Python", taken) == "python-2"  # a template item
    assert model.mint_id("Basics", taken) == "basics-2"  # a template group
    assert model.mint_id("MLOps", taken) == "mlops-3"  # a removed own item, an archived record
    assert model.mint_id("Pandas & NumPy!", taken) == "pandas-numpy"
    assert model.mint_id("数据", taken) == "item"


def test_removing_keeps_the_definition_and_the_record_archived(tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    own = OwnItem("pandas", "languages", "Pandas", added=NOW)
    model.put_own(rs, own, NOW)
    model.mark(rs, "pandas", Status.DONE, NOW)
    edit = model.remove_own(rs, "pandas", LATER)
    assert edit == OwnEdit("pandas", own, own._replace(removed=LATER))
    assert model.remove_own(rs, "pandas", LATER) is None  # already removed
    composed = model.with_own(tiny, rs)
    assert composed.item("pandas") is None
    assert model.archived_ids(composed, rs) == ["pandas"]
    assert rs.items["pandas"].status is Status.DONE
    model.apply_edit(rs, edit.inverse(), LATER)  # undo
    assert rs.own["pandas"] == own
    assert model.with_own(tiny, rs).item("pandas") == Skill("pandas", "Pandas")


def test_putting_the_same_item_is_no_change_and_history_stays_empty() -> None:
    rs = RoadmapState()
    own = OwnItem("pandas", "languages", "Pandas")
    assert model.put_own(rs, own, NOW) == OwnEdit("pandas", None, own)
    assert model.put_own(rs, own, NOW) is None
    assert rs.history == [] and rs.items == {}


@pytest.mark.parametrize(("own", "message"), [
    (OwnItem("a", "g", "Bad\x1btitle"), "title contains a control character (U+001B at "
                                        "position 3); it must be one line of plain text"),
    (OwnItem("a", "g", "   "), "an item needs a title"),
    (OwnItem("a", "g", "x" * 201), "title is 201 characters; the limit is 200 (put the rest "
                                   "in the summary)"),
    (OwnItem("a", "g", "T", "s" * 2001), "summary is 2,001 characters; the limit is 2,000 "
                                         "(put the rest in the note)"),
    (OwnItem("a", "g", "T", "bad \ud800"), "summary contains an invalid character (lone "
                                           "surrogate U+D800 at position 4); it cannot be "
                                           "saved as UTF-8"),
    (OwnItem("a", "g", "T", aliases=("ok", "tab\there")),
     "alias contains a control character (U+0009 at position 3); it must be one line of "
     "plain text"),
    (OwnItem("a", "g", "T", aliases=tuple(f"a{n}" for n in range(21))),
     "21 aliases; the limit is 20"),
])
def test_hostile_own_items_are_refused_and_nothing_changes(own: OwnItem, message: str) -> None:
    rs = RoadmapState()
    with pytest.raises(model.TextError) as caught:
        model.put_own(rs, own, NOW)
    assert str(caught.value) == message
    assert rs.own == {}


def test_links_are_added_retitled_and_removed_without_touching_the_status_time() -> None:
    rs = RoadmapState()
    model.mark(rs, "learn-python", Status.DONE, NOW)
    first = model.add_link(rs, "learn-python", Link(" https://docs.python.org/3/ ", " Docs "),
                           LATER)
    assert first is not None
    assert rs.items["learn-python"] == ItemState(Status.DONE, NOW,
                                                 links=(Link("https://docs.python.org/3/",
                                                             "Docs"),))
    assert model.add_link(rs, "learn-python", Link("https://docs.python.org/3/", "Docs"),
                          LATER) is None
    model.add_link(rs, "learn-python", Link("https://b.example/"), LATER)
    model.add_link(rs, "learn-python", Link("https://docs.python.org/3/", "Tutorial"), LATER)
    assert rs.items["learn-python"].links == (Link("https://docs.python.org/3/", "Tutorial"),
                                              Link("https://b.example/"))
    assert model.remove_link(rs, "learn-python", "https://nope.example/", LATER) is None
    model.remove_link(rs, "learn-python", "https://docs.python.org/3/", LATER)
    assert rs.items["learn-python"].links == (Link("https://b.example/"),)
    assert rs.history == [model.Change("learn-python", Status.TODO, Status.DONE, NOW)]


def test_the_last_link_of_an_untouched_item_leaves_no_record() -> None:
    rs = RoadmapState()
    edit = model.add_link(rs, "sql", Link("https://sqlbolt.com/"), NOW)
    assert rs.items == {"sql": ItemState(links=(Link("https://sqlbolt.com/"),))}
    model.remove_link(rs, "sql", "https://sqlbolt.com/", NOW)
    assert rs.items == {}
    assert edit is not None
    model.apply_edit(rs, edit, NOW)  # redo
    assert rs.items["sql"].links == (Link("https://sqlbolt.com/"),)


@pytest.mark.parametrize(("url", "title", "message"), [
    ("javascript:alert(1)", "", "link 'javascript:alert(1)' must start with http://, "
                                "https:// or mailto:"),
    ("https://github.com@evil.example/", "", "link 'https://github.com@evil.example/' has a "
     "user name or password before the host ('user@host'), which can hide where it leads"),
    ("https://a.example/\x1b[2J", "", "link 'https://a.example/␛[2J' contains spaces or "
                                      "control characters"),
    ("", "", "link '' is empty"),
    ("https://a.example/", "two\nlines", "link title contains a control character (U+000A "
                                         "at position 3); it must be one line of plain text"),
    ("https://a.example/", "t" * 201, "link title is 201 characters; the limit is 200"),
])
def test_bad_links_are_refused_like_project_links(url: str, title: str, message: str) -> None:
    rs = RoadmapState()
    with pytest.raises(model.TextError) as caught:
        model.add_link(rs, "sql", Link(url, title), NOW)
    assert str(caught.value) == message
    assert rs.items == {}


def test_a_template_that_adds_an_own_items_id_gives_way_to_the_users_item(
        tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("sql", "basics", "SQL drills"), NOW)  # as if added before
    model.mark(rs, "sql", Status.DONE, NOW)
    composed = model.with_own(tiny, rs)
    assert [o.id for o in model.clashes(composed, rs)] == ["sql"]
    assert [i.id for i in composed.skill_groups[0].items] == ["python"]
    assert composed.item("sql") == Milestone("sql", "SQL drills")
    assert composed.group_of("sql") == composed.steps[0]
    assert model.group_progress(composed.steps[0], rs) == model.Progress(done=1, todo=2)


def test_an_own_item_whose_group_is_gone_is_kept_and_archived(tiny: model.Roadmap) -> None:
    rs = RoadmapState()
    model.put_own(rs, OwnItem("docker", "tools", "Docker"), NOW)
    model.put_own(rs, OwnItem("pandas", "languages", "Pandas"), NOW)
    composed = model.with_own(tiny, rs)
    assert composed.item("docker") is None and composed.own_ids == frozenset({"pandas"})
    assert [o.id for o in model.orphans(composed, rs)] == ["docker"]
    assert model.archived_ids(composed, rs) == ["docker"]
    assert "docker" in rs.own


def test_renames_merge_links_without_duplicates() -> None:
    from roadmap.model.state import _merged

    a = ItemState(Status.DONE, NOW, "a", links=(Link("https://a.example/"),))
    b = ItemState(Status.TODO, LATER, "b", links=(Link("https://a.example/", "again"),
                                                  Link("https://b.example/")))
    merged = _merged(a, b)
    assert merged == ItemState(Status.DONE, NOW, "a\n\nb",
                               links=(Link("https://a.example/"), Link("https://b.example/")))
