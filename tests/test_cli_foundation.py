"""The command line as a user meets it: real processes, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from roadmap import __version__
from roadmap.paths import bundled_templates_dir


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"roadmap {__version__}\n")


def test_templates_lists_the_bundled_roadmap() -> None:
    result = run("templates")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("ml-engineer  Machine learning engineer  (7 steps, ")
    assert "[bundled]" in first and first.endswith("ml-engineer.toml")


def test_validate_good_and_bad(tmp_path: Path) -> None:
    good = bundled_templates_dir() / "ml-engineer.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nid = "Bad Id"\ntitle = ""\nsteps = []\n', encoding="utf-8")
    before = bad.read_bytes()
    ok = run("validate", str(good))
    assert ok.returncode == 0
    assert ok.stdout.startswith(f"ok: {good} (7 steps, ")
    failed = run("validate", str(good), str(bad))
    assert failed.returncode == 2
    assert failed.stderr.splitlines() == [
        f"{bad}:2:6: id 'Bad Id' must be kebab-case (a-z, 0-9 and '-')",
        f"{bad}:3:9: 'title' in the template is empty",
    ]
    assert "Traceback" not in failed.stderr
    assert bad.read_bytes() == before


def test_validate_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert result.stderr == (f"roadmap: {tmp_path / 'nope.toml'}: cannot read template: "
                             "No such file or directory\n")


def test_unknown_command_is_one_line() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'frobnicate'" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_subcommand_has_help() -> None:
    for command in ("templates", "validate"):
        result = run(command, "--help")
        assert result.returncode == 0 and result.stdout.startswith(f"usage: roadmap {command}")


def test_home_option_and_env(tmp_path: Path) -> None:
    (tmp_path / "mine" / "templates").mkdir(parents=True)
    good = bundled_templates_dir() / "ml-engineer.toml"
    text = good.read_text(encoding="utf-8").replace('id = "ml-engineer"', 'id = "my-path"', 1)
    (tmp_path / "mine" / "templates" / "my-path.toml").write_text(text, encoding="utf-8")
    result = run("--home", str(tmp_path / "mine"), "templates")
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["ml-engineer", "my-path"]
    assert "[user]" in result.stdout.splitlines()[1]
