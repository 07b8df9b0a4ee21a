"""The roadmap as a tree: sections, groups with derived progress, and tickable items.

A Tree renders only the visible lines, so it stays responsive with thousands of items, unlike
one widget per row. Labels are built as Text from the state (never parsed as markup) and
repainted only for the nodes a change touched; group and section counts come from per-group
counts kept between changes (`progress`), so a tick recounts one group, not the roadmap. The
items of a collapsed group get their nodes when the group is first opened, so a 10,000-item
template starts as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Span, Text
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.events import Key, Resize
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from roadmap import model
from roadmap.model import (
    GLYPHS,
    Group,
    Progress,
    ProgressIndex,
    Roadmap,
    RoadmapState,
    Section,
    Status,
)
from roadmap.tui.contrast import readable_style

BOLD = Style(bold=True)

NOTE_MARK = "✎ "
PROJECT_MARK = "◆ "
"""Markers before an item's title: it has a note; a portfolio project shows it."""

STATUS_FILTERS: tuple[str, ...] = ("all", "open", "in progress", "done")


class Ref(NamedTuple):
    """What a tree node stands for."""

    kind: str  # "section", "group", "item" or "archived"
    id: str


def matches_status(status: Status, status_filter: str) -> bool:
    if status_filter == "open":
        return status in (Status.TODO, Status.IN_PROGRESS)
    if status_filter == "in progress":
        return status is Status.IN_PROGRESS
    if status_filter == "done":
        return status is Status.DONE
    return True


