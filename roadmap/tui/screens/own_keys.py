"""The main screen's keys for making the roadmap yours: add, edit and remove your own items,
add and open links, hide skipped items.

A base class of MainScreen, so its bindings and actions sit apart from the screen's layout
and the tree's. Like every key there, these only ask: forms return values, messages go to
the app, which applies them through the session (undo) and saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from roadmap.application import own
from roadmap.errors import RoadmapError
from roadmap.model import Link, OwnItem, Roadmap, visible
from roadmap.tui.messages import LinkSubmitted, OwnItemRemoved, OwnItemSubmitted
from roadmap.tui.screens.state_screen import StateScreen
from roadmap.tui.widgets.detail import DetailPane
from roadmap.tui.widgets.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp


class OwnItemKeys(StateScreen):
    """`a`, `r`, `D`, `l`, `o` and `h` on the main screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_own_item", "Add item", id="add-item", show=False,
                tooltip="Your own, in this step or group"),
        Binding("r", "edit_own_item", "Edit item", id="edit-item", show=False,
                tooltip="Rename or change one of yours"),
        Binding("D", "remove_own_item", "Remove item", id="remove-item", show=False,
                tooltip="One of yours (u brings it back)"),
        Binding("l", "add_link", "Add link", id="add-link", show=False,
                tooltip="A course or chapter, on the item"),
        Binding("o", "open_link", "Open link", id="open-link", show=False,
                tooltip="Its links, in the browser"),
        Binding("h", "toggle_hide_skipped", "Hide skipped", id="hide-skipped", show=False,
                tooltip="Or show them again (remembered)"),
    ]

    app: RoadmapApp

    def _tree(self) -> RoadmapTree:
        return self.query_one(RoadmapTree)

    def _say(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=4)

    # -- own items

    def action_add_own_item(self) -> None:
        ref = self._tree().selected
        roadmap = self.app.session.roadmap
        parent = own.parent_for(roadmap, ref.id) if ref is not None and ref.kind in (
            "group", "item") else None
        if parent is None:
            self._say("Move to a step or group (or an item in it) first: a adds an item there.")
            return
        if not self.app.editable():
            return
        from roadmap.tui.screens.own_item import OwnItemForm

        self.app.push_screen(OwnItemForm(roadmap, self.app.session.state, parent,
                                         clock=self.app.clock), self._submitted)

    def _own_selected(self, verb: str) -> OwnItem | None:
        """The own item under the cursor, or None with a hint saying why not."""
        ref = self._tree().selected
        session = self.app.session
        if ref is None or ref.kind != "item":
            self._say(f"Select one of your own items to {verb} it.")
            return None
        found = session.state.own.get(ref.id)
        if found is None or ref.id not in session.roadmap.own_ids:
            title = visible(session.title_of(ref.id), keep_newlines=False)
            self._say(f"'{title}' comes from the template; you can {verb} only your own "
                      "items (a adds one).")
            return None
        return found

    def action_edit_own_item(self) -> None:
        found = self._own_selected("edit")
        if found is None or not self.app.editable():
            return
        from roadmap.tui.screens.own_item import OwnItemForm

        self.app.push_screen(OwnItemForm(self.app.session.roadmap, self.app.session.state,
                                         found.parent, found), self._submitted)

    def _submitted(self, item: OwnItem | None) -> None:
        if item is not None:
            self.post_message(OwnItemSubmitted(item))

    def action_remove_own_item(self) -> None:
        found = self._own_selected("remove")
        if found is not None:
            self.post_message(OwnItemRemoved(found.id))

    def reshape(self, roadmap: Roadmap) -> None:
        """Show the roadmap again after an own item came, changed or went (or an undo)."""
        tree = self._tree()
        tree.roadmap = roadmap
        self.query_one(DetailPane).roadmap = roadmap
        tree.rebuild()

    # -- links

    def action_add_link(self) -> None:
        ref = self._tree().selected
        session = self.app.session
        if ref is None or ref.kind != "item":
            self._say("Select an item (a milestone, skill or check) to add a link to it.")
            return
        if not self.app.editable():
            return
        from roadmap.tui.screens.links import LinkForm

        item_id = ref.id

        def keep(link: Link | None) -> None:
            if link is not None:
                self.post_message(LinkSubmitted(item_id, link))

        self.app.push_screen(LinkForm(session.roadmap, item_id,
                                      session.state.get(item_id).links), keep)

    def action_open_link(self) -> None:
        from roadmap.tui.screens.links import LinkChooser, openable

        ref = self._tree().selected
        session = self.app.session
        if ref is None or ref.kind not in ("item", "group"):
            self._say("Select an item or a step with links to open one.")
            return
        links = openable(session.roadmap, session.state.get(ref.id).links, ref.kind, ref.id)
        if not links:
            self._say("No links here: l adds one of yours.")
        elif len(links) == 1:
            self._open(links[0].url)
        else:
            group = session.roadmap.group(ref.id)
            title = group.title if group is not None else session.title_of(ref.id)
            self.app.push_screen(LinkChooser(title, links), self._open)

    def _open(self, url: str | None) -> None:
        if url is not None:
            self.app.open_url(url)
            self.notify(f"Opening {url}", timeout=3)

    # -- hiding skipped items

    def action_toggle_hide_skipped(self) -> None:
        tree = self._tree()
        tree.hide_skipped = not tree.hide_skipped
        self.app.settings.hide_skipped = tree.hide_skipped
        tree.rebuild()
        self.skipped_toggled()
        self.notify("Skipped items hidden (h shows them)." if tree.hide_skipped
                    else "Skipped items shown.", timeout=3)
        from roadmap.tui.settings import save_hide_skipped

        try:
            save_hide_skipped(self.app.paths, tree.hide_skipped)
        except RoadmapError as exc:
            self.notify(f"Not remembered: {exc}", severity="warning", timeout=8)

    def skipped_toggled(self) -> None:
        """The screen updates what it shows about its filters (MainScreen's title)."""
