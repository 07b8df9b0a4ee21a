"""The top line: roadmap title and overall progress, always in view.

One widget drawing one line of Text: a Horizontal of Statics and a ProgressBar was six widgets
to style, lay out and mount before the first frame (~5 ms of start-up) for the same line.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from roadmap import model

BAR_WIDTH = 24
BAR_FROM = 60
"""Narrower than this (in columns), the bar is left out so the title keeps its room."""
MIN_TITLE = 20
"""Nor is the bar shown when it would leave the title fewer columns than this."""


class ProgressHeader(Widget):
    """Title on the left; a bar and `done/total · %` on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"header--bar", "header--count", "header--target"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = ""
        self._progress = model.Progress()
        self._target = ""

    def show_target(self, text: str) -> None:
        """A short line about the target date ('' when none is set): shown before the count
        while there is room for it and the title."""
        text = model.visible(text, keep_newlines=False)
        if text != self._target:  # asked after every change: most change nothing here
            self._target = text
            self.refresh()

    def show(self, title: str, progress: model.Progress) -> None:
        title = model.visible(title, keep_newlines=False)
        if (title, progress) != (self._title, self._progress):
            self._title = title
            self._progress = progress
            self.refresh()

    @property
    def count(self) -> str:
        progress = self._progress
        count = f"{progress.done}/{progress.total} · {progress.percent}%"
        if progress.skipped:
            count += f" · {progress.skipped} skipped"
        return count

    def render(self) -> Text:
        width = self.content_size.width
        right = Text(self.count, style=self.get_component_rich_style("header--count"))
        if self._target and width - right.cell_len - len(self._target) - 3 >= MIN_TITLE:
            right = Text.assemble(
                (self._target, self.get_component_rich_style("header--target")), "  ", right)
        bar_fits = width - right.cell_len - (BAR_WIDTH + 2) - 1 >= MIN_TITLE
        if width >= BAR_FROM and bar_fits:
            bar = Text(model.bar(self._progress, BAR_WIDTH) + "  ",
                       style=self.get_component_rich_style("header--bar"))
            right = bar + right
        room = width - right.cell_len - 1
        title = Text(self._title if room > 0 else "", style="bold", no_wrap=True)
        if title.cell_len > room:
            title.truncate(max(room, 1), overflow="ellipsis")
        return Text.assemble(title, " " * max(1, width - title.cell_len - right.cell_len),
                             right, no_wrap=True)
