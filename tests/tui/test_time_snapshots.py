"""An SVG snapshot of the Progress screen: the heatmap's theme colours, the sparkline, the
steps table (pytest-textual-snapshot; see test_snapshots.py for how to update)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from roadmap import catalog, model
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp
from tests.tui.test_snapshots import steady

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
ROADMAP = "ml-engineer"

SnapCompare = Callable[..., bool]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[RoadmapApp]:
    """Ten weeks of history with a varying pace, one stale item, a target date."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    home = Path(os.environ["HOME"]) / "roadmap"
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    paths = Paths(home)
    paths.ensure_home()
    paths.config.write_text("[targets]\nml-engineer = 2027-09-01\n")
    store = Store.open(paths)
    roadmap = catalog.load_roadmap(paths, ROADMAP)
    state = store.state.of(ROADMAP)
    ids = iter(roadmap.item_ids())
    for week, count in enumerate((3, 0, 5, 2, 4, 1, 6, 3, 2, 4)):
        for n in range(count):
            model.mark(state, next(ids), Status.DONE,
                       NOW - timedelta(days=7 * week + n, hours=2))
    model.mark(state, next(ids), Status.IN_PROGRESS, NOW - timedelta(days=30))
    try:
        yield RoadmapApp(paths, store, roadmap, clock=lambda: NOW)
    finally:
        store.close()
        monkeypatch.undo()
        time.tzset()


def test_progress_screen_120x40(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, press=["T"], terminal_size=(120, 40), run_before=steady)
