"""The app's live settings: the theme and remapped keys, as config.py reads them.

Reading and writing config.toml is config.py's job; what stays here is the TUI's own: the
settings object the app changes as the user picks a theme, and the check of keymap ids
against the bindings of every screen (which needs Textual).
"""

from __future__ import annotations

from roadmap.paths import Paths


class UiSettings:
    """What config.toml says about the TUI (a plain class: it loads on every start)."""

    def __init__(self, theme: str | None = None, keymap: dict[str, str] | None = None,
                 problem: str | None = None, hide_skipped: bool = False) -> None:
        self.theme = theme
        self.keymap = keymap or {}
        self.problem = problem
        """Why the settings could not be read, shown once as a notification."""
        self.hide_skipped = hide_skipped
        """The tree leaves skipped items out (`h`, remembered as `[tui] hide_skipped`)."""


def load_settings(paths: Paths) -> UiSettings:
    """Settings from config.toml; a broken file yields defaults plus a problem to report."""
    if not paths.config.exists() and not paths.config.is_symlink():
        return UiSettings()  # most starts: no file, so config.py is not even imported
    from roadmap.config import load_tui

    theme, keymap, problem, hide_skipped = load_tui(paths)
    return UiSettings(theme, dict(keymap), problem, hide_skipped)


def save_theme(paths: Paths, theme: str) -> None:
    """Remember the chosen theme (config.py writes it; imported only when one is picked)."""
    from roadmap import config

    config.save_theme(paths, theme)


def save_hide_skipped(paths: Paths, hide: bool) -> None:
    """Remember the hide-skipped toggle (config.py writes it; imported only when used)."""
    from roadmap import config

    config.save_hide_skipped(paths, hide)


def unknown_binding_ids(keymap: dict[str, str]) -> list[str]:
    """Keymap entries that name no binding of any screen (a typo remaps nothing: say so).

    Every module of the TUI package is walked, so a new screen's bindings count without a
    list to keep up to date; that imports every screen, so it runs only with a [keymap].
    """
    import importlib
    import pkgutil

    from textual.binding import Binding

    import roadmap.tui

    known: set[str] = set()
    for info in pkgutil.walk_packages(roadmap.tui.__path__, "roadmap.tui."):
        module = importlib.import_module(info.name)
        known.update(b.id for value in vars(module).values() if isinstance(value, type)
                     for b in getattr(value, "BINDINGS", ()) if isinstance(b, Binding) and b.id)
    return [k for k in keymap if k not in known]
