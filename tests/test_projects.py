"""The one project check: the command line and the project form accept and refuse the same."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from roadmap import catalog
from roadmap.application.projects import ProjectError, build_project, split_links
from roadmap.cli import main
from roadmap.model import Project
from roadmap.paths import Paths
from roadmap.storage import read_state
from roadmap.tui.screens.project_form import form_project

TINY = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def tiny(paths: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    paths.templates.mkdir(parents=True)
    shutil.copy(TINY, paths.templates / "tiny.toml")
    assert main(["use", "tiny"]) == 0
    capsys.readouterr()
    return paths


class Case(NamedTuple):
    title: str
    urls: list[str]  # one --url each; one per line in the form
    accepted: bool
    skills: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    started: str = ""
    finished: str = ""


CASES = [
    Case("House prices", ["https://github.com/me/hp", "mailto:me@example.com"], True,
         ("python",), ("learn-python",), "2026-01-05", "2026-02-01"),
    Case("Mail only", ["mailto:me@example.com"], True),
    Case("No host", ["http://"], False),
    Case("Bare domain", ["github.com/me"], False),
    Case("Ftp", ["ftp://example.org/x"], False),
    Case("User info", ["https://github.com@evil.example/"], False),
    Case("Two in one", ["https://a.example, https://b.example"], True),
    Case("Map", ["https://maps.example/@52.5,13.4,15z"], True),
    Case("Basic date", [], False, started="20260105"),
    Case("Week date", [], False, started="2026-W01-1"),
    Case("Bad day", [], False, started="2026-02-30"),
    Case("Backwards", [], False, started="2026-03-01", finished="2026-02-01"),
    Case("Same day", [], True, started="2026-03-01", finished="2026-03-01"),
    Case("Finishes later", [], False, started="2026-03-01", finished="2999-01-01"),
    Case("Unknown skill", [], False, skills=("sqll",)),
    Case("Unknown milestone", [], False, milestones=("python",)),
    Case("   ", [], False),
    Case("Tab\there", [], False),
    Case("x" * 200, [], True),
    Case("x" * 201, [], False),
]


def _cli(capsys: pytest.CaptureFixture[str], case: Case) -> tuple[int, str]:
    argv = ["project", "add", case.title, "--started", case.started, "--finished",
            case.finished]
    for flag, values in (("--url", case.urls), ("--skill", case.skills),
                         ("--milestone", case.milestones)):
        for value in values:
            argv += [flag, value]
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("case", CASES, ids=[c.title[:20] for c in CASES])
def test_the_command_line_and_the_form_agree(tiny: Paths, capsys: pytest.CaptureFixture[str],
                                             case: Case) -> None:
    roadmap = catalog.load_roadmap(tiny, "tiny")
    taken = set(read_state(tiny).of("tiny").projects)
    fields = {"title": case.title, "urls": "\n".join(case.urls), "started": case.started,
              "finished": case.finished}
    try:
        from_form: Project | None = form_project(roadmap, None, taken, fields, case.skills,
                                                 case.milestones)
    except ProjectError:
        from_form = None
    code, err = _cli(capsys, case)
    added = set(read_state(tiny).of("tiny").projects) - taken
    assert (from_form is not None) is case.accepted
    if from_form is None:
        assert (code, added) == (2, set()), err
        assert err.startswith("roadmap: ") and err.count("\n") == 1
    else:
        assert (code, err) == (0, "")
        assert [read_state(tiny).of("tiny").projects[i] for i in added] == [from_form]


def test_the_changed_outcomes_exactly() -> None:
    roadmap = catalog.load_roadmap(Paths(Path("/nonexistent")), "ml-engineer")

    def build(**values: object) -> Project:
        return build_project(roadmap, {"demo"}, None, title="Demo", **values)  # type: ignore[arg-type]

    assert build().id == "demo-2"
    assert build(urls=["https://a.example, mailto:me@b.example"]).urls == (
        "https://a.example", "mailto:me@b.example")
    with pytest.raises(ProjectError) as caught:
        build(started="20260105", finished="2026-W01-1", urls="http://")
    assert caught.value.problems == [
        ("urls", "urls 'http://' has no host"),
        ("started", "started '20260105' is not a date; use YYYY-MM-DD"),
        ("finished", "finished '2026-W01-1' is not a date; use YYYY-MM-DD")]
    assert str(caught.value) == "urls 'http://' has no host"
    assert caught.value.field == "urls"


def test_an_edit_never_rechecks_what_the_project_already_had() -> None:
    roadmap = catalog.load_roadmap(Paths(Path("/nonexistent")), "ml-engineer")
    old = Project("old", "Old", urls=("javascript:alert(1)",), skills=("gone-skill",),
                  milestones=("gone-milestone",), started=date(2024, 1, 1))
    kept = build_project(roadmap, {"old"}, old, title="New", urls=old.urls, skills=old.skills,
                         milestones=old.milestones, started=old.started)
    assert kept == old._replace(title="New")
    with pytest.raises(ProjectError, match=r"^unknown skill 'gone-skil'"):
        build_project(roadmap, {"old"}, old, title="New", skills=["gone-skil"])
    with pytest.raises(ProjectError, match=r"^urls 'javascript:alert\(2\)' must start with"):
        build_project(roadmap, {"old"}, old, title="New", urls=["javascript:alert(2)"])


def test_a_given_id_must_be_kebab_case_and_free() -> None:
    roadmap = catalog.load_roadmap(Paths(Path("/nonexistent")), "ml-engineer")
    labels = {"id": "--id"}
    assert build_project(roadmap, {"a"}, None, title="T", project_id="my-id").id == "my-id"
    with pytest.raises(ProjectError, match=r"^--id must be kebab-case like 'house-prices' "
                                           r"\(got 'My id'\)$"):
        build_project(roadmap, set(), None, title="T", project_id="My id", labels=labels)
    with pytest.raises(ProjectError, match=r"^a project with id 'a' already exists$"):
        build_project(roadmap, {"a"}, None, title="T", project_id="a", labels=labels)


def test_links_split_on_lines_and_on_commas_before_a_scheme() -> None:
    assert split_links(" https://a.example ,\nhttps://b.example\n\nhttps://a.example") == [
        "https://a.example", "https://b.example", "https://a.example"]
    assert split_links("https://m.example/@52.5,13.4,15z,mailto:x@y.example") == [
        "https://m.example/@52.5,13.4,15z", "mailto:x@y.example"]


def test_a_future_start_is_saved_with_a_warning_and_a_future_finish_refused(
        tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "add", "Plan", "--started", "2999-01-05"]) == 0
    out, err = capsys.readouterr()
    assert out == "added project 'plan' (Plan)\n"
    assert err == ("roadmap: project 'Plan' starts in the future (2999-01-05); the export "
                   "shows it as ongoing until then\n")
    before = tiny.state.read_bytes()
    assert main(["project", "edit", "plan", "--finished", "2999-02-01"]) == 2
    assert capsys.readouterr().err == ("roadmap: --finished (2999-02-01) is in the future; "
                                       "leave it empty while the project is ongoing\n")
    assert tiny.state.read_bytes() == before
    roadmap = catalog.load_roadmap(tiny, "tiny")
    assert build_project(roadmap, (), None, title="T", finished="2026-12-02",
                         today=date(2026, 12, 2)).finished == date(2026, 12, 2)
