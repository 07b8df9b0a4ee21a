"""Add or edit one portfolio project; the form checks everything and returns a Project.

The form never touches state: it returns the Project through `dismiss` and the caller posts
`ProjectSubmitted`, so the app records it once (undo history, save).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Static, TextArea

from roadmap.application.projects import ProjectError, build_project, future_start
from roadmap.model import Project, Roadmap, one_line, visible
from roadmap.tui.screens.form import FormDialog
from roadmap.tui.widgets.filter_select import Choice, FilterableSelection

LABELS = {"title": "Title", "urls": "URL", "summary": "Summary", "notes": "Notes",
          "started": "Started date", "finished": "Finished date"}
"""How the form's messages name each field (the command line says "--url", "--started")."""


def form_project(roadmap: Roadmap, existing: Project | None, taken_ids: Collection[str],
                 fields: Mapping[str, str], skills: Iterable[str],
                 milestones: Iterable[str]) -> Project:
    """The project the form's fields describe, or ProjectError naming every bad field: the
    check `roadmap project add/edit` makes, with the form's field names."""
    return build_project(
        roadmap, taken_ids, existing, title=fields.get("title", ""), urls=fields.get("urls", ""),
        summary=fields.get("summary", ""), notes=fields.get("notes", ""), skills=skills,
        milestones=milestones, started=fields.get("started", ""),
        finished=fields.get("finished", ""), labels=LABELS)


def skill_choices(roadmap: Roadmap, extra: Iterable[str] = ()) -> list[Choice]:
    """Every skill, prefixed by its group; ids the roadmap no longer has stay pickable."""
    choices = [Choice(s.id, s.title, g.title) for g in roadmap.skill_groups for s in g.items]
    known = {c.value for c in choices}
    choices += [Choice(i, i, "not in this roadmap") for i in dict.fromkeys(extra) if i not in known]
    return choices


def milestone_choices(roadmap: Roadmap, extra: Iterable[str] = ()) -> list[Choice]:
    """Every milestone, prefixed by its step number, so the list reads in roadmap order."""
    choices = [
        Choice(m.id, m.title, f"{n}. {step.title}")
        for n, step in enumerate(roadmap.steps, start=1)
        for m in step.items
    ]
    known = {c.value for c in choices}
    choices += [Choice(i, i, "not in this roadmap") for i in dict.fromkeys(extra) if i not in known]
    return choices


