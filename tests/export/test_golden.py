"""Golden files: each format's full output for the fixed sample, compared byte for byte.

After an intended change to an exporter, regenerate them and review the diff:

    ROADMAP_REGEN_GOLDEN=1 python -m pytest tests/export/test_golden.py
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from roadmap import export
from roadmap.config import Profile
from roadmap.model import RoadmapState
from tests.export.sample import STAMP, sample_profile, sample_roadmap, sample_state

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
FILES = {"markdown": "portfolio.md", "html": "portfolio.html", "json": "portfolio.json",
         "json-resume": "portfolio.resume.json"}
REGEN = "ROADMAP_REGEN_GOLDEN" in os.environ


def _regenerating(config: pytest.Config) -> bool:
    """ROADMAP_REGEN_GOLDEN makes the golden tests compare each file with itself, so it is
    honoured only when this file is run on its own, and never in CI: anywhere else it fails."""
    if not REGEN:
        return False
    here = Path(__file__).resolve()
    alone = bool(config.args) and all(
        Path(arg.split("::")[0]).resolve() == here for arg in config.args)
    if os.environ.get("CI") or os.environ.get("ROADMAP_REGEN_GOLDEN") != "1" or not alone:
        pytest.fail("ROADMAP_REGEN_GOLDEN is set: it rewrites the golden files instead of "
                    "checking them. Unset it, or set it to 1 and run only "
                    "tests/export/test_golden.py (never in CI)", pytrace=False)
    return True


def _render(fmt: str, **kwargs: object) -> str:
    return export.render(fmt, sample_roadmap(), sample_state(), sample_profile(),
                         include_notes=True, stamp=STAMP, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_matches_golden_file(fmt: str, pytestconfig: pytest.Config) -> None:
    path = GOLDEN / FILES[fmt]
    text = _render(fmt)
    if _regenerating(pytestconfig):
        path.write_text(text, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} differs; see the module docstring to regenerate"


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_same_data_in_any_order_gives_the_same_text(fmt: str) -> None:
    state = sample_state()
    items = list(state.items.items())
    projects = list(state.projects.items())
    random.Random(7).shuffle(items)
    random.Random(7).shuffle(projects)
    shuffled = RoadmapState(items=dict(items), projects=dict(projects))
    once = export.render(fmt, sample_roadmap(), state, sample_profile())
    again = export.render(fmt, sample_roadmap(), shuffled, sample_profile())
    assert once == again


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_no_timestamp_and_no_notes_unless_asked(fmt: str) -> None:
    text = export.render(fmt, sample_roadmap(), sample_state(), sample_profile())
    assert "2025-03-01" not in text  # the stamp's date
    assert "generated" not in text.lower() and "lastModified" not in text
    assert "ask Sam for a reference" not in text
    assert "fast.ai" not in text
    noted = _render(fmt)
    assert "ask Sam for a reference" in noted
    assert "2025-03-01T09:30:00+00:00" in noted


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_missing_profile_fields_are_left_out(fmt: str) -> None:
    profile = Profile(name="Ada Lovelace")
    text = export.render(fmt, sample_roadmap(), sample_state(), profile)
    for absent in ("London", "ada@", "ada.example", "linkedin", "Aspiring", "mailto",
                   '""', "None", "null"):
        assert absent not in text, absent


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_empty_state_and_profile_still_render(fmt: str) -> None:
    text = export.render(fmt, sample_roadmap(), RoadmapState(), Profile())
    assert text.endswith("\n") and "None" not in text


def test_never_claims_more_than_the_data() -> None:
    """A todo or skipped skill is not listed even when a project names it."""
    state = sample_state()
    churn = state.projects["churn-predictor"]
    state.projects["churn-predictor"] = churn._replace(skills=(*churn.skills, "big-data"))
    text = export.render("markdown", sample_roadmap(), state, sample_profile())
    skills_section = text.split("## Skills", 1)[1].split("## Projects", 1)[0]
    assert "Big data" not in skills_section  # todo: not claimed as a skill
    assert "C++" not in text  # skipped
    assert "Reinforcement learning" not in text  # todo, no project
    assert "- Deep learning *(in progress)*" in skills_section
    assert "- Python — shown in: Customer churn predictor · Kaggle notebooks" in skills_section


def test_unknown_ids_and_unsafe_links_in_projects_are_dropped() -> None:
    state = sample_state()
    state.projects["x"] = state.projects["kaggle-notebooks"]._replace(
        id="x", title="X",
        urls=("javascript:alert(1)", "https://ok.example/", "https://ok.example/"),
        skills=("no-such-skill", "python", "complete-course"),
        milestones=("python", "no-such-milestone", "write-goal"),
    )
    data = export.render("json", sample_roadmap(), state, sample_profile())
    import json

    project = next(p for p in json.loads(data)["projects"] if p["id"] == "x")
    assert project["urls"] == ["https://ok.example/"]
    assert [s["id"] for s in project["skills"]] == ["python"]
    assert [m["id"] for m in project["milestones"]] == ["write-goal"]


def test_projects_are_ordered_like_a_cv() -> None:
    """Ongoing first, then most recently finished, then undated."""
    import json

    data = json.loads(export.render("json", sample_roadmap(), sample_state(), sample_profile()))
    assert [p["id"] for p in data["projects"]] == [
        "taxi-pipeline", "churn-predictor", "kaggle-notebooks"]


def test_unknown_format_is_one_line_with_a_suggestion() -> None:
    from roadmap.errors import RoadmapError

    with pytest.raises(RoadmapError, match=r"unknown export format 'htm' \(did you mean 'html'"):
        export.render("htm", sample_roadmap(), sample_state(), sample_profile())
