"""A yes/no question before anything that cannot be taken back in one key (delete, overwrite)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from roadmap.model import visible
from roadmap.tui.screens.dialog import Dialog, ResultT


class QuestionDialog(Dialog[ResultT]):
    """The look both question dialogs share: a framed box, the question, buttons right."""

    DEFAULT_CSS = """
    QuestionDialog {
        align: center middle;
    }
    QuestionDialog > .question-box {
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    QuestionDialog .question {
        width: 100%;
        margin-bottom: 1;
    }
    QuestionDialog .question-buttons {
        height: auto;
        align-horizontal: right;
    }
    QuestionDialog .question-buttons Button {
        margin-left: 1;
    }
    """


class ConfirmScreen(QuestionDialog[bool]):
    """Returns True for y / enter / Yes, False for n / escape / No."""

    DEFAULT_CSS = """
    ConfirmScreen > .question-box {
        width: 60;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding("enter", "answer(True)", "Yes", show=False, id="confirm.enter",
                tooltip="Go ahead"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no",
                tooltip="Leave everything as it is"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="confirm-dialog", classes="question-box"):
            yield Static(Content(visible(self.question)), id="confirm-question",
                         classes="question", markup=False)
            with Horizontal(id="confirm-buttons", classes="question-buttons"):
                yield Button("Yes (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        # Enter presses the focused button: Yes until the user tabs to No.
        self.query_one("#yes", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class ChoiceScreen(QuestionDialog[str | None]):
    """A question with several answers, each a button and a key; escape answers None.

    For decisions that are not yes/no (restore the backup, start afresh, or decide later).
    """

    DEFAULT_CSS = """
    ChoiceScreen > .question-box {
        width: 70;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose(None)", "Later", id="choice.escape",
                tooltip="Decide later; nothing changes meanwhile"),
    ]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        """`choices`: (key, button label, value returned), first one focused."""
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="choice-dialog", classes="question-box"):
            yield Static(Content(visible(self.question)), id="choice-question",
                         classes="question", markup=False)
            with Horizontal(id="choice-buttons", classes="question-buttons"):
                for n, (key, label, _value) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{n}",
                                 variant="primary" if n == 0 else "default")

    def on_mount(self) -> None:
        self.query_one("#choice-0", Button).focus()

    def on_key(self, event: events.Key) -> None:
        for key, _label, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)

    def action_choose(self, value: str | None) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        n = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.dismiss(self.choices[n][2])


UNSAVED_CHOICES = [("s", "Save", "save"), ("d", "Discard", "discard"),
                   ("k", "Keep editing", "keep")]


def ask_unsaved(dialog: Screen[Any], what: str, save: Callable[[], None],
                question: str = "") -> None:
    """Escape in an editor with unsaved typing: save it, throw it away, or keep editing
    (escape again, or `k`). Typing is never lost to one stray key. `question` replaces the
    default "You changed <what>. Save the changes?"."""

    def answer(choice: str | None) -> None:
        if choice == "save":
            save()
        elif choice == "discard":
            dialog.dismiss(None)

    dialog.app.push_screen(ChoiceScreen(question or f"You changed {what}. Save the changes?",
                                        UNSAVED_CHOICES), answer)
