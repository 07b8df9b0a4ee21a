"""The small dialogs: attach returns what was picked, confirm answers only yes to y/enter."""

from __future__ import annotations

import pytest

from roadmap.model import Project
from roadmap.tui.screens.attach import NEW_PROJECT, AttachProjectScreen
from roadmap.tui.screens.confirm import ConfirmScreen
from tests.tui.screen_host import Host, screen_text

SIZE = (100, 35)
PROJECTS = [
    Project(id="first", title="First"),
    Project(id="evil", title="[b]x[/] [@click=app.quit]q[/]"),
]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(("enter",), NEW_PROJECT), (("down", "down", "enter"), "evil"), (("escape",), None)],
)
async def test_attach_returns_the_pick(keys: tuple[str, ...], expected: str | None) -> None:
    host = Host(lambda: AttachProjectScreen("Become fluent in [i]Python", PROJECTS))
    async with host.run_test(size=SIZE) as pilot:
        text = screen_text(host)
        assert "Attach to: Become fluent in [i]Python" in text
        assert "[b]x[/] [@click=app.quit]q[/]" in text
        await pilot.press(*keys)
        assert host.results == [expected]


@pytest.mark.parametrize(
    ("key", "expected"), [("y", True), ("enter", True), ("n", False), ("escape", False)]
)
async def test_confirm_answers(key: str, expected: bool) -> None:
    host = Host(lambda: ConfirmScreen("Delete “[red]x[/]”?"))
    async with host.run_test(size=SIZE) as pilot:
        assert "Delete “[red]x[/]”?" in screen_text(host)
        await pilot.press(key)
        assert host.results == [expected]


async def test_confirm_buttons_can_be_clicked() -> None:
    host = Host(lambda: ConfirmScreen("Sure?"))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.click("#no")
        assert host.results == [False]
