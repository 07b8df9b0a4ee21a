"""Pick the project to attach to a milestone or skill, or start a new one.

`attach_project` runs the whole flow (pick, then the form for a new one) and ends, as every
screen does, by posting ProjectSubmitted for the app to apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roadmap.model import Project, Roadmap, RoadmapState, Section, visible
from roadmap.tui.messages import ProjectSubmitted
from roadmap.tui.screens.dialog import Dialog

NEW_PROJECT = "__new__"
"""What the screen returns when the user wants a new project rather than an existing one."""


def project_label(project: Project) -> Content:
    """Title plus a dim first url, both as data rather than markup."""
    label = Content(visible(project.title, keep_newlines=False))
    if project.urls:
        label = Content.assemble(label, ("  " + visible(project.urls[0], keep_newlines=False),
                                         "dim"))
    return label


class AttachProjectScreen(Dialog[str | None]):
    """Returns a project id, NEW_PROJECT ("__new__"), or None when the user backs out."""

    DEFAULT_CSS = """
    AttachProjectScreen {
        align: center middle;
    }
    AttachProjectScreen > #attach-dialog {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    AttachProjectScreen #attach-heading {
        margin-bottom: 1;
    }
    AttachProjectScreen OptionList {
        height: auto;
        max-height: 16;
    }
    AttachProjectScreen #attach-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="attach.cancel", tooltip="Attach nothing"),
    ]

    def __init__(self, item_title: str, projects: Sequence[Project]) -> None:
        super().__init__()
        self.item_title = item_title
        self.projects = tuple(projects)

    def compose(self) -> ComposeResult:
        with Vertical(id="attach-dialog") as dialog:
            dialog.border_title = "Attach a project"
            heading = Content.assemble(
                ("Attach to: ", "bold"), visible(self.item_title, keep_newlines=False)
            )
            yield Static(heading, id="attach-heading", markup=False)
            options = [Option(Content.assemble(("New project…", "bold")), id=NEW_PROJECT)]
            options += [Option(project_label(p), id=p.id) for p in self.projects]
            yield OptionList(*options, id="attach-options")
            yield Static(Content("enter picks · escape cancels"), id="attach-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def attach_project(app: App[Any], roadmap: Roadmap, state: RoadmapState, item_id: str) -> None:
    """Ask which project to attach to `item_id` (or open the form for a new one), then post
    ProjectSubmitted; readiness checks take no projects, which the user is told."""
    from roadmap.tui.screens.project_form import ProjectForm

    group = roadmap.group_of(item_id)
    if group is None or group.section is Section.READINESS:
        app.notify("Projects attach to milestones and skills; pick one of those.",
                   severity="warning", timeout=5)
        return
    is_skill = group.section is Section.SKILLS

    def submitted(project: Project | None) -> None:
        if project is not None:
            app.post_message(ProjectSubmitted(project))

    def picked(choice: str | None) -> None:
        if choice is None:
            return
        existing = state.projects.get(choice)
        if existing is None:
            app.push_screen(ProjectForm(
                roadmap, None, set(state.projects),
                preset_skills=(item_id,) if is_skill else (),
                preset_milestones=() if is_skill else (item_id,),
            ), submitted)
            return
        values = existing.skills if is_skill else existing.milestones
        if item_id in values:
            app.notify(f"'{existing.title}' is already attached.", timeout=3)
            return
        submitted(existing._replace(skills=(*values, item_id)) if is_skill
                  else existing._replace(milestones=(*values, item_id)))

    item = roadmap.item(item_id)
    projects = sorted(state.projects.values(), key=lambda p: p.title.casefold())
    app.push_screen(AttachProjectScreen(item.title if item else item_id, projects), picked)