class ProjectForm(FormDialog[Project | None]):
    """Returns the new or edited Project on ctrl+s, None on escape (asking first when the
    fields were changed)."""

    DEFAULT_CSS = """
    ProjectForm > #form-dialog {
        width: 100;
    }
    ProjectForm #urls {
        height: 4;
    }
    ProjectForm #summary {
        height: 4;
    }
    ProjectForm #notes {
        height: 5;
    }
    ProjectForm #dates {
        height: auto;
    }
    ProjectForm #dates > Vertical {
        width: 1fr;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save project", id="project_form.save", priority=True,
                tooltip="Check the fields and keep the project"),
        Binding("escape", "cancel", "Close", id="project_form.cancel",
                tooltip="Close; asks to save, discard or keep editing if you changed it"),
    ]

    WHAT = "this project"

    def __init__(
        self,
        roadmap: Roadmap,
        existing: Project | None,
        taken_ids: set[str],
        preset_skills: Iterable[str] = (),
        preset_milestones: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.existing = existing
        self.taken_ids = set(taken_ids)
        self.preset_skills = tuple(existing.skills if existing else preset_skills)
        self.preset_milestones = tuple(existing.milestones if existing else preset_milestones)
        self._opened_with: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        old = self.existing
        with Vertical(id="form-dialog", classes="form-box") as dialog:
            dialog.border_title = "Edit project" if old else "New project"
            dialog.border_subtitle = "ctrl+s saves · escape closes"
            yield from self._fields(old)
            yield from self.error_and_buttons("form")
        yield Footer()

    def _fields(self, old: Project | None) -> ComposeResult:
        with VerticalScroll(id="form-fields", classes="form-fields"):
            yield Label("Title (required)", classes="field-label")
            yield Input(one_line(old.title if old else ""), id="title",
                        placeholder="What you built")
            yield Label("Links", classes="field-label")
            yield Static(Content("one per line or comma separated: http, https or mailto"),
                         classes="hint", markup=False)
            urls = "\n".join(one_line(u) for u in old.urls) if old else ""
            yield TextArea(urls, id="urls", soft_wrap=True, show_line_numbers=False)
            yield Label("Summary", classes="field-label")
            yield TextArea(visible(old.summary) if old else "", id="summary", soft_wrap=True,
                           show_line_numbers=False,
                           placeholder="One or two sentences: the problem and what you did")
            yield Label("Skills shown", classes="field-label")
            yield FilterableSelection(
                skill_choices(self.roadmap, self.preset_skills), self.preset_skills,
                placeholder="type to filter skills, ↓ to the list, space ticks", list_height=7,
                id="skills",
            )
            yield Label("Milestones served", classes="field-label")
            yield FilterableSelection(
                milestone_choices(self.roadmap, self.preset_milestones), self.preset_milestones,
                placeholder="type to filter milestones, ↓ to the list, space ticks",
                list_height=6, id="milestones",
            )
            with Horizontal(id="dates"):
                with Vertical():
                    yield Label("Started (YYYY-MM-DD)", classes="field-label")
                    yield Input(_iso(old.started if old else None), id="started",
                                placeholder="2024-01-31", max_length=10)
                with Vertical():
                    yield Label("Finished (YYYY-MM-DD)", classes="field-label")
                    yield Input(_iso(old.finished if old else None), id="finished",
                                placeholder="empty while ongoing", max_length=10)
            yield Label("Notes", classes="field-label")
            yield TextArea(visible(old.notes) if old else "", id="notes", soft_wrap=True,
                           show_line_numbers=False)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._opened_with = self._typed()

    def _typed(self) -> tuple[object, ...]:
        """Everything the user can change here, to tell whether escape would lose typing."""
        texts = tuple(self._field(name, raw=True) for name in
                      ("title", "urls", "summary", "started", "finished", "notes"))
        return (*texts, tuple(self.query_one("#skills", FilterableSelection).selected),
                tuple(self.query_one("#milestones", FilterableSelection).selected))

    def _field(self, widget_id: str, *, raw: bool = False) -> str:
        """A field's text with control characters made visible, as it is shown and saved."""
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Input):
            return widget.value if raw else one_line(widget.value)
        assert isinstance(widget, TextArea)
        return widget.text if raw else visible(widget.text)

    def build(self) -> tuple[Project | None, list[tuple[str, str]]]:
        """The project the form describes, or the problems as (field id, message), in order."""
        fields = {name: self._field(name, raw=name == "urls")
                  for name in ("title", "urls", "summary", "started", "finished", "notes")}
        try:
            return form_project(
                self.roadmap, self.existing, self.taken_ids, fields,
                self.query_one("#skills", FilterableSelection).selected,
                self.query_one("#milestones", FilterableSelection).selected), []
        except ProjectError as exc:
            return None, exc.problems

    def action_save(self) -> None:
        project, errors = self.build()
        if self.show_problems(errors, lambda name: self.query_one(f"#{name}")) or (
                project is None):
            return
        warning = future_start(project)
        if warning is not None:
            self.app.notify(warning[0].upper() + warning[1:] + ".", severity="warning",
                            timeout=8)
        self.dismiss(project)

    def unchanged(self) -> bool:
        return self._typed() == self._opened_with

    @on(Input.Submitted, "#title, #started, #finished")
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        """Enter in a one-line field goes to the next field, as in most forms."""
        event.stop()
        self.focus_next()


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
