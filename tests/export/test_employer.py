"""`export --for employer`: projects first, skills with their evidence, nothing roadmap-ish;
a posting puts what it asks for first; every format escapes user text as the default does.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from roadmap import export
from roadmap.cli import main
from roadmap.paths import Paths
from tests.export.sample import STAMP, sample_profile, sample_roadmap, sample_state
from tests.export.test_golden import GOLDEN
from tests.export.test_hostile import SCHEMA_FIXTURE, _Collector, hostile_inputs

FILES = {"markdown": "employer.md", "html": "employer.html", "json": "employer.json",
         "json-resume": "employer.resume.json"}
POSTING = "We want strong SQL and data pipelines; Python is a must."


def _render(fmt: str, posting: str | None = POSTING, **kwargs: object) -> str:
    return export.render(fmt, sample_roadmap(), sample_state(), sample_profile(),
                         audience="employer", posting=posting, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_matches_golden_file(fmt: str) -> None:
    path = GOLDEN / FILES[fmt]
    text = _render(fmt, include_notes=True, stamp=STAMP)
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; after an intended change, rewrite it with this module's "
        "_render(fmt, include_notes=True, stamp=STAMP) and review the diff")


def test_projects_come_first_and_nothing_speaks_of_the_roadmap() -> None:
    text = _render("markdown", posting=None)
    assert text.index("## Projects") < text.index("## Skills") < text.index("## Training")
    for roadmap_words in ("Roadmap progress", "%", "milestone", "Not started",
                          "Write down what you want",  # a milestone's title
                          "Do an online course or bootcamp",  # a step not started
                          "Job readiness", "Tracked with roadmap"):
        assert roadmap_words not in text, roadmap_words
    assert "- Learn software engineering fundamentals — completed 2024-04-02" in text
    assert "- Understand your end goal — in progress" in text
    data = json.loads(_render("json", posting=None))
    assert list(data) == ["schema", "for", "profile", "projects", "skills", "training"]
    assert data["for"] == "employer"
    assert all("milestones" not in p for p in data["projects"])


def test_a_posting_orders_skills_and_projects_by_what_it_asks_for() -> None:
    plain = json.loads(_render("json", posting=None))
    asked = json.loads(_render("json"))
    assert [p["id"] for p in plain["projects"]] == [
        "taxi-pipeline", "churn-predictor", "kaggle-notebooks"]
    # taxi-pipeline shows SQL and data pipelines, churn-predictor and kaggle Python only
    assert [p["id"] for p in asked["projects"]] == [
        "taxi-pipeline", "churn-predictor", "kaggle-notebooks"]
    assert [g["id"] for g in plain["skills"]] == [
        "data-skills", "machine-learning-skills", "languages"]
    assert [g["id"] for g in asked["skills"]] == [
        "data-skills", "languages", "machine-learning-skills"]
    assert [s["id"] for s in asked["skills"][0]["skills"]] == [
        "sql", "data-cleaning", "data-pipelines"]  # the posting's "data pipelines" is no name here
    only_python = json.loads(_render("json", posting="Python only"))
    assert [p["id"] for p in only_python["projects"]] == [
        "churn-predictor", "kaggle-notebooks", "taxi-pipeline"]


def test_hostile_text_stays_text_in_every_format() -> None:
    state, profile = hostile_inputs()

    def render(fmt: str) -> str:
        return export.render(fmt, sample_roadmap(), state, profile, include_notes=True,
                             audience="employer", posting="<script>Python</script> SQL")

    for fmt in export.FORMATS:
        text = render(fmt)
        assert not any(ord(c) < 32 and c != "\n" for c in text), fmt
        assert "\u202e" not in text and "\\u001b" not in text, fmt
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(
        render("markdown"))
    for tag in ("<script", "<img", "<pre", "<code", "<blockquote", "<h4", "<em>bold"):
        assert tag not in html, tag
    parsed = _Collector()
    parsed.feed(render("html"))
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and names.count("style") == 1
    for _, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on")
            if name == "href":
                assert value is not None and value.startswith(("https://", "mailto:"))
    assert "<script>alert('name')</script>" in "".join(parsed.text)
    schema = json.loads(SCHEMA_FIXTURE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(render("json-resume")))


def test_json_resume_keywords_come_from_the_evidence() -> None:
    data = json.loads(_render("json-resume", posting=None))
    assert data["skills"][0] == {"name": "Data skills", "keywords": [
        "Data quality and cleaning", "Reliable, reproducible data pipelines", "SQL"]}
    churn = next(p for p in data["projects"] if p["name"] == "Customer churn predictor")
    assert churn["keywords"] == ["Classification", "Data quality and cleaning", "Python",
                                 "Deploying models to production"]
    assert "highlights" not in churn or not any(
        "milestone" in h.lower() or "Prototype an ML system" in h for h in churn["highlights"])


def test_the_default_export_is_unchanged_by_the_new_options() -> None:
    for fmt in export.FORMATS:
        assert export.render(fmt, sample_roadmap(), sample_state(), sample_profile()) == (
            export.render(fmt, sample_roadmap(), sample_state(), sample_profile(),
                          audience="portfolio", posting=POSTING))


def test_cli_employer_export_with_a_saved_posting_or_a_file(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mark", "python", "sql", "done"]) == 0
    assert main(["project", "add", "Taxi", "--skill", "sql"]) == 0
    assert main(["project", "add", "Notebooks", "--skill", "python"]) == 0
    job = tmp_path / "job.txt"
    job.write_text("Python please")
    assert main(["gap", str(job), "--save", "py-job", "--json"]) == 0
    capsys.readouterr()
    assert main(["export", "--for", "employer", "-f", "json", "--posting", "py-job"]) == 0
    by_name = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in by_name["projects"]] == ["notebooks", "taxi"]
    assert main(["export", "--for", "employer", "-f", "json", "--posting", str(job)]) == 0
    assert json.loads(capsys.readouterr().out) == by_name
    assert main(["export", "--posting", "py-job"]) == 2
    assert capsys.readouterr().err == (
        "roadmap: export: --posting orders the employer export; add --for employer\n")
    assert main(["export", "--for", "employer", "--posting", "py-jbo"]) == 2
    assert capsys.readouterr().err == ("roadmap: py-jbo: no such file, and no saved posting "
                                       "of that name (did you mean 'py-job'?)\n")
