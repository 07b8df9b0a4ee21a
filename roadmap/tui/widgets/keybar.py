"""Textual's Footer, rebuilding its keys once per burst of binding changes instead of once
for each.

At start-up the bindings change three times within a few frames (the screen mounts, the tree
takes focus, the app settles), and Footer remounts all its key widgets each time (~13 ms
apiece): the keys arrived ~100 ms after the first frame. Coalesced, they arrive one rebuild
sooner and the UI thread does a third of the work.

Nor does it rebuild while another screen is on top (which changes the keys enabled: P, N and T
open from the main screen only), ~17 ms of rebuilding on `T` that nobody sees, and a flicker
under a dialog), or when the keys it would show are
the ones it shows: coming back to the main screen rebuilds nothing.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WIDE_ONLY = frozenset({"mark('in-progress')", "attach_project"})
"""Actions the compact bar (under 110 columns) leaves to help and the palette, so that the
keys a user needs most (tick, note, filter, export, projects, help, quit) all fit at 80."""


class KeyBar(Footer):
    """The key bar at the bottom of the main screen."""

    _rebuild_pending = False
    _shown: tuple[object, ...] | None = None
    """What the keys were last built from (see `_wanted`)."""

    def compose(self) -> ComposeResult:
        self._shown = self._wanted()
        shown = [w for w in super().compose()
                 if not (self.compact and isinstance(w, FooterKey) and w.action in WIDE_ONLY)]
        self.styles.grid_size_columns = sum(isinstance(w, FooterKey) for w in shown)
        yield from shown

    def _wanted(self) -> tuple[object, ...]:
        """Everything the keys show: each shown binding, whether it is enabled, its tooltip."""
        if not self._bindings_ready:
            return ()
        return (self.compact, self.show_command_palette, *(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show))

    def watch_compact(self, old: bool, new: bool) -> None:
        if old != new and self.is_attached and self._bindings_ready:
            self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _rebuild(self) -> None:
        self._rebuild_pending = False  # a change from here on needs (and gets) another pass
        if not self.screen.is_active:
            return  # under another screen: it asks again when it is on top (MainScreen's resume)
        if self._wanted() != self._shown:
            self.refresh(recompose=True)  # composed in the bar's own context (data binding)
