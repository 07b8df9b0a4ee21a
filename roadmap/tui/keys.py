"""The keys of the main screen as help lists them, read from the bindings themselves.

Help used to be a hand copy of the bindings, wrong for anyone who remapped a key in
`[keymap]`. Here the rows come from the bindings the main screen answers to (the tree, the
screen, the app, as Textual chains them with the tree focused) with the app's keymap applied,
so a remapped key shows as remapped; the description and the tooltip are the binding's own.
Only the grouping is ours: which binding ids go under which heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding
from textual.keys import format_key

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Move", ("up", "down", "expand", "open", "collapse", "switch-pane")),
    ("Track", ("toggle", "in-progress", "skip", "todo", "undo", "redo")),
    ("Notes and projects", ("note", "editor", "attach", "projects", "evidence", "postings")),
    ("Find", ("filter", "status-filter", "clear-filter")),
    ("Your own items and links", ("add-item", "edit-item", "remove-item", "add-link",
                                  "open-link", "hide-skipped")),
    ("Time", ("next", "progress")),
    ("App", ("export", "profile", "palette", "save", "help", "quit")),
)
"""Headings and the binding ids under each, in the order help shows them."""

MORE = "More"
"""The heading of any binding with an id that GROUPS does not place, so none goes missing."""

SPELLED = frozenset({"enter", "escape", "space", "tab", "delete", "backspace"})
"""Keys help writes as words (Textual's footer shows some as symbols: ⏎, esc, del)."""


class KeyRow(NamedTuple):
    """One line of help: every key that does one thing, what it is, and a line about it."""

    keys: str
    description: str
    tooltip: str


def key_label(binding: Binding) -> str:
    """A key as help shows it: arrows and punctuation as symbols, modifiers as `ctrl+`."""
    if binding.key_display:
        return binding.key_display
    *modifiers, key = binding.key.split("+")
    return "+".join([*modifiers, key if key in SPELLED else format_key(key)])


def chain_bindings(nodes: Iterable[DOMNode], keymap: Mapping[str, str]) -> list[Binding]:
    """The binding each key runs when `nodes` (focused widget first, app last) are Textual's
    binding chain, with `keymap` applied: the first node binding a key wins, unless a later
    one binds it with priority (as Screen.active_bindings decides)."""
    by_key: dict[str, Binding] = {}
    for node in nodes:
        bindings = node._bindings.copy()  # Textual's merged BINDINGS of the node's classes
        if keymap:
            bindings.apply_keymap(keymap)
        for key, binding in bindings:
            if binding.system:
                continue
            if key not in by_key or (binding.priority and not by_key[key].priority):
                by_key[key] = binding
    return list(by_key.values())


def key_groups(bindings: Iterable[Binding]) -> list[tuple[str, list[KeyRow]]]:
    """Rows under headings: one row per binding id, with every key bound to its action."""
    bindings = list(bindings)
    keys_of: dict[str, list[str]] = {}
    for binding in bindings:
        keys_of.setdefault(binding.action, [])
        label = key_label(binding)
        if label not in keys_of[binding.action]:
            keys_of[binding.action].append(label)
    by_id: dict[str, Binding] = {}
    for binding in bindings:
        if binding.id is not None:
            by_id.setdefault(binding.id, binding)
    placed = {binding_id for _, ids in GROUPS for binding_id in ids}
    groups = [*GROUPS, (MORE, tuple(i for i in by_id if i not in placed))]
    found: list[tuple[str, list[KeyRow]]] = []
    for title, ids in groups:
        rows = [KeyRow(" ".join(sorted(keys_of[by_id[i].action], key=len)), by_id[i].description,
                       by_id[i].tooltip) for i in ids if i in by_id]
        if rows:
            found.append((title, rows))
    return found


def main_screen_keys(app: App[None], main: Screen[None] | None) -> list[tuple[str, list[KeyRow]]]:
    """Help's key table: the chain of the main screen with its tree focused (whatever has
    focus now: the filter box would hide the letter keys), with the app's keymap."""
    from roadmap.tui.widgets.roadmap_tree import RoadmapTree

    nodes: list[DOMNode] = [*main.query(RoadmapTree), main] if main is not None else []
    return key_groups(chain_bindings([*nodes, app], app._keymap))
