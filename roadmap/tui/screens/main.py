"""The main screen: header, the roadmap tree on the left, details on the right.

Keys here say what the user wants, as messages (messages.py) the app applies through the
session and saves; the app then calls `state_changed` to repaint what the change touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Key, Resize
from textual.widgets import Input, Static

from roadmap import model
from roadmap.application.session import STATUS_WORDS
from roadmap.model import Status
from roadmap.tui.messages import (
    AttachRequested,
    GroupMarkRequested,
    MarkRequested,
    NoteRequested,
    TickRequested,
)
from roadmap.tui.screens.own_keys import OwnItemKeys
from roadmap.tui.widgets.detail import DetailPane
from roadmap.tui.widgets.header import ProgressHeader
from roadmap.tui.widgets.keybar import KeyBar
from roadmap.tui.widgets.roadmap_tree import STATUS_FILTERS, Ref, RoadmapTree

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp


COMPACT_FOOTER_BELOW = 110


class MainScreen(OwnItemKeys):
    """Shows one roadmap; `load()` swaps in another without rebuilding the screen."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "mark('in-progress')", "In progress", id="in-progress",
                tooltip="Mark the item in progress"),
        Binding("s", "mark('skipped')", "Skip", id="skip", show=False,
                tooltip="Mark the item skipped"),
        Binding("t", "mark('todo')", "To do", id="todo", show=False,
                tooltip="Back to to do"),
        Binding("n", "note", "Note", id="note",
                tooltip="Write it here; ctrl+s keeps it"),
        Binding("e", "external_note", "Editor", id="editor", show=False,
                tooltip="The note in $VISUAL / $EDITOR"),
        Binding("p", "attach_project", "Project", id="attach",
                tooltip="Attach a portfolio project"),
        Binding("slash", "filter", "Filter", id="filter",
                tooltip="By title, id or note"),
        Binding("f", "cycle_status_filter", "Status filter", id="status-filter", show=False,
                tooltip="All, open, in progress, done"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter",
                tooltip="Show every item again"),
        Binding("tab", "app.focus_next", "Switch pane", show=False, id="switch-pane",
                tooltip="Tree ↔ details"),
        Binding("E", "evidence", "Evidence", id="evidence", show=False,
                tooltip="What your projects prove"),
        Binding("J", "postings", "Job postings", id="postings", show=False,
                tooltip="Match one against your skills"),
    ]

    app: RoadmapApp

    def compose(self) -> ComposeResult:
        session = self.app.session
        yield ProgressHeader(id="header")
        if self.app.store.read_only:
            yield self._banner(self.app.store.read_only)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield RoadmapTree(session.roadmap, session.state, id="tree")
            yield DetailPane(session.roadmap, session.state, clock=self.app.clock, id="detail")
        yield KeyBar(compact=self.app.size.width < COMPACT_FOOTER_BELOW)

    def on_mount(self) -> None:
        self.watch(self.query_one(RoadmapTree), "cursor_line", self._cursor_moved, init=False)
        self.load()

    @staticmethod
    def _banner(reason: str) -> Static:
        """Under the header (which keeps the title and progress): why nothing can change."""
        reason = reason.removesuffix("; changes made here are not saved")
        return Static(Text(f"Read-only: {reason}. You can look around; changes are refused."),
                      id="banner", markup=False)

    def show_read_only(self, reason: str) -> None:
        """The banner, for a store that became read-only after the first frame (the lock)."""
        if not self.query("#banner"):
            self.mount(self._banner(reason), before="#body")

    def on_screen_resume(self) -> None:
        """Back from another screen: the key bar catches up with what changed while hidden
        (it builds nothing when the keys are the same)."""
        self.query_one(KeyBar).bindings_changed(self)

    def on_resize(self, event: Resize) -> None:
        # tighter key spacing keeps "? Help" and "q Quit" in view on an 80-column terminal
        self.query_one(KeyBar).compact = event.size.width < COMPACT_FOOTER_BELOW

    def show_item(self, item_id: str) -> bool:
        """Put the cursor on an item (after undo or redo, a new own item, or from the Next
        view: the user sees where it is); False when the item is not shown (filtered out)."""
        tree = self.query_one(RoadmapTree)
        if tree.select_ref(Ref("item", item_id)) or tree.select_ref(Ref("archived", item_id)):
            tree.focus()
            return True
        return False

    def load(self) -> None:
        """Show the app's current session (after start-up or a roadmap switch)."""
        session = self.app.session
        tree = self.query_one(RoadmapTree)
        detail = self.query_one(DetailPane)
        tree.roadmap = detail.roadmap = session.roadmap
        tree.state = detail.state = session.state
        tree.hide_skipped = self.app.settings.hide_skipped
        tree.rebuild()
        tree.focus()
        self._update_header()
        self._update_title()
        detail.show(tree.selected)

    # -- repainting

    def refresh_items(self, item_ids: set[str]) -> None:
        """Repaint what a change touched: labels, header, and the details pane."""
        tree = self.query_one(RoadmapTree)
        if (tree.status_filter != "all" or (tree.text_filter and item_ids)
                or tree.shows_skipped_wrongly(item_ids)):
            tree.rebuild()
        else:
            tree.refresh_items(item_ids)
        self._update_header()
        self.query_one(DetailPane).show(tree.selected)

    def state_changed(self, items: set[str], projects: bool) -> None:
        """Every change repaints here: the details pane lists the item's projects too, and
        the tree marks items a project shows (◆)."""
        if projects:
            self.query_one(RoadmapTree).projects_changed()
        self.refresh_items(items)

    def action_evidence(self) -> None:
        from roadmap.tui.proofing import open_evidence

        open_evidence(self.app)

    def action_postings(self) -> None:
        from roadmap.tui.proofing import open_postings

        open_postings(self.app)

    def _update_header(self) -> None:
        session = self.app.session
        self.query_one(ProgressHeader).show(
            session.roadmap.title, self.query_one(RoadmapTree).progress.overall())

    def _update_title(self) -> None:
        tree = self.query_one(RoadmapTree)
        left = self.query_one("#left", Vertical)
        parts = []
        if tree.status_filter != "all":
            parts.append(f"showing: {tree.status_filter}")
        if tree.text_filter:
            parts.append(f"matching “{model.visible(tree.text_filter, keep_newlines=False)}”")
        if tree.hide_skipped:
            parts.append("skipped hidden")
        left.border_subtitle = " · ".join(parts)

    def skipped_toggled(self) -> None:
        self._update_title()

    def _cursor_moved(self) -> None:
        """Show the details in the same frame as the cursor move (a watcher runs at once; the
        tree's NodeHighlighted message would arrive one or two frames, ~30 ms, later)."""
        self.query_one(DetailPane).show(self.query_one(RoadmapTree).selected)

    # -- actions

    def selected_item(self) -> str | None:
        """The item under the cursor, or None (with a hint) on a group or section."""
        ref = self.query_one(RoadmapTree).selected
        if ref is not None and ref.kind in ("item", "archived"):
            return ref.id
        self.notify("Select an item (a milestone, skill or check) first; "
                    "→ opens a group.", severity="warning", timeout=4)
        return None

    def action_toggle_done(self) -> None:
        ref = self.query_one(RoadmapTree).selected
        if ref is not None and ref.kind == "group":
            self._mark_group(ref.id)
            return
        item = self.selected_item()
        if item is not None:
            self.post_message(TickRequested(item))

    def _mark_group(self, group_id: str) -> None:
        """Space on a step or group: all its items done (or, when they all are, back to to
        do), after a question that says how many change; skipped items stay skipped."""
        group = self.app.session.roadmap.group(group_id)
        if group is None:
            return
        state = self.app.session.state
        counted = [i.id for i in group.items if state.status(i.id) is not Status.SKIPPED]
        target = (Status.TODO if counted and all(state.status(i) is Status.DONE for i in counted)
                  else Status.DONE)
        change = [i for i in counted if state.status(i) is not target]
        title = model.visible(group.title, keep_newlines=False)
        if not change:
            self.notify(f"Nothing to mark in {title}.", timeout=3)
            return
        words = STATUS_WORDS[target]
        what = "1 item" if len(change) == 1 else f"{len(change)} items"
        from roadmap.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.post_message(GroupMarkRequested(change, target))

        self.app.push_screen(ConfirmScreen(
            f"Mark {what} of “{title}” {words}? One undo (u) takes it back."), answer)

    def action_mark(self, status: str) -> None:
        item = self.selected_item()
        if item is not None:
            self.post_message(MarkRequested(item, Status(status)))

    def action_note(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.post_message(NoteRequested(item))

    def action_external_note(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.post_message(NoteRequested(item, external=True))

    def action_attach_project(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.post_message(AttachRequested(item))

    _filter_box: Input | None = None

    def _filter_field(self) -> Input | None:
        """The filter box, once `/` has made it (it is not part of the first frame). Kept,
        not queried: every key the tree gets asks for it."""
        return self._filter_box

    _filter_focused_at: float | None = None
    """When the filter box last took focus; None while it is opening."""
    _filter_opening = False
    """The tree has passed on a `/` whose action has not run yet."""
    _filter_typed = ""
    """What was typed after that `/` before the box existed."""
    _filter_keys: frozenset[str] | None = None

    def action_filter(self) -> None:
        field = self._filter_field()
        if field is None:
            field = self._filter_box = Input(
                placeholder="filter: type to search titles, ids and notes", id="filter")
            self.query_one("#left", Vertical).mount(field, before=0)
        self._filter_focused_at = None
        field.display = True
        field.focus()
        self._filter_opening = False
        if self._filter_typed:
            field.insert_text_at_cursor(self._filter_typed)
            self._filter_typed = ""

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if event.widget.id == "filter":
            self._filter_focused_at = event.time

    def typed_into_filter(self, event: Key) -> bool:
        """Keys typed right after `/` (a fast `/python`) reach the tree before the filter box
        exists or has focus: they belong in the box, not to the tree's keys (`t` would mark
        an item to do, `n` open the note). True when this key was such a key and went there.
        """
        if self._filter_keys is None:  # the keys bound to the filter, keymap applied
            self._filter_keys = frozenset(key for key, (_, binding, *_rest) in
                                          self.active_bindings.items()
                                          if binding.action == "filter")
        if event.key in self._filter_keys:
            self._filter_opening = True
            return False  # on to the binding, which opens the box
        field = self._filter_field()
        if not self._filter_opening:
            if field is None or not field.display:
                return False
            if self._filter_focused_at is not None and event.time > self._filter_focused_at:
                return False  # typed after the box had focus: the user came back to the tree
        target = None if self._filter_opening else field
        if event.is_printable and event.character:
            if target is None:
                self._filter_typed += event.character
            else:
                target.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            if target is None:
                self._filter_typed = self._filter_typed[:-1]
            else:
                target.action_delete_left()
        else:
            return False
        return True

    def action_cycle_status_filter(self) -> None:
        tree = self.query_one(RoadmapTree)
        index = STATUS_FILTERS.index(tree.status_filter)
        tree.status_filter = STATUS_FILTERS[(index + 1) % len(STATUS_FILTERS)]
        tree.rebuild()
        self._update_title()
        self.notify(f"Showing: {tree.status_filter}", timeout=2)

    def action_clear_filter(self) -> None:
        field = self._filter_field()
        tree = self.query_one(RoadmapTree)
        if (field is None or not field.display) and not tree.text_filter:
            return
        if field is not None:
            field.value = ""
            field.display = False
        tree.text_filter = ""
        tree.rebuild()
        self._update_title()
        tree.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        tree = self.query_one(RoadmapTree)
        tree.text_filter = event.value.strip()
        tree.rebuild()
        if tree.text_filter:  # the first match under the cursor, not a header or the last one
            first = tree.first_shown_item()
            if first is not None:
                tree.select_ref(first)
        self._update_title()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(RoadmapTree).focus()

    def on_key(self, event: Key) -> None:
        if event.key == "escape" and self.focused is not None and self.focused.id == "filter":
            event.stop()
            self.action_clear_filter()
