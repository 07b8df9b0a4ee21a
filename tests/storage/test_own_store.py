"""Own items (`[roadmaps.R.own.I]`) and item links in state.toml: written, read, edited in
place next to hand edits, and hand-edited mistakes named with file:line:col."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.model import ItemState, Link, OwnItem, Status
from roadmap.paths import Paths
from roadmap.storage import Store, read_state

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
R = "ml-engineer"


def test_own_items_and_links_are_written_readably_and_read_back(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.put_own(rs, OwnItem("pandas", "tools", "Pandas", "DataFrames.",
                                  aliases=("pandas library",), added=NOW), NOW)
        model.add_link(rs, "pandas", Link("https://pandas.pydata.org/docs/", 'The "docs"'),
                       NOW)
        model.add_link(rs, "pandas", Link("https://b.example/"), NOW)
        store.save()
    assert paths.state.read_text(encoding="utf-8").split("\n", 4)[4] == (
        '\n[roadmaps.ml-engineer.own.pandas]\n'
        'parent = "tools"\n'
        'title = "Pandas"\n'
        'summary = "DataFrames."\n'
        'aliases = ["pandas library"]\n'
        'added = 2026-12-01T10:00:00Z\n'
        '\n[roadmaps.ml-engineer.items.pandas]\n'
        'status = "todo"\n'
        'links = [\n'
        '  { url = "https://pandas.pydata.org/docs/", title = "The \\"docs\\"" },\n'
        '  { url = "https://b.example/" },\n'
        ']\n\n')
    state = read_state(paths)
    assert state.of(R).own == {"pandas": OwnItem("pandas", "tools", "Pandas", "DataFrames.",
                                                  aliases=("pandas library",), added=NOW)}
    assert state.of(R).items["pandas"].links == (
        Link("https://pandas.pydata.org/docs/", 'The "docs"'), Link("https://b.example/"))


HAND = '''schema = 1
current = "ml-engineer"

# my own skills
[roadmaps.ml-engineer.own.docker]
parent = "tools"  # the skills group
title = "Docker"
mine = "a key roadmap does not know"

[roadmaps.ml-engineer.items.docker]
status = "done"
links = ["https://docs.docker.com/"]   # a bare string is a link without a title
'''


def test_saves_edit_own_tables_in_place_keeping_comments_and_unknown_keys(
        paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text(HAND, encoding="utf-8")
    with Store.open(paths) as store:
        rs = store.state.of(R)
        assert rs.items["docker"] == ItemState(Status.DONE,
                                               links=(Link("https://docs.docker.com/"),))
        model.remove_own(rs, "docker", NOW)
        model.put_own(rs, OwnItem("mlops", "tools", "MLOps"), NOW)
        store.save()
        assert store.notices == []
    text = paths.state.read_text(encoding="utf-8")
    assert text == HAND.replace(
        'mine = "a key roadmap does not know"\n',
        'mine = "a key roadmap does not know"\nremoved = 2026-12-01T10:00:00Z\n'
        '\n[roadmaps.ml-engineer.own.mlops]\nparent = "tools"\ntitle = "MLOps"\n')
    assert read_state(paths).of(R).own["docker"].removed == NOW


OWN = "schema = 1\n[roadmaps.ml-engineer.own.x]\n"
ITEM = "schema = 1\n[roadmaps.ml-engineer.items.a]\n"


@pytest.mark.parametrize(("text", "message"), [
    (OWN + 'title = "X"\n', "2:1: own item 'x' needs a 'parent' (the id of its step or group)"),
    (OWN + 'parent = 3\n', "3:10: 'parent' must be a string"),
    (OWN + 'parent = "g"\ntitle = ["X"]\n', "4:9: 'title' must be a string"),
    (OWN + 'parent = "g"\naliases = [1]\n', "4:11: 'aliases' must be a list of strings"),
    (OWN + 'parent = "g"\nadded = "today"\n', "4:9: 'added' must be a date-time"),
    (OWN + 'parent = "g"\nclash_reported = "yes"\n', "4:18: 'clash_reported' must be true or "
                                                   "false"),
    ("schema = 1\n[roadmaps.ml-engineer.own.Bad_Id]\nparent = \"g\"\n",
     "2:1: own item id 'Bad_Id' must be kebab-case (a-z, 0-9 and '-')"),
    ("schema = 1\n[roadmaps.ml-engineer]\nown.x = 3\n",
     "3:9: an own item must be a table (parent, title, summary, ...)"),
    (ITEM + "links = 3\n", "3:9: 'links' must be a list"),
    (ITEM + "links = [3]\n", "3:10: a link must be a table with a 'url' string (and optionally "
                          "a 'title'), or a string"),
    (ITEM + 'links = [{ title = "no url" }]\n', "3:10: a link must be a table with a 'url' "
                                             "string (and optionally a 'title'), or a string"),
    (ITEM + 'links = [{ url = "https://a.example/", title = 2 }]\n',
     "3:10: a link's 'title' must be a string"),
])
def test_hand_edited_mistakes_name_file_line_and_column(paths: Paths, text: str,
                                                        message: str) -> None:
    paths.ensure_home()
    paths.state.write_text(text)
    with pytest.raises(RoadmapError) as caught:
        Store.open(paths)
    assert str(caught.value) == f"{paths.state}:{message}"
    assert paths.state.read_text() == text


def test_a_file_written_before_own_items_reads_with_none(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 1\n[roadmaps.ml-engineer.items.a]\nstatus = "done"\n')
    rs = read_state(paths).of(R)
    assert rs.own == {} and rs.items["a"] == ItemState(Status.DONE)
