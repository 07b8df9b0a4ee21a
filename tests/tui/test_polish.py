"""Issue 14's smaller TUI points, each as a user meets it: space on a step, the filter's
cursor and the steps it reopens, undo showing what it changed, resizing, the read-only banner."""

from __future__ import annotations

from textual.widgets import Input

from roadmap.model import RoadmapState, Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.widgets.header import ProgressHeader
from roadmap.tui.widgets.roadmap_tree import Ref
from tests.tui.conftest import SIZE, AppFactory, tree
from tests.tui.screen_host import screen_text

STEP = "start-with-a-course"
MILESTONES = ("take-prep-course-if-new", "check-math-level", "choose-ml-fundamentals-course",
              "complete-ml-fundamentals-course")
THIRD_STEP = "learn-software-engineering-fundamentals"


def status(app: RoadmapApp, item_id: str) -> Status:
    return app.session.state.status(item_id)


def expanded_groups(app: RoadmapApp) -> set[str]:
    return {gid for gid, node in tree(app)._group_nodes.items() if node.is_expanded}


async def test_space_on_a_step_marks_its_items_after_saying_how_many(
        make_app: AppFactory) -> None:
    def seed(rs: RoadmapState) -> None:
        from roadmap import model
        from tests.tui.conftest import NOW

        model.mark(rs, MILESTONES[0], Status.DONE, NOW)
        model.mark(rs, MILESTONES[2], Status.SKIPPED, NOW)

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tree(app).select_ref(Ref("group", STEP))
        await pilot.pause()
        await pilot.press("space")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == ("Mark 2 items of “Start with a course” done? One undo "
                                       "(u) takes it back.")
        await pilot.press("n")
        assert [status(app, m) for m in MILESTONES] == [
            Status.DONE, Status.TODO, Status.SKIPPED, Status.TODO]
        await pilot.press("space", "y")
        await pilot.pause()
        assert [status(app, m) for m in MILESTONES] == [
            Status.DONE, Status.DONE, Status.SKIPPED, Status.DONE]
        assert "3/3" in str(tree(app)._group_nodes[STEP].label)
        await pilot.press("space")  # all done: the question is the way back
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Mark 3 items of “Start with a course” to do?")
        await pilot.press("n", "u")  # one undo reverts the whole step
        await pilot.pause()
        assert [status(app, m) for m in MILESTONES] == [
            Status.DONE, Status.TODO, Status.SKIPPED, Status.TODO]


async def test_the_filter_lands_on_the_first_match_and_clearing_reopens_steps(
        make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree(app)._group_nodes[THIRD_STEP].expand()
        await pilot.pause()
        before = expanded_groups(app)
        assert before == {STEP, THIRD_STEP}
        await pilot.press("slash", *"python")
        await pilot.pause()
        selected = tree(app).selected
        first = tree(app).first_shown_item()
        assert selected == first and selected is not None and selected.kind == "item"
        item = app.session.roadmap.item(selected.id)
        assert item is not None and "python" in (item.title.casefold() + item.id)
        # nothing before it in the tree matches: it is the first, in template order
        order = [i.id for i in app.session.roadmap.items()]
        for earlier in order[:order.index(selected.id)]:
            other = app.session.roadmap.item(earlier)
            assert other is not None and "python" not in other.title.casefold() + earlier
        await pilot.press("escape")
        await pilot.pause()
        assert expanded_groups(app) >= before
        assert tree(app).selected == selected  # still on the match, now in its own step


async def test_undo_moves_the_cursor_to_the_item_it_changed(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert tree(app).selected == Ref("item", MILESTONES[0])
        await pilot.press("space", "down", "down", "down", "down", "down")
        await pilot.pause()
        assert tree(app).selected != Ref("item", MILESTONES[0])
        await pilot.press("u")
        await pilot.pause()
        assert tree(app).selected == Ref("item", MILESTONES[0])
        assert status(app, MILESTONES[0]) is Status.TODO
        await pilot.press("down", "down", "ctrl+y")
        await pilot.pause()
        assert tree(app).selected == Ref("item", MILESTONES[0])
        assert status(app, MILESTONES[0]) is Status.DONE


async def test_after_a_resize_the_cursor_row_is_still_on_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        last = list(app.session.roadmap.items())[60].id  # well down the tree
        assert tree(app).select_ref(Ref("item", last))
        await pilot.pause()
        for size in ((50, 30), (80, 24), (50, 16)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            shown = tree(app)
            top = int(shown.scroll_offset.y)
            assert top <= shown.cursor_line < top + shown.scrollable_content_region.height, size
            assert isinstance(app.screen, MainScreen)


async def test_the_read_only_banner_keeps_the_title_and_progress(
        make_app: AppFactory, paths: Paths) -> None:
    holder = Store.open(paths)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(50):  # the lock is tried after the first frame
                await pilot.pause()
                if "Read-only:" in screen_text(app):
                    break
            lines = screen_text(app).splitlines()
            assert lines[0].startswith(" Machine learning engineer")
            assert lines[0].rstrip().endswith("0/165 · 0%")
            assert lines[1].startswith(" Read-only: another roadmap is running (it holds ")
            text = " ".join(line.strip() for line in lines[1:4])
            assert "You can look around; changes are refused." in text
            assert app.screen.query_one(ProgressHeader).region.y == 0
    finally:
        holder.close()


async def test_filter_box_escape_still_clears(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert tree(app).first_shown_item() is None
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#filter", Input).display


async def test_at_80x24_labels_end_in_an_ellipsis_and_counts_and_keys_stay(
        make_app: AppFactory) -> None:
    def seed(rs: RoadmapState) -> None:
        from roadmap import model
        from roadmap.model import Project
        from tests.tui.conftest import NOW

        model.set_note(rs, MILESTONES[1], "notes", NOW)
        model.put_project(rs, Project("p", "P", milestones=(MILESTONES[1],)), NOW)

    app = make_app(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert tree(app).select_ref(Ref("group", THIRD_STEP))
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "Check your math" in line[:36])
        left = row[:36]  # the tree pane, left of the details
        assert "○ ✎ ◆ Check your math is a…" in left  # markers first, the title cut with …
        step = next(line for line in lines if "Learn software engin" in line[:36])
        assert step[:36].rstrip(" │").endswith("…  0/6")  # the cursor line too
        assert "Familiarize yourself…  0/7" in screen_text(app)
        keys = lines[-1]
        for key in ("space Tick", "n Note", "/ Filter", "x Export", "P Projects", "? Help",
                    "q Quit"):
            assert key in keys
        await pilot.resize_terminal(200, 40)  # wide: the whole title, and every key
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "○ ✎ ◆ Check your math is at least high-school level" in text
        assert "i In progress" in text.splitlines()[-1] and "p Project" in text.splitlines()[-1]


async def test_a_fast_slash_and_word_all_go_into_the_filter(make_app: AppFactory) -> None:
    """`/python` typed at once: the letters were on their way to the tree before the box
    took focus, and `t`, `n`, `p` are the tree's keys (mark to do, note, project)."""
    from tests.tui.screen_host import burst

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, ("slash", "/"), *((ch, ch) for ch in "python"))
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#filter", Input).value == "python"
        assert tree(app).text_filter == "python"
        assert app.session.changes == 0
        await pilot.press("enter", "j")  # after the box: the tree's keys are keys again
        assert tree(app).text_filter == "python"
        assert app.screen.query_one("#filter", Input).value == "python"
