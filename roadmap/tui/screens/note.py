"""Edit one item's note in a modal text area: ctrl+s keeps it; escape closes, asking first
when there is typing that would be lost."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static, TextArea

from roadmap import model
from roadmap.tui.screens.dialog import Dialog


class NoteEditor(Dialog[str | None]):
    """Returns the new text on save, None on cancel."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    #note-dialog {
        width: 90%;
        max-width: 110;
        height: 85%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #note-text { height: 1fr; }
    #note-error { color: $error; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note.save", tooltip="Keep this text"),
        # priority: an indenting TextArea would otherwise take escape to mean "leave the field"
        Binding("escape", "cancel", "Close", id="note.cancel", priority=True,
                tooltip="Close; asks to save, discard or keep editing if you changed it"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.item_title = title
        self.original = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            heading = Text("Note: ", style="bold")
            heading.append(model.visible(self.item_title, keep_newlines=False))
            yield Static(heading, id="note-heading", markup=False)
            yield TextArea(self.original, id="note-text", soft_wrap=True, tab_behavior="indent",
                           show_line_numbers=False)
            yield Static("", id="note-error", markup=False)
            yield Static(Text("Markdown is fine. ctrl+s saves · escape closes (asks first if "
                              "you changed it)", style="dim"), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        try:
            model.clean_note(text)
        except model.TextError as exc:
            self.query_one("#note-error", Static).update(Text(str(exc)))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self.app.screen is not self:  # escape is a priority key: not for a dialog above
            return
        if self.query_one(TextArea).text == self.original:
            self.dismiss(None)
            return
        from roadmap.tui.screens.confirm import ask_unsaved

        ask_unsaved(self, "this note", self.action_save)
