"""The template keys for later features: a skill's aliases, a milestone's evidence, estimates.

Each is validated like every other key (position, type, one-line text) and reaches the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap import catalog, model
from tests.test_catalog import GOOD, _problems

STEP = 'title = "Step one"'
SKILL = 'id = "python"'
MILESTONE = 'skills = ["python"]'


def with_lines(anchor: str, *lines: str) -> str:
    """GOOD with `lines` added right after the line holding `anchor`."""
    return GOOD.replace(anchor, "\n".join((anchor, *lines)), 1)


def test_the_new_keys_reach_the_model(tmp_path: Path) -> None:
    text = (with_lines('title = "Mini"',
                       'estimate = { min_weeks = 26, max_weeks = 32, basis = "six months" }')
            .replace(STEP, STEP + "\nestimate = { min_weeks = 4, max_weeks = 6 }")
            .replace(MILESTONE, MILESTONE + '\nevidence = "A notebook that runs end to end"')
            .replace(SKILL, SKILL + '\naliases = ["Python 3", "CPython"]'))
    file = tmp_path / "mini.toml"
    file.write_text(text, encoding="utf-8")
    roadmap = catalog.load_template(file)
    assert roadmap.estimate == model.Estimate(26, 32, "six months")
    assert roadmap.steps[0].estimate == model.Estimate(4, 6, "")
    assert roadmap.item("m1").evidence == "A notebook that runs end to end"  # type: ignore[union-attr]
    assert roadmap.item("python").aliases == ("Python 3", "CPython")  # type: ignore[union-attr]


def test_a_table_form_estimate_is_read_too(tmp_path: Path) -> None:
    text = GOOD.replace('[[steps.milestones]]',
                        '[steps.estimate]\nmin_weeks = 2\nmax_weeks = 2\n\n[[steps.milestones]]')
    file = tmp_path / "mini.toml"
    file.write_text(text, encoding="utf-8")
    assert catalog.load_template(file).steps[0].estimate == model.Estimate(2, 2)


def test_without_the_new_keys_everything_is_empty(tmp_path: Path) -> None:
    file = tmp_path / "mini.toml"
    file.write_text(GOOD, encoding="utf-8")
    roadmap = catalog.load_template(file)
    assert roadmap.estimate is None and roadmap.steps[0].estimate is None
    assert roadmap.item("m1").evidence == ""  # type: ignore[union-attr]
    assert roadmap.item("python").aliases == ()  # type: ignore[union-attr]


SECOND_SKILL = '\n[[skill_groups.skills]]\nid = "r"\ntitle = "R language"\n'

BROKEN = [
    # -- aliases
    ("aliases not a list", GOOD.replace(SKILL, SKILL + '\naliases = "py"'),
     ["20:11: 'aliases' in skill 'python' must be an array of strings"]),
    ("alias not a string", GOOD.replace(SKILL, SKILL + '\naliases = ["py", 3]'),
     ["20:11: 'aliases' in skill 'python' must be an array of strings"]),
    ("empty alias", GOOD.replace(SKILL, SKILL + '\naliases = ["py", " "]'),
     ["20:18: alias 2 in skill 'python' is empty"]),
    ("alias with a control character", GOOD.replace(SKILL, SKILL + '\naliases = ["py\\u0007"]'),
     ["20:12: alias 1 in skill 'python' contains control character U+0007"]),
    ("alias listed twice", GOOD.replace(SKILL, SKILL + '\naliases = ["Py 3", "py  3"]'),
     ["20:20: alias 'py  3' in skill 'python' is listed twice"]),
    ("alias repeats the title", GOOD.replace(SKILL, SKILL + '\naliases = ["PYTHON"]'),
     ["20:12: alias 'PYTHON' in skill 'python' repeats its title"]),
    ("alias names another skill", GOOD.replace(SKILL, SKILL + '\naliases = ["py"]')
     + SECOND_SKILL + 'aliases = ["R", "Py", "python"]\n',
     ["26:17: alias 'Py' in skill 'r' is already a name of skill 'python' (line 20)",
      "26:23: alias 'python' in skill 'r' is already a name of skill 'python' (line 21)"]),
    ("aliases on a milestone", GOOD.replace(MILESTONE, MILESTONE + '\naliases = ["x"]'),
     ["13:1: unknown key 'aliases' in milestone 'm1' (allowed: id, title, summary, source, "
      "resources, replaces, skills, evidence)"]),
    # -- evidence
    ("evidence not a string", GOOD.replace(MILESTONE, MILESTONE + '\nevidence = ["a"]'),
     ["13:12: 'evidence' in milestone 'm1' must be a string, not an array"]),
    ("empty evidence", GOOD.replace(MILESTONE, MILESTONE + '\nevidence = "  "'),
     ["13:12: 'evidence' in milestone 'm1' is empty"]),
    ("evidence on two lines", GOOD.replace(MILESTONE, MILESTONE + '\nevidence = "a\\nb"'),
     ["13:12: 'evidence' in milestone 'm1' contains control character U+000A"]),
    ("evidence on a skill", GOOD.replace(SKILL, SKILL + '\nevidence = "x"'),
     ["20:1: unknown key 'evidence' in skill 'python' (allowed: id, title, summary, source, "
      "resources, replaces, aliases)"]),
    # -- estimate
    ("estimate not a table", GOOD.replace(STEP, STEP + "\nestimate = 6"),
     ["8:12: 'estimate' in step 's1' must be a table like { min_weeks = 4, max_weeks = 6 }, "
      "not an integer"]),
    ("estimate min above max", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 6, "
                                             "max_weeks = 4 }"),
     ["8:12: the estimate of step 's1' has min_weeks 6 above max_weeks 4"]),
    ("estimate of zero weeks", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 0, "
                                            "max_weeks = 4 }"),
     ["8:12: 'min_weeks' in the estimate of step 's1' must be at least 1, not 0"]),
    ("estimate in fractions", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 1, "
                                           "max_weeks = 4.5 }"),
     ["8:12: 'max_weeks' in the estimate of step 's1' must be a whole number of weeks, "
      "not a number"]),
    ("estimate missing max", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 4 }"),
     ["8:1: missing required key 'max_weeks' in the estimate of step 's1'"]),
    ("estimate with an unknown key", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 4, "
                                                  "max_weeks = 6, weeks = 5 }"),
     ["8:1: unknown key 'weeks' in the estimate of step 's1' (allowed: min_weeks, max_weeks, "
      "basis)"]),
    ("estimate basis not text", GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 4, "
                                             "max_weeks = 6, basis = 2 }"),
     ["8:12: 'basis' in the estimate of step 's1' must be a string, not an integer"]),
    ("estimate as a table, wrong type", GOOD.replace(
        '[[steps.milestones]]', '[steps.estimate]\nmin_weeks = "4"\nmax_weeks = 6\n\n'
        '[[steps.milestones]]'),
     ["10:13: 'min_weeks' in the estimate of step 's1' must be a whole number of weeks, "
      "not a string"]),
    ("estimate of the template", GOOD.replace('title = "Mini"',
                                              'title = "Mini"\nestimate = { min_weeks = -2, '
                                              'max_weeks = 1 }'),
     ["4:12: 'min_weeks' in the estimate of the template must be at least 1, not -2"]),
    ("estimate on a skill group", GOOD.replace('title = "Languages"', 'title = "Languages"\n'
                                               'estimate = { min_weeks = 1, max_weeks = 2 }'),
     ["17:1: unknown key 'estimate' in skill group 'langs' (allowed: id, title, summary, "
      "skills)"]),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_new_key_is_reported_with_its_position(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    assert _problems(tmp_path, text) == expected


def test_validate_command_reports_a_bad_estimate(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from roadmap.cli import main

    file = tmp_path / "mine.toml"
    file.write_text(GOOD.replace(STEP, STEP + "\nestimate = { min_weeks = 9, max_weeks = 3 }"),
                    encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{file}:8:12: the estimate of step 's1' has min_weeks 9 above max_weeks 3")

