"""A small form whose fields one application check turns into a value, or into one line
saying why not, shown under the fields: the own-item form and the link form.

`build()` makes the value (or raises RoadmapError); Save and ctrl+s keep it; escape and
Cancel leave everything as it was, asking first (save / discard / keep editing) when a field
was changed. The form never touches state: it returns the value.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static

from roadmap.errors import RoadmapError
from roadmap.model import visible
from roadmap.tui.screens.dialog import Dialog, ResultT


class CheckedForm(Dialog[ResultT]):
    """The shared look and the save/cancel behaviour; subclasses compose the fields."""

    DEFAULT_CSS = """
    CheckedForm {
        align: center middle;
    }
    CheckedForm > .form-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    CheckedForm .field-label {
        margin-top: 1;
        color: $text-primary;
        text-style: bold;
    }
    CheckedForm .hint {
        color: $text-muted;
    }
    CheckedForm .form-error {
        color: $text-error;
        background: $error-muted;
        height: auto;
    }
    CheckedForm .form-error.-empty {
        display: none;
    }
    CheckedForm .form-buttons {
        height: auto;
        align-horizontal: right;
    }
    CheckedForm .form-buttons Button {
        margin-left: 2;
    }
    """

    WHAT = "this form"
    """How the escape question names what was changed ("You changed this link...")."""

    _opened_with: tuple[object, ...] = ()

    def _values(self) -> tuple[object, ...]:
        """What the fields hold: each input's text and each list's picks (a filter box's
        text is a way to find a pick, not a value, so it does not count)."""
        from roadmap.tui.widgets.filter_select import FilterableSelection

        texts = [(w.id, w.value) for w in self.query(Input)
                 if not any(isinstance(a, FilterableSelection) for a in w.ancestors)]
        picks = [(w.id, tuple(w.selected)) for w in self.query(FilterableSelection)]
        return (*texts, *picks)

    def on_mount(self) -> None:
        self._opened_with = self._values()

    def build(self) -> ResultT:
        """The value the fields describe, or RoadmapError with the reason in one line."""
        raise NotImplementedError

    def error_and_buttons(self) -> ComposeResult:
        """The error line (hidden until there is one) and the two buttons, under the fields."""
        yield Static("", classes="form-error -empty", markup=False)
        with Horizontal(classes="form-buttons"):
            yield Button("Save (ctrl+s)", classes="form-save", variant="primary", compact=True)
            yield Button("Cancel (esc)", classes="form-cancel", compact=True)

    def action_save(self) -> None:
        try:
            value = self.build()
        except RoadmapError as exc:
            error = self.query_one(".form-error", Static)
            error.update(Content(visible(str(exc))))
            error.remove_class("-empty")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        if self._values() == self._opened_with:
            self.dismiss(None)
            return
        from roadmap.tui.screens.confirm import ask_unsaved

        ask_unsaved(self, self.WHAT, self.action_save)

    @on(Button.Pressed, ".form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, ".form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
