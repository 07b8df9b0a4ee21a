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
from datetime import UTC, date, datetime
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
    model.mark(state, "check-math-level", Status.IN_PROGRESS, NOW)
    model.mark(state, "python", Status.DONE, NOW)
    model.set_note(state, "check-math-level",
                   "Working through **Khan Academy** algebra.\n\n- [x] linear equations\n"
                   "- [ ] functions", NOW)
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
