"""The Next view (N), the Progress screen (T), the target from there, the header's target line
and the start-up notice, driven by keys on the real roadmap with a frozen clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from rich.cells import cell_len
from textual.widgets import Input, OptionList

from roadmap.insights.next import Next, Started, Upcoming
from roadmap.model import RoadmapState, Status, mark
from roadmap.paths import Paths
from roadmap.tui import time_views
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.screens.next import NextScreen, options, pick_up_text
from roadmap.tui.screens.progress import ProgressScreen, TargetDialog, steps_table, week_table
from roadmap.tui.widgets.header import ProgressHeader
from roadmap.tui.widgets.heatmap import grid, heatmap_lines, level, spark_line
from roadmap.tui.widgets.lines_view import LinesView, line_width
from tests.tui.conftest import NOW, SIZE, AppFactory, tree
from tests.tui.screen_host import screen_text

TODAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def utc(zone: Callable[[str], None]) -> None:
    """Local dates are the user's: pin the zone so these answers hold on any machine."""
    zone("UTC")


def started(state: RoadmapState) -> None:
    """Two items in progress (one for 20 days: stale), three weeks of two ticks a week."""
    mark(state, "check-math-level", Status.IN_PROGRESS, NOW - timedelta(days=20))
    mark(state, "python", Status.IN_PROGRESS, NOW - timedelta(days=2))
    done = ["take-prep-course-if-new", "sql", "git", "statistics", "pandas", "numpy"]
    for week, pair in enumerate((done[0:2], done[2:4], done[4:6])):
        for item in pair:
            mark(state, item, Status.DONE, NOW - timedelta(days=7 * week + 1))


def notices(app: RoadmapApp) -> list[str]:
    return [n.message for n in app._notifications]


def header_text(app: RoadmapApp) -> str:
    return app.screen.query_one(ProgressHeader).render().plain


