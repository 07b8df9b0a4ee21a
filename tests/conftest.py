"""Shared fixtures: every test runs against a throwaway home, never the developer's own data."""

from __future__ import annotations

import os
import sysconfig
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import roadmap
from roadmap.paths import Paths

settings.register_profile("default", max_examples=60, derandomize=False)
settings.register_profile("deep", max_examples=1000)
settings.load_profile("default")


def pytest_configure(config: pytest.Config) -> None:
    """In CI the tests must exercise the installed package, not the checkout next to them: a
    wheel missing a data file would otherwise pass every test and crash for a user."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    where = Path(roadmap.__file__).resolve().parent
    sites = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    if where.parent not in sites:
        raise pytest.UsageError(
            f"CI is set, but the tests imported roadmap from {where}, not from the installed "
            f"package in {' or '.join(sorted(map(str, sites)))}; run them from a copy of "
            "tests/ outside the checkout against a non-editable install (see .ci/run)")


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


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the user's time zone (`TZ`) for one test: local dates are theirs, so a test that
    counts them pins the zone; the machine's own comes back afterwards."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()
