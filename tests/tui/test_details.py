"""The details pane: the id, how long the status has held, when the note was edited, and
lists that wrap without leaving a glyph or an indent behind."""

from __future__ import annotations

from datetime import timedelta

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from roadmap import model
from roadmap.model import Project, RoadmapState, Status
from roadmap.tui.app import RoadmapApp
from roadmap.tui.widgets.detail import DetailPane
from roadmap.tui.widgets.roadmap_tree import Ref
from tests.tui.conftest import NOW, SIZE, AppFactory, tree

ITEM = "check-math-level"


def pane_text(pane: DetailPane, width: int = 60) -> str:
    """The main block of the pane as plain lines, wrapped at `width`."""
    console = Console(width=width, record=True, color_system=None)
    console.print(pane.query_one("#detail-main", Static).content)
    return console.export_text()


async def show(pilot: Pilot[None], ref: Ref) -> None:
    """Put the tree's cursor on `ref`: the pane follows the cursor."""
    assert isinstance(pilot.app, RoadmapApp)
    assert tree(pilot.app).select_ref(ref)
    await pilot.pause()
    await pilot.pause()


async def test_the_item_shows_its_id_status_age_and_note_age(make_app: AppFactory) -> None:
    def seed(rs: RoadmapState) -> None:
        model.mark(rs, ITEM, Status.TODO, NOW - timedelta(days=40))
        model.mark(rs, ITEM, Status.IN_PROGRESS, NOW - timedelta(days=21, hours=1))
        model.set_note(rs, ITEM, "Khan Academy", NOW - timedelta(days=1))

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(DetailPane)
        await show(pilot, Ref("item", ITEM))
        text = pane_text(pane)
        assert "◐ in progress for 3 weeks · note edited yesterday\n" in text
        assert f"id: {ITEM}\n" in text
        tip = str(pane.query_one("#detail-main", Static).tooltip)
        stamp = (NOW - timedelta(days=21, hours=1)).astimezone().strftime("%Y-%m-%d %H:%M")
        assert tip.startswith(f"Status changed {stamp}; note edited ")


async def test_status_age_comes_from_the_history_not_from_a_later_edit(
        make_app: AppFactory) -> None:
    def seed(rs: RoadmapState) -> None:
        model.mark(rs, ITEM, Status.DONE, NOW - timedelta(days=2))
        model.set_note(rs, ITEM, "notes later", NOW)  # a note edit does not move the status age

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(DetailPane)
        await show(pilot, Ref("item", ITEM))
        assert "✔ done 2 days ago · note edited just now\n" in pane_text(pane)
        await show(pilot, Ref("item", "choose-ml-fundamentals-course"))  # never touched
        lines = pane_text(pane).splitlines()
        assert lines[2] == "○ to do"


def test_history_beats_changed_and_changed_is_the_fallback() -> None:
    rs = RoadmapState()
    model.mark(rs, "a", Status.DONE, NOW - timedelta(days=9))
    assert model.status_since(rs, "a") == NOW - timedelta(days=9)
    rs.history.clear()  # trimmed away: the record's own stamp
    assert model.status_since(rs, "a") == NOW - timedelta(days=9)
    rs.items["a"] = rs.items["a"]._replace(changed=NOW)  # a hand edit moved `changed` only
    model.mark(rs, "b", Status.IN_PROGRESS, NOW - timedelta(days=3))
    assert model.status_since(rs, "a") == NOW
    assert model.status_since(rs, "b") == NOW - timedelta(days=3)
    assert model.status_since(rs, "never") is None


async def test_skill_lists_and_project_summaries_wrap_cleanly(make_app: AppFactory) -> None:
    summary = "Cleaned a messy data set of house sales and fitted a gradient-boosted model on it"

    def seed(rs: RoadmapState) -> None:
        model.put_project(rs, Project("p", "House prices", summary=summary,
                                      milestones=(ITEM,)), NOW)

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(DetailPane)
        roadmap = app.session.roadmap
        user = next(i for i in roadmap.items() if i.skills)
        await show(pilot, Ref("item", user.id))
        lines = pane_text(pane, 40).splitlines()
        skills = lines.index("Skills:")
        for skill_id in user.skills:
            skill = roadmap.item(skill_id)
            assert skill is not None
            assert any(line.startswith(f"  ○ {skill.title[:20]}") for line in lines[skills:])
        assert not any(line.rstrip().endswith(("○", "◐", "✔", "⊘")) for line in lines)
        await show(pilot, Ref("item", ITEM))
        lines = pane_text(pane, 40).splitlines()
        start = [line.rstrip() for line in lines].index("• House prices")
        wrapped = [line for line in lines[start + 1:] if line.strip()]
        assert len(wrapped) >= 2 and all(line.startswith("  ") for line in wrapped[:2])
        assert " ".join(line.strip() for line in wrapped).startswith(summary)


def test_an_undone_change_does_not_restart_the_status_age() -> None:
    from roadmap.application.session import Session

    rs = RoadmapState()
    started = NOW - timedelta(days=21)
    model.mark(rs, "a", Status.IN_PROGRESS, started)
    clock = iter([NOW, NOW + timedelta(minutes=1)])
    session = Session(model.Roadmap("t", "T"), rs, clock=lambda: next(clock))
    session.mark(["a"], Status.DONE)
    assert model.status_since(rs, "a") == NOW
    session.undo()
    assert rs.status("a") is Status.IN_PROGRESS
    assert model.status_since(rs, "a") == started  # in progress for 3 weeks, still
    model.mark(rs, "a", Status.DONE, NOW + timedelta(days=1))  # a real change later
    assert model.status_since(rs, "a") == NOW + timedelta(days=1)


async def test_the_pane_grows_and_shrinks_with_the_text_it_shows(make_app: AppFactory) -> None:
    """The text is drawn without a layout pass when it keeps its height (a cursor move is
    cheaper); a taller or shorter text still resizes the block, so nothing is cut off and
    nothing stale is left below it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        static = app.screen.query_one(DetailPane).query_one("#detail-main", Static)
        heights = []
        for ref in (Ref("item", ITEM), Ref("group", "start-with-a-course"),
                    Ref("item", "python"), Ref("item", ITEM)):
            await show(pilot, ref)
            width = static.content_size.width
            wanted = static.get_content_height(static.size, static.size, width)
            assert static.content_size.height == wanted
            heights.append(wanted)
        assert len(set(heights)) > 1, heights  # the walk did change the height
        assert heights[0] == heights[-1]
