"""The small dialogs: attach returns what was picked, confirm answers only yes to y/enter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen

from roadmap.model import Project
from roadmap.tui.screens.attach import NEW_PROJECT, AttachProjectScreen
from roadmap.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from tests.tui.screen_host import Host, burst, screen_text

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


ENTER = ("enter", "\r")


@pytest.mark.parametrize(("make", "keys", "expected"), [
    (lambda: AttachProjectScreen("Python", PROJECTS), (ENTER, ENTER), NEW_PROJECT),
    (lambda: ConfirmScreen("Delete?"), (ENTER, ENTER), True),
    (lambda: ConfirmScreen("Delete?"), (("y", "y"), ("n", "n")), True),
    (lambda: ChoiceScreen("Restore?", [("r", "Restore", "restore"), ("f", "Afresh", "fresh")]),
     (("r", "r"), ("f", "f")), "restore"),
])
async def test_a_dialog_answers_once_however_fast_the_keys_come(
        make: Callable[[], Screen[Any]], keys: tuple[tuple[str, str], ...],
        expected: object) -> None:
    """A second key queued before the first closed the dialog used to answer again and pop
    the screen underneath (here the last one: ScreenStackError)."""
    host = Host(make)
    async with host.run_test(size=SIZE) as pilot:
        burst(host, *keys)
        await pilot.pause()
        await pilot.pause()
        assert len(host.screen_stack) == 1
    assert host.results == [expected]
