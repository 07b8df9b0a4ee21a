"""The layout at the sizes people use: 120x35, 80x24, a narrow 50x20, and a silly 20x5."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region

from roadmap import catalog
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.help import HelpScreen, shown_path
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.widgets.detail import DetailPane
from roadmap.tui.widgets.roadmap_tree import RoadmapTree
from tests.tui.screen_host import screen_text

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


@pytest.fixture
def app(paths: Paths) -> Iterator[RoadmapApp]:
    store = Store.open(paths, allow_read_only=True)
    app = RoadmapApp(paths, store, catalog.load_roadmap(paths, "ml-engineer"), clock=lambda: NOW)
    app.animation_level = "none"  # scrolling jumps instead of gliding for a second
    yield app
    store.close()


def help_dialog(app: RoadmapApp) -> VerticalScroll:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one("#help-dialog", VerticalScroll)


async def test_help_fits_on_a_120x35_screen_without_scrolling(app: RoadmapApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert help_dialog(app).max_scroll_y == 0
        text = screen_text(app)
        for line in ("Move", "Track", "Notes and projects", "Find", "App", "Your data",
                     "templates", "[keymap] table", "Palette  Every action, roadmap, theme",
                     "Filter  By title, id or note"):
            assert line in text


async def test_help_scrolls_to_its_end_on_80x24(app: RoadmapApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        dialog = help_dialog(app)
        assert dialog.max_scroll_y > 0
        assert dialog.region.height == 24
        assert "Your data" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "Your data" in screen_text(app)
        assert "[keymap] table" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_help_shows_paths_under_home_with_a_tilde(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert shown_path(tmp_path / ".local" / "roadmap" / "state.toml") == \
        "~/.local/roadmap/state.toml"
    assert shown_path(Path("/elsewhere/state.toml")) == "/elsewhere/state.toml"


async def test_80x24_shows_tree_details_and_the_keys_that_matter(app: RoadmapApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.has_class("-wide")
        left = screen.query_one("#left", Vertical).region
        detail = screen.query_one(DetailPane)
        assert left.width >= 30 and detail.region.width >= 30
        assert left.y == detail.region.y  # side by side
        footer = screen_text(app).splitlines()[-1]
        for key in ("space Tick", "n Note", "/ Filter", "q Quit", "? Help", "^p palette"):
            assert key in footer
        await pilot.press("tab")  # the details pane takes focus and scrolls
        assert app.focused is detail
        await pilot.press("end")
        await pilot.pause()
        assert "Source: Springboard" in screen_text(app)


async def test_below_60_columns_the_details_stack_under_the_tree(app: RoadmapApp) -> None:
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        left = screen.query_one("#left", Vertical).region
        detail = screen.query_one(DetailPane).region
        assert detail.y >= left.bottom
        assert left.width == detail.width == 50
        assert left.height >= 6 and detail.height >= 5
        await pilot.press("j", "space")
        assert "✔ done" in screen_text(app)
        await pilot.resize_terminal(120, 35)
        await pilot.pause()
        assert screen.has_class("-wide")


async def test_nothing_breaks_at_20x5(app: RoadmapApp) -> None:
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # the cursor starts on the first milestone: ticked
        first = "take-prep-course-if-new"
        assert app.session.state.status(first) is Status.DONE
        total = len(app.session.roadmap.item_ids())
        assert f" 1/{total} · 0% " in screen_text(app)  # the header, all that fits, counts it
        for keys in (("j", "k", "right", "left", "space"), ("question_mark", "end", "escape"),
                     ("slash", "a", "escape", "f"), ("n", "escape"), ("P", "escape"),
                     ("x", "escape")):
            await pilot.press(*keys)
            assert app.is_running
        assert isinstance(app.screen, MainScreen)
        # still one row of tree between the header and the key bar; "left" went up to the
        # step, where space ticks nothing: the first tick is the only change
        assert app.screen.query_one(RoadmapTree).region == Region(1, 2, 18, 1)
        assert {k: v.status for k, v in app.session.state.items.items()} == {first: Status.DONE}
