"""What the tree shows after a (re)build, which adds nodes in bulk and measures them itself.

The tree skips Tree's per-node invalidation, label splitting and label rendering for widths;
these tests pin what the user sees: which steps are open, the lines in order, the cursor, the
labels, and the widths Tree would have measured on its own.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, Tree

from roadmap.model import ItemState, RoadmapState, Status
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.widgets.roadmap_tree import Ref, RoadmapTree
from tests.tui.conftest import NOW, SIZE, AppFactory, tree

FIRST_STEP = ("take-prep-course-if-new", "check-math-level", "choose-ml-fundamentals-course",
              "complete-ml-fundamentals-course")
SECOND_STEP = ("write-down-career-goal", "pick-target-industries", "compare-related-roles",
               "check-degree-requirements", "list-transferable-skills", "choose-learning-path")



def lines(app: RoadmapApp) -> list[str]:
    """The tree's lines top to bottom, as label text (collapsed groups hide their items)."""
    return [str(line.node.label) for line in tree(app)._tree_lines]


def assert_widths_as_tree_measures(app: RoadmapApp) -> None:
    roadmap_tree = tree(app)
    for line in roadmap_tree._tree_lines:
        assert roadmap_tree.get_label_width(line.node) == Tree.get_label_width(
            roadmap_tree, line.node)


async def select_third_step(pilot: Pilot[None]) -> None:
    roadmap_tree = pilot.app.screen.query_one(RoadmapTree)
    assert roadmap_tree.select_ref(Ref("group", "learn-software-engineering-fundamentals"))
    await pilot.pause()
    node = roadmap_tree.cursor_node
    assert node is not None and not node.is_expanded


def done_first_step(rs: RoadmapState) -> None:
    rs.items.update({i: ItemState(Status.DONE, NOW) for i in FIRST_STEP})
    rs.items[SECOND_STEP[0]] = ItemState(Status.DONE, NOW, "a note")


async def test_start_up_opens_the_first_open_step_only(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = lines(app)
        assert shown[:7] == [
            "Roadmap  0/41 · 0%",
            "○ Start with a course  0/4",
            "○ If new to coding or statistics, finish a prep course",
            "○ Check your math is at least high-school level",
            "○ Choose an online ML fundamentals course",
            "○ Complete an online ML fundamentals course",
            "○ Understand your end goal  0/6",
        ]
        assert len(shown) == 3 + 16 + 4  # sections, groups, the open step's milestones
        assert tree(app).selected == Ref("item", FIRST_STEP[0])
        assert tree(app).cursor_line == 2
        assert_widths_as_tree_measures(app)


async def test_a_done_first_step_starts_on_the_second(make_app: AppFactory) -> None:
    app = make_app(done_first_step)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = lines(app)
        assert shown[1] == "✔ Start with a course  4/4"
        assert shown[2] == "◐ Understand your end goal  1/6"
        assert shown[3] == "✔ ✎ Write down what you want from an ML career"
        assert len(shown) == 3 + 16 + 6
        assert tree(app).selected == Ref("item", SECOND_STEP[1])  # the first one not done
        assert_widths_as_tree_measures(app)


async def test_opening_a_step_adds_its_milestones_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left", "left", "j")  # close the first step, on to the second
        assert tree(app).selected == Ref("group", "understand-your-end-goal")
        await pilot.press("right")
        await pilot.pause()
        shown = lines(app)
        start = shown.index("○ Understand your end goal  0/6") + 1
        roadmap = app.session.roadmap
        assert shown[start:start + 6] == [
            "○ " + item.title for item in roadmap.steps[1].items]
        await pilot.press("right")  # into its first milestone
        assert tree(app).selected == Ref("item", SECOND_STEP[0])
        await pilot.press("j", "space")
        assert lines(app)[start + 1].startswith("✔ Pick the industries")
        assert_widths_as_tree_measures(app)


async def test_enter_opens_a_step_and_shows_its_milestones(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_third_step(pilot)
        await pilot.press("enter")  # Tree expands first; the milestones are added after
        await pilot.pause()
        shown = lines(app)
        start = shown.index("○ Learn software engineering fundamentals  0/6") + 1
        assert shown[start:start + 6] == [
            "○ " + item.title for item in app.session.roadmap.steps[2].items]
        await pilot.press("j")
        assert tree(app).selected == Ref("item", "become-fluent-in-python")


async def test_start_up_shows_the_next_item_before_the_first_frame(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first frame already shows the next thing to do and its details, not the welcome
    text with the cursor arriving a few frames later."""
    seen: list[tuple[Ref | None, str]] = []
    load = MainScreen.load

    def load_and_look(screen: MainScreen) -> None:
        load(screen)  # no refresh has happened between this and what is recorded
        detail = screen.query_one("#detail-main", Static).render()
        seen.append((screen.query_one(RoadmapTree).selected, str(detail)))

    monkeypatch.setattr(MainScreen, "load", load_and_look)
    app = make_app(done_first_step)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    selected, detail = seen[0]
    assert selected == Ref("item", SECOND_STEP[1])
    assert detail.startswith("Pick the industries you want to work in\n\n○ to do\n")
