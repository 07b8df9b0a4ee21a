"""Every key, grouped, and where the data lives: the one page a new user needs."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from roadmap.paths import Paths

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
        ("/", "filter by text (titles, ids, notes); escape clears"),
        ("f", "cycle the status filter: all, open, in progress, done"),
    )),
    ("App", (
        ("x", "export the portfolio summary"),
        ("ctrl+p", "command palette: every action, roadmaps, themes"),
        ("ctrl+s", "save now (saving is automatic)"),
        ("?  f1", "this help"),
        ("q", "quit"),
    )),
)


def help_text(paths: Paths) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, keys in GROUPS:
        table.add_row(Text(title, style="bold underline"), "")
        for key, what in keys:
            table.add_row(key, what)
        table.add_row("", "")
    table.add_row(Text("Your data", style="bold underline"), "")
    table.add_row("state", Text(str(paths.state)))
    table.add_row("backup", Text(str(paths.backup)))
    table.add_row("config", Text(str(paths.config)))
    table.add_row("templates", Text(str(paths.templates)))
    table.add_row("", "")
    table.add_row("", Text("Keys can be remapped in the config file's [keymap] table, "
                           "e.g. toggle = \"x\".", style="dim"))
    return table


class HelpScreen(ModalScreen[None]):
    """Closes on escape, q, ? or f1."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "escape closes"
            yield Static(help_text(self.paths), markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
