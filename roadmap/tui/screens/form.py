"""What the project form and the profile form share: the framed box, labels and hints, the
error line under the fields, and how a refused save marks the fields it names."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static

from roadmap.model import visible
from roadmap.tui.screens.dialog import Dialog, ResultT


class FormDialog(Dialog[ResultT]):
    """A form in a box: `.form-box` > `.form-fields` (scrolls), `.form-error`, `.form-buttons`."""

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
    }
    FormDialog > .form-box {
        max-width: 100%;
        height: 1fr;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormDialog .form-fields {
        height: 1fr;
    }
    FormDialog .field-label {
        margin-top: 1;
        color: $text-primary;
        text-style: bold;
    }
    FormDialog .hint {
        color: $text-muted;
    }
    FormDialog .form-error {
        color: $text-error;
        background: $error-muted;
        height: auto;
        max-height: 4;
    }
    FormDialog .form-error.-empty {
        display: none;
    }
    FormDialog .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    FormDialog .form-buttons Button {
        margin-left: 2;
    }
    FormDialog .bad {
        border: tall $error;
    }
    """

    WHAT = "this form"
    """How the escape question names what was changed ("You changed this project...")."""

    def unchanged(self) -> bool:
        """Whether the fields still hold what the form opened with (escape closes at once)."""
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if self.unchanged():
            self.dismiss(None)
            return
        from roadmap.tui.screens.confirm import ask_unsaved

        ask_unsaved(self, self.WHAT, self.action_save)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def error_and_buttons(self, prefix: str = "") -> ComposeResult:
        """The error line (hidden until there is one) and Save/Cancel, under the fields;
        with `prefix`, their ids are `<prefix>-error` and `<prefix>-buttons`."""
        yield Static("", id=f"{prefix}-error" if prefix else None, classes="form-error -empty",
                     markup=False)
        with Horizontal(id=f"{prefix}-buttons" if prefix else None, classes="form-buttons"):
            yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
            yield Button("Cancel (esc)", id="cancel", compact=True)

    def show_error(self, text: str) -> None:
        """One or more lines in the error line under the fields (the user's words shown as
        text: never markup)."""
        error = self.query_one(".form-error", Static)
        error.update(Content(visible(text)))
        error.remove_class("-empty")

    def show_problems(self, problems: list[tuple[str, str]],
                      field: Callable[[str], Widget]) -> bool:
        """Mark the fields `problems` names, list the messages in the error line and focus
        the first; clear the marks of an earlier try. False when there are none."""
        for widget in self.query(".bad"):
            widget.remove_class("bad")
        if not problems:
            return False
        for name, _ in problems:
            field(name).add_class("bad")
        self.show_error("\n".join(message for _, message in problems))
        field(problems[0][0]).focus()
        return True
