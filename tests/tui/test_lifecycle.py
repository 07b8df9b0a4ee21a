"""The app's edges: a save the disk refuses, quitting with unsaved changes, exporting a file.

The failures are real ones (the data folder removed under the running app, so the save's
os.open fails with ENOENT), not a patched Store, so the worker's OSError path is the one run.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.export import ExportScreen
from tests.tui.conftest import ROADMAP, SIZE, AppFactory

FIRST = "take-prep-course-if-new"


def notices(app: RoadmapApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(2):  # a finished save may start another for later changes
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def tick_with_the_folder_gone(pilot: Pilot[None], paths: Paths) -> None:
    """Remove the data folder (a sync tool, a mistaken rm), then tick: the save fails."""
    await pilot.pause()
    shutil.rmtree(paths.home)
    await pilot.press("space")
    await settle(pilot)


async def test_a_save_the_disk_refuses_is_reported_and_kept_in_memory(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tick_with_the_folder_gone(pilot, paths)
        error = (f"not saved: no such file or directory while writing {paths.state}; the "
                 "file and its backup are unchanged and your changes are kept in memory")
        assert app.saver.error == error
        assert notices(app)[-1] == (f"Could not save: {error}\nYour changes are kept in "
                                    "memory. ctrl+s retries; x exports your portfolio.")
        assert app.saver.dirty and app.session.state.status(FIRST) is Status.DONE
        paths.home.mkdir()  # the folder is back: ctrl+s saves what is in memory
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.saver.dirty and notices(app)[-1] == "Saved."
    saved = tomllib.loads(paths.state.read_text())["roadmaps"][ROADMAP]["items"]
    assert saved[FIRST]["status"] == "done"


async def test_quit_with_unsaved_changes_asks_for_a_second_q(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tick_with_the_folder_gone(pilot, paths)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running  # not yet: the tick would be lost
        assert notices(app)[-1].endswith(
            "\nPress q again to quit anyway (the last changes would be lost), or export them "
            "first with x.")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert not paths.home.exists()  # nothing was written anywhere on the way out


async def test_quit_after_the_folder_came_back_saves_the_change(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await tick_with_the_folder_gone(pilot, paths)
        paths.home.mkdir()
        await pilot.press("q")  # the exit flush: one q, saved, gone
        await pilot.pause()
    assert not app.is_running
    saved = tomllib.loads(paths.state.read_text())["roadmaps"][ROADMAP]["items"]
    assert saved[FIRST]["status"] == "done"


async def test_x_exports_the_portfolio_to_a_file(
        make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # the dialog proposes portfolio.md in the current folder
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app)[-1] == f"Exported Markdown to {out / 'portfolio.md'}"
    text = (out / "portfolio.md").read_text(encoding="utf-8")
    total = len(app.session.roadmap.item_ids())
    assert text.startswith("# Portfolio\n\n## Roadmap progress\n\n**0%** of the *Machine "
                           f"learning engineer* roadmap (1 of {total} items)")
    assert [p.name for p in out.iterdir()] == ["portfolio.md"]


async def test_an_export_that_fails_says_why_and_writes_nothing(
        make_app: AppFactory, paths: Paths, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        paths.config.write_text("[profile\n")  # the profile the export needs is unreadable
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)  # the dialog stays open with the reason
        assert str(app.screen.query_one("#export-error", Static).visual).startswith(
            f"Export failed: {paths.config}")
        assert app.is_running
    assert list(out.iterdir()) == []
