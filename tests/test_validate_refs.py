"""Template validation of sources, readiness checks and references: ids, URLs, positions.

Each case is one small edit of a good template, with the exact problem and where it points.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap import catalog
from tests.test_catalog import GOOD as MINI
from tests.test_catalog import _problems

GOOD = (MINI.replace('title = "Mini"\n', 'title = "Mini"\n\n[[sources]]\nid = "blog"\n'
                    'title = "A blog post"\nurl = "https://example.com/post"\n')
        .replace('title = "Step one"\n', 'title = "Step one"\nsource = "blog"\n')
        .replace('skills = ["python"]\n', 'skills = ["python"]\nsource = ["blog"]\n')
        + '\n[[readiness]]\nid = "ready"\ntitle = "Ready"\n\n[[readiness.items]]\nid = "r1"\n'
        'title = "Check one"\nskills = ["python"]\n')
"""test_catalog's mini template with a source, references to it and a readiness check."""


def test_the_good_template_loads_with_its_sources_and_checks(tmp_path: Path) -> None:
    file = tmp_path / "mini.toml"
    file.write_text(GOOD, encoding="utf-8")
    roadmap = catalog.load_template(file)
    assert [(s.id, s.url) for s in roadmap.sources] == [("blog", "https://example.com/post")]
    assert roadmap.item("m1").sources == ("blog",)  # type: ignore[union-attr]
    assert [c.id for g in roadmap.readiness for c in g.items] == ["r1"]
    assert roadmap.item("r1").skills == ("python",)  # type: ignore[union-attr]


BROKEN = [
    ("source url not http", GOOD.replace('"https://example.com/post"', '"ftp://example.com/p"'),
     ["8:7: 'url' in source 'blog' must be an http(s) URL"]),
    ("source id not kebab", GOOD.replace('id = "blog"', 'id = "Blog"').replace(
        'source = "blog"', 'source = "Blog"').replace('["blog"]', '["Blog"]'),
     ["6:6: id 'Blog' must be kebab-case (a-z, 0-9 and '-')"]),
    ("unknown source", GOOD.replace('source = "blog"', 'source = "blgo"'),
     ["13:10: 'source' names unknown source 'blgo' (declared: blog)"]),
    ("unknown source in a list", GOOD.replace('["blog"]', '["blog", "nope"]'),
     ["19:19: 'source' names unknown source 'nope' (declared: blog)"]),
    ("source of the wrong type", GOOD.replace('source = "blog"', "source = 3"),
     ["13:10: 'source' in step 's1' must be a string or an array of strings"]),
    ("readiness id duplicates a milestone", GOOD.replace('id = "r1"', 'id = "m1"'),
     ["34:6: duplicate id 'm1' (first used on line 16)"]),
    ("readiness group id not kebab", GOOD.replace('id = "ready"', 'id = "Ready!"'),
     ["30:6: id 'Ready!' must be kebab-case (a-z, 0-9 and '-')"]),
    ("readiness check names an unknown skill", GOOD.replace(
        'title = "Check one"\nskills = ["python"]', 'title = "Check one"\nskills = ["pyton"]'),
     ["36:11: 'skills' names unknown skill 'pyton' (did you mean 'python'?)"]),
    ("readiness check without a title", GOOD.replace('title = "Check one"\n', ""),
     ["33:1: missing required key 'title' in readiness item 'r1'"]),
    ("resources: not a table, then a bad url type", GOOD.replace(
        'source = "blog"\n', 'source = "blog"\nresources = ["x", { name = "a", url = 3 }]\n'),
     ["14:14: resource 1 in step 's1' must be a { name, url } table",
      "14:19: 'url' of resource 2 in step 's1' must be a non-empty string"]),
    ("resource name with a newline", GOOD.replace(
        'source = "blog"\n', 'source = "blog"\nresources = [{ name = "a\\nb", url = '
        '"https://x.example/" }]\n'),
     ["14:14: 'name' of resource 1 in step 's1' contains control character U+000A"]),
    ("steps not an array of tables", MINI.split("[[steps]]")[0] + "steps = 3\n",
     ["5:9: 'steps' in the template must be an array of tables ([[steps]])"]),
    ("a milestone without an id is named by its place", GOOD.replace(
        'skills = ["python"]\nsource = ["blog"]\n', 'skills = ["python"]\nsource = ["blog"]\n'
        '\n[[steps.milestones]]\ntitle = "Two"\n'),
     ["21:1: missing required key 'id' in milestone 2"]),
    ("a duplicate key indented on the last line", GOOD + '  title = "Again"',
     ["37:3: TOML syntax error: duplicate key or table: cannot overwrite a value"]),
    ("unknown key in a source", GOOD.replace('title = "A blog post"',
                                             'title = "A blog post"\nyear = 2020'),
     ["8:1: unknown key 'year' in source 'blog' (allowed: id, title, publisher, author, "
      "published, url)"]),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_references_are_reported_with_position(
        tmp_path: Path, text: str, expected: list[str]) -> None:
    assert _problems(tmp_path, text) == expected


def test_a_source_may_share_an_id_with_a_step(tmp_path: Path) -> None:
    """Sources live in their own namespace: `source = "s1"` means the source, not the step."""
    text = GOOD.replace('id = "blog"', 'id = "s1"').replace('"blog"', '"s1"')
    file = tmp_path / "t.toml"
    file.write_text(text, encoding="utf-8")
    assert catalog.load_template(file).item("m1").sources == ("s1",)  # type: ignore[union-attr]


def test_a_step_may_share_the_template_id(tmp_path: Path) -> None:
    """The template's own id is in no namespace of its items: a step called "mini" is fine."""
    file = tmp_path / "t.toml"
    file.write_text(GOOD.replace('id = "s1"', 'id = "mini"'), encoding="utf-8")
    assert [s.id for s in catalog.load_template(file).steps] == ["mini"]
