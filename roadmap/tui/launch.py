"""Start the app: open the store, load the roadmap in use, and flush the last change at exit.

Kept apart from app.py so the App class stays about the UI; this is the process lifecycle.
"""

from __future__ import annotations

import gc
import sys

from roadmap import catalog
from roadmap.errors import RoadmapError
from roadmap.paths import Paths
from roadmap.store import Store, prepare
from roadmap.tui.app import RoadmapApp


def run(paths: Paths) -> int:
    """Open the store, show the app, and flush the last change on the way out."""
    gc.disable()  # loading makes many long-lived objects; collecting while it runs is waste
    store = Store.open(paths, allow_read_only=True)
    try:
        try:
            roadmap = catalog.load_roadmap(paths, store.state.current)
        except RoadmapError as exc:
            if store.state.current == catalog.DEFAULT_ROADMAP:
                raise
            store.notices.append(f"{str(exc).splitlines()[0]}; showing the default roadmap")
            roadmap = catalog.load_roadmap(paths, catalog.DEFAULT_ROADMAP)
        finally:
            gc.freeze()  # the loaded state and template are never garbage: stop rescanning them
            gc.enable()
        store.notices.extend(prepare(roadmap, store.state))
        app = RoadmapApp(paths, store, roadmap)
        app.run()
        error = app.save_now()
        if error:
            print(f"roadmap: could not save your last changes: {error}", file=sys.stderr)
            return 1
        return 0
    finally:
        store.close()
