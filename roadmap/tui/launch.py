"""Start the app: open the store, load the roadmap in use, and flush the last change at exit.

Kept apart from app.py so the App class stays about the UI; this is the process lifecycle,
including the ways out that are not `q`: a stop signal (exit 128+signal) and a crash (exit 70).
"""

from __future__ import annotations

import gc
import sys
from functools import partial

from roadmap.application.opening import open_app
from roadmap.errors import RoadmapError
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.tui import time_views
from roadmap.tui.app import RoadmapApp
from roadmap.tui.faults import EXIT_CRASH, Crash, StopSignals, crash_line, user_texts


def run(paths: Paths) -> int:
    """Open the store, show the app, and flush the last change on the way out.

    The garbage collector is off from the start (cli.main) until the first frame: imports
    alone make ~65,000 long-lived objects (Textual's and ours), and collecting while they are
    made is ~10 ms of pure waste. After the frame they are frozen out of every later scan.
    """
    store: Store | None = None
    app: RoadmapApp | None = None
    try:
        opened = open_app(paths)
        store = opened.store
        app = RoadmapApp(paths, store, opened.roadmap)
        app.on_first_frame = partial(_first_frame, app)
        if opened.unsaved:  # opening marked a clash as told: saved with the first save
            app.saver.mark_unsaved()
        with StopSignals(app.stop_for_signal) as signals:
            return _run_and_save(app, signals)
    except RoadmapError:
        raise  # the user's mistake or a file problem: one line and exit 2, from cli.py
    except Exception as exc:  # a bug outside the event loop: the same way out as inside it
        if app is not None and app.crash is not None:
            return _crashed(paths, app.crash, app)
        return _crashed(paths, Crash(exc, _texts(paths, store)), app)
    finally:
        if store is not None:
            store.close()


def _texts(paths: Paths, store: Store | None) -> list[str]:
    """The user's own text, to hide in a crash report: from the store, or (a crash while
    opening, which closed it) read again; none when even that fails."""
    try:
        return user_texts(store.state if store is not None else read_state(paths))
    except Exception:
        return []


def _run_and_save(app: RoadmapApp, signals: StopSignals) -> int:
    if signals.received is None:  # a signal before the app started: nothing to show or save
        try:
            app.run()
        finally:
            gc.enable()
    if app.crash is not None:
        return _crashed(app.paths, app.crash, app)
    error = app.save_now()
    if error:
        print(f"roadmap: could not save your last changes: {error}", file=sys.stderr)
    if signals.exit_code is not None:
        return signals.exit_code
    if error:
        return 1
    app.store.remember()  # the next start reads the parse from the cache (~10x faster)
    return signals.exit_code or 0  # a signal while remembering still says how we ended


def _crashed(paths: Paths, crash: Crash, app: RoadmapApp | None) -> int:
    """Save what is loaded if that still works, write the report, say both in one line."""
    saved = "nothing was changed"
    if app is not None and app.store.read_only:
        saved = "nothing was saved (roadmap was read-only)"
    elif app is not None:
        try:
            error = app.save_now()
        except Exception as exc:
            error = f"internal error ({type(exc).__name__})"
        saved = ("your changes were saved" if error is None
                 else f"your last changes could not be saved ({crash.scrub(error)})")
    try:
        report, report_error = crash.write(paths.cache), None
    except OSError as exc:
        report, report_error = None, exc.strerror or str(exc)
    print(crash_line(crash, saved, report, report_error), file=sys.stderr)
    return EXIT_CRASH


def _first_frame(app: RoadmapApp) -> None:
    _collect_from_now_on()
    app.call_after_refresh(time_views.greet, app)  # what is in progress, once the screen is up


def _collect_from_now_on() -> None:
    gc.freeze()  # what start-up made lives as long as the app: never rescan it
    gc.enable()
