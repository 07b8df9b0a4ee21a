"""A scrollable block of prepared lines drawn with Textual's line API: one widget for what
would otherwise be a dozen (texts, a sparkline, a heatmap).

Each line is a tuple of runs, (text, component class); the class gives the run its theme
colour when drawn ("" is the widget's own). Every node of a screen is restyled each time the
screen is shown, so the Progress screen drawn as one of these, instead of twelve widgets,
comes up in about a third of the time. User text in a run is drawn as it is: never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Run = tuple[str, str]
Line = tuple[Run, ...]

TITLE = "lines--title"
MUTED = "lines--muted"


def text_line(text: str, style: str = "") -> Line:
    """One run of text in one style."""
    return ((text, style),)


def line_width(line: Line) -> int:
    return sum(Segment(text).cell_length for text, _ in line)


class LinesView(ScrollView, can_focus=True):
    """The lines given to `show`, scrolled with the keys and the mouse."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        TITLE, MUTED, "lines--spark", *(f"lines--level-{n}" for n in range(5))}

    DEFAULT_CSS = """
    LinesView {
        height: 1fr;
        padding: 0 1;
    }
    LinesView > .lines--title { text-style: bold; }
    LinesView > .lines--muted { color: $text-muted; }
    LinesView > .lines--spark { color: $success; }
    LinesView > .lines--level-0 { color: $panel-lighten-2; }
    LinesView > .lines--level-1 { color: $success 35%; }
    LinesView > .lines--level-2 { color: $success 60%; }
    LinesView > .lines--level-3 { color: $success 80%; }
    LinesView > .lines--level-4 { color: $success; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Line] = []
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    def show(self, lines: list[Line]) -> None:
        """Draw these lines from now on (the scroll position is kept where it still fits)."""
        self.lines = lines
        self._strips.clear()
        self.virtual_size = Size(max(map(line_width, lines), default=0), len(lines))
        self.refresh()

    @property
    def plain(self) -> str:
        """The lines as text, as a reader sees them (for tests and copying)."""
        return "\n".join("".join(text for text, _ in line).rstrip() for line in self.lines)

    def notify_style_update(self) -> None:
        """A theme or CSS change: the runs' colours are looked up again."""
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = (self.get_component_rich_style(name) if name
                                          else Style())
        return found

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = Strip(
                [Segment(text, base + self._style(name)) for text, name in self.lines[index]])
        return strip.crop_extend(scroll_x, scroll_x + width, base)
