"""Help is built from the bindings: remapped keys show remapped, every key has its line."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from roadmap.paths import Paths
from roadmap.tui.keys import GROUPS, MORE, KeyRow, key_groups, key_label
from roadmap.tui.screens.help import HelpScreen
from roadmap.tui.screens.main import MainScreen
from tests.tui.conftest import SIZE, AppFactory
from tests.tui.screen_host import screen_text


async def open_help(make_app: AppFactory, paths: Paths, keymap: str = "",
                    key: str = "f1") -> tuple[HelpScreen, str]:
    """The help screen of an app started with `keymap` in config.toml, and its text."""
    if keymap:
        paths.home.mkdir(parents=True, exist_ok=True)
        paths.config.write_text(f"[keymap]\n{keymap}\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        return app.screen, screen_text(app)


def rows(screen: HelpScreen, title: str) -> list[KeyRow]:
    return dict(screen.groups)[title]


async def test_help_lists_the_default_keys_with_their_descriptions(
        make_app: AppFactory, paths: Paths) -> None:
    screen, text = await open_help(make_app, paths)
    assert [title for title, _ in screen.groups] == [title for title, _ in GROUPS]
    assert rows(screen, "Track") == [
        KeyRow("space", "Tick", "Done ↔ to do"),
        KeyRow("i", "In progress", "Mark the item in progress"),
        KeyRow("s", "Skip", "Mark the item skipped"),
        KeyRow("t", "To do", "Back to to do"),
        KeyRow("u ctrl+z", "Undo", "Take back the last change"),
        KeyRow("ctrl+y", "Redo", "Make the undone change again"),
    ]
    # Textual's own keys for the same action join ours: arrows, ctrl+q
    assert rows(screen, "Move")[:2] == [KeyRow("↑ k", "Up", "Previous line"),
                                        KeyRow("↓ j", "Down", "Next line")]
    assert rows(screen, "App")[-1] == KeyRow("q ctrl+q", "Quit", "Save and leave")
    assert "space      Tick  Done ↔ to do" in text


async def test_a_remapped_key_shows_remapped(make_app: AppFactory, paths: Paths) -> None:
    screen, text = await open_help(make_app, paths, 'toggle = "d"\nhelp = "f2"', key="f2")
    assert rows(screen, "Track")[0] == KeyRow("d", "Tick", "Done ↔ to do")
    assert rows(screen, "App")[3] == KeyRow("f2", "Help", "Every key, and where your data lives")
    assert "d          Tick  Done ↔ to do" in text
    assert "space" not in text
    assert "? f1" not in text


async def test_the_remapped_key_is_the_one_that_works(make_app: AppFactory,
                                                      paths: Paths) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.config.write_text('[keymap]\nhelp = "f2"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, HelpScreen)


async def test_every_binding_of_the_main_screen_is_placed_and_explained(
        make_app: AppFactory, paths: Paths) -> None:
    screen, _ = await open_help(make_app, paths)
    assert MORE not in dict(screen.groups)
    shown = [row for _, group in screen.groups for row in group]
    assert len(shown) == sum(len(ids) for _, ids in GROUPS) == 35  # N, T, f2, E, J
    assert [row for row in shown if not row.tooltip or not row.description] == []


def test_keys_of_one_action_share_a_row_and_unplaced_ids_are_not_lost() -> None:
    bindings = [
        Binding("down", "cursor_down", "Cursor Down"),
        Binding("j", "cursor_down", "Down", id="down", tooltip="Next line"),
        Binding("ctrl+g", "go", "Go", id="go-somewhere", tooltip="Somewhere"),
        Binding("ctrl+x", "scroll_home", "Scroll Home"),
    ]
    assert key_groups(bindings) == [
        ("Move", [KeyRow("↓ j", "Down", "Next line")]),
        (MORE, [KeyRow("ctrl+g", "Go", "Somewhere")]),
    ]


def test_key_labels() -> None:
    assert [key_label(Binding(k, "a")) for k in
            ("question_mark", "slash", "ctrl+z", "enter", "escape", "up", "P")] == \
        ["?", "/", "ctrl+z", "enter", "escape", "↑", "P"]
    assert key_label(Binding("x", "a", key_display="X!")) == "X!"


def test_the_readme_names_every_binding_id_help_shows() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("[keymap]\ntoggle"):]
    comment = " ".join(line.partition("#")[2] for line in block[:block.index("```")].splitlines())
    named = set(re.findall(r"[a-z][a-z-]*", comment.partition("ids:")[2]))
    assert named | {"toggle"} == {i for _, ids in GROUPS for i in ids}
