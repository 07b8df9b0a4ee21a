"""The app's part in own items and links: apply what the main screen's keys and forms ask.

A base class of RoadmapApp, kept apart so app.py stays the app's lifecycle and the other
changes; the handlers go through `perform` like every change (undo, repaint, save).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from roadmap.tui import messages

if TYPE_CHECKING:
    from roadmap.application.session import Action, Session
    from roadmap.tui.screens.main import MainScreen


class _App(Protocol):
    """What the handlers use of RoadmapApp."""

    session: Session

    @property
    def main(self) -> MainScreen | None: ...

    def perform(self, change: Callable[[Session], Action | None]) -> Action | None: ...

    def notify(self, message: str, *, timeout: float | None = None) -> None: ...


class OwnItemHandlers:
    """`on_...` handlers for OwnItemSubmitted, OwnItemRemoved, LinkSubmitted, LinkRemoved."""

    def on_own_item_submitted(self: _App, message: messages.OwnItemSubmitted) -> None:
        item = message.item
        if self.perform(lambda s: s.put_own(item)) is not None and self.main is not None:
            self.main.show_item(item.id)

    def on_own_item_removed(self: _App, message: messages.OwnItemRemoved) -> None:
        if self.perform(lambda s: s.remove_own(message.item_id)) is not None:
            self.notify(f"Removed '{self.session.title_of(message.item_id)}'; its record is "
                        "kept as archived (u brings it back).", timeout=5)

    def on_link_submitted(self: _App, message: messages.LinkSubmitted) -> None:
        self.perform(lambda s: s.add_link(message.item_id, message.link))

    def on_link_removed(self: _App, message: messages.LinkRemoved) -> None:
        self.perform(lambda s: s.remove_link(message.item_id, message.url))
