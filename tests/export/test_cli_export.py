"""`roadmap export` end to end: real state file, real template, the user's view of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.paths import Paths


@pytest.fixture
def progress(paths: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    """A user who ticked a step and some skills, added a project and set a profile."""
    assert main(["mark", "take-prep-course-if-new", "check-math-level",
                 "choose-ml-fundamentals-course", "complete-ml-fundamentals-course",
                 "python", "classification", "done"]) == 0
    assert main(["mark", "deep-learning", "in-progress"]) == 0
    assert main(["project", "add", "Churn predictor", "--url", "https://github.com/ada/churn",
                 "--skill", "classification", "--skill", "python",
                 "--summary", "Predicts churn.", "--notes", "private note",
                 "--started", "2024-06-01", "--finished", "2024-09-30"]) == 0
    assert main(["config", "set", "name", "Ada Lovelace"]) == 0
    capsys.readouterr()
    return paths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_is_markdown_on_stdout_and_stable(
    progress: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("# Ada Lovelace\n")
    assert "| 1 | Start with a course | Done |" in out
    assert "- Python — shown in: Churn predictor" in out
    assert "- Deep learning *(in progress)*" in out
    assert "private note" not in out
    assert _run(capsys)[1] == out  # same data, same bytes


def test_include_notes_and_stamp(progress: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--include-notes", "--stamp", "-f", "json")
    data = json.loads(out)
    assert data["projects"][0]["notes"] == "private note"
    assert data["generated"][:2] == "20"


def test_file_format_follows_the_suffix_and_overwrite_needs_force(
    progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cv.html"
    code, out, err = _run(capsys, "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"wrote html portfolio to {target}\n"
    assert target.read_text().startswith("<!DOCTYPE html>")
    target.write_bytes(b"edited by hand\n")
    code, _, err = _run(capsys, "-o", str(target))
    assert code == 2
    assert err == f"roadmap: {target}: already exists; use --force to overwrite it\n"
    assert target.read_bytes() == b"edited by hand\n"
    assert _run(capsys, "-o", str(target), "--force")[0] == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    resume = tmp_path / "ada.resume.json"
    assert _run(capsys, "-o", str(resume))[0] == 0
    assert "basics" in json.loads(resume.read_text())


def test_state_file_is_refused_and_untouched(
    progress: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    before = progress.state.read_bytes()
    code, _, err = _run(capsys, "-o", str(progress.state), "--force")
    assert code == 2 and "own data files" in err and err.count("\n") == 1
    assert progress.state.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--roadmap", "ml-enginer"], "unknown roadmap 'ml-enginer' (did you mean 'ml-engineer'?)"),
        (["-o", "/nonexistent-folder/x.md"], "folder /nonexistent-folder does not exist"),
    ],
)
def test_mistakes_are_one_line(
    progress: Paths, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_broken_config_or_state_is_one_line(
    progress: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    progress.config.write_text('[profile]\nwebsite = "javascript:alert(1)"\n')
    code, _, err = _run(capsys)
    assert code == 2 and "profile.website" in err and err.count("\n") == 1
    progress.config.unlink()
    progress.state.write_text("not = [toml")
    code, _, err = _run(capsys)
    assert code == 2 and "state.toml" in err and "Traceback" not in err


def test_without_any_data_exports_an_empty_portfolio(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys)
    assert code == 0 and out.startswith("# Portfolio\n")
    assert not paths.state.exists()  # export never creates the state file


def test_schema_option_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--schema")
    assert code == 0 and json.loads(out)["properties"]["schema"] == {"const": 1}


def test_an_unknown_suffix_is_refused_unless_the_format_is_given(
    progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cv.pdf"
    assert _run(capsys, "-o", str(target)) == (
        2, "", f"roadmap: {target}: roadmap cannot write '.pdf' files; name it .md, .html, "
        ".json or .resume.json, or choose the format with -f\n")
    assert not target.exists()
    assert _run(capsys, "-o", str(target), "-f", "html")[0] == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    plain = tmp_path / "portfolio"  # no suffix at all: the default, Markdown
    assert _run(capsys, "-o", str(plain))[0] == 0
    assert plain.read_text().startswith("# Ada Lovelace\n")
