"""SVG snapshot of the own-item form over the main screen (pytest-textual-snapshot).

Pinned like tests/tui/test_snapshots.py: the clock, the time zone and the data folder. Update
with `pytest tests/tui/test_own_snapshot.py --snapshot-update` and look at the SVG first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from roadmap import model
from roadmap.application.opening import open_app
from roadmap.model import Link, OwnItem
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp
from roadmap.tui.widgets.roadmap_tree import Ref, RoadmapTree

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
SnapCompare = Callable[..., bool]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[RoadmapApp]:
    """A home with one own skill that has a link, opened as `roadmap` opens it, in UTC."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    home = Path(os.environ["HOME"]) / "roadmap"
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    paths = Paths(home)
    with Store.open(paths) as store:
        rs = store.state.of("ml-engineer")
        model.put_own(rs, OwnItem("pandas", "languages", "pandas", "DataFrames in Python",
                                  aliases=("pandas library",), added=NOW), NOW)
        model.add_link(rs, "pandas", Link("https://pandas.pydata.org/docs/", "pandas docs"),
                       NOW)
        store.save()
    opened = open_app(paths)
    try:
        yield RoadmapApp(paths, opened.store, opened.roadmap, clock=lambda: NOW)
    finally:
        opened.store.close()
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


async def edit_pandas(pilot: Pilot[None]) -> None:
    """The form for editing the own skill, with no blinking cursor."""
    await pilot.pause()
    pilot.app.screen.query_one(RoadmapTree).select_ref(Ref("item", "pandas"))
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_own_item_form_120x35(snap_compare: SnapCompare, app: RoadmapApp) -> None:
    assert snap_compare(app, terminal_size=(120, 35), run_before=edit_pandas)