class RoadmapTree(Tree[Ref]):
    """Tree of the roadmap; status keys are handled by the screen that owns it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--todo",
        "status--in-progress",
        "status--done",
        "status--skipped",
        "tree--count",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.toggle_done", "Tick", id="toggle", tooltip="Done ↔ to do"),
        Binding("j", "cursor_down", "Down", show=False, id="down", tooltip="Next line"),
        Binding("k", "cursor_up", "Up", show=False, id="up", tooltip="Previous line"),
        Binding("right", "expand", "Expand", show=False, id="expand",
                tooltip="Open a step or group"),
        Binding("enter", "select_cursor", "Open", show=False, id="open",
                tooltip="Open or close a step or group"),
        Binding("left", "collapse", "Collapse", show=False, id="collapse",
                tooltip="Close it, or go to its parent"),
    ]

    def __init__(self, roadmap: Roadmap, state: RoadmapState, *, id: str | None = None) -> None:
        super().__init__("roadmap", data=Ref("root", roadmap.id), id=id)
        self.show_root = False
        self.guide_depth = 3
        self.roadmap = roadmap
        self.state = state
        self.text_filter = ""
        self.status_filter = "all"
        self.hide_skipped = False
        """Leave skipped items (and groups whose every item is skipped) out: the `h` key."""
        self._item_nodes: dict[str, TreeNode[Ref]] = {}
        self._group_nodes: dict[str, TreeNode[Ref]] = {}
        self._section_nodes: dict[Section, TreeNode[Ref]] = {}
        self._unbuilt: dict[str, Sequence[model.Item]] = {}  # group id -> items not yet added
        self._styles: dict[str, Style] = {}
        self._readable: dict[tuple[object, ...], tuple[Style, Style]] = {}
        self._project_items = self._items_with_projects()
        self.progress = ProgressIndex(roadmap, state)
        """Counts behind the group and section labels; the screen's header reads it too."""

    _open_groups: set[str] | None = None
    """Groups the user had open before a filter (None: the start-up default, the first open
    step): clearing the filter opens them again."""
    _was_filtering = False
    _built_for: Roadmap | None = None
    _bulk_depth = 0  # class defaults: Tree.__init__ invalidates before ours runs
    _bulk_dirty = False
    _cursor_target: TreeNode[Ref] | None = None

    def _invalidate(self) -> None:
        """Tree drops its line cache and asks for a layout for every node added or expanded;
        inside `_bulk()` that happens once, at the end (858 times fewer for an open step)."""
        if self._bulk_depth:
            self._bulk_dirty = True
            return
        super()._invalidate()

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """Add or expand many nodes, invalidating once; nothing inside may read the lines."""
        self._bulk_depth += 1
        try:
            yield
        finally:
            self._bulk_depth -= 1
            if not self._bulk_depth and self._bulk_dirty:
                self._bulk_dirty = False
                super()._invalidate()

    def _style(self, name: str) -> Style:
        """A component style, looked up once per rebuild or theme (the lookup costs ~0.1 ms
        each), its colour made readable on the tree's background in every theme."""
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True)
            style = self._styles[name] = readable_style(style, self.background_colors[1])
        return style

    def on_resize(self, event: Resize) -> None:
        """A new size (the stacked layout below 60 columns, a shorter terminal) must not leave
        the cursor row out of view. Here, where the tree already has its new size, and only
        when the row is out of view: deferring a scroll from the screen's resize made Textual's
        headless driver flip between 24 and 25 rows forever (found by .ci/run)."""
        line, top = self.cursor_line, round(self.scroll_offset.y)
        if line >= 0 and not top <= line < top + self.scrollable_content_region.height:
            self.scroll_to_line(line, animate=False)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # labels carry their colours: once the new theme's CSS applies, draw them again
        self.call_after_refresh(self.relabel_all)

    def relabel_all(self) -> None:
        """Every built label again, with the current theme's colours (a theme switch)."""
        self._styles.clear()
        self._readable.clear()
        for item_id, node in self._item_nodes.items():
            node._label = self.item_label(item_id)
            node._updates += 1
        for group_id, node in self._group_nodes.items():
            group = self.roadmap.group(group_id)
            if group is not None:
                node._label = self.group_label(group)
                node._updates += 1
        for section, node in self._section_nodes.items():
            node._label = self.section_label(section)
            node._updates += 1
        self._invalidate()

    # -- labels

    def process_label(self, label: str | Text) -> Text:
        """Our labels are one-line Text already (`visible()` drops newlines): keep them as they
        are. Tree's default splits and copies every label, twice per added node."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def render_label(self, node: TreeNode[Ref], base_style: Style, style: Style) -> Text:
        """Tree's label, with the line's colour (section titles, ▶) and the cursor's made
        readable on the background they are drawn on: some themes' own cursor colours fall
        under 4.5:1 (solarized's #e2eff9 on #268bd2 is 3.2:1)."""
        key = (base_style.color, base_style.bgcolor, style.color, style.bgcolor)
        fixed = self._readable.get(key)
        if fixed is None:
            under = style.bgcolor or base_style.bgcolor
            background = (Color.from_rich_color(under) if under is not None
                          else self.background_colors[1])
            fixed = self._readable[key] = (readable_style(base_style, background),
                                           readable_style(style, background))
        label = super().render_label(node, base_style + Style(color=fixed[0].color),
                                     style + Style(color=fixed[1].color))
        return self._fit(node, label)

    def _room(self, node: TreeNode[Ref]) -> int:
        """Columns a node's label has: the tree's width less the guides in front of it."""
        level, parent = -1, node.parent
        while parent is not None:
            level, parent = level + 1, parent.parent
        return self.scrollable_content_region.width - self.guide_depth * max(level, 0)

    def _fit(self, node: TreeNode[Ref], label: Text) -> Text:
        """The label cut to the room its line has, ending in '…'; a step's or group's count
        stays whole, so `3/7` is readable at 80 columns."""
        room = self._room(node)
        if label.cell_len <= room or room < 8:
            return label
        own = node._label  # the count is its last span (the cursor restyles the rendered one)
        counted = node.data is not None and node.data.kind in ("group", "section")
        if counted and own.spans and own.spans[-1].end == len(own.plain):
            start = len(label.plain) - len(own.plain) + own.spans[-1].start  # after the ▶
            head, tail = label[:start], label[start:]
            if room - tail.cell_len >= 8:
                head.truncate(room - tail.cell_len, overflow="ellipsis")
                return head + tail
        label.truncate(room, overflow="ellipsis")
        return label

    def get_label_width(self, node: TreeNode[Ref]) -> int:
        """What Tree measures (`render_label(...).cell_len`) without rendering the label.

        Tree measures every line whenever its line cache is invalidated (nodes added, a node
        expanded, focus or theme restyling the widget), ~10 ms with a step of 857 milestones open.
        """
        label = node.label
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        if node.allow_expand:
            width += cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        room = self._room(node)
        return room if width > room >= 8 else width  # what _fit cuts it to

    def _status_style(self, status: Status) -> Style:
        return self._style(f"status--{status.value}")

    def _glyph(self, status: Status) -> Text:
        return Text(GLYPHS[status] + " ", style=self._status_style(status))

    def _counted(self, status: Status, title: str, progress: Progress) -> Text:
        label = self._glyph(status)
        label.append(model.visible(title, keep_newlines=False))
        count = f"  {progress.done}/{progress.total}"
        if progress.skipped:
            count += f" (+{progress.skipped} skipped)"
        label.append(count, style=self._style("tree--count"))
        return label

    def item_label(self, item_id: str) -> Text:
        """Glyph, markers (✎ a note, ◆ a project) and title, as one Text built in one go (858
        at start-up). The markers come first so a title cut short never hides them."""
        item = self.roadmap.item(item_id)
        record = self.state.items.get(item_id)
        status = record.status if record else Status.TODO
        title = model.visible(item.title if item else item_id, keep_newlines=False)
        markers = (NOTE_MARK if record and record.note else "") + (
            PROJECT_MARK if item_id in self._project_items else "")
        plain = f"{GLYPHS[status]} {markers}{title}"
        spans = [Span(2, 2 + len(markers), self._style("tree--count"))] if markers else []
        # the status style is the label's base style, as Text(glyph, style=...) made it before
        return Text(plain, style=self._status_style(status), spans=spans)

    def group_label(self, group: Group) -> Text:
        progress = self.progress.group(group)
        return self._counted(progress.status, group.title, progress)

    def section_label(self, section: Section) -> Text:
        progress = self.progress.section(section)
        label = Text(model.SECTION_TITLES[section], style=self._style("status--todo") + BOLD)
        label.append(f"  {progress.done}/{progress.total} · {progress.percent}%",
                     style=self._style("tree--count"))
        return label

    def _items_with_projects(self) -> set[str]:
        return {i for p in self.state.projects.values() for i in (*p.skills, *p.milestones)}

    def projects_changed(self) -> None:
        """A project was added, edited or removed: relabel the items whose ◆ came or went."""
        before, self._project_items = self._project_items, self._items_with_projects()
        for item_id in before ^ self._project_items:
            node = self._item_nodes.get(item_id)
            if node is not None:
                node.set_label(self.item_label(item_id))

    # -- building

    def _visible_item(self, item: model.Item) -> bool:
        status = self.state.status(item.id)
        if self.hide_skipped and status is Status.SKIPPED:
            return False
        if not matches_status(status, self.status_filter):
            return False
        needle = self.text_filter.casefold()
        if not needle:
            return True
        note = self.state.items.get(item.id)
        return (
            needle in item.title.casefold()
            or needle in item.id
            or bool(note and needle in note.note.casefold())
        )

    def rebuild(self) -> None:
        """(Re)create every node from the roadmap, honouring the filters; keeps the cursor."""
        current = self.cursor_node.data if self.cursor_node else None
        with self._bulk():
            self._rebuild(current)
        self._place_cursor()

    def _rebuild(self, current: Ref | None) -> None:
        filtering = bool(self.text_filter) or self.status_filter != "all"
        if self._built_for is not self.roadmap:  # another roadmap: its default opening
            self._open_groups = None
        elif not self._was_filtering and self._group_nodes:
            self._open_groups = {g for g, node in self._group_nodes.items() if node.is_expanded}
        self._was_filtering = filtering
        self._built_for = self.roadmap
        self.clear()
        self._item_nodes.clear()
        self._group_nodes.clear()
        self._section_nodes.clear()
        self._unbuilt.clear()
        self._styles.clear()
        self.progress = ProgressIndex(self.roadmap, self.state)  # roadmap or state may be new
        self._project_items = self._items_with_projects()
        first_open_step = next(
            (s.id for s in self.roadmap.steps
             if self.progress.group(s).status not in (Status.DONE, Status.SKIPPED)),
            None,
        )
        for section in Section:
            groups = self.roadmap.groups(section)
            if not groups:
                continue
            section_node = self.root.add(self.section_label(section), Ref("section", section),
                                         expand=True)
            self._section_nodes[section] = section_node
            for group in groups:
                items = ([i for i in group.items if self._visible_item(i)]
                         if filtering or self.hide_skipped else group.items)
                if not items and (filtering or group.items):
                    continue
                expand = filtering or (group.id == first_open_step if self._open_groups is None
                                       else group.id in self._open_groups)
                group_node = section_node.add(
                    self.group_label(group), Ref("group", group.id), expand=expand
                )
                self._group_nodes[group.id] = group_node
                self._unbuilt[group.id] = items
                if expand:
                    self._build_group(group.id)
            if (filtering or self.hide_skipped) and not section_node.children:
                section_node.remove()
                del self._section_nodes[section]
        archived = [i for i in model.archived_ids(self.roadmap, self.state)
                    if not (self.hide_skipped and self.state.status(i) is Status.SKIPPED)]
        if archived and not filtering:
            node = self.root.add(Text("Archived (no longer in the template)",
                                      style=self._style("status--todo") + BOLD),
                                 Ref("section", "archived"), expand=False)
            for item_id in archived:
                self._item_nodes[item_id] = node.add_leaf(self.item_label(item_id),
                                                          Ref("archived", item_id))
        if current is None:
            current = self.first_open_item()
        if current is not None:
            self.select_ref(current)

    def _build_group(self, group_id: str) -> None:
        """Add the item nodes of a group, once (on first expand, or to select an item in it)."""
        items = self._unbuilt.pop(group_id, None)
        node = self._group_nodes.get(group_id)
        if items is None or node is None:
            return
        with self._bulk():
            for item in items:
                self._item_nodes[item.id] = node.add_leaf(self.item_label(item.id),
                                                          Ref("item", item.id))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        data = event.node.data
        if data is not None and data.kind == "group":
            self._build_group(data.id)

    def first_shown_item(self) -> Ref | None:
        """The first item the tree shows (in template order): where a filter puts the cursor."""
        for node in self._item_nodes.values():
            if node.data is not None and node.data.kind == "item":
                return node.data
        return None

    def first_open_item(self) -> Ref | None:
        """Where a fresh start puts the cursor: the next thing to do on the roadmap."""
        for step in self.roadmap.steps:
            for item in step.items:
                if self.state.status(item.id) in (Status.TODO, Status.IN_PROGRESS):
                    return Ref("item", item.id)
        return None

    def select_ref(self, ref: Ref) -> bool:
        """Move the cursor to the node for `ref` if it is shown."""
        node: TreeNode[Ref] | None = None
        if ref.kind in ("item", "archived"):
            group = self.roadmap.group_of(ref.id) if ref.id not in self._item_nodes else None
            if group is not None:
                self._build_group(group.id)
            node = self._item_nodes.get(ref.id)
        elif ref.kind == "group":
            node = self._group_nodes.get(ref.id)
        elif ref.kind == "section" and ref.id in Section._value2member_map_:
            node = self._section_nodes.get(Section(ref.id))
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._cursor_target = node
        if not self._bulk_depth:
            self._place_cursor()
        return True

    def _place_cursor(self) -> None:
        """Put the cursor on the node `select_ref` chose now, so the next frame (the very first
        one at start-up) shows it and its details; scroll to it once the tree is laid out."""
        node, self._cursor_target = self._cursor_target, None
        if node is None:
            return
        if self._tree_lines and node.line >= 0:  # reading the lines numbers them
            self.cursor_line = node.line
        self.call_after_refresh(self._move_to, node)

    def _move_to(self, node: TreeNode[Ref]) -> None:
        if node.line >= 0:
            self.move_cursor(node, animate=False)

    def refresh_items(self, item_ids: Iterable[str]) -> None:
        """Recount and repaint the changed items and every group and section above them."""
        item_ids = list(item_ids)
        for item_id in item_ids:
            node = self._item_nodes.get(item_id)
            if node is not None:
                node.set_label(self.item_label(item_id))
        sections: set[Section] = set()
        for group in self.progress.forget(item_ids):
            sections.add(group.section)
            node = self._group_nodes.get(group.id)
            if node is not None:
                self._relabel(node, self.group_label(group))
        for section in sections:
            section_node = self._section_nodes.get(section)
            if section_node is not None:
                self._relabel(section_node, self.section_label(section))

    def shows_skipped_wrongly(self, item_ids: Iterable[str]) -> bool:
        """With skipped items hidden, whether a change skipped a shown item or un-skipped a
        hidden one, so the tree must be rebuilt rather than relabelled."""
        if not self.hide_skipped:
            return False
        for item_id in item_ids:
            shown = item_id in self._item_nodes
            if not shown:
                group = self.roadmap.group_of(item_id)
                pending = self._unbuilt.get(group.id, ()) if group is not None else ()
                shown = any(item.id == item_id for item in pending)
            if shown == (self.state.status(item_id) is Status.SKIPPED):
                return True
        return False

    def _relabel(self, node: TreeNode[Ref], label: Text) -> None:
        """`set_label` for a node with children, repainting its own line only.

        TreeNode.set_label repaints every visible line below the node too: with a step open,
        that is the whole tree on every tick (~5 ms more per key press).
        """
        node._label = self.process_label(label)
        node._updates += 1  # part of the line-cache key
        if node.line >= 0:
            self._refresh_line(node.line)

    @property
    def selected(self) -> Ref | None:
        node = self.cursor_node
        return node.data if node is not None else None

    # -- keys

    async def _on_key(self, event: Key) -> None:
        """A key that was typed for the filter box just opened goes there (see MainScreen);
        stopped here, it never reaches the tree's or the screen's bindings."""
        take = getattr(self.screen, "typed_into_filter", None)
        if take is not None and take(event):  # else Textual goes on to Widget._on_key
            event.stop()
            event.prevent_default()

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            if node.data is not None and node.data.kind == "group":
                self._build_group(node.data.id)
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)
