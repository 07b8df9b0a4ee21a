"""The profile in config.toml: validation, round trips that keep hand edits, and the CLI."""

from __future__ import annotations

import pytest

from roadmap import config, model
from roadmap.cli import main
from roadmap.config import Profile
from roadmap.errors import RoadmapError
from roadmap.paths import Paths

HAND_WRITTEN = """\
# my roadmap settings, written by hand
[tui]
theme = "nord"   # dark, easier on the eyes
keymap = { quit = "ctrl+q" }

[profile]
# who I am
name = "Old Name"    # will change
location = "Paris"
"""


def test_missing_file_is_an_empty_profile(paths: Paths) -> None:
    assert config.load_profile(paths) == Profile()
    assert config.load_profile(paths).is_empty()


def test_set_then_get_round_trip_keeps_comments_and_other_tables(paths: Paths) -> None:
    paths.home.mkdir(parents=True)
    paths.config.write_text(HAND_WRITTEN, encoding="utf-8")
    config.set_profile_field(paths, "name", "Ada Lovelace")
    config.set_profile_field(paths, "headline", "Machine learning engineer")
    text = paths.config.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace('"Old Name"', '"Ada Lovelace"') + \
        'headline = "Machine learning engineer"\n'
    assert config.get_profile_field(paths, "name") == "Ada Lovelace"
    assert config.load_profile(paths).location == "Paris"


def test_unset_removes_only_that_key(paths: Paths) -> None:
    paths.home.mkdir(parents=True)
    paths.config.write_text(HAND_WRITTEN, encoding="utf-8")
    assert config.unset_profile_field(paths, "location") is True
    assert config.unset_profile_field(paths, "location") is False
    text = paths.config.read_text(encoding="utf-8")
    assert "location" not in text
    assert '# dark, easier on the eyes' in text and "# who I am" in text


def test_empty_value_removes_the_key(paths: Paths) -> None:
    config.set_profile_field(paths, "name", "Ada")
    assert config.set_profile_field(paths, "name", "  ") == ""
    assert config.load_profile(paths).name == ""


def test_new_file_is_private_and_has_a_profile_table(paths: Paths) -> None:
    config.set_profile_field(paths, "profile.email", "ada@example.com")
    assert paths.config.read_text() == '[profile]\nemail = "ada@example.com"\n'
    assert paths.config.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("github", "adalove", "https://github.com/adalove"),
        ("github", "@adalove", "https://github.com/adalove"),
        ("github", "https://github.com/adalove", "https://github.com/adalove"),
        ("linkedin", "ada-lovelace-1", "https://www.linkedin.com/in/ada-lovelace-1"),
        ("huggingface", "ada", "https://huggingface.co/ada"),
        ("email", "mailto:ada@example.com", "ada@example.com"),
        ("website", "HTTPS://ada.example.com", "HTTPS://ada.example.com"),
        ("summary", "line one\nline two", "line one\nline two"),
        ("name", "Zoë Saldaña \u200d", "Zoë Saldaña \u200d"),
    ],
)
def test_values_are_normalised(paths: Paths, key: str, value: str, stored: str) -> None:
    assert config.set_profile_field(paths, key, value) == stored
    assert config.get_profile_field(paths, key) == stored


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("role", "x", "unknown profile key 'role' (did you mean 'headline'?)"),
        ("githb", "x", "unknown profile key 'githb' (did you mean 'github'?)"),
        ("website", "javascript:alert(1)", "website: 'javascript:alert(1)' is not an http(s)"),
        ("website", "example.com", "did you mean 'https://example.com'?"),
        ("github", "data:text/html,x", "github: 'data:text/html,x' is not an http(s) URL"),
        ("website", "https://", "is not a valid http(s) URL"),
        ("email", "not-an-email", "email: 'not-an-email' is not an email address"),
        ("name", "Ada\x1b[31m", "name: contains a control character (U+001B)"),
        ("name", "Ada\u202eevil", "name: contains a control character (U+202E)"),
        ("name", "two\nlines", "name: must be a single line"),
        ("name", "x" * 201, "name: 201 characters; the limit is 200"),
        ("name", "bad\udcff", "lone surrogate"),
    ],
)
def test_bad_keys_and_values_are_refused_and_nothing_written(
    paths: Paths, key: str, value: str, message: str
) -> None:
    paths.home.mkdir(parents=True)
    paths.config.write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(RoadmapError, match=None) as err:
        config.set_profile_field(paths, key, value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    assert paths.config.read_text(encoding="utf-8") == HAND_WRITTEN


def test_broken_file_is_reported_with_its_path_and_left_alone(paths: Paths) -> None:
    paths.home.mkdir(parents=True)
    paths.config.write_text("[profile\nname = 1\n", encoding="utf-8")
    with pytest.raises(RoadmapError, match=r"config\.toml is not valid TOML \(.*line 1"):
        config.load_profile(paths)
    with pytest.raises(RoadmapError):
        config.set_profile_field(paths, "name", "Ada")
    assert paths.config.read_text(encoding="utf-8") == "[profile\nname = 1\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[profile]\nwebsite = "javascript:alert(1)"\n', "profile.website: 'javascript:alert"),
        ("[profile]\nname = 3\n", "profile.name: must be a string"),
        ('[profile]\ngithb = "x"\n', "unknown profile key 'githb' (did you mean 'github'?)"),
        ('profile = "me"\n', "'profile' must be a table"),
    ],
)
def test_hand_edits_are_checked_on_load(paths: Paths, body: str, message: str) -> None:
    paths.home.mkdir(parents=True)
    paths.config.write_text(body, encoding="utf-8")
    with pytest.raises(RoadmapError) as err:
        config.load_profile(paths)
    assert message in str(err.value)
    assert str(paths.config) in str(err.value)


