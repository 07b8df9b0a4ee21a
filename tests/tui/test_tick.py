"""The counts a tick repaints: group and section labels in the tree, and the header's total.

They come from per-group counts kept between key presses, so every path that changes the
state (tick, mark, undo, redo, filters, a template switch, archived items) must leave them
equal to a full recount. Built like `roadmap.tui.app.run` builds the app, with a frozen clock.
"""

from __future__ import annotations

from textual.pilot import Pilot

from roadmap import model
from roadmap.model import ItemState, Section, Status
from roadmap.paths import Paths
from roadmap.tui.app import RoadmapApp
from roadmap.tui.widgets.roadmap_tree import Ref
from tests.tui.conftest import NOW, ROADMAP, SIZE, AppFactory, tree
from tests.tui.screen_host import screen_text

STEP = "start-with-a-course"
FIRST, SECOND, THIRD, FOURTH = ("take-prep-course-if-new", "check-math-level",
                                "choose-ml-fundamentals-course",
                                "complete-ml-fundamentals-course")

MINI = """schema = 1
id = "mini"
title = "Mini roadmap"
summary = "Three milestones."

[[steps]]
id = "mini-step"
title = "Mini step"
summary = "The only step."

[[steps.milestones]]
id = "mini-a"
title = "Mini A"

[[steps.milestones]]
id = "mini-b"
title = "Mini B"

[[steps.milestones]]
id = "mini-c"
title = "Mini C"
"""



def label(app: RoadmapApp, kind: str, ident: str) -> str:
    """The plain text of a node's label, or "" when the tree does not show it."""
    stack = list(tree(app).root.children)
    while stack:
        node = stack.pop()
        if node.data == Ref(kind, ident):
            return str(node.label)
        stack.extend(node.children)
    return ""


def counts(app: RoadmapApp) -> tuple[str, str, str]:
    """The step's label, the Roadmap section's label and the screen, as the user reads them."""
    return label(app, "group", STEP), label(app, "section", Section.STEPS), screen_text(app)


def assert_recount(app: RoadmapApp) -> None:
    """The kept counts equal a count from scratch over the state."""
    roadmap, state = app.session.roadmap, app.session.state
    kept = tree(app).progress
    assert kept.overall() == model.overall_progress(roadmap, state)
    for group in roadmap.groups():
        assert kept.group(group) == model.group_progress(group, state)


async def select(pilot: Pilot[None], ref: Ref) -> None:
    assert tree(pilot.app).select_ref(ref)  # type: ignore[arg-type]
    await pilot.pause()
    assert tree(pilot.app).selected == ref  # type: ignore[arg-type]


async def test_ticks_undo_and_redo_repaint_group_section_and_header(
        make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "space", "j", "space")
        step, section, screen = counts(app)
        assert step == "◐ Start with a course  3/4"
        assert section == "Roadmap  3/41 · 7%"
        assert "3/165 · 1%" in screen
        await pilot.press("u")  # the third tick is undone
        step, section, screen = counts(app)
        assert step == "◐ Start with a course  2/4"
        assert section == "Roadmap  2/41 · 4%"
        assert "2/165 · 1%" in screen
        assert label(app, "item", THIRD).startswith("○ ")
        await pilot.press("ctrl+y", "j", "space")  # redo, then the fourth
        step, section, screen = counts(app)
        assert step == "✔ Start with a course  4/4"
        assert section == "Roadmap  4/41 · 9%"
        assert "4/165 · 2%" in screen
        assert_recount(app)


async def test_skip_and_in_progress_move_items_in_and_out_of_the_counts(
        make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # skipped: out of the denominator
        step, section, screen = counts(app)
        assert step == "○ Start with a course  0/3 (+1 skipped)"
        assert section == "Roadmap  0/40 · 0%"
        assert "0/164 · 0% · 1 skipped" in screen
        await pilot.press("j", "i")
        assert counts(app)[0] == "◐ Start with a course  0/3 (+1 skipped)"
        await pilot.press("k", "t", "j", "t")  # both back to to-do
        step, section, screen = counts(app)
        assert step == "○ Start with a course  0/4"
        assert section == "Roadmap  0/41 · 0%"
        assert "0/165 · 0%" in screen
        assert_recount(app)


async def test_ticks_under_a_status_filter_and_a_text_filter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")  # open items only
        await pilot.pause()
        await select(pilot, Ref("item", SECOND))
        await pilot.press("space")  # done: leaves the "open" view
        await pilot.pause()
        assert label(app, "item", SECOND) == ""
        step, section, screen = counts(app)
        assert step == "◐ Start with a course  1/4"
        assert section == "Roadmap  1/41 · 2%"
        assert "1/165 · 0%" in screen
        await pilot.press("u")
        await pilot.pause()
        assert label(app, "item", SECOND).startswith("○ ")
        assert counts(app)[0] == "○ Start with a course  0/4"
        await pilot.press("f", "f", "f")  # back to all
        await pilot.press("slash", *"fluent", "enter")
        await pilot.pause()
        await select(pilot, Ref("item", "become-fluent-in-python"))
        await pilot.press("space")
        await pilot.pause()
        assert label(app, "group", "learn-software-engineering-fundamentals") == (
            "◐ Learn software engineering fundamentals  1/6")
        assert "1/165 · 0%" in screen_text(app)
        assert_recount(app)


async def test_a_template_switch_counts_the_new_roadmap_and_back(
        make_app: AppFactory, paths: Paths) -> None:
    paths.templates.mkdir(parents=True, exist_ok=True)
    (paths.templates / "mini.toml").write_text(MINI, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert "1/165 · 0%" in screen_text(app)
        app.switch_roadmap("mini")
        await pilot.pause()
        assert label(app, "group", "mini-step") == "○ Mini step  0/3"
        assert "0/3 · 0%" in screen_text(app)
        await pilot.press("space")
        assert label(app, "group", "mini-step") == "◐ Mini step  1/3"
        assert "1/3 · 33%" in screen_text(app)
        app.switch_roadmap(ROADMAP)
        await pilot.pause()
        step, section, screen = counts(app)
        assert step == "◐ Start with a course  1/4"
        assert section == "Roadmap  1/41 · 2%"
        assert "1/165 · 0%" in screen
        assert_recount(app)


async def test_ticking_an_archived_item_leaves_every_count_alone(make_app: AppFactory) -> None:
    app = make_app(lambda rs: rs.items.update({"retired-step": ItemState(Status.DONE, NOW),
                                               FIRST: ItemState(Status.DONE, NOW)}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1/165 · 0%" in screen_text(app)  # the archived record counts nowhere
        await select(pilot, Ref("archived", "retired-step"))
        await pilot.press("space")
        assert app.session.state.status("retired-step") is Status.TODO
        assert label(app, "archived", "retired-step") == "○ retired-step"
        step, section, screen = counts(app)
        assert step == "◐ Start with a course  1/4"
        assert section == "Roadmap  1/41 · 2%"
        assert "1/165 · 0%" in screen
        assert_recount(app)
