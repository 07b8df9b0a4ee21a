"""The export dialog posts ExportRequested; overwriting needs a yes first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Select, Static

from roadmap.paths import Paths
from roadmap.tui.messages import ExportRequested
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.export import ExportScreen, with_suffix
from tests.tui.screen_host import Host

SIZE = (100, 35)


def export_host(folder: Path) -> Host:
    return Host(lambda: ExportScreen(folder))


async def test_new_file_exports_without_force(tmp_path: Path) -> None:
    host = export_host(tmp_path)
    async with host.run_test(size=SIZE) as pilot:
        assert host.screen.query_one(Input).value == str(tmp_path / "portfolio.md")
        await pilot.press("enter")
        await pilot.pause()
        assert host.messages == [
            ExportRequested("markdown", tmp_path / "portfolio.md", False, force=False)
        ]
        assert host.results == [None]


async def test_existing_file_needs_a_yes_before_force(tmp_path: Path) -> None:
    (tmp_path / "portfolio.html").write_text("old")
    host = export_host(tmp_path)
    async with host.run_test(size=SIZE) as pilot:
        host.screen.query_one(Select).value = "html"
        host.screen.query_one(Checkbox).value = True
        await pilot.pause()
        await pilot.click("#export")
        assert isinstance(host.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(host.screen, ExportScreen)  # still open: pick another name
        assert host.messages == []
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert host.messages == [
            ExportRequested("html", tmp_path / "portfolio.html", True, force=True)
        ]
        assert host.results == [None]
    assert (tmp_path / "portfolio.html").read_text() == "old"  # the screen never writes


async def test_a_folder_is_refused_inline(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    host = export_host(tmp_path)
    async with host.run_test(size=SIZE) as pilot:
        host.screen.query_one(Input).value = "out"
        await pilot.press("enter")
        error = host.screen.query_one("#export-error", Static)
        assert str(error.visual) == f"'{tmp_path / 'out'}' is a folder; type a file name."
        assert host.messages == []
        assert isinstance(host.screen, ExportScreen)


async def test_choosing_a_format_changes_the_suffix(tmp_path: Path) -> None:
    host = export_host(tmp_path)
    async with host.run_test(size=SIZE) as pilot:
        host.screen.query_one(Select).focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # the list: json-resume
        assert host.screen.query_one(Input).value == str(tmp_path / "portfolio.resume.json")


def test_with_suffix_swaps_known_suffixes_only() -> None:
    assert with_suffix("cv.resume.json", "markdown") == "cv.md"
    assert with_suffix("cv.MD", "html") == "cv.html"
    assert with_suffix("notes.txt", "json") == "notes.txt.json"


async def test_roadmaps_own_state_file_is_refused_before_asking(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "home")
    paths.ensure_home()
    paths.state.write_text("schema = 1\n", encoding="utf-8")
    host = Host(lambda: ExportScreen(tmp_path, paths=paths))
    async with host.run_test(size=SIZE) as pilot:
        host.screen.query_one(Input).value = str(paths.state)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(host.screen, ExportScreen)  # no "Overwrite?" question
        error = host.screen.query_one("#export-error", Static)
        assert str(error.render()) == (
            f"{paths.state}: is one of roadmap's own data files; export somewhere else")
        assert host.messages == []
    assert paths.state.read_text(encoding="utf-8") == "schema = 1\n"


async def test_an_unknown_user_in_the_path_is_one_line_and_the_dialog_stays(
        tmp_path: Path) -> None:
    """Issue 10 case 6: `~nosuchuser` made Path.expanduser raise and the app crash."""
    host = export_host(tmp_path)
    async with host.run_test(size=SIZE) as pilot:
        for typed, shown in [
            ("~nosuchuser-xyz/x.md", "Cannot expand '~nosuchuser-xyz': there is no such user."),
            ("~nosuchuser-xyz", "Cannot expand '~nosuchuser-xyz': there is no such user."),
            ("out\0.md", "The file name contains a NUL character."),
            ("a" * 300 + ".md", f"'{'a' * 300}.md': File name too long"),
        ]:
            host.screen.query_one(Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert str(host.screen.query_one("#export-error", Static).visual) == shown
            assert isinstance(host.screen, ExportScreen)
            assert host.screen.focused is host.screen.query_one(Input)
        assert host.messages == []
    assert host.results == []


async def test_a_failed_export_is_shown_in_the_dialog_which_stays_open(tmp_path: Path) -> None:
    """Issue 10 case 2 (the dialog's side): the exporter's error is one line under the fields;
    the user can change the path and try again."""
    host = export_host(tmp_path)
    host.export_error = "internal error (TypeError: can't compare datetimes)\nsecond line"
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(host.screen, ExportScreen)
        assert str(host.screen.query_one("#export-error", Static).visual) == (
            "Export failed: internal error (TypeError: can't compare datetimes)")
        assert not host.screen.query_one("#export", Button).disabled
        host.export_error = None
        host.screen.query_one(Input).value = str(tmp_path / "other.md")
        await pilot.press("enter")
        await pilot.pause()
        assert host.messages == [
            ExportRequested("markdown", tmp_path / "portfolio.md", False, force=False),
            ExportRequested("markdown", tmp_path / "other.md", False, force=False),
        ]
    assert host.results == [None]
