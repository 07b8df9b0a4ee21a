"""SVG snapshots of the main screen, the projects screen and help (pytest-textual-snapshot).

Everything that could vary between runs is pinned: the clock, the time zone the details pane
shows times in, the data folder (under $HOME, so help shows it as `~/roadmap/...`), and the
cursor blink. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at
the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from roadmap import catalog, model
from roadmap.model import Project, Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ROADMAP = "ml-engineer"

SnapCompare = Callable[..., bool]


@pytest.fixture
def utc() -> Iterator[None]:
    """The details pane shows local times: make local time UTC for the test."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, utc: None) -> Iterator[RoadmapApp]:
    """The app on a small, fixed state: two milestones started, a note and one project."""
    home = Path(os.environ["HOME"]) / "roadmap"
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    paths = Paths(home)
    store = Store.open(paths)
    roadmap = catalog.load_roadmap(paths, ROADMAP)
    state = store.state.of(ROADMAP)
    model.mark(state, "take-prep-course-if-new", Status.DONE, NOW)
    model.mark(state, "check-math-level", Status.IN_PROGRESS, NOW - timedelta(days=21))
    model.mark(state, "python", Status.DONE, NOW)
    model.set_note(state, "check-math-level",
                   "Working through **Khan Academy** algebra.\n\n- [x] linear equations\n"
                   "- [ ] functions", NOW - timedelta(days=1))
    model.put_project(state, Project(
        id="house-prices", title="House prices regression",
        urls=("https://github.com/me/house-prices",),
        summary="Cleaned a messy data set and fitted a gradient-boosted model.",
        skills=("python",), milestones=("check-math-level",),
        started=date(2026, 9, 1), finished=date(2026, 10, 15)), NOW)
    try:
        yield RoadmapApp(paths, store, roadmap, clock=lambda: NOW)
    finally:
        store.close()


async def steady(pilot: Pilot[None]) -> None:
    """No blinking cursors: a screenshot must not depend on when it is taken."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def test_main_screen_120x35(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, terminal_size=(120, 35), run_before=steady)


def test_main_screen_80x24(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


def test_projects_screen(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, press=["P"], terminal_size=(120, 35), run_before=steady)


def test_help_120x35(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 35),
                        run_before=steady)


def test_help_80x24(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, press=["f1"], terminal_size=(80, 24), run_before=steady)


def test_main_screen_light_theme(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    """textual-light: every status readable (issue 14: to-do and counts were white on grey)."""

    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(120, 35), run_before=light)


def test_80x24_with_long_titles(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    """A long title ends in …, its ✎ and ◆ markers before it, and the step counts stay."""

    model.set_note(app.session.state, "complete-ml-fundamentals-course", "Week 3 of 8", NOW)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


def test_projects_table_after_delete_and_undo(snap_compare: SnapCompare,
                                              app: RoadmapApp) -> None:
    """A second project with a long link, deleted and brought back: the columns fit."""

    async def delete_and_undo(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app, RoadmapApp)
        model.put_project(pilot.app.session.state, Project(
            id="churn", title="Customer churn predictor with a long explanatory title",
            urls=("https://www.kaggle.com/code/someone/customer-churn-prediction-notebook",),
            skills=("python", "classification"), started=date(2026, 10, 1)), NOW)
        await pilot.press("P")
        await pilot.press("d", "y")  # the cursor is on "Customer churn ..." (sorted first)
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=(120, 35), run_before=delete_and_undo)


def test_evidence_screen(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, press=["E"], terminal_size=(120, 35), run_before=steady)


def test_postings_screen(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    async def pasted(pilot: Pilot[None]) -> None:
        await pilot.press("J")
        pilot.app.screen.query_one(TextArea).load_text(
            "Machine learning engineer\n\nWe need Python, R and SQL; Docker and Kubernetes.\n"
            "Experience with Spark and PyTorch is a plus.")
        pilot.app.screen.rematch()  # not the typing timer: a loaded machine may not have run it
        await steady(pilot)

    assert snap_compare(app, terminal_size=(120, 35), run_before=pasted)
