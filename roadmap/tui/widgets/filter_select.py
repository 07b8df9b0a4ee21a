"""A searchable multi-select: an Input that filters a SelectionList, keeping picks across filters.

A roadmap has a hundred skills; scrolling a checklist that long to find "PyTorch" is slow, so
the user types to narrow the list and ticks with space. Selections live in this widget, not in
the SelectionList, because the list is rebuilt on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.selection_list import Selection

from roadmap.model import visible


@dataclass(frozen=True, slots=True)
class Choice:
    """One pickable value, shown as `group › title`; every field is searched."""

    value: str
    title: str
    group: str = ""

    def matches(self, words: Sequence[str]) -> bool:
        """True when every word appears in the value, the title or the group."""
        haystack = f"{self.value} {self.title} {self.group}".casefold()
        return all(word in haystack for word in words)

    def label(self) -> Content:
        """The prompt as Content, so template or user text is never parsed as markup."""
        title = visible(self.title, keep_newlines=False)
        if not self.group:
            return Content(title)
        group = visible(self.group, keep_newlines=False)
        return Content.assemble((f"{group} › ", "dim"), title)


class FilterList(SelectionList[str]):
    """The list part; `up` on the first row goes back to the filter box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "up_or_filter", "Up", show=False,
                tooltip="Previous choice; from the first, back to the filter"),
    ]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Drop a highlight that names a row the filter has since replaced.

        Typing faster than the app drains its queue (a paste does) rebuilds the list between
        the highlight and its handling; SelectionList would look the stale row up and fail.
        """
        index = event.option_index
        if index >= self.option_count or self.options[index] is not event.option:
            event.stop()
            event.prevent_default()  # SelectionList's own handler is the one that would fail

    def action_up_or_filter(self) -> None:
        if self.highlighted in (None, 0) and isinstance(self.parent, FilterableSelection):
            self.parent.query_one(Input).focus()
        else:
            self.action_cursor_up()


class FilterableSelection(Vertical):
    """Type to filter, down/enter to reach the list, space to tick; picks survive filtering."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_list", "To the list", show=False, tooltip="Pick from the list"),
        Binding("escape", "clear_filter", "Clear filter", show=False,
                tooltip="Show every choice again"),
    ]

    DEFAULT_CSS = """
    FilterableSelection {
        height: auto;
    }
    FilterableSelection > Input {
        margin: 0;
    }
    FilterableSelection > FilterList {
        height: 8;
        border: round $panel;
    }
    FilterableSelection > FilterList:focus {
        border: round $primary;
    }
    FilterableSelection > .filter-summary {
        color: $text-muted;
        height: auto;
        max-height: 3;
    }
    """

    def __init__(
        self,
        choices: Iterable[Choice],
        selected: Iterable[str] = (),
        *,
        placeholder: str = "type to filter",
        list_height: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.choices: tuple[Choice, ...] = tuple(choices)
        known = {choice.value for choice in self.choices}
        self._picked: set[str] = {value for value in selected if value in known}
        self._placeholder = placeholder
        self._list_height = list_height
        self._shown: tuple[Choice, ...] = ()

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, classes="filter-input", select_on_focus=False)
        selection_list = FilterList()
        if self._list_height is not None:
            selection_list.styles.height = self._list_height
        yield selection_list
        yield Static("", classes="filter-summary", markup=False)

    def on_mount(self) -> None:
        self._rebuild("")

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def selection_list(self) -> FilterList:
        return self.query_one(FilterList)

    @property
    def selected(self) -> list[str]:
        """Picked values in the order of the choices, whatever the filter shows."""
        self._sync()
        return [choice.value for choice in self.choices if choice.value in self._picked]

    def focus_filter(self) -> None:
        self.filter_input.focus()

    def _sync(self) -> None:
        """Fold the ticks of the rows on show into the picks, before the rows are replaced."""
        if not self.is_mounted:
            return
        ticked = set(self.selection_list.selected)
        for choice in self._shown:
            if choice.value in ticked:
                self._picked.add(choice.value)
            else:
                self._picked.discard(choice.value)

    def _rebuild(self, text: str) -> None:
        self._sync()
        words = text.casefold().split()
        self._shown = tuple(c for c in self.choices if c.matches(words))
        selection_list = self.selection_list
        selection_list.clear_options()
        selection_list.add_options(
            Selection(c.label(), c.value, c.value in self._picked) for c in self._shown
        )
        if self._shown:
            selection_list.highlighted = 0
        self._show_summary()

    def _show_summary(self) -> None:
        titles = [visible(c.title, keep_newlines=False) for c in self.choices
                  if c.value in self._picked]
        if titles:
            summary = f"{len(titles)} picked: " + ", ".join(titles)
        elif self._shown:
            summary = "none picked — space ticks the highlighted row"
        else:
            summary = "nothing matches the filter"
        self.query_one(".filter-summary", Static).update(Content(summary))

    @on(Input.Changed, ".filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild(event.value)

    @on(Input.Submitted, ".filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.selection_list.focus()

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self._sync()
        self._show_summary()

    def on_key(self, event: Key) -> None:
        """Typing while the list has focus goes on filtering: no hunting for the box."""
        char = event.character
        if self.selection_list.has_focus and event.is_printable and char and char != " ":
            event.stop()
            event.prevent_default()
            self.filter_input.focus()
            self.filter_input.insert_text_at_cursor(char)

    def action_clear_filter(self) -> None:
        """Escape clears a filter first; with none, it goes on to the screen (cancel)."""
        if not self.filter_input.value:
            raise SkipAction()
        self.filter_input.value = ""
        self.filter_input.focus()

    def action_to_list(self) -> None:
        """`down` in the filter box moves to the list, as in a search field with results."""
        self.selection_list.focus()
