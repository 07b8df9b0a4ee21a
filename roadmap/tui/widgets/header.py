"""The top line: roadmap title and overall progress, always in view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from roadmap import model


class ProgressHeader(Horizontal):
    """Title on the left, a progress bar and done/total · % on the right."""

    def compose(self) -> ComposeResult:
        yield Static(id="header-title", markup=False)
        yield ProgressBar(id="header-bar", show_eta=False, show_percentage=False)
        yield Static(id="header-count", markup=False)

    def show(self, title: str, progress: model.Progress) -> None:
        self.query_one("#header-title", Static).update(
            Text(model.visible(title, keep_newlines=False), style="bold"))
        self.query_one("#header-bar", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done)
        count = f"{progress.done}/{progress.total} · {progress.percent}%"
        if progress.skipped:
            count += f" · {progress.skipped} skipped"
        self.query_one("#header-count", Static).update(Text(count))
