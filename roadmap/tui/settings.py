"""TUI preferences in config.toml: the theme (`[tui] theme`) and remapped keys (`[keymap]`).

Read with tomllib (fast, at start-up); the theme is written back with tomlkit editing the
document in place, so the user's comments and the `[profile]` table survive.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from roadmap.atomic import atomic_write_text
from roadmap.errors import RoadmapError
from roadmap.paths import Paths


@dataclass
class UiSettings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    """Why the settings could not be read, shown once as a notification."""


def load_settings(paths: Paths) -> UiSettings:
    """Settings from config.toml; a broken file yields defaults plus a problem to report."""
    try:
        data = tomllib.loads(paths.config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UiSettings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return UiSettings(problem=f"{paths.config}: {exc}; using default theme and keys")
    tui = data.get("tui", {})
    keymap = data.get("keymap", {})
    theme = tui.get("theme") if isinstance(tui, dict) else None
    keys = {str(k): v for k, v in keymap.items() if isinstance(v, str)} if isinstance(
        keymap, dict) else {}
    return UiSettings(theme if isinstance(theme, str) else None, keys)


def save_theme(paths: Paths, theme: str) -> None:
    """Remember the chosen theme; leaves the rest of config.toml exactly as it was."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = paths.config.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except OSError as exc:
        raise RoadmapError(f"{paths.config}: cannot read: {exc.strerror or exc}") from None
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise RoadmapError(f"{paths.config}: {exc}; theme not saved") from None
    table = doc.get("tui")
    if table is None:
        table = tomlkit.table()
        doc.add("tui", table)
    if table.get("theme") == theme:
        return
    table["theme"] = theme
    paths.ensure_home()
    try:
        atomic_write_text(paths.config, tomlkit.dumps(doc))
    except OSError as exc:
        raise RoadmapError(f"{paths.config}: cannot write: {exc.strerror or exc}") from None
