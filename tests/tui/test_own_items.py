"""Own items, links and hiding skipped items in the app, as a user meets them with keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import Input, OptionList, Static

from roadmap import model
from roadmap.application.opening import open_app
from roadmap.model import Link, OwnItem, RoadmapState, Status
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.links import LinkChooser, LinkForm
from roadmap.tui.screens.own_item import OwnItemForm
from roadmap.tui.widgets.roadmap_tree import Ref, RoadmapTree

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
SIZE = (120, 35)
R = "ml-engineer"
GROUP = "languages"  # a skill group of the bundled roadmap
STEP = "start-with-a-course"

Factory = Callable[..., RoadmapApp]


@pytest.fixture
def make(paths: Paths) -> Iterator[Factory]:
    """Apps opened as `roadmap` opens them (own items composed in); `state` edits first."""
    stores: list[Store] = []

    def build(state: Callable[[RoadmapState], None] | None = None) -> RoadmapApp:
        if state is not None:
            with Store.open(paths) as store:
                state(store.state.of(R))
                store.save()
        opened = open_app(paths)
        stores.append(opened.store)
        app = RoadmapApp(paths, opened.store, opened.roadmap, clock=lambda: NOW)
        app.animation_level = "none"
        return app

    yield build
    for store in stores:
        store.close()


def tree(app: RoadmapApp) -> RoadmapTree:
    return app.screen.query_one(RoadmapTree)


def detail_text(app: RoadmapApp) -> str:
    return str(app.screen.query_one("#detail-main", Static).render())


def group_items(app: RoadmapApp, group_id: str) -> list[str]:
    """The ids the tree shows in a group (its nodes are made when it is first opened)."""
    tree(app)._build_group(group_id)
    node = tree(app)._group_nodes[group_id]
    return [str(child.data.id) for child in node.children if child.data is not None]


async def settle(app: RoadmapApp) -> None:
    """Wait for the background save, so the file says what the app shows."""
    await app.workers.wait_for_complete()


async def test_a_adds_a_skill_to_the_group_and_undo_takes_it_back(make: Factory,
                                                                   paths: Paths) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert tree(app).select_ref(Ref("group", GROUP))
        await pilot.pause()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, OwnItemForm) and form.kind == "skill"
        await pilot.press(*"Pandas", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OwnItemForm)
        assert group_items(app, GROUP)[-1] == "pandas"
        assert tree(app).selected == Ref("item", "pandas")
        assert "Your own item (r edits it, D removes it)" in detail_text(app)
        await pilot.press("space")
        await settle(app)
        rs = read_state(paths).of(R)
        assert rs.own["pandas"] == OwnItem("pandas", GROUP, "Pandas", added=NOW)
        assert rs.status("pandas") is Status.DONE
        await pilot.press("u", "u")  # the tick, then the add
        await pilot.pause()
        assert "pandas" not in group_items(app, GROUP)
        assert app.session.roadmap.item("pandas") is None
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert group_items(app, GROUP)[-1] == "pandas"


async def test_a_on_an_item_adds_to_its_group_with_the_skills_it_exercises(
        make: Factory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        first = tree(app).selected
        assert first is not None and app.session.roadmap.group_of(first.id).id == STEP
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, OwnItemForm) and form.kind == "milestone"
        await pilot.press(*"Fast.ai part 1", "tab", *"Lessons 1-8", "enter")
        await pilot.pause()
        item = app.session.roadmap.item("fast-ai-part-1")
        assert item == model.Milestone("fast-ai-part-1", "Fast.ai part 1", "Lessons 1-8")
        assert group_items(app, STEP)[-1] == "fast-ai-part-1"


async def test_a_hostile_title_is_one_line_in_the_form_and_nothing_changes(
        make: Factory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("group", GROUP))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#own-title", Input).value = "evil\x1b[2J"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OwnItemForm)
        error = str(app.screen.query_one(".form-error", Static).render())
        assert error == ("title contains a control character (U+001B at position 4); it must "
                         "be one line of plain text")
        await pilot.press("escape", "d")  # typed, so escape asks; d discards it
        await pilot.pause()
        assert not isinstance(app.screen, OwnItemForm)
        assert app.session.state.own == {} and app.session.undo_stack == []


async def test_r_edits_only_own_items(make: Factory) -> None:
    app = make(lambda rs: model.put_own(rs, OwnItem("docker", GROUP, "Docker"), NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")  # the cursor is on a template milestone
        await pilot.pause()
        assert not isinstance(app.screen, OwnItemForm)
        assert [n.message for n in app._notifications][-1].endswith(
            "comes from the template; you can edit only your own items (a adds one).")
        tree(app).select_ref(Ref("item", "docker"))
        await pilot.pause()
        await pilot.press("r")
        field = app.screen.query_one("#own-title", Input)
        assert field.value == "Docker"
        field.value = "Docker and Compose"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.own["docker"].title == "Docker and Compose"
        node = tree(app)._item_nodes["docker"]
        assert str(node.label) == "○ Docker and Compose"


async def test_D_removes_to_archived_and_u_brings_it_back(make: Factory,
                                                          paths: Paths) -> None:
    def state(rs: RoadmapState) -> None:
        model.put_own(rs, OwnItem("docker", GROUP, "Docker"), NOW)
        model.mark(rs, "docker", Status.IN_PROGRESS, NOW)

    app = make(state)
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("item", "docker"))
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert "docker" not in group_items(app, GROUP)
        assert "docker" in tree(app)._item_nodes  # under "Archived"
        assert tree(app)._item_nodes["docker"].data == Ref("archived", "docker")
        await settle(app)
        assert read_state(paths).of(R).own["docker"].removed == NOW
        await pilot.press("u")
        await pilot.pause()
        assert group_items(app, GROUP)[-1] == "docker"
        assert app.session.state.status("docker") is Status.IN_PROGRESS


async def test_l_adds_a_link_shown_in_the_details_and_o_opens_it(
        make: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app = make()
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        item = tree(app).selected
        assert item is not None
        await pilot.press("o")
        await pilot.pause()
        assert opened == [] and [n.message for n in app._notifications][-1] == (
            "No links here: l adds one of yours.")
        await pilot.press("l")
        assert isinstance(app.screen, LinkForm)
        await pilot.press(*"javascript:x", "enter", "enter")
        await pilot.pause()
        assert str(app.screen.query_one(".form-error", Static).render()) == (
            "link 'javascript:x' must start with http://, https:// or mailto:")
        app.screen.query_one("#link-url", Input).value = "https://course.fast.ai/"
        app.screen.query_one("#link-title", Input).value = "fast.ai"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.state.get(item.id).links == (Link("https://course.fast.ai/",
                                                             "fast.ai"),)
        assert "Your links:\n  • fast.ai https://course.fast.ai/" in detail_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://course.fast.ai/"]


async def test_o_with_several_links_asks_which(make: Factory,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def state(rs: RoadmapState) -> None:
        model.add_link(rs, "python", Link("https://docs.python.org/3/", "Docs"), NOW)
        model.add_link(rs, "python", Link("https://realpython.com/"), NOW)

    app = make(state)
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("item", "python"))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, LinkChooser)
        assert [link.url for link in chooser.links][:2] == ["https://docs.python.org/3/",
                                                            "https://realpython.com/"]
        assert chooser.query_one(OptionList).option_count == len(chooser.links)
        await pilot.press("2")
        await pilot.pause()
        assert opened == ["https://realpython.com/"]
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert opened == ["https://realpython.com/"] and not isinstance(app.screen, LinkChooser)


async def test_h_hides_skipped_items_and_the_next_start_remembers(make: Factory,
                                                                   paths: Paths) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        first = tree(app).selected
        assert first is not None
        await pilot.press("s")  # skip the item under the cursor
        await pilot.pause()
        assert first.id in group_items(app, STEP)
        await pilot.press("h")
        await pilot.pause()
        assert first.id not in group_items(app, STEP)
        assert app.screen.query_one("#left").border_subtitle == "skipped hidden"
        assert 'hide_skipped = true' in paths.config.read_text()
        await pilot.press("u")  # un-skipping a hidden item shows it again
        await pilot.pause()
        assert first.id in group_items(app, STEP)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert first.id not in group_items(app, STEP)
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        assert tree(again).hide_skipped
        assert first.id not in group_items(again, STEP)
        await pilot.press("h")
        await pilot.pause()
        assert first.id in group_items(again, STEP)
        assert "hide_skipped" not in paths.config.read_text()


async def test_the_palette_offers_every_own_item_action(make: Factory) -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Add your own item", "Edit your own item", "Remove your own item",
                "Add a link", "Open a link", "Hide or show skipped items"} <= set(commands)
        commands["Hide or show skipped items"].callback()
        await pilot.pause()
        assert tree(app).hide_skipped and app.settings.hide_skipped
        commands["Add your own item"].callback()
        await pilot.pause()
        assert isinstance(app.screen, OwnItemForm)


async def test_delete_in_the_link_form_removes_a_link_and_u_brings_it_back(
        make: Factory) -> None:
    def state(rs: RoadmapState) -> None:
        model.add_link(rs, "python", Link("https://docs.python.org/3/", "Docs"), NOW)
        model.add_link(rs, "python", Link("https://realpython.com/"), NOW)

    app = make(state)
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("item", "python"))
        await pilot.pause()
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LinkForm)
        await pilot.press("delete")  # in the URL field: edits text, removes nothing
        await pilot.pause()
        assert len(app.session.state.get("python").links) == 2
        form.query_one("#link-list", OptionList).focus()
        await pilot.press("down", "delete")
        await pilot.pause()
        assert app.session.state.get("python").links == (Link("https://docs.python.org/3/",
                                                               "Docs"),)
        assert form.query_one("#link-list", OptionList).option_count == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert len(app.session.state.get("python").links) == 2


async def test_hand_edited_hostile_text_is_shown_as_text(make: Factory, paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text(
        '[roadmaps.ml-engineer.own.evil]\nparent = "languages"\n'
        'title = "evil\\u001b[2J[bold]x[/]"\n'
        '[roadmaps.ml-engineer.items.evil]\n'
        'links = [{ url = "javascript:alert(1)", title = "click\\u202eme" }]\n',
        encoding="utf-8")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("item", "evil"))
        await pilot.pause()
        assert str(tree(app)._item_nodes["evil"].label) == "○ evil␛[2J[bold]x[/]"
        text = detail_text(app)
        assert "Your links:\n  • click<U+202E>me javascript:alert(1)" in text
        await pilot.press("o")  # a link roadmap would not make clickable is not opened
        await pilot.pause()
        assert [n.message for n in app._notifications][-1] == (
            "No links here: l adds one of yours.")


async def test_escape_asks_before_typing_in_the_item_or_link_form_is_lost(make: Factory) -> None:
    """Escape closes an untouched form at once; with typing it asks save / discard / keep."""
    from roadmap.tui.screens.confirm import ChoiceScreen

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        tree(app).select_ref(Ref("group", GROUP))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes
        assert not isinstance(app.screen, OwnItemForm)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Polars")
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")  # keep editing
        assert app.screen.query_one("#own-title", Input).value == "Polars"
        await pilot.press("escape", "s")  # save
        await pilot.pause()
        assert [o.title for o in app.session.state.own.values()] == ["Polars"]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinkForm)
        await pilot.press(*"https://pola.rs")
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("d")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, LinkForm | ChoiceScreen)
        assert all(not r.links for r in app.session.state.items.values())
