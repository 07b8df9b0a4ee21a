"""`[tui] hide_skipped` in config.toml: read, written without disturbing the rest, and a
wrong value reported once while the app starts with skipped items shown."""

from __future__ import annotations

from roadmap.paths import Paths
from roadmap.tui.settings import load_settings, save_hide_skipped


def test_hide_skipped_is_kept_beside_the_theme_and_removed_when_off(paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text('# mine\n[tui]\ntheme = "nord"  # dark\n', encoding="utf-8")
    save_hide_skipped(paths, True)
    assert paths.config.read_text(encoding="utf-8") == (
        '# mine\n[tui]\ntheme = "nord"  # dark\nhide_skipped = true\n')
    settings = load_settings(paths)
    assert (settings.theme, settings.hide_skipped, settings.problem) == ("nord", True, None)
    save_hide_skipped(paths, False)
    assert paths.config.read_text(encoding="utf-8") == '# mine\n[tui]\ntheme = "nord"  # dark\n'
    assert load_settings(paths).hide_skipped is False


def test_a_wrong_value_shows_skipped_items_and_says_why(paths: Paths) -> None:
    paths.ensure_home()
    paths.config.write_text('[tui]\nhide_skipped = "yes"\n', encoding="utf-8")
    settings = load_settings(paths)
    assert settings.hide_skipped is False
    assert settings.problem == (f"{paths.config}: [tui] hide_skipped must be true or false; "
                                "showing skipped items")
