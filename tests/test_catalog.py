"""Template catalog: the bundled roadmap, discovery, and every validation rule with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap import catalog
from roadmap.catalog.validate import TemplateError
from roadmap.paths import Paths, bundled_templates_dir

SEVEN_STEPS = [
    "Start with a course",
    "Understand your end goal",
    "Learn software engineering fundamentals",
    "Learn data science fundamentals",
    "Familiarize yourself with the tools and concepts",
    "Work on real-life projects",
    "Do an online course or bootcamp",
]


def test_every_bundled_template_validates() -> None:
    files = sorted(bundled_templates_dir().glob("*.toml"))
    assert [f.name for f in files] == ["ml-engineer.toml"]
    for file in files:
        roadmap = catalog.load_template(file)
        assert roadmap.id == file.stem


def test_ml_template_has_the_seven_steps_in_seed_order(paths: Paths) -> None:
    roadmap = catalog.load_roadmap(paths, "ml-engineer")
    assert [s.title for s in roadmap.steps] == SEVEN_STEPS
    assert [len(s.milestones) for s in roadmap.steps] == [4, 6, 6, 6, 7, 7, 5]


def test_ml_template_skill_groups_and_seed_tools(paths: Paths) -> None:
    roadmap = catalog.load_roadmap(paths, "ml-engineer")
    assert [g.title for g in roadmap.skill_groups] == [
        "Data skills",
        "Software-engineering skills",
        "Machine-learning skills",
        "Math & statistics",
        "Soft skills",
        "Languages",
        "Tools & platforms",
    ]
    titles = {item.title.lower() for g in roadmap.skill_groups for item in g.items}
    for tool in ("tensorflow", "apache kafka", "matlab", "weka", "keras", "pytorch", "cupy",
                 "tableau", "power bi", "hidden markov models", "bayes nets", "sql", "prolog"):
        assert any(tool in t for t in titles), tool
    assert [g.id for g in roadmap.readiness] == ["job-responsibilities", "successful-traits"]
    for step in roadmap.steps:
        for milestone in step.milestones:
            assert set(milestone.sources) <= {"springboard", "brainstation"}


GOOD = '''schema = 1
id = "mini"
title = "Mini"

[[steps]]
id = "s1"
title = "Step one"

[[steps.milestones]]
id = "m1"
title = "Milestone one"
skills = ["python"]

[[skill_groups]]
id = "langs"
title = "Languages"

[[skill_groups.skills]]
id = "python"
title = "Python"
'''


def _problems(tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "t.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        catalog.load_template(file)
    prefix = f"{file}:"
    return [str(p).removeprefix(prefix) for p in info.value.problems]


def test_good_mini_template_loads(tmp_path: Path) -> None:
    file = tmp_path / "mini.toml"
    file.write_text(GOOD, encoding="utf-8")
    roadmap = catalog.load_template(file)
    assert roadmap.item("m1") is not None
    assert roadmap.item("m1").skills == ("python",)  # type: ignore[union-attr]
    assert roadmap.group_of("python").id == "langs"  # type: ignore[union-attr]


BROKEN = [
    ("syntax", GOOD.replace('title = "Mini"', 'title = "Mini'),
     ["3:14: TOML syntax error: illegal character '\\n'"]),
    ("duplicate key", GOOD.replace('title = "Mini"', 'title = "Mini"\ntitle = "Again"'),
     ["4:1: TOML syntax error: duplicate key or table: cannot overwrite a value"]),
    ("duplicate table", GOOD + '\n[extra]\na = 1\n[extra]\nb = 2\n',
     ["24:1: TOML syntax error: duplicate key or table: cannot declare ('extra',) twice"]),
    ("unknown key", GOOD.replace('id = "m1"', 'id = "m1"\ncolour = "red"'),
     ["11:1: unknown key 'colour' in milestone 'm1' (allowed: id, title, summary, source, "
      "resources, replaces, skills, evidence)"]),
    ("missing required", GOOD.replace('id = "mini"\n', ""),
     ["1:1: missing required key 'id' in the template"]),
    ("missing title in step", GOOD.replace('title = "Step one"\n', ""),
     ["5:1: missing required key 'title' in step 's1'"]),
    ("wrong type", GOOD.replace('title = "Milestone one"', "title = 3"),
     ["11:9: 'title' in milestone 'm1' must be a string, not an integer"]),
    ("skills not a list", GOOD.replace('skills = ["python"]', 'skills = "python"'),
     ["12:10: 'skills' in milestone 'm1' must be an array of strings"]),
    ("duplicate id", GOOD.replace('id = "python"', 'id = "m1"').replace('["python"]', "[]"),
     ["19:6: duplicate id 'm1' (first used on line 10)"]),
    ("unknown skill", GOOD.replace('["python"]', '["pyhton"]'),
     ["12:11: 'skills' names unknown skill 'pyhton' (did you mean 'python'?)"]),
    ("schema", GOOD.replace("schema = 1", "schema = 2"),
     ["1:10: unsupported template schema 2 (this version of roadmap reads schema 1)"]),
    ("empty title", GOOD.replace('title = "Python"', 'title = "  "'),
     ["20:9: 'title' in skill 'python' is empty"]),
    ("control character", GOOD.replace('title = "Python"', 'title = "Py\\u001b[31mthon"'),
     ["20:9: 'title' in skill 'python' contains control character U+001B"]),
    ("not kebab", GOOD.replace('id = "s1"', 'id = "Step_1"'),
     ["6:6: id 'Step_1' must be kebab-case (a-z, 0-9 and '-')"]),
    ("bad resource url", GOOD.replace('title = "Step one"',
                                      'title = "Step one"\nresources = [{ name = "x", url = '
                                      '"javascript:alert(1)" }]'),
     ["8:14: resource url 'javascript:alert(1)' in step 's1' must start with https:// or "
      "http://"]),
    ("replaces a live id", GOOD.replace('id = "m1"', 'id = "m1"\nreplaces = ["s1"]'),
     ["11:13: 'replaces' names 's1', which is still an id in this template"]),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_template_reports_position_and_message(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    assert _problems(tmp_path, text) == expected


def test_all_problems_in_a_file_are_reported_in_order(tmp_path: Path) -> None:
    text = (GOOD.replace('title = "Mini"', "title = 1")
            .replace('["python"]', '["nope"]')
            .replace('title = "Python"', 'title = ""'))
    assert _problems(tmp_path, text) == [
        "3:9: 'title' must be a string, not an integer".replace(
            "'title' must", "'title' in the template must"),
        "12:11: 'skills' names unknown skill 'nope'",
        "20:9: 'title' in skill 'python' is empty",
    ]


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    file = tmp_path / "t.toml"
    file.write_bytes(b'schema = 1\nid = "\xff"\n')
    with pytest.raises(TemplateError) as info:
        catalog.load_template(file)
    assert str(info.value) == f"{file}:2:7: file is not valid UTF-8"


def test_user_template_is_discovered_and_overrides(paths: Paths) -> None:
    paths.templates.mkdir(parents=True)
    (paths.templates / "mini.toml").write_text(GOOD, encoding="utf-8")
    (paths.templates / "broken.toml").write_text("schema = [", encoding="utf-8")
    infos = {i.id: i for i in catalog.discover(paths)}
    assert infos["mini"].origin == "user"
    assert infos["ml-engineer"].origin == "bundled"
    assert infos["broken"].roadmap is None
    assert infos["broken"].error.endswith("broken.toml:1:11: TOML syntax error: invalid value")
    assert catalog.load_roadmap(paths, "mini").title == "Mini"


def test_unknown_roadmap_suggests(paths: Paths) -> None:
    with pytest.raises(catalog.RoadmapError, match=r"unknown roadmap 'ml-enginer' \(did you "
                       r"mean 'ml-engineer'\?\)"):
        catalog.load_roadmap(paths, "ml-enginer")


def test_misnamed_user_template_is_found_by_its_id_and_named_when_asked_by_file(
    paths: Paths,
) -> None:
    paths.templates.mkdir(parents=True)
    (paths.templates / "mine.toml").write_text(GOOD, encoding="utf-8")  # defines id "mini"
    assert catalog.load_roadmap(paths, "mini").title == "Mini"
    with pytest.raises(catalog.RoadmapError) as info:
        catalog.load_roadmap(paths, "mine")
    assert str(info.value) == f"{paths.templates / 'mine.toml'}: defines roadmap 'mini', not 'mine'"
