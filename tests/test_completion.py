"""Shell completion as a user meets it: bash's own completion function in a real bash.

Each case sets COMP_WORDS/COMP_CWORD as bash does for that command line (bash splits words at
`=`), runs the function `roadmap completion bash` defines, and checks COMPREPLY exactly. The
function calls back into roadmap through a `roadmap` on PATH: a shim running this checkout.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.cli import main

TEMPLATE = Path(__file__).parent / "fixtures" / "tiny.toml"

COMMANDS = ["templates", "validate", "config", "where", "status", "mark", "note", "use",
            "restore-backup", "item", "link", "next", "history", "pace", "target", "project",
            "evidence", "gap", "export", "sync", "merge-driver", "completion", "man"]


@pytest.fixture
def home(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A home using the tiny roadmap, with one project."""
    (isolated_home / "templates").mkdir(parents=True)
    shutil.copy(TEMPLATE, isolated_home / "templates" / "tiny.toml")
    assert main(["use", "tiny"]) == 0
    assert main(["project", "add", "House prices", "--skill", "python"]) == 0
    capsys.readouterr()
    return isolated_home


@pytest.fixture
def shim(tmp_path: Path) -> Path:
    """A folder holding a `roadmap` that runs this checkout with this interpreter."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "roadmap"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m roadmap "$@"\n')
    script.chmod(0o755)
    return folder


def bash_complete(shim: Path, *words: str, cwd: Path | None = None) -> list[str]:
    """COMPREPLY after bash's completion function ran with the cursor on the last word."""
    script = subprocess.run([str(shim / "roadmap"), "completion", "bash"], capture_output=True,
                            text=True, check=True).stdout
    program = (script + f"\nCOMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
               f"COMP_CWORD={len(words) - 1}\n_roadmap\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    env = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], env=env, cwd=cwd,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.splitlines() if result.stdout != "\n" else []


def test_commands_and_their_options(home: Path, shim: Path) -> None:
    assert bash_complete(shim, "roadmap", "") == COMMANDS
    assert bash_complete(shim, "roadmap", "ma") == ["mark", "man"]
    assert bash_complete(shim, "roadmap", "--h") == ["--help", "--home"]
    assert bash_complete(shim, "roadmap", "status", "--") == [
        "--help", "--json", "--ids", "--roadmap"]
    assert bash_complete(shim, "roadmap", "status", "--json", "") == ["-h", "--help", "--ids",
                                                                     "--roadmap"]
    assert bash_complete(shim, "roadmap", "project", "") == ["add", "list", "edit", "remove"]
    assert bash_complete(shim, "roadmap", "completion", "") == ["bash", "zsh", "fish"]


def test_ids_come_from_the_roadmap_in_use(home: Path, shim: Path) -> None:
    assert bash_complete(shim, "roadmap", "mark", "learn-") == ["learn-python", "learn-git"]
    assert bash_complete(shim, "roadmap", "mark", "") == ["learn-python", "learn-git",
                                                          "python", "sql", "apply"]
    # after one item: another item or the status
    assert bash_complete(shim, "roadmap", "mark", "sql", "") == [
        "learn-python", "learn-git", "python", "sql", "apply", "todo", "in-progress", "done",
        "skipped"]
    assert bash_complete(shim, "roadmap", "mark", "sql", "s") == ["sql", "skipped"]
    assert bash_complete(shim, "roadmap", "note", "p") == ["python"]
    assert bash_complete(shim, "roadmap", "project", "edit", "") == ["house-prices"]
    assert bash_complete(shim, "roadmap", "project", "add", "X", "--skill", "") == ["python",
                                                                                  "sql"]
    assert bash_complete(shim, "roadmap", "project", "edit", "house-prices", "--milestone",
                         "") == ["learn-python", "learn-git"]
    assert bash_complete(shim, "roadmap", "use", "") == ["ml-engineer", "tiny"]
    assert bash_complete(shim, "roadmap", "status", "--roadmap", "m") == ["ml-engineer"]


def test_formats_keys_and_values_after_equals(home: Path, shim: Path) -> None:
    assert bash_complete(shim, "roadmap", "export", "-f", "") == [
        "markdown", "html", "json", "json-resume"]
    assert bash_complete(shim, "roadmap", "export", "--format", "=", "j") == ["json",
                                                                             "json-resume"]
    assert bash_complete(shim, "roadmap", "export", "--format", "=") == [
        "=markdown", "=html", "=json", "=json-resume"]  # bash replaces the '=' word itself
    assert bash_complete(shim, "roadmap", "config", "set", "") == [
        "name", "headline", "summary", "location", "email", "website", "github", "linkedin",
        "kaggle", "huggingface", "pace.stale_days"]
    assert bash_complete(shim, "roadmap", "config", "get", "h") == ["headline", "huggingface"]


def test_paths_are_left_to_the_shell(home: Path, shim: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "exports").mkdir(parents=True)
    (work / "cv.html").write_text("")
    assert bash_complete(shim, "roadmap", "export", "-o", "c", cwd=work) == ["cv.html"]
    assert sorted(bash_complete(shim, "roadmap", "validate", "", cwd=work)) == ["cv.html",
                                                                              "exports"]
    assert bash_complete(shim, "roadmap", "--home", "", cwd=work) == ["exports"]


def test_ids_follow_home_given_on_the_line(home: Path, shim: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert main(["--home", str(other), "project", "add", "Chatbot"]) == 0
    assert bash_complete(shim, "roadmap", "--home", str(other), "project", "remove", "") == [
        "chatbot"]
    assert bash_complete(shim, "roadmap", "project", "remove", "") == ["house-prices"]


def test_saved_postings_complete_where_a_posting_name_goes(home: Path, shim: Path,
                                                            tmp_path: Path) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Python")
    assert main(["gap", str(job), "--save", "acme-ml"]) == 0
    assert bash_complete(shim, "roadmap", "gap", "--posting", "") == ["acme-ml"]
    assert bash_complete(shim, "roadmap", "gap", "--remove", "ac") == ["acme-ml"]
    assert bash_complete(shim, "roadmap", "export", "--posting", "") == ["acme-ml"]


def test_a_broken_state_file_completes_nothing_quietly(home: Path, shim: Path) -> None:
    state = home / "state.toml"
    state.write_text("current = [broken", encoding="utf-8")
    before = state.read_bytes()
    assert bash_complete(shim, "roadmap", "mark", "") == []
    assert protocol("bash", "2", "roadmap", "mark", "") == []  # no error text in the shell
    assert bash_complete(shim, "roadmap", "ma") == ["mark", "man"]
    assert state.read_bytes() == before


def protocol(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "roadmap", "__complete", *args],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.splitlines()


def test_zsh_and_fish_get_descriptions(home: Path) -> None:
    """zsh's _describe takes value:description (colons in values escaped); fish value\\tdesc."""
    assert protocol("zsh", "2", "roadmap", "mark", "s") == ["sql:SQL: the query language"]
    assert protocol("fish", "2", "roadmap", "mark", "s") == ["sql\tSQL: the query language"]
    assert protocol("zsh", "1", "roadmap", "wh") == ["where:show where your data lives"]
    assert protocol("fish", "2", "roadmap", "export", "--format=h") == ["--format=html"]
    assert protocol("zsh", "3", "roadmap", "export", "-o", "") == ["::files"]


def test_scripts_for_each_shell() -> None:
    for shell, marks in {"bash": ["complete -F _roadmap roadmap"],
                         "zsh": ["#compdef roadmap", "compdef _roadmap roadmap", "_describe"],
                         "fish": ["complete -c roadmap -f -a '(__roadmap_complete)'"]}.items():
        result = subprocess.run([sys.executable, "-m", "roadmap", "completion", shell],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0
        assert f"roadmap __complete {shell} " in result.stdout
        assert all(mark in result.stdout for mark in marks)
    check = subprocess.run(["bash", "-n"], input=subprocess.run(
        [sys.executable, "-m", "roadmap", "completion", "bash"], capture_output=True, text=True,
        check=True).stdout, capture_output=True, text=True)
    assert (check.returncode, check.stderr) == (0, "")


def test_a_malformed_callback_is_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "roadmap", "__complete", "tcsh", "1"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("roadmap: usage: roadmap __complete bash|zsh|fish INDEX WORD... "
                             "(what the scripts of 'roadmap completion' call)\n")


def test_unknown_shell_is_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "roadmap", "completion", "tcsh"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "invalid choice: 'tcsh'" in result.stderr


def test_ordinary_commands_never_import_completion(home: Path) -> None:
    code = ("import sys, contextlib, io, roadmap.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    roadmap.cli.main(['status', '--json'])\n"
            "print(sorted(m for m in sys.modules if m in ('roadmap.completion', 'roadmap.manpage',"
            " 'roadmap.commands.shell')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "[]\n"
