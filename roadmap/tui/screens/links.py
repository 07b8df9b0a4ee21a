"""Your own links on an item: add one (`l`), and pick which link to open (`o`).

The form checks with application/own.py, as `roadmap link add` does, and returns the Link;
the chooser returns a URL. Neither touches state: the app applies and opens.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from roadmap.application import own
from roadmap.model import Link, Roadmap, safe_link, visible
from roadmap.tui.messages import LinkRemoved
from roadmap.tui.screens.checked_form import CheckedForm
from roadmap.tui.screens.dialog import Dialog


class Openable(NamedTuple):
    """A link the `o` key can open: yours or the template's, with what to call it."""

    url: str
    title: str
    yours: bool


def openable(roadmap: Roadmap, links: tuple[Link, ...], ref_kind: str, ref_id: str
             ) -> list[Openable]:
    """Your links on the item, then the template's resources (of the item, or of the step or
    group under the cursor), each once; only links roadmap would make clickable (`safe_link`)."""
    found: dict[str, Openable] = {}
    for link in links:
        url = safe_link(link.url)
        if url is not None:
            found.setdefault(url, Openable(url, link.title, True))
    node = roadmap.group(ref_id) if ref_kind == "group" else roadmap.item(ref_id)
    for resource in node.resources if node is not None else ():
        url = safe_link(resource.url)
        if url is not None:
            found.setdefault(url, Openable(url, resource.name, False))
    return list(found.values())




class LinkForm(CheckedForm[Link | None]):
    """Returns the Link on enter or ctrl+s, None on escape. The item's links are listed
    above the fields; `delete` on one removes it at once (the app applies it; `u` undoes)."""

    WHAT = "this link"

    DEFAULT_CSS = """
    LinkForm #link-list {
        height: auto;
        max-height: 8;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save link", id="link_form.save", priority=True,
                tooltip="Check the link and keep it"),
        Binding("escape", "cancel", "Cancel", id="link_form.cancel",
                tooltip="Leave without changing anything"),
        Binding("delete", "remove_link", "Remove link", id="link_form.remove",
                tooltip="Remove the highlighted link of yours"),
    ]

    def __init__(self, roadmap: Roadmap, item_id: str, links: tuple[Link, ...]) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.item_id = item_id
        self.links = list(links)

    def compose(self) -> ComposeResult:
        item = self.roadmap.item(self.item_id)
        title = visible(item.title if item else self.item_id, keep_newlines=False)
        with Vertical(id="link-dialog", classes="form-box") as dialog:
            dialog.border_title = f"Add a link to {title}"
            dialog.border_subtitle = "enter or ctrl+s saves · escape cancels"
            if self.links:
                yield Label("Your links (shift+tab to the list; delete removes one)",
                            classes="field-label", id="link-list-label")
                yield OptionList(*[Option(_link_label(link)) for link in self.links],
                                 id="link-list")
            yield Label("URL (http, https or mailto)", classes="field-label")
            yield Input(id="link-url", placeholder="https://course.example/chapter-3")
            yield Label("Title", classes="field-label")
            yield Input(id="link-title", placeholder="What it is: the course, the chapter")
            yield from self.error_and_buttons()

    def on_mount(self) -> None:
        self.query_one("#link-url", Input).focus()

    def action_remove_link(self) -> None:
        """Remove the highlighted link (only while the list has focus: delete also edits
        the text fields)."""
        listing = self.query("#link-list")
        if not listing or not listing.first(OptionList).has_focus:
            return
        options = listing.first(OptionList)
        index = options.highlighted
        if index is None or index >= len(self.links):
            return
        link = self.links.pop(index)
        options.remove_option_at_index(index)
        self.post_message(LinkRemoved(self.item_id, link.url))
        if not self.links:
            options.display = False
            self.query_one("#link-list-label").display = False
            self.query_one("#link-url", Input).focus()

    def build(self) -> Link:
        return own.new_link(self.roadmap, self.item_id, self.query_one("#link-url", Input).value,
                            self.query_one("#link-title", Input).value)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter in the URL moves to the title; enter in the title saves."""
        event.stop()
        if event.input.id == "link-url":
            self.query_one("#link-title", Input).focus()
        else:
            self.action_save()


def _link_label(link: Link) -> Content:
    url = visible(link.url, keep_newlines=False)
    title = visible(link.title, keep_newlines=False)
    return Content(f"{title} · {url}" if title else url)


class LinkChooser(Dialog[str | None]):
    """Which link to open: enter or its number picks one, escape opens none."""

    DEFAULT_CSS = """
    LinkChooser {
        align: center middle;
    }
    LinkChooser > Vertical {
        width: 90;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    LinkChooser OptionList {
        height: auto;
        max-height: 20;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="link_chooser.cancel",
                tooltip="Open nothing"),
    ]

    def __init__(self, title: str, links: list[Openable]) -> None:
        super().__init__()
        self.heading = title
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-dialog") as dialog:
            dialog.border_title = f"Open a link: {visible(self.heading, keep_newlines=False)}"
            dialog.border_subtitle = "enter or 1-9 opens · escape cancels"
            yield OptionList(*[Option(self._label(n, link), id=str(n))
                               for n, link in enumerate(self.links)], id="chooser-list")

    @staticmethod
    def _label(n: int, link: Openable) -> Content:
        number = f"{n + 1}. " if n < 9 else "   "
        whose = "yours" if link.yours else "template"
        name = visible(link.title, keep_newlines=False)
        url = visible(link.url, keep_newlines=False)
        text = f"{number}{name} · {url}" if name else f"{number}{url}"
        return Content(f"{text}  ({whose})")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: Key) -> None:
        if event.character is not None and event.character in "123456789":
            n = int(event.character) - 1
            if n < len(self.links):
                event.stop()
                self.dismiss(self.links[n].url)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[int(event.option.id or "0")].url)

    def action_cancel(self) -> None:
        self.dismiss(None)
