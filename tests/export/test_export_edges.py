"""Export edge cases the golden files do not reach: defaults, ordering, escapes, own files.

Written against mutants that survived the rest of the suite (README, "Test strength").
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from roadmap import export
from roadmap.config import Profile
from roadmap.errors import RoadmapError
from roadmap.export.markdown import md
from roadmap.model import ItemState, Project, RoadmapState, Status
from roadmap.paths import Paths
from tests.export.sample import sample_profile, sample_roadmap, sample_state


def test_a_profile_without_a_name_is_titled_portfolio() -> None:
    html = export.render("html", sample_roadmap(), RoadmapState(), Profile())
    assert "<h1>Portfolio</h1>" in html
    markdown = export.render("markdown", sample_roadmap(), RoadmapState(), Profile())
    assert markdown.startswith("# Portfolio\n")


def test_a_step_done_without_dates_says_done() -> None:
    """Hand-written records may have no `changed` date: the step is done, with no date."""
    state = RoadmapState(items={m: ItemState(Status.DONE) for m in ("complete-course",
                                                                      "check-math")})
    html = export.render("html", sample_roadmap(), state, Profile())
    assert ('<span class="n">1</span><span>Start with a course</span>'
            '<span class="st done">Done</span>') in html


@pytest.mark.parametrize(("text", "escaped"), [
    ("1. not a list", "1\\. not a list"), ("12) nor this", "12\\) nor this"),
    ("- nor a bullet", "\\- nor a bullet"), ("+ nor this", "\\+ nor this"),
    ("= nor a heading underline", "\\= nor a heading underline"),
    ("# a hash", "\\# a hash"), ("2024 was a year", "2024 was a year"),
])
def test_markdown_block_syntax_at_the_start_of_user_text_is_escaped(
        text: str, escaped: str) -> None:
    assert md(text) == escaped


def _projects(**projects: Project) -> RoadmapState:
    return RoadmapState(projects=projects)


def test_projects_are_ordered_ongoing_then_latest_finished_then_undated() -> None:
    state = _projects(
        old=Project("old", "Old", finished=date(2023, 5, 1)),
        new=Project("new", "New", started=date(2022, 1, 1), finished=date(2024, 2, 1)),
        long=Project("long", "Long running", started=date(2021, 1, 1)),
        recent=Project("recent", "Recent", started=date(2024, 6, 1)),
        b=Project("b", "b undated"), a=Project("a", "A undated"),
    )
    data = json.loads(export.render("json", sample_roadmap(), state, Profile()))
    assert [p["id"] for p in data["projects"]] == ["recent", "long", "new", "old", "a", "b"]


def test_json_resume_uses_a_plain_http_link_as_the_project_url() -> None:
    state = _projects(p=Project("p", "P", ("http://plain.example/", "https://s.example/")))
    data = json.loads(export.render("json-resume", sample_roadmap(), state, Profile()))
    assert data["projects"][0]["url"] == "http://plain.example/"
    assert data["projects"][0]["highlights"] == ["Also at https://s.example/"]


def test_trailing_spaces_on_each_line_of_a_text_are_dropped() -> None:
    state = sample_state()
    churn = state.projects["churn-predictor"]
    state.projects["churn-predictor"] = churn._replace(summary="\n\nfirst  \nsecond\t\n\n")
    data = json.loads(export.render("json", sample_roadmap(), state, sample_profile()))
    churn_out = next(p for p in data["projects"] if p["id"] == "churn-predictor")
    assert churn_out["summary"] == "first\nsecond"


def test_format_from_the_long_markdown_suffix() -> None:
    assert export.format_for_path(Path("cv.markdown")) == "markdown"
    assert export.format_for_path(Path("CV.MARKDOWN")) == "markdown"


@pytest.mark.parametrize("name", ["state.toml.corrupt-20261121T100000Z", "state.conflict-1.toml",
                                  "config.toml.old", "templates/mine.toml"])
def test_exports_never_replace_roadmaps_other_files(paths: Paths, name: str) -> None:
    paths.ensure_home()
    paths.templates.mkdir(exist_ok=True)
    target = paths.home / name
    target.write_text("precious")
    with pytest.raises(RoadmapError, match="one of roadmap's own data files"):
        export.write_export(target, "x", force=True, paths=paths)
    assert target.read_text() == "precious"


def test_a_toml_export_outside_the_templates_folder_is_allowed(paths: Paths,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    export.write_export(target, "x = 1\n", force=False, paths=paths)
    assert target.read_text() == "x = 1\n"
