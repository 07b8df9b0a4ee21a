"""TUI preferences in config.toml: the theme (`[tui] theme`) and remapped keys (`[keymap]`).

Read with tomllib (fast, at start-up, and only if the file exists); the theme is written back
with tomlkit editing the document in place, so the user's comments and `[profile]` survive.
"""

from __future__ import annotations

import re

from roadmap.paths import Paths


class UiSettings:
    """What config.toml says about the TUI (a plain class: it loads on every start)."""

    def __init__(self, theme: str | None = None, keymap: dict[str, str] | None = None,
                 problem: str | None = None) -> None:
        self.theme = theme
        self.keymap = keymap or {}
        self.problem = problem
        """Why the settings could not be read, shown once as a notification."""


def load_settings(paths: Paths) -> UiSettings:
    """Settings from config.toml; a broken file yields defaults plus a problem to report."""
    from roadmap.config import read_config
    from roadmap.errors import RoadmapError

    if not paths.config.exists() and not paths.config.is_symlink():
        return UiSettings()  # most starts: no file, nothing to import or parse
    try:
        data = read_config(paths)
    except RoadmapError as exc:
        return UiSettings(problem=f"{exc}; using default theme and keys")
    tui = data.get("tui", {})
    keymap = data.get("keymap", {})
    theme = tui.get("theme") if isinstance(tui, dict) else None
    if not isinstance(keymap, dict):
        return UiSettings(theme if isinstance(theme, str) else None,
                          problem=f"{paths.config}: [keymap] must be a table of binding id = "
                          "\"key\"; using the default keys")
    keys = {str(k): v for k, v in keymap.items() if isinstance(v, str) and _KEYS.match(v)}
    bad = [str(k) for k in keymap if str(k) not in keys]
    problem = None
    if bad:
        problem = (f"{paths.config}: [keymap] {', '.join(bad)}: each value must be a key "
                   "name like \"d\" or \"ctrl+d\" (several: \"d,ctrl+d\"); ignored")
    return UiSettings(theme if isinstance(theme, str) else None, keys, problem)


def unknown_binding_ids(keymap: dict[str, str]) -> list[str]:
    """Keymap entries that name no binding of any screen (a typo remaps nothing: say so).

    Imports every screen, so it runs only when config.toml has a [keymap].
    """
    from textual.binding import Binding

    from roadmap.tui import app
    from roadmap.tui.screens import (
        attach,
        confirm,
        export,
        help,
        main,
        note,
        project_form,
        projects,
    )
    from roadmap.tui.widgets import filter_select, roadmap_tree

    modules = (app, attach, confirm, export, help, main, note, project_form, projects,
               filter_select, roadmap_tree)
    known = {b.id for module in modules for value in vars(module).values()
             if isinstance(value, type) for b in getattr(value, "BINDINGS", ())
             if isinstance(b, Binding) and b.id}
    return [k for k in keymap if k not in known]


_KEYS = re.compile(r"^[^\s,]+(?:,[^\s,]+)*$")
"""One or more Textual key names, comma-separated: "d", "ctrl+d", "f2,ctrl+x"."""


def save_theme(paths: Paths, theme: str) -> None:
    """Remember the chosen theme; leaves the rest of config.toml exactly as it was."""
    from roadmap.config import edit_key

    edit_key(paths, "tui", "theme", theme)
