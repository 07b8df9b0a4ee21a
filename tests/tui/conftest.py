"""The app as `roadmap` builds it, for the Pilot tests of the main screen, the tree and ticks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from roadmap import catalog
from roadmap.application import follow_template
from roadmap.model import RoadmapState
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp
from roadmap.tui.widgets.roadmap_tree import RoadmapTree

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
SIZE = (120, 35)
ROADMAP = "ml-engineer"

AppFactory = Callable[..., RoadmapApp]


@pytest.fixture
def make_app(paths: Paths) -> Iterator[AppFactory]:
    """Builds apps as `launch.run()` does (the lock comes after the first frame); `state`
    may edit the roadmap's state first. Every store opened here is closed after the test."""
    stores: list[Store] = []

    def make(state: Callable[[RoadmapState], None] | None = None) -> RoadmapApp:
        store = Store.open(paths, allow_read_only=True, lock_now=False)
        stores.append(store)
        roadmap = catalog.load_roadmap(paths, ROADMAP)
        store.notices.extend(follow_template(roadmap, store.state))
        if state is not None:
            state(store.state.of(ROADMAP))
        app = RoadmapApp(paths, store, roadmap, clock=lambda: NOW)
        app.animation_level = "none"  # scrolling jumps instead of gliding for a second
        return app

    yield make
    for store in stores:
        store.close()


def tree(app: RoadmapApp) -> RoadmapTree:
    return app.screen.query_one(RoadmapTree)
