"""TUI preferences in config.toml: the theme (`[tui] theme`) and remapped keys (`[keymap]`).

Read with tomllib (fast, at start-up, and only if the file exists); the theme is written back
with tomlkit editing the document in place, so the user's comments and `[profile]` survive.
"""

from __future__ import annotations

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
    try:
        text = paths.config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UiSettings()
    except (OSError, UnicodeDecodeError) as exc:
        return UiSettings(problem=f"{paths.config}: {exc}; using default theme and keys")
    import tomllib  # only with a config file: most starts have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return UiSettings(problem=f"{paths.config}: {exc}; using default theme and keys")
    tui = data.get("tui", {})
    keymap = data.get("keymap", {})
    theme = tui.get("theme") if isinstance(tui, dict) else None
    keys = {str(k): v for k, v in keymap.items() if isinstance(v, str)} if isinstance(
        keymap, dict) else {}
    return UiSettings(theme if isinstance(theme, str) else None, keys)


def save_theme(paths: Paths, theme: str) -> None:
    """Remember the chosen theme; leaves the rest of config.toml exactly as it was."""
    from roadmap.config import edit_key

    edit_key(paths, "tui", "theme", theme)
