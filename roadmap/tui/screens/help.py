"""Every key, grouped, and where the data lives: the one page a new user needs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static

from roadmap.paths import Paths
from roadmap.tui.screens.dialog import Dialog

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Move", (
        ("↑ ↓  j k", "move up and down"),
        ("→  enter", "open a step or group"),
        ("←", "close it, or go to its parent"),
        ("tab", "switch between the tree and the details"),
    )),
    ("Track", (
        ("space", "tick: done ↔ to do"),
        ("i", "mark in progress"),
        ("s", "mark skipped"),
        ("t", "back to to do"),
        ("u  ctrl+z", "undo"),
        ("ctrl+y", "redo"),
    )),
    ("Notes and projects", (
        ("n", "edit the note (ctrl+s saves, escape cancels)"),
        ("e", "edit the note in $VISUAL / $EDITOR"),
        ("p", "attach a new or existing project to the item"),
        ("P", "all portfolio projects (add, edit, delete)"),
    )),
    ("Find", (
        ("/", "type to filter titles, ids, notes; esc clears"),
        ("f", "status filter: all, open, in progress, done"),
    )),
    ("App", (
        ("x", "export the portfolio summary"),
        ("ctrl+p", "command palette: every action, roadmaps, themes"),
        ("ctrl+s", "save now (saving is automatic)"),
        ("?  f1", "this help"),
        ("q", "quit"),
    )),
)


KEY_WIDTH = 9
"""The widest key column entry ("u  ctrl+z"), so every group's descriptions line up."""

TWO_COLUMNS = 120
"""Screen width from which the key groups sit side by side, so help fits 120x35 unscrolled."""


def shown_path(path: Path) -> str:
    """A path as the user would type it: under their home folder it starts with `~`."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def _keys(groups: Iterable[tuple[str, tuple[tuple[str, str], ...]]]) -> RenderableType:
    """Groups one under another, each a heading over a key/description grid."""
    parts: list[RenderableType] = []
    for title, keys in groups:
        if parts:
            parts.append(Text())
        parts.append(Text(title, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=KEY_WIDTH)
        table.add_column()
        for key, what in keys:
            table.add_row(key, what)
        parts.append(table)
    return RichGroup(*parts)


def help_text(paths: Paths, *, columns: int = 1) -> Table:
    """Every key group (in two columns when `columns` is 2), then where the data lives."""
    outer = Table.grid(padding=(0, 0))
    outer.add_column()
    if columns == 2:
        pair = Table.grid(padding=(0, 3))
        pair.add_column()
        pair.add_column()
        pair.add_row(_keys(GROUPS[:2]), _keys(GROUPS[2:]))
        outer.add_row(pair)
    else:
        outer.add_row(_keys(GROUPS))
    data = Table.grid(padding=(0, 2))
    data.add_column(style="bold", no_wrap=True, min_width=KEY_WIDTH)
    data.add_column()
    for name, path in (("state", paths.state), ("backup", paths.backup),
                       ("config", paths.config), ("templates", paths.templates)):
        data.add_row(name, Text(shown_path(path)))
    outer.add_row("")
    outer.add_row(Text("Your data", style="bold underline"))
    outer.add_row(data)
    outer.add_row("")
    outer.add_row(Text("Keys can be remapped in the config file's [keymap] table by binding "
                       "id, e.g. toggle = \"d\".", style="dim"))
    return outer


class HelpScreen(Dialog[None]):
    """Closes on escape, q, ? or f1."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-dialog {
        width: 90;
        min-height: 6;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 2;
    }
    #help-dialog.-wide { width: 118; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "↑↓ scroll · escape closes"
            yield Static(id="help-text", markup=False)

    def on_resize(self, event: Resize) -> None:
        columns = 2 if event.size.width >= TWO_COLUMNS else 1
        dialog = self.query_one("#help-dialog")
        dialog.set_class(columns == 2, "-wide")
        self.query_one("#help-text", Static).update(help_text(self.paths, columns=columns))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
