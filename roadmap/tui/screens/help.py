"""Every key, grouped, and where the data lives: the one page a new user needs.

The keys are the main screen's bindings as they are now (keys.py), so a key remapped in
`[keymap]` shows remapped; descriptions and tooltips are the bindings' own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
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
from roadmap.tui.keys import KeyRow
from roadmap.tui.screens.dialog import Dialog

KeyGroups = list[tuple[str, list[KeyRow]]]

TWO_COLUMNS = 120
"""Screen width from which the key groups sit side by side, so help fits 120x35 unscrolled."""


def shown_path(path: Path) -> str:
    """A path as the user would type it: under their home folder it starts with `~`."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def _keys(groups: Iterable[tuple[str, list[KeyRow]]], width: int) -> RenderableType:
    """Groups one under another, each a heading over a key / description grid."""
    parts: list[RenderableType] = []
    for title, rows in groups:
        if parts:
            parts.append(Text())
        parts.append(Text(title, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=width)
        table.add_column()
        for row in rows:
            what = Text(row.description[:1].upper() + row.description[1:])
            if row.tooltip:
                what.append("  " + row.tooltip, style="dim")
            table.add_row(Text(row.keys), what)
        parts.append(table)
    return RichGroup(*parts)


def _halves(groups: KeyGroups, extra: int = 0) -> tuple[KeyGroups, KeyGroups]:
    """The groups split in two columns of about the same number of lines, order kept; the
    right column also holds `extra` lines after its groups."""
    lines = [len(rows) + 2 for _, rows in groups]
    best = min(range(1, len(groups) + 1),
               key=lambda n: abs(sum(lines[:n]) - sum(lines[n:]) - extra), default=0)
    return groups[:best], groups[best:]


def _data(paths: Paths, width: int) -> RenderableType:
    """Where the data lives, under its heading."""
    data = Table.grid(padding=(0, 2))
    data.add_column(style="bold", no_wrap=True, min_width=width)
    data.add_column()
    for name, path in (("state", paths.state), ("backup", paths.backup),
                       ("config", paths.config), ("templates", paths.templates)):
        data.add_row(name, Text(shown_path(path)))
    return RichGroup(Text("Your data", style="bold underline"), data)


def help_text(paths: Paths, groups: KeyGroups, *, columns: int = 1) -> Table:
    """Every key group, then where the data lives; in two columns when `columns` is 2, with
    the data at the foot of the shorter one so help fits a 120x35 screen unscrolled."""
    width = max([len("templates")] + [cell_len(row.keys) for _, rows in groups for row in rows])
    outer = Table.grid(padding=(0, 0))
    outer.add_column()
    if columns == 2:
        left, right = _halves(groups, extra=6)
        pair = Table.grid(padding=(0, 3))
        pair.add_column()
        pair.add_column()
        pair.add_row(_keys(left, width), RichGroup(_keys(right, width), Text(),
                                                   _data(paths, width)))
        outer.add_row(pair)
    else:
        outer.add_row(_keys(groups, width))
        outer.add_row("")
        outer.add_row(_data(paths, width))
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
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close",
                tooltip="Back to the roadmap"),
    ]

    def __init__(self, paths: Paths, groups: KeyGroups) -> None:
        super().__init__()
        self.paths = paths
        self.groups = groups
        """The key table, made by the app from its bindings when help is asked for."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "↑↓ scroll · escape closes"
            yield Static(id="help-text", markup=False)

    def on_resize(self, event: Resize) -> None:
        columns = 2 if event.size.width >= TWO_COLUMNS else 1
        dialog = self.query_one("#help-dialog")
        dialog.set_class(columns == 2, "-wide")
        text = help_text(self.paths, self.groups, columns=columns)
        self.query_one("#help-text", Static).update(text)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
