"""The screens that show the state, so the app can tell them a change was applied."""

from __future__ import annotations

from textual.screen import Screen


class StateScreen(Screen[None]):
    """A screen showing items or projects; after applying a change the app calls
    `state_changed` on every one in the stack (a direct call down, the answer to a message
    posted up), so each repaints in the frame of the key press."""

    def state_changed(self, items: set[str], projects: bool) -> None:
        """Repaint what the change touched: these item ids, and the projects if `projects`."""
        raise NotImplementedError
