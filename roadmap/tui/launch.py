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
    """Open the store, show the app, and flush the last change on the way out.

    The garbage collector is off from the start (cli.main) until the first frame: imports
    alone make ~65,000 long-lived objects (Textual's and ours), and collecting while they are
    made is ~10 ms of pure waste. After the frame they are frozen out of every later scan.
    """
    store = Store.open(paths, allow_read_only=True, lock_now=False)
    try:
        try:
            roadmap = catalog.load_roadmap(paths, store.state.current)
        except RoadmapError as exc:
            if store.state.current == catalog.DEFAULT_ROADMAP:
                raise
            store.notices.append(f"{str(exc).splitlines()[0]}; showing the default roadmap")
            roadmap = catalog.load_roadmap(paths, catalog.DEFAULT_ROADMAP)
        store.notices.extend(prepare(roadmap, store.state))
        app = RoadmapApp(paths, store, roadmap, on_first_frame=_collect_from_now_on)
        try:
            app.run()
        finally:
            gc.enable()
        error = app.save_now()
        if error:
            print(f"roadmap: could not save your last changes: {error}", file=sys.stderr)
            return 1
        store.remember()  # the next start reads the parse from the cache (~10x faster)
        return 0
    finally:
        store.close()


def _collect_from_now_on() -> None:
    gc.freeze()  # what start-up made lives as long as the app: never rescan it
    gc.enable()
