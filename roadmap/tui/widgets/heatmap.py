"""A year of items done per day, drawn like GitHub's contribution graph, and a weekly
sparkline: as lines of styled runs for the Progress screen's body (widgets/lines_view.py).

Columns are weeks (Monday on top, as the per-week counts and streaks count them), rows are
weekdays, the newest week on the right; five shades from "nothing" to the busiest day. Cells
are two cells wide ("■ ") when the year fits that way, else one, so it fits 80 columns.
Pure functions of the days: the widget gives each run its theme colour when it draws.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from roadmap.tui.widgets.lines_view import MUTED, Line, Run

LEVELS = 5
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
LABEL_WIDTH = 4
CELL = "■"
BARS = "▁▂▃▄▅▆▇█"
SPARK = "lines--spark"


def level_class(n: int) -> str:
    """The component class of one shade (lines_view.LinesView styles them)."""
    return f"lines--level-{n}"


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


def heatmap_lines(days: tuple[tuple[date, int], ...], width: int) -> list[Line]:
    """Month names, seven weekday rows and the legend, fitted to `width` columns (a narrow
    screen keeps the newest weeks). Runs of one shade are joined: fewer segments to draw."""
    rows = grid(days)
    weeks = len(rows[0])
    room = max(0, width - LABEL_WIDTH)
    cell_width = 2 if weeks * 2 <= room else 1
    shown = min(weeks, room // cell_width)
    start = weeks - shown
    busiest = max((n for _, n in days), default=0)
    lines: list[Line] = [((_months(rows, start, shown, cell_width), MUTED),)]
    for weekday, row in enumerate(rows):
        runs: list[Run] = [(DAY_LABELS[weekday].ljust(LABEL_WIDTH), MUTED)]
        for cell in row[start:]:
            _add(runs, *((" " * cell_width, "") if cell is None else
                         (CELL + " " * (cell_width - 1), level_class(level(cell[1], busiest)))))
        lines.append(tuple(runs))
    legend: list[Run] = [(" " * LABEL_WIDTH + "less ", MUTED)]
    legend += [(CELL + " ", level_class(n)) for n in range(LEVELS)]
    legend.append(("more", MUTED))
    lines.append(tuple(legend))
    return lines


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


def spark_line(values: list[int], width: int) -> Line:
    """One bar per week, its height by the share of the busiest week; a week with nothing
    done is a muted floor, so the weeks stay countable. The newest weeks when narrow."""
    shown = values[-max(1, width):] if values else []
    busiest = max(shown, default=0)
    runs: list[Run] = []
    for n in shown:
        _add(runs, *(("▁", MUTED) if n <= 0 or busiest <= 0 else
                     (BARS[max(1, math.ceil(n * (len(BARS) - 1) / busiest))], SPARK)))
    return tuple(runs)


def _add(runs: list[Run], text: str, style: str) -> None:
    """Text onto the last run when it has the same style: fewer segments to draw."""
    if runs and runs[-1][1] == style:
        runs[-1] = (runs[-1][0] + text, style)
    else:
        runs.append((text, style))
