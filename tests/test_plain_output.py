"""Command output is plain text: the same on a terminal as in a pipe, and never coloured.

roadmap's commands draw progress with shapes (█░) and statuses with words, so there is no
colour to turn off: NO_COLOR and a pipe get exactly what a terminal gets. Run on a real
pseudo-terminal, since that is where a colouring library would switch itself on.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.cli import main

COMMANDS = [["status"], ["project", "list"], ["templates"], ["where"], ["config", "show"],
            ["export"], ["completion", "bash"], ["status", "--json"]]


@pytest.fixture
def home(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for argv in (["mark", "take-prep-course-if-new", "done"], ["config", "set", "name", "Ada"],
                 ["project", "add", "House prices", "--url", "https://example.org"]):
        assert main(argv) == 0
    capsys.readouterr()
    return isolated_home


def on_terminal(argv: list[str], env: dict[str, str]) -> str:
    """What the command writes to a pseudo-terminal, with the terminal's \\r\\n undone."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "roadmap", *argv], stdout=follower,
                                   stderr=follower, stdin=subprocess.DEVNULL, env=env)
    finally:
        os.close(follower)
    chunks = []
    try:
        while chunk := os.read(leader, 65536):
            chunks.append(chunk)
    except OSError:  # EIO: the last writer closed the terminal
        pass
    finally:
        os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def in_pipe(argv: list[str], env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-m", "roadmap", *argv], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0
    return result.stdout + result.stderr


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_terminal_pipe_and_no_color_get_the_same_plain_text(home: Path, argv: list[str]) -> None:
    env = dict(os.environ, COLUMNS="80", TERM="xterm-256color")
    piped = in_pipe(argv, env)
    assert piped and "\x1b" not in piped
    assert on_terminal(argv, env) == piped
    assert on_terminal(argv, env | {"NO_COLOR": "1"}) == piped


def test_help_is_plain_under_no_color(home: Path) -> None:
    env = dict(os.environ, COLUMNS="80", TERM="xterm-256color", NO_COLOR="1")
    text = on_terminal(["--help"], env)
    assert text.startswith("usage: roadmap ") and "\x1b" not in text
