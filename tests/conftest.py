"""Shared fixtures: every test runs against a throwaway home, never the developer's own data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from roadmap.paths import Paths

settings.register_profile("default", max_examples=60, derandomize=False)
settings.register_profile("deep", max_examples=1000)
settings.load_profile("default")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point ROADMAP_HOME, HOME and the XDG folders into tmp_path for every test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / f".{name.lower()}"))
    roadmap_home = tmp_path / "roadmap-home"
    monkeypatch.setenv("ROADMAP_HOME", str(roadmap_home))
    for name in ("VISUAL", "EDITOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    yield roadmap_home


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    """The isolated roadmap home's paths."""
    return Paths(isolated_home)
