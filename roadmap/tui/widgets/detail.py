"""The right-hand pane: everything known about the selected item, group or section.

All user and template text goes through `visible()` and into Text objects, so a note reading
`[@click=app.quit]` is just characters. The note itself is rendered as Markdown (the user
wrote Markdown), mounted lazily so start-up does not pay for the Markdown parser.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from roadmap import model
from roadmap.application.session import utc_now
from roadmap.model import GLYPHS, Group, Roadmap, RoadmapState, Section, Status, when
from roadmap.tui.contrast import readable_style
from roadmap.tui.widgets.roadmap_tree import Ref

BAR_WIDTH = 24

STATUS_SINCE = {
    Status.IN_PROGRESS: "in progress for {span}",
    Status.DONE: "done {ago}",
    Status.SKIPPED: "skipped {ago}",
    Status.TODO: "to do since {ago}",
}
"""How long the item has had its status, in words (`{span}`: "3 weeks", `{ago}`: "3 weeks
ago"); "to do since" only shows for an item moved back to to do."""


def status_words(status: Status, since: datetime | None, now: datetime) -> str:
    """"in progress for 3 weeks", "done 2 days ago"; the bare status when it never changed."""
    if since is None:
        return "to do" if status is Status.TODO else status.value.replace("-", " ")
    return STATUS_SINCE[status].format(span=when.span(max((now - since).total_seconds(), 0)),
                                       ago=when.ago(since, now))


def fit_height(static: Static) -> None:
    """Lay the screen out again only when the new text is taller or shorter than the old.

    A layout pass also repaints the tree's scrollbar (Textual's scroll views redraw theirs on
    every layout), and with it every visible row of the tree: ~5 ms of each cursor move,
    when the text of most items takes as many lines as the last one's."""
    width = static.content_size.width
    if not width or static.get_content_height(static.size, static.size, width) != (
            static.content_size.height):
        static.refresh(layout=True)


def safe(text: str) -> str:
    return model.visible(text)


class DetailPane(VerticalScroll):
    """Shows the selected node; rebuilt from data on every selection or change."""

    can_focus = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--todo", "status--in-progress", "status--done", "status--skipped", "detail--link"}

    def __init__(self, roadmap: Roadmap, state: RoadmapState,
                 clock: Callable[[], datetime] = utc_now, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.roadmap = roadmap
        self.state = state
        self.clock = clock
        """"Now" for the relative times ("done 2 days ago"): the app's clock, fixed in tests."""
        self._hover = ""
        self.ref: Ref | None = None
        self._note_widget: Any = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-main", markup=False)

    def show(self, ref: Ref | None) -> None:
        """Render the pane for `ref` (None shows a welcome)."""
        self.ref = ref
        self._hover = ""
        title, body, note, after = self._content(ref)
        text = Text.assemble(title, "\n\n", body)
        main: RenderableType = text
        if note is None and after is not None:
            main = Stack(text, Text(), after)
        static = self.query_one("#detail-main", Static)
        static.update(main, layout=False)
        fit_height(static)
        static.tooltip = self._hover or None
        self._show_note(note, after)

    def _show_note(self, note: str | None, after: RenderableType | None) -> None:
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
                Static(after if after is not None else "", id="detail-after", markup=False),
            ])
            return
        shown = note is not None
        for widget in (self.query_one("#detail-note-heading"), self._note_widget,
                       self.query_one("#detail-after")):
            widget.display = shown
        if note is not None:
            self._note_widget.update(note)
            self.query_one("#detail-after", Static).update(after if after is not None else "")

    # -- content

    def _content(self, ref: Ref | None) -> tuple[Text, Text, str | None, RenderableType | None]:
        if ref is None or ref.kind == "root":
            return self._welcome()
        if ref.kind == "section":
            return self._section(ref.id)
        if ref.kind == "group":
            group = self.roadmap.group(ref.id)
            if group is not None:
                return self._group(group)
        return self._item(ref.id)

    def _welcome(self) -> tuple[Text, Text, str | None, RenderableType | None]:
        title = Text(safe(self.roadmap.title), style="bold")
        body = Text(safe(self.roadmap.summary) + "\n\n")
        body.append("Move with ↑/↓ (or j/k), open a step with → or enter, press space to tick "
                    "an item, n to write a note, ? for every key.")
        return title, body, None, None

    def _section(self, section_id: str) -> tuple[Text, Text, str | None, RenderableType | None]:
        if section_id == "archived":
            body = Text("Items you tracked that this version of the template no longer has. "
                        "Their status, notes and history are kept.")
            return Text("Archived", style="bold"), body, None, None
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
        return Text(model.SECTION_TITLES[section], style="bold"), body, None, None

    def _group(self, group: Group) -> tuple[Text, Text, str | None, RenderableType | None]:
        progress = model.group_progress(group, self.state)
        body = Text()
        if group.summary:
            body.append(safe(group.summary) + "\n\n")
        self._progress_line(body, progress)
        finished = model.completed_on(group, self.state)
        if finished:
            body.append(f"\nCompleted {when.ago(finished, self.clock())} "
                        f"({when.local_date(finished).isoformat()})")
            self._hover = f"Completed {when.full(finished)} (your local time)"
        body.append("\n")
        for item in group.items:
            status = self.state.status(item.id)
            body.append("\n")
            body.append(GLYPHS[status] + " ", style=self._status_style(status))
            body.append(safe(item.title))
        self._resources(body, group.resources)
        self._sources(body, group.sources)
        return Text(safe(group.title), style="bold"), body, None, None

    def _item(self, item_id: str) -> tuple[Text, Text, str | None, RenderableType | None]:
        item = self.roadmap.item(item_id)
        record = self.state.get(item_id)
        status = record.status
        now = self.clock()
        since = model.status_since(self.state, item_id)
        body = Text()
        body.append(GLYPHS[status] + " " + status_words(status, since, now),
                    style=self._status_style(status))
        hover = []
        if since is not None:
            hover.append(f"Status changed {when.full(since)}")
        if record.noted is not None:
            body.append(f" · note edited {when.ago(record.noted, now)}")
            hover.append(f"note edited {when.full(record.noted)}")
        if hover:
            self._hover = "; ".join(hover) + " (your local time)"
        group = self.roadmap.group_of(item_id)
        if group is not None:
            kind = {Section.STEPS: "Milestone of", Section.SKILLS: "Skill in",
                    Section.READINESS: "Job-readiness check in"}[group.section]
            body.append(f"\n{kind}: {safe(group.title)}")
        body.append(f"\nid: {safe(item_id)}", style="dim")
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
        style = self.get_component_rich_style(f"status--{status.value}", partial=True)
        return readable_style(style, self.background_colors[1])

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # the text carries its colours: draw it again once the new theme's CSS applies
        self.call_after_refresh(self.show, self.ref)

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
        """Skills and the items practising them, one per line: a glyph never ends a line
        apart from the title it belongs to."""
        if item.skills:
            body.append("\n\nSkills:")
            for skill_id in item.skills:
                skill = self.roadmap.item(skill_id)
                self._entry(body, skill_id, safe(skill.title) if skill else safe(skill_id))
        users = self.roadmap.used_by(item.id)
        if users:
            body.append("\n\nPractised by:")
            for user in users:
                self._entry(body, user.id, safe(user.title))

    def _entry(self, body: Text, item_id: str, title: str) -> None:
        status = self.state.status(item_id)
        body.append("\n  " + GLYPHS[status] + " ", style=self._status_style(status))
        body.append(title)

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

    def _projects(self, item_id: str) -> RenderableType | None:
        """The projects behind the item; links and summary indented under each title, also
        where they wrap (Padding indents every line, a "\\n  " only the first)."""
        projects = self.state.projects_for(item_id)
        if not projects:
            return None
        parts: list[RenderableType] = [Text("Portfolio projects", style="bold underline")]
        link_style = self.get_component_rich_style("detail--link", partial=True)
        for project in sorted(projects, key=lambda p: p.title.casefold()):
            parts.append(Text("• " + safe(project.title)))
            block = Text()
            for url in project.urls:
                shown = safe(url)
                block.append(("\n" if block else "") + shown, style=link_style + Style(
                    link=shown) if shown.startswith(("https://", "http://")) else link_style)
            if project.summary:
                block.append(("\n" if block else "") + safe(project.summary))
            if block:
                parts.append(Padding(block, (0, 0, 0, 2)))
        return Stack(*parts)
