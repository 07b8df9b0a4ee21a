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
