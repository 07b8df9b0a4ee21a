"""The user's portfolio projects in a table: add, edit and delete them.

The screen keeps references to the roadmap and the state; the app mutates the state in place
when it applies a posted message and then calls `state_changed`, so the table never goes stale.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import RowDoesNotExist

from roadmap.model import Project, Roadmap, RoadmapState, visible
from roadmap.tui.messages import ProjectDeleted, ProjectSubmitted
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.project_form import ProjectForm
from roadmap.tui.screens.state_screen import StateScreen

COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("url", "Link"),
    ("skills", "Skills shown"),
    ("milestones", "Milestones"),
    ("dates", "Dates"),
)
"""Column key and heading, in the order shown."""

MIN_WIDTH = 8


KEEP = {"title": 30, "url": 26}
"""Columns the others give way to first: a title and a link this wide stay readable."""


def fit_widths(natural: dict[str, int], total: int) -> dict[str, int]:
    """Shrink the widest text columns until the table fits `total` cells; dates never shrink.

    First down to KEEP for the title and link (the milestones and skills give way before
    them), then every text column down to MIN_WIDTH if it must.
    """
    widths = dict(natural)
    room = total - 2 * len(widths) - 2  # one cell of padding either side, and a scrollbar
    for floors in (KEEP, {}):
        while sum(widths.values()) > room:
            shrinkable = [k for k in widths if k != "dates"
                          and widths[k] > max(floors.get(k, MIN_WIDTH), MIN_WIDTH)]
            if not shrinkable:
                break
            key = max(shrinkable, key=lambda k: widths[k])
            widths[key] -= 1
    return widths


def short_link(url: str) -> str:
    """A link as people read it: host and path without the scheme or `www.` (`mailto:` as
    the address); the detail line under the table has it in full."""
    for scheme in ("https://", "http://", "mailto:"):
        if url.lower().startswith(scheme):
            url = url[len(scheme):]
            break
    if url.lower().startswith("www."):
        url = url[4:]
    return url.rstrip("/")


EMPTY = "No projects yet — press a to add one"


def shorten(text: str, width: int) -> str:
    """One visible line at most `width` cells wide (wide characters count twice), … when cut."""
    line = " ".join(visible(text).split())
    if cell_len(line) <= width:
        return line
    return set_cell_size(line, max(width - 1, 0)).rstrip() + "…"


def dates_label(project: Project) -> str:
    if project.started is None and project.finished is None:
        return ""
    start = project.started.isoformat() if project.started else "?"
    end = project.finished.isoformat() if project.finished else ""
    return f"{start} → {end}".rstrip()


class ProjectsScreen(StateScreen):
    """Lists projects; posts ProjectSubmitted / ProjectDeleted for the app to apply and save."""

    DEFAULT_CSS = """
    ProjectsScreen {
        layout: vertical;
    }
    ProjectsScreen #projects-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    ProjectsScreen #projects-readonly {
        height: auto;
        padding: 0 1;
        background: $warning-muted;
        color: $text-warning;
    }
    ProjectsScreen #projects-table {
        height: 1fr;
    }
    ProjectsScreen #projects-empty {
        height: 1fr;
        content-align: center middle;
        color: $text-muted;
    }
    ProjectsScreen #projects-detail {
        height: auto;
        max-height: 6;
        padding: 0 1;
        border-top: solid $panel;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="projects.add", tooltip="A new project"),
        Binding("enter,e", "edit", "Edit", id="projects.edit",
                tooltip="Edit the selected project"),
        Binding("d,delete", "delete", "Delete", id="projects.delete",
                tooltip="Delete the selected project (asks first)"),
        Binding("escape,q", "back", "Back", id="projects.back",
                tooltip="Back to the roadmap"),
    ]

    def __init__(self, roadmap: Roadmap, state: RoadmapState, read_only: bool) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.state = state
        self.read_only = read_only
        self._follow: str | None = None  # a project just submitted: the cursor goes to it

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"Portfolio projects · {visible(self.roadmap.title)}"),
                         id="projects-heading", markup=False)
            yield Static(Content("read-only: projects can be viewed but not changed"),
                         id="projects-readonly", markup=False)
            yield DataTable(id="projects-table", cursor_type="row", zebra_stripes=True)
            yield Static(Content(EMPTY), id="projects-empty", markup=False)
            yield Static("", id="projects-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(DataTable).focus()

    # ------------------------------------------------------------------ view

    def ordered(self) -> list[Project]:
        """Projects by title, so the table reads the same on every run."""
        return sorted(self.state.projects.values(), key=lambda p: (p.title.casefold(), p.id))

    def titles(self, ids: tuple[str, ...]) -> str:
        """Item titles for ids; an id the roadmap no longer has is shown as it is."""
        found = [self.roadmap.item(i) for i in ids]
        return ", ".join(item.title if item else i for item, i in zip(found, ids, strict=True))

    def cells(self, project: Project) -> dict[str, tuple[str, str]]:
        """Full text of each cell, plus a suffix kept when the text is cut (`+2` more)."""
        more = len(project.milestones) - 1
        return {
            "title": (visible(project.title), ""),
            "url": (visible(short_link(project.urls[0])) if project.urls else "",
                    f" +{len(project.urls) - 1}" if len(project.urls) > 1 else ""),
            "skills": (visible(self.titles(project.skills)), ""),
            "milestones": (visible(self.titles(project.milestones[:1])),
                           f" +{more}" if more > 0 else ""),
            "dates": (dates_label(project), ""),
        }

    def rows(self, projects: list[Project]) -> list[list[Text]]:
        """One row per project, cut to fit the screen's width so the dates stay in view."""
        cells = [self.cells(p) for p in projects]
        natural = {
            key: max([len(label)] + [cell_len(shorten(c[key][0], 10_000) + c[key][1])
                                      for c in cells])
            for key, label in COLUMNS
        }
        widths = fit_widths(natural, self.size.width or 120)
        return [
            [Text(shorten(c[key][0], widths[key] - len(c[key][1])) + c[key][1], no_wrap=True)
             for key, _ in COLUMNS]
            for c in cells
        ]

    def follow(self, project_id: str) -> None:
        """Put the cursor on this project at the next repaint (after an undo or redo)."""
        self._follow = project_id

    def on_resize(self) -> None:
        self.refresh_view()

    def state_changed(self, items: set[str], projects: bool) -> None:
        if projects:
            self.refresh_view()

    def refresh_view(self) -> None:
        """Rebuild the table from the state, keeping the cursor on the same project. The
        columns are made again too: a DataTable keeps a column as wide as its widest text
        ever was, so after a delete and an undo the table would no longer fit."""
        table: DataTable[Text] = self.query_one(DataTable)
        current = self._follow or self.current_id()
        self._follow = None
        projects = self.ordered()
        table.clear(columns=True)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        for project, row in zip(projects, self.rows(projects), strict=True):
            table.add_row(*row, key=project.id)
        table.display = bool(projects)
        empty = self.query_one("#projects-empty", Static)
        empty.display = not projects
        empty.update(Content("No projects yet" if self.read_only else EMPTY))
        self.query_one("#projects-readonly").display = self.read_only
        if current is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(current))
        self.show_detail()

    def current_id(self) -> str | None:
        """The id of the project under the cursor."""
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        if not 0 <= row < table.row_count:
            return None
        return table.ordered_rows[row].key.value

    def current(self) -> Project | None:
        project_id = self.current_id()
        return self.state.projects.get(project_id) if project_id else None

    def show_detail(self) -> None:
        """The highlighted project in full: the table cuts long titles and shows one link."""
        project = self.current()
        detail = self.query_one("#projects-detail", Static)
        detail.display = project is not None
        if project is None:
            return
        text = Text(visible(project.title, keep_newlines=False), style="bold")
        for url in project.urls:
            text.append("\n" + visible(url, keep_newlines=False), style="underline")
        if project.summary:
            text.append("\n" + visible(project.summary))
        if project.skills:
            text.append("\nSkills: ", style="dim")
            text.append(visible(self.titles(project.skills)))
        if project.milestones:
            text.append("\nMilestones: ", style="dim")
            text.append(visible(self.titles(project.milestones)))
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # ------------------------------------------------------------------ actions

    def _writable(self, verb: str) -> bool:
        if self.read_only:
            self.notify(f"read-only: cannot {verb} projects while the data file is read-only",
                        severity="warning")
        return not self.read_only

    def action_add(self) -> None:
        if self._writable("add"):
            form = ProjectForm(self.roadmap, None, set(self.state.projects))
            self.app.push_screen(form, self._submitted)

    def action_edit(self) -> None:
        project = self.current()
        if project is None:
            self.notify("No project to edit — press a to add one")
            return
        if self._writable("edit"):
            form = ProjectForm(self.roadmap, project, set(self.state.projects))
            self.app.push_screen(form, self._submitted)

    def action_delete(self) -> None:
        project = self.current()
        if project is None:
            self.notify("No project to delete")
            return
        if not self._writable("delete"):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(ProjectDeleted(project.id))

        question = f"Delete project “{visible(project.title, keep_newlines=False)}”?"
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_back(self) -> None:
        self.dismiss(None)

    def _submitted(self, project: Project | None) -> None:
        if project is not None:
            self._follow = project.id
            self.post_message(ProjectSubmitted(project))
