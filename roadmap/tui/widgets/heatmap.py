"""A year of items done per day, drawn like GitHub's contribution graph in theme colours.

Columns are weeks (Monday on top, as the per-week counts and streaks count them), rows are
weekdays, the newest week on the right; five shades from "nothing" to the busiest day. Cells
are two cells wide ("■ ") when the year fits that way, else one, so it fits 80 columns.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

LEVELS = 5
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
LABEL_WIDTH = 4
CELL = "■"


def level(done: int, busiest: int) -> int:
    """0 for no items, else 1-4 by the share of the busiest day (any work shows)."""
    if done <= 0 or busiest <= 0:
        return 0
    return max(1, min(LEVELS - 1, math.ceil(done * (LEVELS - 1) / busiest)))


def grid(days: tuple[tuple[date, int], ...]) -> list[list[tuple[date, int] | None]]:
    """Rows Monday..Sunday of week columns, oldest first; None where the year has no day
    (before the first day shown, after today)."""
    if not days:
        return [[] for _ in range(7)]
    first = days[0][0] - timedelta(days=days[0][0].weekday())
    weeks = (days[-1][0] - first).days // 7 + 1
    rows: list[list[tuple[date, int] | None]] = [[None] * weeks for _ in range(7)]
    for day, done in days:
        offset = (day - first).days
        rows[offset % 7][offset // 7] = (day, done)
    return rows


class Heatmap(Widget):
    """The last 365 days; `show` gives it the days (oldest first, as `pace.measure` has)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--label", *(f"heatmap--level-{n}" for n in range(LEVELS))}

    DEFAULT_CSS = """
    Heatmap {
        height: 9;
        width: 1fr;
    }
    Heatmap > .heatmap--label { color: $text-muted; }
    Heatmap > .heatmap--level-0 { color: $panel-lighten-2; }
    Heatmap > .heatmap--level-1 { color: $success 35%; }
    Heatmap > .heatmap--level-2 { color: $success 60%; }
    Heatmap > .heatmap--level-3 { color: $success 80%; }
    Heatmap > .heatmap--level-4 { color: $success; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: tuple[tuple[date, int], ...] = ()

    def show(self, days: tuple[tuple[date, int], ...]) -> None:
        self.days = days
        self.refresh()

    def render(self) -> Text:
        rows = grid(self.days)
        weeks = len(rows[0])
        room = max(0, self.content_size.width - LABEL_WIDTH)
        wide = weeks * 2 <= room
        cell_width = 2 if wide else 1
        shown = min(weeks, room // cell_width)  # a narrow screen keeps the newest weeks
        start = weeks - shown
        busiest = max((n for _, n in self.days), default=0)
        styles = [self.get_component_rich_style(f"heatmap--level-{n}") for n in range(LEVELS)]
        label_style = self.get_component_rich_style("heatmap--label")
        out = Text(no_wrap=True, overflow="crop")
        out.append(self._months(rows, start, shown, cell_width), style=label_style)
        for weekday, row in enumerate(rows):
            out.append("\n" + DAY_LABELS[weekday].ljust(LABEL_WIDTH), style=label_style)
            for cell in row[start:]:
                if cell is None:
                    out.append(" " * cell_width)
                else:
                    out.append(CELL + " " * (cell_width - 1),
                               style=styles[level(cell[1], busiest)])
        out.append("\n" + " " * LABEL_WIDTH + "less ", style=label_style)
        for style in styles:
            out.append(CELL + " ", style=style)
        out.append("more", style=label_style)
        return out

    @staticmethod
    def _months(rows: list[list[tuple[date, int] | None]], start: int, shown: int,
                cell_width: int) -> str:
        """Month names over the week where each month begins, GitHub-style."""
        line = [" "] * (LABEL_WIDTH + shown * cell_width + 4)
        previous = None
        for column in range(start, start + shown):
            first = next((c for c in (r[column] for r in rows) if c is not None), None)
            if first is None or first[0].month == previous:
                continue
            previous = first[0].month
            at = LABEL_WIDTH + (column - start) * cell_width
            name = first[0].strftime("%b")
            if column == start or all(ch == " " for ch in line[at - 1:at + len(name)]):
                line[at:at + len(name)] = name
        return "".join(line).rstrip()

