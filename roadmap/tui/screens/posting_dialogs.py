"""The two small questions of the postings view: a name to save a posting under, and which
term (a technology the posting asks for that the roadmap lacks) to add as an own skill."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from roadmap.model import ID_PATTERN, Posting, one_line, slugify
from roadmap.tui.screens.confirm import QuestionDialog


class NameDialog(QuestionDialog[str | None]):
    """Asks the name to keep a posting under: kebab-case, like the command line's --save."""

    DEFAULT_CSS = """
    NameDialog > .question-box {
        width: 60;
    }
    NameDialog #name-error {
        color: $text-error;
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="posting-name.cancel",
                tooltip="Close without saving"),
    ]

    def __init__(self, suggested: str, taken: Mapping[str, Posting]) -> None:
        super().__init__()
        self.suggested = suggested
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box", classes="question-box"):
            yield Label("Save the posting as (a-z, 0-9 and '-'):")
            yield Input(self.suggested, id="posting-name")
            yield Static("", id="name-error", markup=False)
            with Horizontal(id="name-buttons", classes="question-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        name = self.query_one(Input).value.strip()
        if not ID_PATTERN.match(name):
            self.query_one("#name-error", Static).update(Content(
                f"'{one_line(name)}' is not a name roadmap can keep; try '{slugify(name)}'."))
            return
        self.dismiss(name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TermDialog(QuestionDialog[tuple[str, str] | None]):
    """Pick a term the posting asks for and the skill group to add it to: enter adds the
    highlighted term as an own skill (the app records it; u undoes it)."""

    DEFAULT_CSS = """
    TermDialog > .question-box {
        width: 64;
    }
    TermDialog #terms {
        height: auto;
        max-height: 12;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="posting-term.cancel",
                tooltip="Close without adding"),
    ]

    def __init__(self, terms: Sequence[str], groups: Sequence[tuple[str, str]],
                 group: str) -> None:
        super().__init__()
        self.terms = list(terms)
        self.groups = list(groups)
        self.group = group

    def compose(self) -> ComposeResult:
        with Vertical(id="term-box", classes="question-box"):
            yield Label("Add a term the posting asks for as your own skill (enter adds it):")
            yield OptionList(*(Option(one_line(t), id=str(n)) for n, t in enumerate(self.terms)),
                             id="terms")
            yield Label("In the skill group")
            yield Select([(one_line(title), gid) for gid, title in self.groups], value=self.group,
                         allow_blank=False, id="term-group")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#terms")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        group = self.query_one(Select).value
        if event.option.id is not None and isinstance(group, str):
            self.dismiss((self.terms[int(event.option.id)], group))

    def action_cancel(self) -> None:
        self.dismiss(None)