async def test_next_lists_work_in_progress_and_what_comes_next(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N")
        assert isinstance(app.screen, NextScreen)
        text = screen_text(app)
        lines = [line.strip() for line in text.splitlines()]
        assert lines[1] == "In progress, longest-waiting first"
        assert "Check your math is at least high-school level  for 20 days  stale: no change " \
               "in 14+ days" in lines[2]
        assert lines[3].startswith("Python  for 2 days")
        assert lines[5] == "Next, in the roadmap's order"
        assert lines[6] == "Start with a course"
        assert lines[7] == "Choose an online ML fundamentals course"


async def test_enter_in_next_goes_to_the_item_on_the_main_screen(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N", "down", "enter")  # the second item in progress: Python
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        selected = tree(app).selected
        assert selected is not None and selected.id == "python"


async def test_next_follows_an_undo_made_while_it_is_open(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N")
        app.perform(lambda s: s.mark(["choose-ml-fundamentals-course"], Status.IN_PROGRESS))
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert "item:choose-ml-fundamentals-course" in [o.id for o in listing.options[:5]]
        await pilot.press("u")
        await pilot.pause()
        assert "item:choose-ml-fundamentals-course" not in [o.id for o in listing.options[:5]]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_progress_shows_pace_streaks_forecast_and_steps(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("T")
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert "Done: 2 a week over the last 4 weeks, 2 a week over the last 12" in text
        assert "Streak: 3 weeks (longest 3 weeks), 1 day (longest 1 day)" in text
        assert "No target date (optional): t sets one" in text
        assert "week of 08-31" in text and "done        0" in text
        # 162 open at a steady 2 a week: 81 weeks, with no spread to push p80 out
        assert ("Forecast for the whole roadmap: likely by 2028-06-10, conservatively by "
                "2028-06-10") in text
        assert "The articles put “Machine learning engineer” at about 26-32 weeks" in text
        assert ("Step                                              Open  Likely      "
                "Conservative  Articles say") in text
        assert ("Start with a course                                  3  2027-01-23  "
                "2027-02-23    4-6 weeks") in text
        found = app.screen.found
        assert found is not None
        assert sum(n for _, n in found.days) == 6 and found.days[-1][0] == TODAY
        body = app.screen.query_one(LinesView).plain.splitlines()
        assert body[body.index("Items done per day, last 365 days") + 9] == (
            "    less ■ ■ ■ ■ ■ more")


async def test_progress_fits_80_columns_without_sideways_scrolling(
        make_app: AppFactory) -> None:
    """At 80 columns prose folds (keeping its indent), the steps table narrows its names and
    the heatmap takes one-cell weeks: no line is wider than the body."""
    app = make_app(started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        view = app.screen.query_one(LinesView)
        assert max(map(line_width, view.lines)) <= 76
        body = view.plain.splitlines()
        basis = next(n for n, line in enumerate(body) if line.startswith("  at 2 a week"))
        assert body[basis + 1].startswith("  ") and body[basis + 1].strip()
        assert body[-1] == ("Do an online course or bootca…     5  2029-03-10  2029-06-15    "
                            "26 weeks")  # 30 columns of name: 76 less the other columns


async def test_target_is_set_from_progress_and_shown_in_the_header(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T", "t")
        assert isinstance(app.screen, TargetDialog)
        await pilot.press("ctrl+a", *"2026-11-20", "enter")  # not after today: refused
        assert isinstance(app.screen, TargetDialog)
        assert "Pick a date after today (2026-11-21)" in screen_text(app)
        app.screen.query_one(Input).value = "2027-06-01"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert paths.config.read_text() == "[targets]\nml-engineer = 2027-06-01\n"
        assert "Target 2027-06-01: 54 weeks behind (needs 5.9 a week, you do 2 a week)" in (
            screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "target 2027-06-01: 54 weeks behind" in header_text(app)
        await pilot.press("T", "c")
        await pilot.pause()
        assert paths.config.read_text() == "[targets]\n"
        assert "No target date (optional)" in screen_text(app)
        await pilot.press("escape")
        assert "target" not in header_text(app)
        await pilot.press("T")  # the screen is kept between visits, and shows what is now
        assert "No target date (optional)" in screen_text(app)


async def test_a_target_in_config_shows_in_the_header_from_the_start(
        make_app: AppFactory, paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text("[targets]\nml-engineer = 2026-12-01\n")
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "target 2026-12-01:" in header_text(app)
        assert "weeks behind" in header_text(app)


async def test_a_broken_pace_table_is_one_notice_and_the_defaults(
        make_app: AppFactory, paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text("[pace]\nstale_days = 0\n")
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N")
        assert "stale: no change in 14+ days" in screen_text(app)
        assert notices(app) == [f"{paths.config}: pace.stale_days: must be a whole number of "
                                "days from 1 to 3650; no target, stale after 14 days"]


async def test_start_up_notice_names_what_is_in_progress(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        time_views.greet(app)
        await pilot.pause()
        assert notices(app) == [
            "In progress: Check your math is at least high-school level (20d, stale); Python "
            "(2d). N shows what is next."]
        assert isinstance(app.screen, MainScreen) and app.focused is tree(app)
    quiet = make_app()
    async with quiet.run_test(size=SIZE) as pilot:
        time_views.greet(quiet)
        await pilot.pause()
        assert notices(quiet) == []


async def test_n_and_t_open_from_the_main_screen_only(make_app: AppFactory) -> None:
    app = make_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N", "T")
        assert isinstance(app.screen, NextScreen)
        assert len(app.screen_stack) == 2


def test_user_text_in_titles_is_never_markup_nor_terminal_codes() -> None:
    hostile = "[bold]Py[/bold] $accent \x1b[31mred"
    found = Next((Started("x", hostile, None, None, True),),
                 (Upcoming("y", hostile, "s", ("k",)),), None)
    rows = options(found, {"s": "[i]Step[/i]"}, {"k": "[u]skill[/u]"}, 14)
    texts = [str(row.prompt) for row in rows if row.id is not None]
    assert texts[0].startswith("  [bold]Py[/bold] $accent ␛[31mred  since an unknown time")
    assert texts[1] == "    [bold]Py[/bold] $accent ␛[31mred\n      skills: [u]skill[/u]"
    assert "  [i]Step[/i]" in [str(row.prompt) for row in rows]
    assert pick_up_text(found, 14) == (
        "In progress: [bold]Py[/bold] $accent ␛[31mred (?, stale). N shows what is next.")


def test_heatmap_grid_and_levels() -> None:
    days = tuple((date(2026, 11, 18) + timedelta(days=d), d) for d in range(4))  # Wed..Sat
    rows = grid(days)
    assert [len(r) for r in rows] == [1] * 7
    assert [r[0] for r in rows] == [None, None, (date(2026, 11, 18), 0),
                                    (date(2026, 11, 19), 1), (date(2026, 11, 20), 2),
                                    (date(2026, 11, 21), 3), None]
    assert [level(n, 8) for n in (0, 1, 2, 3, 5, 8)] == [0, 1, 1, 2, 3, 4]


def test_heatmap_lines_are_months_weekdays_and_a_legend_in_shades() -> None:
    """Two weeks ending on a Wednesday: cells two wide, runs of one shade joined."""
    days = tuple((date(2026, 11, 9) + timedelta(days=d), d % 3) for d in range(10))
    lines = heatmap_lines(days, 40)
    assert lines[0] == (("    Nov", "lines--muted"),)
    assert lines[1] == (("Mon ", "lines--muted"), ("■ ", "lines--level-0"),
                        ("■ ", "lines--level-2"))
    assert lines[3] == (("Wed ", "lines--muted"), ("■ ", "lines--level-4"),
                        ("■ ", "lines--level-0"))
    assert lines[4] == (("    ", "lines--muted"), ("■ ", "lines--level-0"), ("  ", ""))
    steady = heatmap_lines(tuple((date(2026, 11, 9) + timedelta(days=d), 1)
                                 for d in range(14)), 40)
    assert steady[1] == (("Mon ", "lines--muted"), ("■ ■ ", "lines--level-4"))
    assert lines[-1][0] == ("    less ", "lines--muted") and lines[-1][-1] == ("more",
                                                                              "lines--muted")
    assert len(lines) == 9
    narrow = heatmap_lines(tuple((date(2026, 1, 1) + timedelta(days=d), 1)
                                 for d in range(365)), 30)
    assert max(sum(len(text) for text, _ in line) for line in narrow[1:8]) == 30


def test_the_sparkline_is_one_bar_a_week_zero_weeks_muted() -> None:
    assert spark_line([0, 1, 4, 8], 80) == (("▁", "lines--muted"), ("▂▅█", "lines--spark"))
    assert spark_line([3, 0, 0], 80) == (("█", "lines--spark"), ("▁▁", "lines--muted"))
    assert spark_line([1, 2, 3], 2) == (("▆█", "lines--spark"),)  # the newest that fit
    assert spark_line([], 10) == ()


def test_the_week_numbers_keep_to_the_width_newest_last() -> None:
    weeks = tuple((date(2026, 6, 8) + timedelta(weeks=w), w) for w in range(26))
    assert week_table(weeks, 78).splitlines() == [  # an 80-column terminal, less padding
        "week of 09-21 09-28 10-05 10-12 10-19 10-26 11-02 11-09 11-16 11-23 11-30",
        "done       15    16    17    18    19    20    21    22    23    24    25"]
    assert len(week_table(weeks, 200).splitlines()[0].split()) == 2 + 12
    assert week_table(weeks, 20).splitlines()[1] == "done       24    25"
    assert week_table(weeks, 5).splitlines()[1] == "done       25"  # one at the least


def test_the_steps_table_counts_cells_so_wide_titles_keep_the_columns() -> None:
    """A step title in Japanese takes two cells a character: it is cut to the name column's
    cells (with …), and the numbers after it stay under their heading."""
    none = SimpleNamespace(p50=None, p80=None)
    steps = [SimpleNamespace(title="機械学習の基礎を学ぶためのオンラインコース", remaining=3,
                             forecast=none, estimate=None),
             SimpleNamespace(title="Python basics", remaining=0, forecast=none,
                             estimate=None)]
    rows = steps_table(SimpleNamespace(steps=steps), 16).splitlines()  # type: ignore[arg-type]
    assert rows == ["Step              Open  Likely      Conservative  Articles say",
                    "機械学習の基礎 …     3  -           -",
                    "Python basics        0  done"]
    # the counts end in the same cell as the "Open" heading: 16 cells of name, 2, then 4
    assert [cell_len(row[:row.index(count) + len(count)]) for row, count in zip(
        rows, ("Open", "3", "0"), strict=True)] == [22, 22, 22]
