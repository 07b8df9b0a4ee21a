"""The app's side of the time views: the pace settings it reads once, the start-up reminder,
going from Next to an item, setting the target, and the header's line about it.

Kept out of app.py so the App stays about applying changes; the app's handlers call these.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    from roadmap.config import PaceConfig
    from roadmap.tui.app import RoadmapApp

class PaceSettings:
    """`[pace]` and `[targets]` from config.toml, read when first asked and kept; with no
    config file, config.py (~15 ms to import) is not even loaded."""

    def __init__(self, app: RoadmapApp) -> None:
        self.app = app
        self._loaded: PaceConfig | None = None

    def _config(self) -> PaceConfig | None:
        paths = self.app.paths
        if self._loaded is None and (paths.config.exists() or paths.config.is_symlink()):
            from roadmap.config import PaceConfig, load_pace

            try:
                self._loaded = load_pace(paths)
            except RoadmapError as exc:  # a broken file: say why once, use the defaults
                self._loaded = PaceConfig()
                self.app.notify(f"{exc}; no target, stale after {self._loaded.stale_days} days",
                                severity="warning", timeout=8)
        return self._loaded

    def forget(self) -> None:
        """Read the file again next time (after the app wrote it)."""
        self._loaded = None

    def stale_days(self) -> int:
        found = self._config()
        if found is not None:
            return found.stale_days
        from roadmap.insights.next import STALE_DAYS  # the Next view imports it anyway

        return STALE_DAYS

    def target(self, roadmap_id: str) -> date | None:
        found = self._config()
        return found.targets.get(roadmap_id) if found is not None else None


def greet(app: RoadmapApp) -> None:
    """At start-up, when something is in progress, a notice saying what: it does not take
    the keys or cover the roadmap (N opens the whole Next view). `roadmap` calls this after
    the first frame; Pilot tests and other embeddings of the App do not."""
    from roadmap.insights.next import what_next
    from roadmap.tui.screens.next import pick_up_text

    stale_days = app.pace.stale_days()
    found = what_next(app.session.roadmap, app.session.state, app.clock(), stale_days=stale_days)
    text = pick_up_text(found, stale_days)
    if text is not None:
        app.notify(text, title="Picking up where you left off", timeout=10)


def show_item(app: RoadmapApp, item_id: str) -> None:
    """Back to the main screen with its cursor on the item (Enter in the Next view)."""
    main = app.main
    if main is None:
        return
    while app.screen is not main and len(app.screen_stack) > 1:
        app.pop_screen()
    if not main.show_item(item_id):
        app.notify("That item is hidden by the filter; escape clears it.", timeout=4)


def set_target(app: RoadmapApp, day: date | None) -> None:
    """Write the target (None: its removal) to config.toml, then show it everywhere."""
    from roadmap.config import set_target as write_target
    from roadmap.tui.screens.progress import ProgressScreen

    try:
        write_target(app.paths, app.session.roadmap.id, day)
    except RoadmapError as exc:
        app.notify(f"Not done: {exc}", severity="error", timeout=10)
        return
    app.pace.forget()
    refresh_target_line(app)
    for screen in app.screen_stack:
        if isinstance(screen, ProgressScreen):
            screen.refresh_view()
    app.notify(f"Target set: {day.isoformat()}" if day else "Target cleared.", timeout=3)


def refresh_target_line(app: RoadmapApp) -> None:
    """The header's short line about the target: only when one is set (no pressure unless
    asked for). The app calls it after the repaint of a change, off the key's frame."""
    main = app.main
    if main is None:
        return
    from roadmap.tui.widgets.header import ProgressHeader

    target = app.pace.target(app.session.roadmap.id)
    text = ""
    if target is not None:
        from roadmap.insights.pace import measure, target_summary

        found = measure(app.session.roadmap, app.session.state, app.clock(), target)
        if found.target is not None:
            text = target_summary(found.target)
    for header in main.query(ProgressHeader):
        header.show_target(text)
