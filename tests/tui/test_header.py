"""The header line at every width: the count always shows; the bar and title give way."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from roadmap import model
from roadmap.tui.widgets.header import ProgressHeader

PROGRESS = model.Progress(done=12, in_progress=3, skipped=2, todo=145)  # 12/160 · 7%


class HeaderOnly(App[None]):
    CSS = "ProgressHeader { height: 1; }"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield ProgressHeader()

    def on_mount(self) -> None:
        self.query_one(ProgressHeader).show(self.title_text, PROGRESS)


COUNT = "12/160 · 7% · 2 skipped"
BAR = "█" + "░" * 23 + "  "  # 12 of 160 in 24 cells rounds down to one


@pytest.mark.parametrize(("width", "line"), [
    (100, "Machine learning engineer" + " " * 26 + BAR + COUNT),
    (70, "Machine learning en…" + " " + BAR + COUNT),  # the title keeps 20 columns
    (69, "Machine learning engineer" + " " * 21 + COUNT),  # it would not: no bar
    (59, "Machine learning engineer" + " " * 11 + COUNT),
    (34, "Machine l… " + COUNT),
    (20, (" " + COUNT)[:20]),  # too narrow for both: the count wins
])
async def test_header_line(width: int, line: str) -> None:
    app = HeaderOnly("Machine learning engineer")
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        assert app.query_one(ProgressHeader).render().plain[:width] == line


async def test_header_title_is_text_not_markup() -> None:
    app = HeaderOnly("[bold]x[/] \x1b[2J")
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        assert app.query_one(ProgressHeader).render().plain.startswith("[bold]x[/] ␛[2J")
