"""Where roadmap keeps its data and cache: platformdirs' answer, found without importing it on
Linux (see roadmap.paths._xdg_folder), so the two must never disagree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from roadmap.paths import Paths, default_home, user_cache_home

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the fast path is Linux's")

CASES = [
    pytest.param({"XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache"}, id="both set"),
    pytest.param({"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None}, id="unset: HOME"),
    pytest.param({"XDG_DATA_HOME": "", "XDG_CACHE_HOME": ""}, id="empty: HOME"),
    pytest.param({"XDG_DATA_HOME": "rel/data", "XDG_CACHE_HOME": "~/cache"},
                 id="relative: platformdirs decides (its versions differ)"),
    pytest.param({"XDG_DATA_HOME": "   ", "XDG_CACHE_HOME": None}, id="blank: HOME"),
    pytest.param({"XDG_DATA_HOME": "/x/data/", "XDG_CACHE_HOME": "/x//cache/"},
                 id="trailing and double slashes"),
    pytest.param({"XDG_DATA_HOME": "/x/da ta é", "XDG_CACHE_HOME": " /x/cache"},
                 id="spaces and non-ASCII"),
    pytest.param({"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None, "HOME": "/home/ünï/"},
                 id="HOME with a trailing slash"),
    pytest.param({"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None, "HOME": "//"},
                 id="HOME of two slashes"),
    pytest.param({"XDG_DATA_HOME": None, "XDG_CACHE_HOME": None, "HOME": "/"}, id="HOME /"),
]


@pytest.mark.parametrize("env", CASES)
def test_the_data_and_cache_folders_are_platformdirs_own(env: dict[str, str | None],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert str(default_home()) == str(platformdirs.user_data_path("roadmap", appauthor=False))
    assert str(user_cache_home()) == str(platformdirs.user_cache_path("roadmap",
                                                                      appauthor=False))


def test_with_no_usable_home_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative HOME is not guessed at: platformdirs' own rule (the password database)."""
    monkeypatch.setenv("HOME", "relative/home")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_cache_home() == platformdirs.user_cache_path("roadmap", appauthor=False)


def test_the_default_home_and_cache_are_where_the_xdg_variables_say(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ROADMAP_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    paths = Paths.resolve()
    assert (paths.home, paths.cache) == (tmp_path / "d" / "roadmap", tmp_path / "c" / "roadmap")


COMMAND = """
import contextlib, io, sys
from roadmap.cli import main
for argv in (["next", "--json"], ["pace", "--json"], ["status", "--json"]):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(argv) == 0
print(sorted(m for m in ("platformdirs", "dataclasses", "inspect") if m in sys.modules))
"""


def test_a_command_imports_neither_platformdirs_nor_dataclasses() -> None:
    """Each costs ~20 ms of a ~150 ms command (issue 16's speed target). The first run parses
    the template (its checker may use anything); the runs after it read the parse cache."""
    subprocess.run([sys.executable, "-c", COMMAND], capture_output=True, check=True)
    result = subprocess.run([sys.executable, "-c", COMMAND], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "[]\n"
