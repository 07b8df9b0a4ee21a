"""The export dialog with the app's exporter behind it: it closes on success and otherwise
shows the failure in one line and stays open (issue 10, cases 2 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

import roadmap.export
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.export import ExportScreen
from roadmap.tui.screens.main import MainScreen
from tests.tui.conftest import SIZE, AppFactory


def notices(app: RoadmapApp) -> list[str]:
    return [n.message for n in app._notifications]


async def export_to(pilot: Pilot[None], path: Path) -> None:
    """x, a path, enter; then let the exporter's worker finish and its answer arrive."""
    await pilot.press("x")
    assert isinstance(pilot.app.screen, ExportScreen)
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_an_export_writes_the_file_and_closes_the_dialog(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export_to(pilot, tmp_path / "mine.md")
        assert isinstance(app.screen, MainScreen)
        assert notices(app) == [f"Exported Markdown to {tmp_path / 'mine.md'}"]
    assert (tmp_path / "mine.md").read_text(encoding="utf-8").startswith("# ")


async def test_an_exporter_bug_is_shown_in_the_dialog_not_swallowed(
        make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise TypeError("can't compare offset-naive and offset-aware datetimes")

    monkeypatch.setattr(roadmap.export, "render", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export_to(pilot, tmp_path / "mine.md")
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("#export-error", Static).visual) == (
            "Export failed: internal error (TypeError: can't compare offset-naive and "
            "offset-aware datetimes)")
        assert notices(app) == []
    assert not (tmp_path / "mine.md").exists()


async def test_a_home_of_an_unknown_user_keeps_the_app_running(
        make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        app.screen.query_one(Input).value = "~nosuchuser-xyz/x.md"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("#export-error", Static).visual) == (
            "Cannot expand '~nosuchuser-xyz': there is no such user.")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_dialog_remembers_the_last_format_file_and_notes_choice(
        make_app: AppFactory, tmp_path: Path) -> None:
    from textual.widgets import Checkbox, Select

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#export-format", Select).value = "html"
        await pilot.pause()
        screen.query_one("#export-notes", Checkbox).value = True
        screen.query_one(Input).value = str(tmp_path / "cv.html")
        screen.query_one(Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert notices(app) == [f"Exported HTML to {tmp_path / 'cv.html'}"]
        await pilot.press("x")
        again = app.screen
        assert isinstance(again, ExportScreen)
        assert again.query_one("#export-format", Select).value == "html"
        assert again.query_one(Input).value == str(tmp_path / "cv.html")
        assert again.query_one("#export-notes", Checkbox).value is True
