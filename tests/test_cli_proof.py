"""`roadmap evidence` and `roadmap gap` as a user or a script runs them."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.paths import Paths
from roadmap.storage import read_state

POSTING = "We need Python, R and SQL.\nExperience with PyTorch, Docker and Kubernetes.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def progress(paths: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    assert run(capsys, "mark", "python", "sql", "statistics", "done")[0] == 0
    assert run(capsys, "mark", "pytorch", "in-progress")[0] == 0
    assert run(capsys, "project", "add", "House prices", "--skill", "python", "--skill",
               "data-cleaning", "--milestone", "build-data-pipeline")[0] == 0
    return paths


def test_evidence_lists_proof_claims_and_open_milestones(
        progress: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evidence")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "Evidence: 1 proven · 2 unproven · 1 in progress · 1 claimed, not ticked · "
        "1 milestones with a project still to do")
    assert "  ✔ Python (python) — House prices" in out
    assert "  ✔ SQL (sql) — unproven: no project shows it" in out
    assert "  ◐ PyTorch (pytorch) — no project yet" in out
    assert "  ○ Data quality and cleaning (data-cleaning) — in House prices" in out
    code, out, _ = run(capsys, "evidence", "--json")
    data = json.loads(out)
    assert data["counts"] == {"proven": 1, "unproven": 2, "in_progress": 1, "claimed": 1,
                              "milestones": 1}
    assert data["milestones"] == [{"id": "build-data-pipeline",
                                   "title": data["milestones"][0]["title"],
                                   "status": "todo", "projects": ["house-prices"]}]


def test_gap_reads_a_file_and_prints_classes_unknown_terms_and_next_steps(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posting = tmp_path / "job.txt"
    posting.write_text(POSTING)
    code, out, err = run(capsys, "gap", str(posting))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{posting}: 2 of 4 skills asked for are done (50%)"
    assert '  Python (python) — House prices  [posting: "Python"]' in lines
    assert '  R language (r-language)  [posting: "R"]' in lines
    assert "Asked for, not on your roadmap: Docker, Kubernetes" in lines
    data = json.loads(run(capsys, "gap", str(posting), "--json")[1])
    assert [(s["id"], s["class"]) for s in data["skills"]] == [
        ("python", "proven"), ("sql", "unproven"), ("pytorch", "in-progress"),
        ("r-language", "todo")]
    assert data["score"] == {"matched": 2, "asked": 4, "percent": 50}
    assert data["unknown"] == ["Docker", "Kubernetes"]
    assert data["suggest"][0]["id"] == "try-deep-learning-frameworks"


def test_hand_edited_titles_never_drive_the_terminal(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.state.write_text(
        'schema = 1\ncurrent = "ml-engineer"\n\n[roadmaps.ml-engineer.items.sql]\n'
        'status = "done"\n\n[roadmaps.ml-engineer.projects.evil]\n'
        'title = "Evil\\u001b[2J\\u202e"\nskills = ["sql", "python"]\n')
    code, out, _ = run(capsys, "evidence")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert "  ✔ SQL (sql) — Evil␛[2J<U+202E>" in out
    job = tmp_path / "job.txt"
    job.write_text("SQL and Python")
    code, out, _ = run(capsys, "gap", str(job))
    assert code == 0 and "\x1b" not in out
    assert '  SQL (sql) — Evil␛[2J<U+202E>  [posting: "SQL"]' in out


def test_gap_reads_standard_input(progress: Paths, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    html = b"<ul><li>Python &amp; SQL</li></ul>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(html)))
    code, out, _ = run(capsys, "gap", "-", "--json")
    assert code == 0 and json.loads(out)["score"] == {"matched": 2, "asked": 2, "percent": 100}


def test_saved_postings_are_kept_listed_rerun_and_removed(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posting = tmp_path / "job.txt"
    posting.write_text(POSTING)
    code, _, err = run(capsys, "gap", str(posting), "--save", "acme-ml")
    assert (code, err) == (0, "roadmap: saved the posting as 'acme-ml'\n")
    saved = read_state(progress).postings["acme-ml"]
    assert saved.text == POSTING and saved.saved is not None
    assert "[postings.acme-ml]" in progress.state.read_text()
    run(capsys, "mark", "r-language", "done")
    code, out, _ = run(capsys, "gap", "--list")
    assert out == f"acme-ml                   75%  3 of 4 skills done  saved {saved.saved}\n"
    assert json.loads(run(capsys, "gap", "--posting", "acme-ml", "--json")[1])["score"] == {
        "matched": 3, "asked": 4, "percent": 75}
    assert run(capsys, "gap", "acme-ml")[1].startswith("acme-ml: 3 of 4")
    assert run(capsys, "gap", "--remove", "acme-ml") == (
        0, "removed saved posting 'acme-ml'\n", "")
    assert read_state(progress).postings == {}
    assert "postings" not in progress.state.read_text()


@pytest.mark.parametrize(("argv", "message"), [
    (["gap", "missing.txt"], "roadmap: missing.txt: no such file, and no saved posting of "
                             "that name\n"),
    (["gap", "--posting", "acme"], "roadmap: no saved posting 'acme'; none saved yet "
                                   "('roadmap gap FILE --save NAME')\n"),
    (["gap", "--remove", "acme"], "roadmap: no saved posting 'acme'; none saved yet "
                                  "('roadmap gap FILE --save NAME')\n"),
    (["gap", "job.txt", "--save", "Acme ML!"],
     "roadmap: posting name 'Acme ML!' is not a name roadmap can keep (kebab-case: a-z, 0-9 "
     "and '-', such as 'acme-ml'); nothing was saved\n"),
    (["gap", "job.txt", "--list"],
     "roadmap: gap: give one of a posting / --list, not several\n"),
    (["gap", "blank.txt"], "roadmap: blank.txt: the posting is empty\n"),
    (["gap", "binary.bin"], "roadmap: binary.bin: is not a text file (it holds NUL bytes); "
                            "give a posting as plain text, Markdown or HTML\n"),
    (["gap", "folder"], "roadmap: folder: is a folder, not a regular file; roadmap reads "
                        "its posting only from a regular file\n"),
])
def test_bad_input_is_one_line_exit_2_and_the_state_is_untouched(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, argv: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "job.txt").write_text(POSTING)
    (tmp_path / "blank.txt").write_text(" \n\n")
    (tmp_path / "binary.bin").write_bytes(b"\x7fELF\x00\x01\x02")
    (tmp_path / "folder").mkdir()
    before = progress.state.read_bytes()
    assert run(capsys, *argv) == (2, "", message)
    assert progress.state.read_bytes() == before


def test_a_named_pipe_is_refused_without_waiting(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "gap", str(fifo))
    assert code == 2 and err == (f"roadmap: {fifo}: is a named pipe (FIFO), not a regular "
                                 "file; roadmap reads its posting only from a regular file\n")


def test_odd_bytes_are_read_as_windows_text_and_terminal_controls_never_print(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posting = tmp_path / "cp1252.txt"
    posting.write_bytes(b"Caf\xe9 team \x93Python\x94 and SQL\n")
    data = json.loads(run(capsys, "gap", str(posting), "--json")[1])
    assert [s["found"] for s in data["skills"]] == [["Python"], ["SQL"]]
    evil = tmp_path / "evil\x1b[2J.txt"
    evil.write_text("Python\n")
    code, out, _ = run(capsys, "gap", str(evil))
    assert code == 0 and "\x1b" not in out and "evil␛[2J.txt: 1 of 1" in out


def test_utf16_postings_with_a_mark_are_read(
        progress: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posting = tmp_path / "utf16.txt"
    posting.write_bytes("Python und SQL".encode("utf-16"))
    data = json.loads(run(capsys, "gap", str(posting), "--json")[1])
    assert data["score"] == {"matched": 2, "asked": 2, "percent": 100}