def test_safe_link_allows_only_http_https_mailto() -> None:
    assert model.safe_link("https://x.org/a?b=c") == "https://x.org/a?b=c"
    assert model.safe_link("HTTP://x.org") == "http://x.org"
    assert model.safe_link("mailto:a@b.org") == "mailto:a@b.org"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,hi", "ftp://x",
                "//x.org", "https://x.org/a b", "https://x.org/\x1b[31m", "http:///path", ""):
        assert model.safe_link(bad) is None, bad


# --------------------------------------------------------------------------- CLI


def test_cli_set_get_show_unset(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "set", "name", "Ada Lovelace"]) == 0
    assert capsys.readouterr().out == 'name = "Ada Lovelace"\n'
    assert main(["config", "set", "github", "adalove"]) == 0
    capsys.readouterr()
    assert main(["config", "get", "name"]) == 0
    assert capsys.readouterr().out == "Ada Lovelace\n"
    assert main(["config", "show"]) == 0
    assert capsys.readouterr().out == (
        '[profile]\nname = "Ada Lovelace"\ngithub = "https://github.com/adalove"\n'
    )
    assert main(["config", "unset", "github"]) == 0
    assert capsys.readouterr().out == "github removed\n"
    assert main(["config", "get", "github"]) == 1
    assert capsys.readouterr().out == ""


def test_cli_mistakes_are_one_line_exit_2(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "set", "webiste", "https://x.org"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("roadmap: unknown profile key 'webiste' (did you mean 'website'?)")
    assert err.count("\n") == 1
    assert main(["config", "set", "website", "javascript:alert(1)"]) == 2
    assert "only http and https" in capsys.readouterr().err
    assert not paths.config.exists()


def test_cli_show_without_profile_says_how_to_start(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config"]) == 0
    assert "roadmap config set name" in capsys.readouterr().out
    assert main(["config", "keys"]) == 0
    assert "huggingface" in capsys.readouterr().out


def test_the_tui_tables_are_read_by_the_same_reader_with_their_problems(paths: Paths) -> None:
    from roadmap.config import TuiConfig, load_tui

    assert load_tui(paths) == TuiConfig(None, {}, None)  # no file: the defaults
    paths.ensure_home()
    paths.config.write_text('[tui]\ntheme = 7\n[keymap]\ntoggle = "d,ctrl+d"\nnote = "n m"\n'
                            'undo = 3\n', encoding="utf-8")
    assert load_tui(paths) == TuiConfig(None, {"toggle": "d,ctrl+d"}, (
        f"{paths.config}: [keymap] note, undo: each value must be a key name like \"d\" or "
        "\"ctrl+d\" (several: \"d,ctrl+d\"); ignored"))
    paths.config.write_text('keymap = "d"\n[tui]\ntheme = "nord"\n', encoding="utf-8")
    assert load_tui(paths) == TuiConfig("nord", {}, (
        f"{paths.config}: [keymap] must be a table of binding id = \"key\"; using the default "
        "keys"))
