"""Opening a roadmap for reading, for a change, and for the app: refusals, notices, fallbacks."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap.application.opening import open_app, open_reading, open_writing, reopen
from roadmap.errors import RoadmapError
from roadmap.model import Status, mark
from roadmap.paths import Paths
from roadmap.storage import LockedError, Store

TINY = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def tiny(paths: Paths) -> Paths:
    """A home whose roadmap in use is `tiny`, with `learn-git` done."""
    paths.templates.mkdir(parents=True)
    shutil.copy(TINY, paths.templates / "tiny.toml")
    with open_writing(paths, "tiny") as opened:
        opened.state.current = "tiny"
        mark(opened.rs, "learn-git", Status.DONE, datetime(2026, 11, 21, tzinfo=UTC))
        opened.store.save()
    return paths


def files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file() and p.suffix != ".lock"}


def test_a_change_waits_for_a_backup_to_be_restored(tiny: Paths) -> None:
    tiny.state.rename(tiny.backup)
    before = files(tiny.home)
    said: list[str] = []
    with pytest.raises(RoadmapError) as caught, open_writing(tiny, warn=said.append):
        pytest.fail("opened")  # pragma: no cover
    assert str(caught.value) == (
        f"nothing was changed: state.toml is missing and {tiny.backup} holds your last saved "
        "progress; run 'roadmap restore-backup' to put it back, or 'roadmap restore-backup "
        "--set-aside' to keep it under another name and start afresh")
    assert said == []
    assert files(tiny.home) == before
    reading = open_reading(tiny, warn=said.append)  # a reader says where the progress is
    assert said == reading.notices == [
        f"state.toml is missing; {tiny.backup} holds your last saved progress "
        "('roadmap restore-backup' puts it back)"]


def test_an_unreadable_state_is_moved_aside_said_first_then_refused_once(tiny: Paths) -> None:
    tiny.backup.unlink(missing_ok=True)
    tiny.state.write_text("schema = [broken\n")
    said: list[str] = []
    with pytest.raises(RoadmapError, match=r"^nothing was changed; run the command again to "
                                           r"start afresh$"), open_writing(tiny, warn=said.append):
        pytest.fail("opened")  # pragma: no cover
    assert len(said) == 1 and "It was moved to" in said[0]
    assert said[0].endswith("No backup (state.toml.bak) exists, so roadmap starts afresh.")
    with open_writing(tiny, warn=said.append) as opened:  # the second time starts afresh
        assert opened.roadmap.id == "ml-engineer" and opened.rs.items == {}
    assert len(said) == 1


def test_the_roadmap_named_by_use_is_loaded_before_the_lock_is_asked_for(
        tiny: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROADMAP_LOCK_WAIT", "0")
    with Store.open(tiny):  # another roadmap holds the lock
        with pytest.raises(RoadmapError, match=r"^unknown roadmap 'tinyy' \(did you mean "
                                               r"'tiny'\?\)$"), open_writing(tiny, "tinyy"):
            pytest.fail("opened")  # pragma: no cover
        with pytest.raises(LockedError), open_writing(tiny, "tiny"):
            pytest.fail("opened")  # pragma: no cover
        reading = open_reading(tiny)  # readers never need the lock
        assert (reading.roadmap.id, reading.rs.status("learn-git")) == ("tiny", Status.DONE)


def test_the_app_shows_the_default_roadmap_when_the_one_in_use_is_gone(tiny: Paths) -> None:
    (tiny.templates / "tiny.toml").unlink()
    opened = open_app(tiny)
    try:
        assert opened.roadmap.id == "ml-engineer"
        assert opened.state.current == "tiny"  # unchanged until the user picks another
        assert opened.notices == opened.store.notices
        assert len(opened.notices) == 1
        assert opened.notices[0].startswith("unknown roadmap 'tiny'")
        assert opened.notices[0].endswith("; showing the default roadmap")
        assert not opened.store.locked  # the lock waits for the first frame
        assert opened.store.read_only is None
    finally:
        opened.store.close()


def test_reopen_follows_renames_and_falls_back_only_when_asked(tiny: Paths) -> None:
    renamed = TINY.read_text().replace('id = "learn-git"', 'id = "use-git"\nreplaces = '
                                       '["learn-git"]')
    (tiny.templates / "tiny.toml").write_text(renamed)
    opened = open_app(tiny)
    try:
        assert opened.notices == ["'learn-git' is now 'use-git' in the template; your status "
                                  "and note moved with it"]
        assert opened.rs.status("use-git") is Status.DONE
        with pytest.raises(RoadmapError, match="unknown roadmap 'nope'"):
            reopen(tiny, opened.store, "nope")
        again = reopen(tiny, opened.store, "nope", fallback=opened.roadmap)
        assert (again.roadmap, again.notices) == (opened.roadmap, [])  # already followed
    finally:
        opened.store.close()
