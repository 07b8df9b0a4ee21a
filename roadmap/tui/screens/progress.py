"""The Progress screen (`T`): pace per week, a year's heatmap, streaks, forecasts, the target.

The same figures as `roadmap pace` (roadmap.insights.pace). The target is set (`t`) and
cleared (`c`) from here; the app writes it to config.toml and calls `state_changed` back.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from roadmap.insights import pace
from roadmap.model import visible
from roadmap.tui.messages import TargetRequested
from roadmap.tui.screens.dialog import Dialog
from roadmap.tui.screens.state_screen import StateScreen
from roadmap.tui.widgets.heatmap import heatmap_lines, spark_line
from roadmap.tui.widgets.lines_view import TITLE, Line, LinesView, text_line

KEYS = "t target date · c clear it · escape back"
"""The screen's keys in one line: a key bar rebuilds ~40 widgets on every visit."""

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp

TABLE_WEEKS = 12
"""Weeks the per-week numbers show (the sparkline shows all of `pace.SPARK_WEEKS`)."""


def week_table(weeks: tuple[tuple[date, int], ...], width: int = 80) -> str:
    """Two aligned lines: each week's Monday and the items done that week, as many of the
    newest weeks as fit `width` columns (up to 12), so nothing wraps."""
    shown = weeks[-max(1, min(TABLE_WEEKS, (width - 8) // 6)):]
    heads = [d.strftime("%m-%d") for d, _ in shown]
    return ("week of " + " ".join(f"{h:>5}" for h in heads) + "\n"
            + "done    " + " ".join(f"{n:>5}" for _, n in shown))


def summary_lines(found: pace.Pace) -> str:
    return (f"{pace.per_week_text(found)}\n{pace.streak_text(found)}  ·  "
            f"{pace.plural(found.remaining, 'item')} open")


def forecast_lines(found: pace.Pace, title: str) -> str:
    line = f"Forecast for the whole roadmap: {pace.forecast_text(found.forecast)}"
    basis = pace.basis_text(found)
    if basis:
        line += f"\n  {basis}; the conservative date allows for how much your weeks vary"
    if found.estimate is not None:
        line += "\n" + pace.sentence(pace.reference(found.estimate, f"“{title}”"))
    return line


STEP_COLUMNS = 46
"""What the steps table needs besides the step names: the other columns and their gaps."""


def steps_table(found: pace.Pace, width: int = 48) -> str:
    """The steps as aligned columns: open milestones, likely and conservative dates, and
    the articles' figure (a text table: a DataTable costs ~10x as much to mount)."""
    if not found.steps:
        return ""
    names = [visible(s.title, keep_newlines=False) for s in found.steps]
    wide = min(width, max(4, *map(cell_len, names)))  # cells: a CJK title is twice as wide
    lines = [f"{'Step':<{wide}}  {'Open':>4}  {'Likely':<10}  {'Conservative':<12}  "
             "Articles say"]
    for title, step in zip(names, found.steps, strict=True):
        name = (set_cell_size(title, wide) if cell_len(title) <= wide
                else set_cell_size(title, wide - 1) + "…")
        fc = step.forecast
        likely = fc.p50.isoformat() if fc.p50 else ("done" if not step.remaining else "-")
        late = fc.p80.isoformat() if fc.p80 else ("" if not step.remaining else "-")
        articles = pace.weeks_text(step.estimate) if step.estimate else ""
        lines.append(f"{name}  {step.remaining:>4}  {likely:<10}  {late:<12}  "
                     f"{articles}".rstrip())
    return "\n".join(lines)


def target_line(found: pace.Pace) -> str:
    if found.target is None:
        return "No target date (optional): t sets one"
    return pace.sentence(pace.target_text(found.target, found.today)) + "  ·  t changes, c clears"


def wrapped(text: str, width: int, style: str = "") -> list[Line]:
    """Prose lines folded at word boundaries to `width` cells, each keeping its indent
    (tables are not folded: they narrow their first column, then scroll sideways)."""
    out: list[Line] = []
    for line in text.splitlines():
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body))
        parts = Content(body).wrap(max(20, width - len(indent))) or [Content("")]
        out += [text_line(indent + part.plain, style) for part in parts]
    return out


def body_lines(found: pace.Pace, title: str, width: int) -> list[Line]:
    """Everything under the heading, top to bottom, for a body `width` cells wide."""
    lines = wrapped(summary_lines(found), width)
    lines += wrapped(target_line(found), width)
    lines += [(), text_line(f"Items done per week, last {pace.SPARK_WEEKS} weeks", TITLE),
              spark_line([n for _, n in found.weeks], width)]
    lines += [text_line(row) for row in week_table(found.weeks, width + 2).splitlines()]
    lines += [(), text_line("Items done per day, last 365 days", TITLE)]
    lines += heatmap_lines(found.days, width)
    forecast = forecast_lines(found, title).splitlines()
    lines += [(), *wrapped(forecast[0], width, TITLE)]
    for line in forecast[1:]:
        lines += wrapped(line, width)
    table = steps_table(found, max(12, width - STEP_COLUMNS))
    if table:
        lines += [(), *(text_line(row) for row in table.splitlines())]
    return lines


class TargetDialog(Dialog[date | None]):
    """Asks for a target date; returns it, or None when cancelled."""

    DEFAULT_CSS = """
    TargetDialog {
        align: center middle;
    }
    TargetDialog > Vertical {
        width: 56;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    TargetDialog #target-error {
        color: $text-error;
        height: auto;
    }
    TargetDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    TargetDialog Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="target.cancel", tooltip="Leave it as it was"),
    ]

    def __init__(self, today: date, current: date | None) -> None:
        super().__init__()
        self.today = today
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Finish the roadmap by (YYYY-MM-DD):")
            yield Input(self.current.isoformat() if self.current else "",
                        placeholder="2027-06-01", id="target-date")
            yield Static("", id="target-error", markup=False)
            with Horizontal():
                yield Button("Set", variant="primary", id="target-set")
                yield Button("Cancel", id="target-cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#target-set")
    def _submit(self) -> None:
        text = self.query_one(Input).value.strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self._error(f"“{visible(text, keep_newlines=False)}” is not a date like 2027-06-01")
            return
        if day <= self.today:
            self._error(f"Pick a date after today ({self.today.isoformat()})")
            return
        self.dismiss(day)

    def _error(self, text: str) -> None:
        self.query_one("#target-error", Static).update(Content(text))

    @on(Button.Pressed, "#target-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ProgressScreen(StateScreen):
    """Figures over the history; recomputed when the state or the target changes."""

    DEFAULT_CSS = """
    ProgressScreen {
        layout: vertical;
    }
    ProgressScreen .time-keys {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    ProgressScreen #progress-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "set_target", "Target", id="progress.target",
                tooltip="Set a date to finish by (optional)"),
        Binding("c", "clear_target", "Clear target", id="progress.clear-target",
                tooltip="Remove the target date"),
        Binding("escape,q,T", "back", "Back", id="progress.back", tooltip="Back to the roadmap"),
    ]

    app: RoadmapApp

    def __init__(self) -> None:
        super().__init__()
        self.found: pace.Pace | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="progress-heading", markup=False)
        yield LinesView(id="progress-body")
        yield Static(Content(KEYS), classes="time-keys", markup=False)

    def on_mount(self) -> None:
        """The first visit; the app refreshes the view before every later one (installed,
        not rebuilt: the second T only recomputes), so each shows the state as it is now."""
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.query_one(LinesView).focus()

    def refresh_view(self) -> None:
        session = self.app.session
        roadmap = session.roadmap
        title = visible(roadmap.title, keep_newlines=False)
        self.query_one("#progress-heading", Static).update(Content(f"Progress · {title}"))
        target = self.app.pace.target(roadmap.id)
        self.found = pace.measure(roadmap, session.state, self.app.clock(), target)
        self._draw()

    def _draw(self) -> None:
        """The body for the figures measured and the width there is now."""
        if self.found is not None:
            title = visible(self.app.session.roadmap.title, keep_newlines=False)
            self.query_one(LinesView).show(body_lines(self.found, title,
                                                      self.app.size.width - 4))

    def state_changed(self, items: set[str], projects: bool) -> None:
        if items:
            self.refresh_view()

    def on_resize(self) -> None:
        self._draw()  # only the layout depends on the width: the figures stand

    def action_set_target(self) -> None:
        def chosen(day: date | None) -> None:
            if day is not None:
                self.post_message(TargetRequested(day))

        current = self.found.target.date if self.found and self.found.target else None
        today = self.found.today if self.found else self.app.clock().astimezone().date()
        self.app.push_screen(TargetDialog(today, current), chosen)

    def action_clear_target(self) -> None:
        if self.found is None or self.found.target is None:
            self.notify("No target date to clear.", timeout=3)
            return
        self.post_message(TargetRequested(None))

    def action_back(self) -> None:
        self.dismiss(None)
