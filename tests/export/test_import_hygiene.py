"""Export and config are used by scripted commands: importing them must not pull in textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module", ["roadmap.export", "roadmap.config", "roadmap.commands.config",
               "roadmap.commands.export"],
)
def test_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'tomlkit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "False False\n"  # tomlkit only loads when config is written
