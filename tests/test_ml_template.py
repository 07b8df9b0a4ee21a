"""The bundled ML-engineer template as a learner and a posting matcher meet it.

Every milestone names something to show, every skill is practised somewhere, the ids of the
template as it shipped before the content rewrite still lead to an item (a user's ticks carry
over), and the estimates are the articles' durations.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap import catalog, model
from roadmap.catalog.validate import match_key
from roadmap.cli import main
from roadmap.paths import Paths, bundled_templates_dir

OLD_IDS = Path(__file__).parent / "fixtures" / "ml-engineer-ids-2026-12-01.txt"
"""Every item id of templates/ml-engineer.toml on main before the rewrite (issue 13)."""


@pytest.fixture(scope="module")
def roadmap() -> model.Roadmap:
    return catalog.load_template(bundled_templates_dir() / "ml-engineer.toml")


def test_the_bundled_template_passes_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(bundled_templates_dir() / "ml-engineer.toml")]) == 0
    assert capsys.readouterr().out.strip().endswith(
        "(7 steps, 41 milestones, 99 skills, 25 readiness checks)")


def test_every_skill_is_exercised_by_a_milestone_or_readiness_item(
        roadmap: model.Roadmap) -> None:
    used = {skill for item in roadmap.items() for skill in item.skills}
    assert [s for s in roadmap.skill_ids() if s not in used] == []


def test_every_milestone_says_what_to_show(roadmap: model.Roadmap) -> None:
    milestones = [roadmap.item(i) for i in roadmap.milestone_ids()]
    assert [m.id for m in milestones if m is None or not m.evidence.strip()] == []


def test_every_skill_and_readiness_item_has_a_summary(roadmap: model.Roadmap) -> None:
    assert [i.id for i in roadmap.items() if not i.summary.strip()] == []


def test_titles_fit_a_tree_line(roadmap: model.Roadmap) -> None:
    too_long = [i.title for i in roadmap.items() if len(i.title) > 55]
    assert too_long == []


def test_aliases_name_one_skill_each(roadmap: model.Roadmap) -> None:
    owner: dict[str, str] = {}
    for skill_id in roadmap.skill_ids():
        skill = roadmap.item(skill_id)
        assert skill is not None
        for name in (skill.title, *skill.aliases):
            assert owner.setdefault(match_key(name), skill_id) == skill_id, name
    assert roadmap.item("ml-libraries").aliases[:5] == (  # type: ignore[union-attr]
        "machine learning libraries", "ML frameworks", "scikit-learn", "sklearn", "scikit learn")
    assert "Spark" in roadmap.item("apache-spark").aliases  # type: ignore[union-attr]
    assert "R" in roadmap.item("r-language").aliases  # type: ignore[union-attr]


def test_the_estimates_are_the_articles_durations(roadmap: model.Roadmap) -> None:
    assert roadmap.estimate is not None
    assert (roadmap.estimate.min_weeks, roadmap.estimate.max_weeks) == (26, 32)
    estimated = {s.id: (s.estimate.min_weeks, s.estimate.max_weeks)
                 for s in roadmap.steps if s.estimate is not None}
    assert estimated == {"start-with-a-course": (4, 6),
                         "do-an-online-course-or-bootcamp": (26, 26)}


def test_links_not_in_the_articles_are_declared_as_the_projects_own(
        roadmap: model.Roadmap) -> None:
    assert roadmap.source("roadmap-additions") is not None
    with_links = [i for i in roadmap.items() if i.resources]
    assert len(with_links) == 10
    assert all("roadmap-additions" in i.sources for i in with_links)
    assert all(s in {"springboard", "brainstation"} for i in roadmap.items()
               if not i.resources for s in i.sources)


def test_every_id_of_the_previous_template_still_leads_to_an_item(
        roadmap: model.Roadmap) -> None:
    old = OLD_IDS.read_text(encoding="utf-8").split()
    assert len(old) == 166
    assert [i for i in old if roadmap.item(i) is None and roadmap.renamed(i) is None] == []


def test_a_state_ticking_every_previous_id_loses_nothing(
        paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    old = OLD_IDS.read_text(encoding="utf-8").split()
    paths.ensure_home()
    lines = ['schema = 1', 'current = "ml-engineer"', ""]
    for item_id in old:
        lines += [f"[roadmaps.ml-engineer.items.{item_id}]", 'status = "done"',
                  "changed = 2026-11-21T10:00:00Z", f'note = "{item_id}"', ""]
    paths.state.write_text("\n".join(lines), encoding="utf-8")

    assert main(["status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["archived"] == {}
    new = {"try-cloud-ml-platform", "build-content-detector", "complete-bootcamp",
           "keep-to-study-plan"}  # added by the rewrite: the only items not done
    assert {i for i, r in report["items"].items() if r["status"] != "done"} == new
    assert report["progress"] == {"done": 161, "total": 165, "percent": 97,
                                  "in_progress": 0, "skipped": 0}
    # a merge keeps both notes on the surviving item
    assert report["items"]["statistics"]["note"] == "statistics\n\nstatistical-modeling"
    assert report["items"]["choose-learning-path"]["note"] == (
        "choose-learning-path\n\nplan-study-time")
    assert report["items"]["follow-software-engineering-best-practices"]["note"] == (
        "practise-software-engineering-best-practices")
