"""Add one of your own items to a step or group, or edit one: title, summary, and the skills
a milestone or check exercises (or the other names of a skill).

The form checks with application/own.py, exactly as `roadmap item add/edit` does, and returns
the OwnItem through `dismiss`; the caller posts `OwnItemSubmitted` and the app records it once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Static

from roadmap.application import own
from roadmap.model import OwnItem, Roadmap, RoadmapState, one_line, visible
from roadmap.tui.screens.checked_form import CheckedForm
from roadmap.tui.screens.project_form import skill_choices
from roadmap.tui.widgets.filter_select import FilterableSelection


class OwnItemForm(CheckedForm[OwnItem | None]):
    """Returns the new or edited OwnItem on enter or ctrl+s, None on escape. `existing` is
    the own item to edit; without it, a new one goes in `parent`."""

    WHAT = "this item"

    DEFAULT_CSS = """
    OwnItemForm #own-fields {
        height: auto;
        max-height: 30;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save item", id="own_item.save", priority=True,
                tooltip="Check the fields and keep the item"),
        Binding("escape", "cancel", "Cancel", id="own_item.cancel",
                tooltip="Leave without changing anything"),
    ]

    def __init__(self, roadmap: Roadmap, state: RoadmapState, parent: str,
                 existing: OwnItem | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.state = state
        self.parent_id = existing.parent if existing is not None else parent
        self.existing = existing
        self.clock = clock
        self.kind = own.kind_of(roadmap, self.parent_id)

    def compose(self) -> ComposeResult:
        old = self.existing
        group = self.roadmap.group(self.parent_id)
        where = visible(group.title if group else self.parent_id, keep_newlines=False)
        with Vertical(id="own-dialog", classes="form-box") as dialog:
            dialog.border_title = (f"Edit your {self.kind}" if old
                                   else f"New {self.kind} in {where}")
            dialog.border_subtitle = "enter or ctrl+s saves · tab: next field · escape cancels"
            with VerticalScroll(id="own-fields"):
                yield Label("Title (required)", classes="field-label")
                yield Input(one_line(old.title if old else ""), id="own-title",
                            placeholder={"skill": "pandas, Docker, LLM evaluation",
                                         "milestone": "Ship a model behind an API"}.get(
                                             self.kind, "Can explain my projects' trade-offs"))
                yield Label("Summary", classes="field-label")
                yield Input(one_line(old.summary if old else ""), id="own-summary",
                            placeholder="A sentence: what it is, or which course or chapter")
                if self.kind == "skill":
                    yield Label("Other names", classes="field-label")
                    yield Static(Content("comma separated: how job postings write it, for "
                                         "matching"), classes="hint", markup=False)
                    yield Input(", ".join(one_line(a) for a in old.aliases) if old else "",
                                id="own-aliases", placeholder="pandas library, pd")
                else:
                    yield Label("Skills it exercises", classes="field-label")
                    chosen = old.skills if old else ()
                    yield FilterableSelection(
                        skill_choices(self.roadmap, chosen), chosen,
                        placeholder="type to filter skills, ↓ to the list, space ticks",
                        list_height=6, id="own-skills")
            yield from self.error_and_buttons()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#own-title", Input).focus()

    def build(self) -> OwnItem:
        """The item the form describes, or RoadmapError with the reason (one line)."""
        title = self.query_one("#own-title", Input).value
        summary = self.query_one("#own-summary", Input).value
        aliases: list[str] | None = None
        skills: list[str] | None = None
        if self.kind == "skill":
            aliases = self.query_one("#own-aliases", Input).value.split(",")
        else:
            skills = list(self.query_one("#own-skills", FilterableSelection).selected)
        if self.existing is not None:
            return own.changed_item(self.roadmap, self.existing, title=title, summary=summary,
                                    skills=skills, aliases=aliases)
        from roadmap.application.session import utc_now

        now = (self.clock or utc_now)()
        return own.new_item(self.roadmap, self.state, self.parent_id, title, summary=summary,
                            skills=skills or (), aliases=aliases or (), now=now)

    @on(Input.Submitted, "#own-title, #own-summary, #own-aliases")
    def _enter(self, event: Input.Submitted) -> None:
        """Enter saves, so adding an item is `a`, its title, enter (tab reaches the rest)."""
        event.stop()
        self.action_save()
