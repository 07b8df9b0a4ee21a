"""The non-TUI layers must not import textual: scripted commands start fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

LAYERS = ["roadmap.model", "roadmap.catalog", "roadmap.paths", "roadmap.cli"]


@pytest.mark.parametrize("module", LAYERS)
def test_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "False\n"


WARM_START = """
import sys
from roadmap import catalog
from roadmap.paths import Paths
paths = Paths.resolve()
catalog.load_roadmap(paths)  # the first run: parses and fills the cache
for name in [m for m in sys.modules
             if m.startswith(("roadmap.catalog.validate", "roadmap.catalog.format",
                              "roadmap.storage.scan", "tomllib"))]:
    del sys.modules[name]
import roadmap.cli, roadmap.tui.launch
from roadmap.storage import Store
store = Store.open(paths, allow_read_only=True, lock_now=False)
catalog.load_roadmap(paths, store.state.current)
heavy = ("argparse", "tomllib", "filelock", "hashlib", "roadmap.catalog.validate",
         "roadmap.catalog.format", "roadmap.storage.decode", "roadmap.storage.encode",
         "roadmap.storage.sections", "roadmap.storage.document", "roadmap.storage.scan",
         "importlib.util")
print(sorted(m for m in heavy if m in sys.modules))
"""


def test_a_warm_app_start_loads_no_parser_lock_or_argparse() -> None:
    """What the first frame does not need is not imported before it (each is 1-10 ms)."""
    result = subprocess.run([sys.executable, "-c", WARM_START], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "[]\n"


NOT_AT_START = """
import contextlib, io, sys
from roadmap.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["status", "--json"]) == 0
import roadmap.tui.launch
from roadmap.application.opening import open_app
from roadmap.paths import Paths
from roadmap.tui.settings import load_settings
opened = open_app(Paths.resolve())
load_settings(opened.store.paths)
opened.store.close()
print(sorted(m for m in ("roadmap.config", "roadmap.application.projects", "tomlkit")
             if m in sys.modules))
"""


def test_status_and_the_app_start_pay_for_no_profile_or_project_rules() -> None:
    """The project rules and config.toml's reader load when used (a project command, the
    form, a config file), never for `status` or an app start without a config file."""
    result = subprocess.run([sys.executable, "-c", NOT_AT_START], capture_output=True,
                            text=True, check=True)
    assert result.stdout == "[]\n"
