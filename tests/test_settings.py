"""TUI settings in config.toml: the theme is remembered without disturbing the profile."""

from __future__ import annotations

from roadmap.paths import Paths
from roadmap.tui.settings import load_settings, save_theme


def test_theme_is_saved_beside_the_profile_keeping_comments(paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text('# mine\n[profile]\nname = "Ada"  # me\n', encoding="utf-8")
    save_theme(paths, "nord")
    assert paths.config.read_text(encoding="utf-8") == (
        '# mine\n[profile]\nname = "Ada"  # me\n\n[tui]\ntheme = "nord"\n')
    assert load_settings(paths).theme == "nord"


def test_new_config_is_private_and_an_unchanged_theme_is_not_rewritten(paths: Paths) -> None:
    save_theme(paths, "gruvbox")
    first = paths.config.stat()
    assert first.st_mode & 0o777 == 0o600
    save_theme(paths, "gruvbox")
    again = paths.config.stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)


def test_keymap_and_a_broken_file(paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text('[keymap]\ntoggle = "d"\n', encoding="utf-8")
    assert load_settings(paths).keymap == {"toggle": "d"}
    paths.config.write_text("[keymap\n", encoding="utf-8")
    broken = load_settings(paths)
    assert (broken.theme, broken.keymap) == (None, {})
    assert broken.problem is not None
    assert broken.problem.startswith(f"{paths.config} is not valid TOML (")
