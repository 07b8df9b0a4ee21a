"""`roadmap where/status/mark/note/use/project/restore-backup` as a user or a script runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import cache, read_state, reading

TINY = textwrap.dedent("""
    schema = 1
    id = "tiny"
    title = "Tiny roadmap"

    [[steps]]
    id = "basics"
    title = "Basics"

    [[steps.milestones]]
    id = "learn-python"
    title = "Learn Python"
    skills = ["python"]

    [[steps.milestones]]
    id = "learn-git"
    title = "Learn Git"

    [[skill_groups]]
    id = "languages"
    title = "Languages"

    [[skill_groups.skills]]
    id = "python"
    title = "Python"

    [[skill_groups.skills]]
    id = "sql"
    title = "SQL"
""")


@pytest.fixture
def tiny(paths: Paths, capsys: pytest.CaptureFixture[str]) -> Paths:
    """A home whose roadmap in use is a small user template, so ids are stable."""
    paths.templates.mkdir(parents=True)
    (paths.templates / "tiny.toml").write_text(TINY)
    assert main(["use", "tiny"]) == 0
    assert capsys.readouterr().out == "now using tiny (Tiny roadmap)\n"
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_where_lists_every_location(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "where")
    h = paths.home
    assert code == 0
    assert out == (f"home       {h}\nstate      {h}/state.toml\nbackup     {h}/state.toml.bak\n"
                   f"lock       {h}/state.lock\ntemplates  {h}/templates\n"
                   f"cache      {Paths.resolve().cache}\n")
    assert Paths.resolve().cache.parent == Path(os.environ["XDG_CACHE_HOME"]) / "roadmap"


def test_mark_and_status_json(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "mark", "learn-python", "python", "done")[1] == (
        "learn-python: todo -> done\npython: todo -> done\n")
    assert run(capsys, "mark", "learn-python", "done")[1] == "learn-python: already done\n"
    run(capsys, "mark", "sql", "skipped")
    run(capsys, "note", "learn-git", "Week 1\n[bold]not markup[/]")
    code, out, _ = run(capsys, "status", "--json")
    data = json.loads(out)
    assert code == 0 and (data["schema"], data["roadmap"]) == (1, "tiny")
    assert data["progress"] == {"done": 2, "total": 3, "percent": 66, "in_progress": 0,
                                "skipped": 1}
    assert data["steps"] == [{
        "id": "basics", "title": "Basics", "status": "in-progress", "done": 1, "total": 2,
        "skipped": 0, "milestones": [
            {"id": "learn-python", "title": "Learn Python", "status": "done"},
            {"id": "learn-git", "title": "Learn Git", "status": "todo"}]}]
    assert data["skill_groups"][0]["skills"][1] == {"id": "sql", "title": "SQL",
                                                    "status": "skipped"}
    assert data["items"]["learn-git"]["note"] == "Week 1\n[bold]not markup[/]"
    assert data["items"]["learn-git"]["status"] == "todo"
    assert data["items"]["python"]["changed"].endswith("Z")
    assert set(data["items"]) == {"learn-python", "learn-git", "python", "sql"}
    assert data["archived"] == {}


def test_status_summary_has_bars(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "mark", "learn-python", "done")
    code, out, _ = run(capsys, "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Tiny roadmap (tiny)"
    assert lines[1] == "Overall      " + "█" * 5 + "░" * 15 + "    1/4    25%"
    assert "  Basics     " + "█" * 10 + "░" * 10 + "    1/2    50%" in lines


def test_unknown_ids_exit_2_and_write_nothing(tiny: Paths,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = tiny.state.read_bytes()
    assert run(capsys, "mark", "learn-python", "learn-pyton", "done") == (
        2, "", "roadmap: unknown item 'learn-pyton' (did you mean 'learn-python'?)\n")
    assert run(capsys, "note", "pyhton", "x")[2] == (
        "roadmap: unknown item 'pyhton' (did you mean 'python'?)\n")
    assert run(capsys, "project", "add", "X", "--skill", "sqll")[2] == (
        "roadmap: unknown skill 'sqll' (did you mean 'sql'?)\n")
    assert run(capsys, "project", "add", "X", "--milestone", "python")[2].startswith(
        "roadmap: unknown milestone 'python'")
    assert run(capsys, "project", "edit", "nope", "--title", "Y")[2] == (
        "roadmap: unknown project 'nope'\n")
    assert run(capsys, "use", "tinyy")[2] == (
        "roadmap: unknown roadmap 'tinyy' (did you mean 'tiny'?)\n")
    with pytest.raises(SystemExit) as caught:
        main(["mark", "learn-python", "finished"])
    assert caught.value.code == 2
    assert "invalid choice: 'finished' (choose from" in capsys.readouterr().err
    assert tiny.state.read_bytes() == before


def test_note_from_stdin_and_clearing(tiny: Paths, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("line one\r\nline two 中文 🚀\r\n".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(capsys, "note", "learn-git")[1] == "learn-git: note saved (22 characters)\n"
    assert read_state(tiny).of("tiny").items["learn-git"].note == "line one\nline two 中文 🚀"
    assert run(capsys, "note", "learn-git", "")[1] == "learn-git: note cleared\n"
    assert "learn-git" not in read_state(tiny).of("tiny").items
    code, _, err = run(capsys, "note", "learn-git", "bad \udcff")
    assert code == 2 and "lone surrogate U+DCFF" in err and "nothing was changed" in err


def test_projects(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "project", "add", "House prices", "--url", "https://github.com/me/hp",
               "--skill", "python", "--milestone", "learn-python", "--started",
               "2026-01-05")[1] == "added project 'house-prices' (House prices)\n"
    assert run(capsys, "project", "add", "House prices")[1] == (
        "added project 'house-prices-2' (House prices)\n")
    assert run(capsys, "project", "edit", "house-prices", "--add-skill", "sql", "--finished",
               "2026-02-01", "--summary", "Predicts prices")[1] == (
        "updated: project 'house-prices'\n")
    assert run(capsys, "project", "edit", "house-prices", "--finished", "2025-01-01")[2] == (
        "roadmap: --finished (2025-01-01) is before --started (2026-01-05)\n")
    assert run(capsys, "project", "add", "Y", "--url", "github.com/me")[2] == (
        "roadmap: --url 'github.com/me' must start with http://, https:// or mailto:\n")
    assert run(capsys, "project", "add", "Y", "--started", "5 Jan")[2] == (
        "roadmap: --started '5 Jan' is not a date; use YYYY-MM-DD\n")
    assert run(capsys, "project", "remove", "house-prices-2")[1] == (
        "removed project 'house-prices-2' (House prices)\n")
    listing = json.loads(run(capsys, "project", "list", "--json")[1])
    assert listing == {"schema": 1, "roadmap": "tiny", "projects": [{
        "id": "house-prices", "title": "House prices", "urls": ["https://github.com/me/hp"],
        "summary": "Predicts prices", "notes": "", "skills": ["python", "sql"],
        "milestones": ["learn-python"], "started": "2026-01-05", "finished": "2026-02-01"}]}
    assert run(capsys, "project", "list")[1] == (
        "house-prices  House prices  [2026-01-05 - 2026-02-01]\n"
        "    https://github.com/me/hp\n    skills: python, sql\n    milestones: learn-python\n")


def test_writer_is_refused_while_another_holds_the_lock(
        tiny: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_LOCK_WAIT", "0.3")
    holder = subprocess.Popen(
        [sys.executable, "-c", "from roadmap.paths import Paths; from roadmap.storage import Store;"
         "s = Store.open(Paths.resolve()); print('locked', flush=True); import time;"
         "time.sleep(60)"], stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert run(capsys, "mark", "learn-git", "done") == (
            2, "", f"roadmap: another roadmap is using this data (it holds the lock "
                   f"{tiny.lock}) (waited 0.3 s); close it and try again\n")
        code, out, _ = run(capsys, "status", "--json")  # readers need no lock
        assert code == 0 and json.loads(out)["roadmap"] == "tiny"
    finally:
        holder.kill()
        holder.wait()


def test_corrupt_file_then_restore_backup(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "mark", "learn-python", "done")
    run(capsys, "mark", "learn-git", "done")
    tiny.state.write_text("schema = 1\ncurrent = \n")
    code, _, err = run(capsys, "status")
    assert code == 2 and "is not valid TOML" in err and "state.toml.bak holds" in err
    code, _, err = run(capsys, "mark", "sql", "done")
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2
    assert "It was moved to" in lines[0] and "'roadmap restore-backup'" in lines[0]
    pending = (f"roadmap: nothing was changed: state.toml is missing and {tiny.backup} holds "
               "your last saved progress; run 'roadmap restore-backup' to put it back, or "
               "'roadmap restore-backup --set-aside' to keep it under another name and start "
               "afresh")
    assert lines[1] == pending
    backup = tiny.backup.read_bytes()
    for _ in range(3):  # until the user chooses, no command may replace the last good copy
        assert run(capsys, "mark", "sql", "done") == (2, "", pending + "\n")
    assert not tiny.state.exists() and tiny.backup.read_bytes() == backup
    assert run(capsys, "restore-backup")[1] == f"restored {tiny.state} from {tiny.backup}\n"
    state = read_state(tiny)
    assert state.current == "tiny" and state.of("tiny").status("learn-python").value == "done"


def test_json_is_plain_utf8_for_scripts(tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "note", "python", "机器学习 \x1b[31m")
    out = run(capsys, "status", "--json")[1]
    assert "机器学习" in out and "\\u001b[31m" in out


def test_home_is_created_private(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "fresh" / "home"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "tiny.toml").write_text(TINY)
    home.chmod(0o755)
    assert main(["--home", str(home), "use", "tiny"]) == 0
    assert (home / "state.toml").stat().st_mode & 0o777 == 0o600


def test_project_edit_keeps_working_after_the_template_drops_a_milestone(
    tiny: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "project", "add", "CLI tool", "--milestone", "learn-git")[0] == 0
    (tiny.templates / "tiny.toml").write_text(TINY.replace('id = "learn-git"', 'id = "use-git"'))
    code, out, _ = run(capsys, "project", "edit", "cli-tool", "--title", "CLI tool v2")
    assert (code, out) == (0, "updated: project 'cli-tool'\n")
    project = read_state(tiny).of("tiny").projects["cli-tool"]
    assert (project.title, project.milestones) == ("CLI tool v2", ("learn-git",))
    code, _, err = run(capsys, "project", "edit", "cli-tool", "--add-milestone", "learn-gti")
    assert (code, err) == (2, "roadmap: unknown milestone 'learn-gti' (did you mean "
                              "'learn-python'?)\n")


def test_a_writing_command_leaves_the_cache_current(tiny: Paths,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """So the app started after `roadmap mark` does not parse the whole file again."""

    assert run(capsys, "mark", "python", "done")[0] == 0
    raw = tiny.state.read_bytes()
    cached = cache.load(Paths.resolve().cache, "state", str(tiny.state), raw)
    assert cached is not None
    text, data = reading.parse(raw, tiny.state)
    assert cached == (reading.to_state(text, str(tiny.state), data), True)  # a real parse
    assert cached[0].of("tiny").status("python") is Status.DONE


def test_status_lines_up_bars_after_wide_titles(paths: Paths,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Titles in Japanese take two columns a character: the bars still start in one column."""
    paths.templates.mkdir(parents=True)
    (paths.templates / "tiny.toml").write_text(
        TINY.replace('title = "Basics"', 'title = "基礎"')
        .replace('title = "Languages"', 'title = "プログラミング言語"'))
    assert main(["use", "tiny"]) == 0
    capsys.readouterr()
    out = run(capsys, "status")[1].splitlines()
    bar = "░" * 20 + "    0/2     0%"
    assert out[3:8] == ["Roadmap" + " " * 15 + bar, "  基礎" + " " * 16 + bar, "",
                        "Skills" + " " * 16 + bar, "  プログラミング言語  " + bar]  # 20 columns
