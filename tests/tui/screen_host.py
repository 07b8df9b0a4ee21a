"""A tiny app that hosts one screen, records what it posts and returns, and plays the app's part.

The real app applies posted messages to the state and calls `state_changed()`; the host does
the same with the pure model functions, so the screens are tested without the app.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from roadmap.catalog import load_roadmap
from roadmap.model import Roadmap, RoadmapState, put_project, remove_project
from roadmap.paths import Paths
from roadmap.tui.messages import ExportRequested, ProjectDeleted, ProjectSubmitted
from roadmap.tui.screens.export import ExportScreen
from roadmap.tui.screens.state_screen import StateScreen

NOW = datetime(2024, 5, 1, 12, 0)


@cache
def ml_roadmap() -> Roadmap:
    """The bundled ML-engineer roadmap, loaded once per worker from an empty home."""
    with tempfile.TemporaryDirectory(prefix="roadmap-tui-") as home:
        return load_roadmap(Paths(Path(home)), "ml-engineer")


class Host(App[None]):
    """Pushes `make()` on mount; `messages` and `results` record what came back."""

    def __init__(self, make: Callable[[], Screen[Any]], state: RoadmapState | None = None) -> None:
        super().__init__()
        self.make = make
        self.state = state
        self.messages: list[Message] = []
        self.results: list[Any] = []
        self.export_error: str | None = None
        """What the exporter answers an ExportRequested with (None: it was written)."""

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)

    def _applied(self) -> None:
        if isinstance(self.screen, StateScreen):
            self.screen.state_changed(set(), True)

    def on_project_submitted(self, message: ProjectSubmitted) -> None:
        self.messages.append(message)
        if self.state is not None:
            put_project(self.state, message.project, NOW)
            self._applied()

    def on_project_deleted(self, message: ProjectDeleted) -> None:
        self.messages.append(message)
        if self.state is not None:
            remove_project(self.state, message.project_id, NOW)
            self._applied()

    def on_export_requested(self, message: ExportRequested) -> None:
        """Records the request and answers as the app's exporter would, with `export_error`."""
        self.messages.append(message)
        if isinstance(self.screen, ExportScreen):
            self.screen.export_finished(message, self.export_error)


def burst(app: App[Any], *keys: tuple[str, str | None]) -> None:
    """Deliver (key, character) pairs as the driver does a burst (a fast typist, a held key):
    all queued before the app handles the first; Pilot's press waits after every key."""
    assert app._driver is not None
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


def screen_text(app: App[Any]) -> str:
    """What the top screen shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
