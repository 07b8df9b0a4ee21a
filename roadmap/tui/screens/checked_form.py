"""A small form whose fields one application check turns into a value, or into one line
saying why not, shown under the fields: the own-item form and the link form.

A FormDialog (its box, labels, error line, buttons and escape question), sized to its
fields. `build()` makes the value (or raises RoadmapError); Save and ctrl+s keep it; escape
and Cancel leave everything as it was, asking first when a field was changed. The form never
touches state: it returns the value.
"""

from __future__ import annotations

from textual.widgets import Input

from roadmap.errors import RoadmapError
from roadmap.tui.screens.dialog import ResultT
from roadmap.tui.screens.form import FormDialog


class CheckedForm(FormDialog[ResultT]):
    """Subclasses compose the fields in a `.form-box`, then `error_and_buttons()`."""

    DEFAULT_CSS = """
    CheckedForm > .form-box {
        width: 90;
        height: auto;
        max-height: 100%;
    }
    """

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

    def unchanged(self) -> bool:
        return self._values() == self._opened_with

    def build(self) -> ResultT:
        """The value the fields describe, or RoadmapError with the reason in one line."""
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            value = self.build()
        except RoadmapError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(value)
