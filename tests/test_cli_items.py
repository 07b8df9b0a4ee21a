"""`roadmap item ...` and `roadmap link ...` as a user or a script runs them: exact output,
exit 2 and an untouched file for every mistake, own items everywhere the template's are."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.paths import Paths

TINY = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def tiny(paths: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    paths.templates.mkdir(parents=True)
    shutil.copy(TINY, paths.templates / "tiny.toml")
    assert main(["use", "tiny"]) == 0
    capsys.readouterr()
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_tick_and_see_own_items_in_status(tiny: Paths,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "item", "add", "languages", "Pandas", "--alias", "pandas library",
               "--summary", "DataFrames") == (
        0, "added skill 'pandas' (Pandas) to Languages\n", "")
    assert run(capsys, "item", "add", "basics", "Ship a model", "--skill", "pandas",
               "--id", "ship")[1] == "added milestone 'ship' (Ship a model) to Basics\n"
    assert run(capsys, "item", "add", "ready", "Portfolio site")[1] == (
        "added check 'portfolio-site' (Portfolio site) to Ready\n")
    assert run(capsys, "mark", "pandas", "ship", "done")[1] == (
        "pandas: todo -> done\nship: todo -> done\n")
    data = json.loads(run(capsys, "status", "--json")[1])
    assert data["progress"]["done"] == 2 and data["progress"]["total"] == 8
    assert data["skill_groups"][0]["skills"][-1] == {"id": "pandas", "title": "Pandas",
                                                     "status": "done"}
    assert data["own"] == ["ship", "pandas", "portfolio-site"]
    out = run(capsys, "item", "list")[1]
    assert out == ("pandas  Pandas  (skill in Languages, done)\n"
                   "ship  Ship a model  (milestone in Basics, done)\n"
                   "portfolio-site  Portfolio site  (check in Ready, todo)\n")
    items = json.loads(run(capsys, "item", "list", "--json")[1])["items"]
    assert items[0] | {"added": None} == {
        "id": "pandas", "parent": "languages", "kind": "skill", "title": "Pandas",
        "summary": "DataFrames", "skills": [], "aliases": ["pandas library"],
        "status": "done", "added": None}
    assert items[0]["added"].endswith("Z")
    markdown = run(capsys, "export")[1]
    assert "(2 of 8 items)" in markdown and "### Languages\n\n- Pandas\n" in markdown


def test_edit_and_remove_keep_the_record(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "item", "add", "languages", "Pandas", "--alias", "pd")
    run(capsys, "note", "pandas", "chapter 3")
    assert run(capsys, "item", "edit", "pandas", "--title", "pandas", "--alias", "")[1] == (
        "updated: 'pandas'\n")
    assert run(capsys, "item", "edit", "pandas", "--title", "pandas")[1] == (
        "unchanged: 'pandas'\n")
    assert json.loads(run(capsys, "item", "list", "--json")[1])["items"][0]["aliases"] == []
    assert run(capsys, "item", "remove", "pandas")[1] == (
        "removed 'pandas' (pandas); its status, note and links are kept as archived\n")
    _, out, err = run(capsys, "status", "--json")
    data = json.loads(out)
    assert list(data["archived"]) == ["pandas"]
    assert data["archived"]["pandas"]["note"] == "chapter 3"
    assert data["own"] == [] and "pandas" not in data["items"]
    assert err == ""  # removed on purpose: archived, but not reported at every command
    assert run(capsys, "item", "add", "languages", "Pandas")[1] == (
        "added skill 'pandas-2' (Pandas) to Languages\n")
    assert run(capsys, "item", "add", "languages", "Pandas", "--id", "pandas")[1] == (
        "added skill 'pandas' (Pandas) to Languages; what you recorded on it is back (todo)\n")
    assert json.loads(run(capsys, "status", "--json")[1])["items"]["pandas"]["note"] == (
        "chapter 3")


@pytest.mark.parametrize(("argv", "message"), [
    (["item", "add", "nowhere", "X"], "unknown step or group 'nowhere' (steps and groups: "
                                      "basics, languages, ready)"),
    (["item", "add", "languages", "Bad\x1b[2Jtitle"],
     "title contains a control character (U+001B at position 3); it must be one line of "
     "plain text"),
    (["item", "add", "languages", "x" * 300], "title is 300 characters; the limit is 200 (put "
                                              "the rest in the summary)"),
    (["item", "add", "languages", "Py", "--id", "python"],
     "'python' is already an id in the template 'tiny'; choose another with --id"),
    (["item", "edit", "python", "--title", "P"],
     "'python' comes from the template 'tiny'; only your own items can be edited or removed "
     "(links and notes go on any item)"),
    (["item", "remove", "nope"], "unknown own item 'nope'"),
    (["link", "add", "sql", "ftp://a.example/"], "link 'ftp://a.example/' must start with "
                                                 "http://, https:// or mailto:"),
    (["link", "add", "sqll", "https://a.example/"], "unknown item 'sqll' (did you mean "
                                                    "'sql'?)"),
    (["link", "add", "sql", "https://a.example/", "--title", "a\u202eb"],
     "link title contains a control character (U+202E at position 1); it must be one line "
     "of plain text"),
    (["link", "remove", "sql", "https://a.example/"], "'sql' has no links of yours"),
])
def test_mistakes_are_one_line_exit_2_and_change_nothing(
        tiny: Paths, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    before = tiny.state.read_bytes()
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == f"roadmap: {message}\n".replace("\x1b", "␛").replace("\u202e", "<U+202E>")
    assert tiny.state.read_bytes() == before


def test_links_on_any_item(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "link", "add", "sql", "https://sqlbolt.com/", "--title", "SQLBolt")[1] \
        == "sql: link added: https://sqlbolt.com/\n"
    assert run(capsys, "link", "add", "sql", "https://sqlbolt.com/", "--title", "Bolt")[1] \
        == "sql: link retitled: https://sqlbolt.com/\n"
    assert run(capsys, "link", "add", "sql", "https://sqlbolt.com/", "--title", "Bolt")[1] \
        == "sql: link unchanged: https://sqlbolt.com/\n"
    run(capsys, "link", "add", "learn-git", "mailto:mentor@example.org")
    assert run(capsys, "link", "list")[1] == ("learn-git\n    mailto:mentor@example.org\n"
                                              "sql\n    https://sqlbolt.com/  Bolt\n")
    assert json.loads(run(capsys, "link", "list", "sql", "--json")[1]) == {
        "schema": 1, "roadmap": "tiny",
        "links": {"sql": [{"url": "https://sqlbolt.com/", "title": "Bolt"}]}}
    assert run(capsys, "link", "remove", "sql", "https://sqlbolt.com/")[1] == (
        "sql: link removed: https://sqlbolt.com/\n")
    assert run(capsys, "link", "list", "sql")[1] == (
        "no links yet; add one with 'roadmap link add ITEM URL --title T'\n")
    assert "sql" not in tiny.state.read_text()  # no record left behind by a link alone


def test_own_items_stay_with_their_roadmap_across_a_switch(
        tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "item", "add", "languages", "Pandas")
    run(capsys, "use", "ml-engineer")
    assert run(capsys, "item", "list")[1] == (
        "no items of your own yet; add one with 'roadmap item add PARENT_ID TITLE'\n")
    run(capsys, "use", "tiny")
    assert run(capsys, "item", "list")[1] == "pandas  Pandas  (skill in Languages, todo)\n"


def test_completion_offers_groups_and_own_items(tiny: Paths,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "item", "add", "languages", "Pandas")
    assert main(["__complete", "bash", "3", "roadmap", "item", "add", ""]) == 0
    assert capsys.readouterr().out.split() == ["basics", "languages", "ready"]
    assert main(["__complete", "bash", "3", "roadmap", "item", "remove", ""]) == 0
    assert capsys.readouterr().out.split() == ["pandas"]
    assert main(["__complete", "bash", "3", "roadmap", "link", "add", "pa"]) == 0
    assert capsys.readouterr().out.split() == ["pandas"]


def test_items_and_links_are_named_by_title_too(tiny: Paths,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """As with mark and note: an exact title in any case, and the command says the id."""
    run(capsys, "item", "add", "languages", "Polars DataFrames", "--id", "polars")
    assert run(capsys, "link", "add", "SQL: THE QUERY LANGUAGE", "https://sqlbolt.com/") == (
        0, "sql: link added: https://sqlbolt.com/\n",
        "roadmap: 'SQL: THE QUERY LANGUAGE' is sql\n")
    assert run(capsys, "link", "list", "sql: the query language")[1] == (
        "sql\n    https://sqlbolt.com/\n")
    assert run(capsys, "item", "edit", "polars dataframes", "--title", "Polars") == (
        0, "updated: 'polars'\n", "roadmap: 'polars dataframes' is polars\n")
    assert run(capsys, "item", "remove", "POLARS") == (
        0, "removed 'polars' (Polars)\n", "roadmap: 'POLARS' is polars\n")
    code, out, err = run(capsys, "item", "remove", "Python")  # a template item, not yours
    assert (code, out) == (2, "") and err.startswith("roadmap: unknown own item 'Python'")
