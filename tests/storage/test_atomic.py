"""Files on disk: free names for kept copies, short writes, file systems without hard links.

Written against mutants that survived the rest of the suite (README, "Test strength").
"""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap import model
from roadmap.application import follow_template as prepare
from roadmap.errors import RoadmapError
from roadmap.paths import Paths
from roadmap.storage import Store, atomic, read_state

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def test_free_name_counts_past_every_taken_name(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "stamp", lambda: "20261121T100000Z")
    assert atomic.free_name(tmp_path, "state.conflict", ".toml") == (
        tmp_path / "state.conflict-20261121T100000Z.toml")
    for name in ("state.conflict-20261121T100000Z.toml", "state.conflict-20261121T100000Z-2.toml"):
        (tmp_path / name).write_text("taken")
    (tmp_path / "state.conflict-20261121T100000Z-3.toml").symlink_to(tmp_path / "nowhere")
    assert atomic.free_name(tmp_path, "state.conflict", ".toml") == (
        tmp_path / "state.conflict-20261121T100000Z-4.toml")


def _no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without hard links (FAT, some network shares): link() says EPERM."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)


def test_no_clobber_write_without_hard_links(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _no_hard_links(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "portfolio.md"
    atomic.atomic_write_text(target, "new\n", overwrite=False, mode=0o640)
    assert target.read_text() == "new\n" and target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(atomic.TargetExists) as info:
        atomic.atomic_write_text(target, "other\n", overwrite=False)
    assert str(info.value) == str(target)
    assert target.read_text() == "new\n"
    assert [p.name for p in out.iterdir()] == ["portfolio.md"]  # no temp file left


def test_no_clobber_write_refuses_a_file_that_appeared(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "portfolio.md"
    target.write_text("theirs")
    with pytest.raises(atomic.TargetExists) as info:
        atomic.atomic_write_text(target, "ours", overwrite=False)
    assert str(info.value) == str(target)
    assert target.read_text() == "theirs"
    assert [p.name for p in out.iterdir()] == ["portfolio.md"]


def test_archived_notice_names_five_and_counts_the_rest() -> None:
    roadmap = model.Roadmap("r", "R", steps=(model.Step("s", "S", items=(
        model.Milestone("kept", "Kept"),)),))
    state = model.UserState()
    for n in range(7):
        model.mark(state.of("r"), f"gone-{n}", model.Status.DONE, NOW)
    assert prepare(roadmap, state) == [
        "7 recorded item(s) are no longer in 'r' and are kept as archived: gone-0, gone-1, "
        "gone-2, gone-3, gone-4 and 2 more"]


def test_short_writes_are_continued_until_every_byte_is_down(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may write less than asked (signals, pipes, some file systems)."""
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:3])))
    target = tmp_path / "state.toml"
    atomic.write_new(target, b"0123456789" * 7, 0o600)
    assert target.read_bytes() == b"0123456789" * 7


def test_saves_without_hard_links_still_keep_the_backup(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where link() is refused the previous file is copied into state.toml.bak instead."""
    _no_hard_links(monkeypatch)
    with Store.open(paths) as store:
        model.mark(store.state.of("ml-engineer"), "a", model.Status.DONE, NOW)
        store.save()
        first = paths.state.read_bytes()
        model.mark(store.state.of("ml-engineer"), "b", model.Status.DONE, NOW)
        store.save()
    assert paths.backup.read_bytes() == first
    assert paths.backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in paths.home.iterdir()) == [
        "state.lock", "state.toml", "state.toml.bak"]


def test_a_file_without_a_preamble_gains_one_when_the_roadmap_changes(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('[roadmaps.ml-engineer.items.a]\nstatus = "done"\n')
    with Store.open(paths) as store:
        store.state.current = "other"
        store.save()
    assert paths.state.read_text() == ('schema = 1\ncurrent = "other"\n'
                                       '[roadmaps.ml-engineer.items.a]\nstatus = "done"\n')


def test_an_unreadable_file_without_a_backup_offers_no_backup(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text("schema = [")
    with pytest.raises(RoadmapError) as info:
        read_state(paths)
    assert str(info.value) == (f"{paths.state} is not valid TOML (Invalid value (at end of "
                               "document)); run 'roadmap' to move it aside and recover")
