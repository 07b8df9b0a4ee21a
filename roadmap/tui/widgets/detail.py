"""The right-hand pane: everything known about the selected item, group or section.

All user and template text goes through `visible()` and into Text objects, so a note reading
`[@click=app.quit]` is just characters. The note itself is rendered as Markdown (the user
wrote Markdown), mounted lazily so start-up does not pay for the Markdown parser.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from roadmap import model
from roadmap.model import Group, Roadmap, RoadmapState, Section, Status
from roadmap.tui.widgets.roadmap_tree import GLYPHS, Ref

BAR_WIDTH = 24


def when(stamp: datetime | None) -> str:
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp else "never"


def safe(text: str) -> str:
    return model.visible(text)


class DetailPane(VerticalScroll):
    """Shows the selected node; rebuilt from data on every selection or change."""

    can_focus = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--todo", "status--in-progress", "status--done", "status--skipped", "detail--link"}

    def __init__(self, roadmap: Roadmap, state: RoadmapState, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.roadmap = roadmap
        self.state = state
        self.ref: Ref | None = None
        self._note_widget: Any = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-main", markup=False)

    def show(self, ref: Ref | None) -> None:
        """Render the pane for `ref` (None shows a welcome)."""
        self.ref = ref
        title, body, note, after = self._content(ref)
        main = Text.assemble(title, "\n\n", body)
        if note is None and after:
            main.append("\n\n")
            main.append_text(after)
        self.query_one("#detail-main", Static).update(main)
        self._show_note(note, after)

    def _show_note(self, note: str | None, after: Text) -> None:
        """The note (Markdown) and what follows it; made the first time a note is shown, so
        the first frame mounts one Static here, not four widgets and a Markdown parser."""
        if self._note_widget is None:
            if note is None:
                return
            from textual.widgets import Markdown

            # created with its text: an update() before the mount completes would be lost
            self._note_widget = Markdown(note, id="detail-note", open_links=False)
            self.mount_all([
                Static(Text("Note", style="bold underline"), id="detail-note-heading"),
                self._note_widget,
                Static(after, id="detail-after", markup=False),
            ])
            return
        shown = note is not None
        for widget in (self.query_one("#detail-note-heading"), self._note_widget,
                       self.query_one("#detail-after")):
            widget.display = shown
        if note is not None:
            self._note_widget.update(note)
            self.query_one("#detail-after", Static).update(after)

    # -- content

    def _content(self, ref: Ref | None) -> tuple[Text, Text, str | None, Text]:
        if ref is None or ref.kind == "root":
            return self._welcome()
        if ref.kind == "section":
            return self._section(ref.id)
        if ref.kind == "group":
            group = self.roadmap.group(ref.id)
            if group is not None:
                return self._group(group)
        return self._item(ref.id)

    def _welcome(self) -> tuple[Text, Text, str | None, Text]:
        title = Text(safe(self.roadmap.title), style="bold")
        body = Text(safe(self.roadmap.summary) + "\n\n")
        body.append("Move with ↑/↓ (or j/k), open a step with → or enter, press space to tick "
                    "an item, n to write a note, ? for every key.")
        return title, body, None, Text()

    def _section(self, section_id: str) -> tuple[Text, Text, str | None, Text]:
        if section_id == "archived":
            body = Text("Items you tracked that this version of the template no longer has. "
                        "Their status, notes and history are kept.")
            return Text("Archived", style="bold"), body, None, Text()
        section = Section(section_id)
        progress = model.section_progress(self.roadmap, section, self.state)
        body = Text()
        self._progress_line(body, progress)
        body.append("\n")
        for group in self.roadmap.groups(section):
            gp = model.group_progress(group, self.state)
            body.append("\n")
            body.append(GLYPHS[gp.status] + " ", style=self._status_style(gp.status))
            body.append(f"{safe(group.title)}  {gp.done}/{gp.total}")
        return Text(model.SECTION_TITLES[section], style="bold"), body, None, Text()

    def _group(self, group: Group) -> tuple[Text, Text, str | None, Text]:
        progress = model.group_progress(group, self.state)
        body = Text()
        if group.summary:
            body.append(safe(group.summary) + "\n\n")
        self._progress_line(body, progress)
        finished = model.completed_on(group, self.state)
        if finished:
            body.append(f"\nCompleted {when(finished)}")
        body.append("\n")
        for item in group.items:
            status = self.state.status(item.id)
            body.append("\n")
            body.append(GLYPHS[status] + " ", style=self._status_style(status))
            body.append(safe(item.title))
        self._resources(body, group.resources)
        self._sources(body, group.sources)
        return Text(safe(group.title), style="bold"), body, None, Text()

    def _item(self, item_id: str) -> tuple[Text, Text, str | None, Text]:
        item = self.roadmap.item(item_id)
        record = self.state.get(item_id)
        status = record.status
        body = Text()
        body.append(GLYPHS[status] + " " + status.value, style=self._status_style(status))
        body.append(f"   changed {when(record.changed)}")
        group = self.roadmap.group_of(item_id)
        if group is not None:
            kind = {Section.STEPS: "Milestone of", Section.SKILLS: "Skill in",
                    Section.READINESS: "Job-readiness check in"}[group.section]
            body.append(f"\n{kind}: {safe(group.title)}")
        self._own_mark(body, item_id)
        if item is None:
            body.append("\nArchived: this id is no longer in the template; what you recorded "
                        "is kept.")
            title = Text(safe(item_id), style="bold")
        else:
            title = Text(safe(item.title), style="bold")
            if item.summary:
                body.append("\n\n" + safe(item.summary))
            self._links(body, item)
            self._your_links(body, record.links)
            self._resources(body, item.resources)
            self._sources(body, item.sources)
        after = self._projects(item_id)
        return title, body, (safe(record.note) if record.note else None), after

    # -- pieces

    def _status_style(self, status: Status) -> Style:
        return self.get_component_rich_style(f"status--{status.value}", partial=True)

    def _progress_line(self, body: Text, progress: model.Progress) -> None:
        body.append(model.bar(progress, BAR_WIDTH) + " ", style=self._status_style(progress.status))
        body.append(f"{progress.done}/{progress.total} done · {progress.percent}%")
        extra = []
        if progress.in_progress:
            extra.append(f"{progress.in_progress} in progress")
        if progress.skipped:
            extra.append(f"{progress.skipped} skipped")
        if extra:
            body.append(" (" + ", ".join(extra) + ")")

    def _links(self, body: Text, item: model.Item) -> None:
        if item.skills:
            names = []
            for skill_id in item.skills:
                skill = self.roadmap.item(skill_id)
                mark = GLYPHS[self.state.status(skill_id)]
                names.append(f"{mark} {safe(skill.title) if skill else skill_id}")
            body.append("\n\nSkills: " + ", ".join(names))
        users = self.roadmap.used_by(item.id)
        if users:
            names = [f"{GLYPHS[self.state.status(u.id)]} {safe(u.title)}" for u in users]
            body.append("\n\nPractised by: " + "; ".join(names))

    def _own_mark(self, body: Text, item_id: str) -> None:
        """Say that an item is the user's own (or was: removed, or its group is gone)."""
        if item_id in self.roadmap.own_ids:
            body.append("\nYour own item (r edits it, D removes it)", style="italic")
        elif item_id in self.state.own:
            body.append(f"\nYour own item '{safe(self.state.own[item_id].title)}', removed "
                        "or left without its group", style="italic")

    def _your_links(self, body: Text, links: tuple[model.Link, ...]) -> None:
        """The user's links (`l` adds, `o` opens), above the template's resources."""
        if not links:
            return
        body.append("\n\nYour links:")
        link_style = self.get_component_rich_style("detail--link", partial=True)
        for link in links:
            url = model.visible(link.url, keep_newlines=False)
            title = model.visible(link.title, keep_newlines=False)
            body.append("\n  • " + (title + " " if title else ""))
            clickable = model.safe_link(link.url)
            body.append(url, style=link_style + Style(link=clickable) if clickable
                        else link_style)

    def _resources(self, body: Text, resources: tuple[model.Resource, ...]) -> None:
        if not resources:
            return
        body.append("\n\nResources:")
        link_style = self.get_component_rich_style("detail--link", partial=True)
        for resource in resources:
            body.append("\n  • " + safe(resource.name) + " ")
            url = safe(resource.url)
            body.append(url, style=link_style + Style(link=url) if url.startswith(
                ("https://", "http://")) else link_style)

    def _sources(self, body: Text, sources: tuple[str, ...]) -> None:
        names = []
        for source_id in sources:
            source = self.roadmap.source(source_id)
            names.append(safe(source.publisher or source.title) if source else source_id)
        if names:
            body.append("\n\nSource: " + ", ".join(names), style="italic")

    def _projects(self, item_id: str) -> Text:
        projects = self.state.projects_for(item_id)
        after = Text()
        if not projects:
            return after
        after.append("\nPortfolio projects", style="bold underline")
        link_style = self.get_component_rich_style("detail--link", partial=True)
        for project in sorted(projects, key=lambda p: p.title.casefold()):
            after.append("\n• " + safe(project.title))
            for url in project.urls:
                shown = safe(url)
                after.append("\n  " + shown, style=link_style + Style(link=shown) if
                             shown.startswith(("https://", "http://")) else link_style)
            if project.summary:
                after.append("\n  " + safe(project.summary).replace("\n", "\n  "))
        return after
