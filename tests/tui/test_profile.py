"""The profile form (f2, or "Profile" in the palette): the checks of `roadmap config set`,
written to config.toml key by key, and never a silent loss of typing."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from roadmap import config
from roadmap.paths import Paths
from roadmap.tui.palette import palette_commands
from roadmap.tui.screens.confirm import ChoiceScreen
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.screens.profile import ProfileForm
from tests.tui.conftest import SIZE, AppFactory


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_f2_edits_the_profile_with_the_config_set_checks(
        make_app: AppFactory, paths: Paths) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.config.write_text('# mine\n[profile]\nname = "Ada"\n\n[tui]\ntheme = "nord"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        form = app.screen
        assert isinstance(form, ProfileForm)
        assert form.query_one("#profile-name", Input).value == "Ada"
        form.query_one("#profile-name", Input).value = "Ada Lovelace"
        form.query_one("#profile-email", Input).value = "not an address"
        form.query_one("#profile-github", Input).value = "adalove"
        form.query_one("#profile-summary", TextArea).text = "Line one.\nLine two."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused: the email is wrong, nothing written
        assert str(form.query_one("#profile-error", Static).visual) == (
            "Email: 'not an address' is not an email address")
        assert form.query_one("#profile-email").has_class("bad")
        assert 'name = "Ada"\n' in paths.config.read_text()
        form.query_one("#profile-email", Input).value = "mailto:ada@example.org"
        await pilot.press("ctrl+s")
        for _ in range(20):  # the dialog closes, then its callback writes and says so
            await pilot.pause()
            if notices(app):
                break
        assert isinstance(app.screen, MainScreen)
        assert notices(app)[-1] == (f"Profile saved to {paths.config} (name, summary, email, "
                                    "github)")
    text = paths.config.read_text()
    assert text.startswith("# mine\n[profile]\n") and 'theme = "nord"' in text
    profile = config.load_profile(paths)
    assert (profile.name, profile.email, profile.github, profile.summary) == (
        "Ada Lovelace", "ada@example.org", "https://github.com/adalove", "Line one.\nLine two.")


async def test_escape_asks_when_the_profile_was_changed(make_app: AppFactory,
                                                        paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2", "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f2", *"Ada", "escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert not paths.config.exists()


async def test_a_broken_config_file_is_named_and_the_form_stays_shut(
        make_app: AppFactory, paths: Paths) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.config.write_text("[profile]\nname = 3\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert notices(app)[-1] == f"{paths.config}: profile.name: must be a string"
    assert paths.config.read_text() == "[profile]\nname = 3\n"


async def test_the_palette_offers_the_profile(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in palette_commands(app)]
        assert "Profile" in titles
