"""write_export: atomic, refuses to clobber without force, never touches roadmap's own files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roadmap import export
from roadmap.errors import RoadmapError
from roadmap.paths import Paths


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_writes_a_new_file(paths: Paths, tmp_path: Path, umask: int, mode: int) -> None:
    """A new export gets the mode any new file would (0666 minus the umask, set here)."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "portfolio.md"
    previous = os.umask(umask)
    try:
        export.write_export(target, "# hi\n", force=False, paths=paths)
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"# hi\n"
    assert target.stat().st_mode & 0o777 == mode
    assert [p.name for p in out.iterdir()] == ["portfolio.md"]  # no temp file left behind


def test_refuses_to_overwrite_without_force_and_leaves_file_byte_identical(
    paths: Paths, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "portfolio.md"
    original = b"my hand-edited CV\r\n\x00binary tail\xff"
    target.write_bytes(original)
    os.chmod(target, 0o640)
    before = target.stat()
    with pytest.raises(RoadmapError, match=r"portfolio\.md: already exists; use --force"):
        export.write_export(target, "new", force=False, paths=paths)
    assert target.read_bytes() == original
    after = target.stat()
    assert (after.st_mtime_ns, after.st_ino, after.st_mode) == (
        before.st_mtime_ns, before.st_ino, before.st_mode)
    assert [p.name for p in out.iterdir()] == ["portfolio.md"]  # no temp file left behind


def test_force_overwrites_atomically_and_keeps_permissions(paths: Paths, tmp_path: Path) -> None:
    target = tmp_path / "portfolio.md"
    target.write_text("old")
    os.chmod(target, 0o640)
    export.write_export(target, "new\n", force=True, paths=paths)
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_race_between_check_and_write_does_not_clobber(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that appears after the check is still not overwritten without --force."""
    target = tmp_path / "portfolio.md"
    monkeypatch.setattr(export, "check_target", lambda *a, **k: target.write_text("theirs"))
    with pytest.raises(RoadmapError, match="already exists"):
        export.write_export(target, "ours", force=False, paths=paths)
    assert target.read_text() == "theirs"


@pytest.mark.parametrize("name", ["state", "backup", "lock", "config"])
def test_refuses_roadmaps_own_files(paths: Paths, name: str) -> None:
    paths.ensure_home()
    own: Path = getattr(paths, name)
    own.write_text("precious")
    for force in (False, True):
        with pytest.raises(RoadmapError, match="one of roadmap's own data files"):
            export.write_export(own, "x", force=force, paths=paths)
    assert own.read_text() == "precious"


def test_refuses_own_files_through_a_symlink_or_a_dotted_path(
    paths: Paths, tmp_path: Path
) -> None:
    paths.ensure_home()
    paths.state.write_text("precious")
    link = tmp_path / "innocent.md"
    link.symlink_to(paths.state)
    with pytest.raises(RoadmapError, match="own data files"):
        export.write_export(link, "x", force=True, paths=paths)
    sneaky = paths.home / "templates" / ".." / "state.toml"
    with pytest.raises(RoadmapError, match="own data files"):
        export.write_export(sneaky, "x", force=True, paths=paths)
    assert paths.state.read_text() == "precious"


def test_refuses_folders_and_missing_folders(paths: Paths, tmp_path: Path) -> None:
    with pytest.raises(RoadmapError, match="is a folder"):
        export.write_export(tmp_path, "x", force=True, paths=paths)
    with pytest.raises(RoadmapError, match=r"folder .*nope does not exist"):
        export.write_export(tmp_path / "nope" / "p.md", "x", force=True, paths=paths)


def test_refuses_special_files(paths: Paths, tmp_path: Path) -> None:
    """A pipe (like /dev/null, but ours to lose) is refused even with force, and survives."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(RoadmapError, match="not a regular file"):
        export.write_export(fifo, "x", force=True, paths=paths)
    assert fifo.is_fifo()


def test_format_from_file_name() -> None:
    assert export.format_for_path(Path("cv.md")) == "markdown"
    assert export.format_for_path(Path("CV.HTML")) == "html"
    assert export.format_for_path(Path("me.htm")) == "html"
    assert export.format_for_path(Path("data.json")) == "json"
    assert export.format_for_path(Path("resume.json")) == "json-resume"
    assert export.format_for_path(Path("ada.resume.json")) == "json-resume"
    assert export.format_for_path(Path("notes.txt")) is None
    assert set(export.SUFFIXES) == set(export.FORMATS)
