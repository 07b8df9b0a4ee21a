"""Regression tests for bugs that lose or expose a user's data, each tried by hand first.

Every test names the deliberate bug (mutation) it was written against: with that bug applied
the test fails, without it the test passes. The numbers follow issue 11.
"""

from __future__ import annotations

import os
import pickle
import stat
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.model import Change, ItemState, Project, Status
from roadmap.paths import Paths
from roadmap.storage import SaveError, Store, atomic, cache, read_state
from roadmap.storage.lock import StateLock

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"


def _saved_twice(paths: Paths) -> tuple[bytes, bytes]:
    """A state file and a backup that differ: (backup bytes, current bytes)."""
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        store.save()
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
    return paths.backup.read_bytes(), paths.state.read_bytes()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- 1: restore


def test_restore_keeps_a_good_current_file_aside(paths: Paths) -> None:
    """Bug 1: `restore_backup` overwriting a good state.toml without keeping it aside."""
    backup, current = _saved_twice(paths)
    with Store.open(paths) as store:
        store.restore_backup()
        assert store.state.of(R).status("b") is Status.TODO
        aside = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.before-restore-")]
        assert [p.read_bytes() for p in aside] == [current]
        assert store.notices == [f"the state file before the restore was kept as {aside[0]}"]
    assert paths.state.read_bytes() == backup
    assert read_state(paths).of(R).status("a") is Status.DONE


# --------------------------------------------------------------------------- 2: splitter


@pytest.mark.parametrize("layout", [
    '[roadmaps.ml-engineer.items.a]\nstatus = "todo"\n[roadmaps.ml-engineer.items.b]\n'
    'status = "todo"\n',
    '[roadmaps.ml-engineer.items.a]\nstatus = "todo"\n# a comment\n'
    '[roadmaps.ml-engineer.items.b]\nstatus = "todo"\n',
    '[roadmaps.ml-engineer.items.a]\n\n\nstatus = "todo"\n\n[roadmaps.ml-engineer.items.b]\n'
    'status = "todo"\n',
], ids=["adjacent", "comment-between", "blank-lines"])
def test_one_key_tables_are_edited_in_place_with_each_key_once(paths: Paths, layout: str) -> None:
    """Bug 2: an off-by-one in `tomlstate.split` (`row += 1` -> `row += 2`) folds the next
    header into a hand-written one-key table: `status` is written twice (the next read moves
    the file aside) or the user's layout is thrown away for the standard one."""
    paths.ensure_home()
    paths.state.write_text("schema = 1\n" + layout)
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        model.mark(store.state.of(R), "b", Status.SKIPPED, NOW)
        store.save()
        assert store.notices == []  # edited in place: no "cannot edit in place", no copy
    stamp = "changed = 2026-11-21T10:00:00Z"
    expected = ("schema = 1\n" + layout
                .replace('status = "todo"', f'status = "done"\n{stamp}', 1)
                .replace('status = "todo"', f'status = "skipped"\n{stamp}', 1)
                + "".join(f'\n[[roadmaps.ml-engineer.history]]\nitem = "{i}"\nfrom = "todo"\n'
                          f'to = "{to}"\nat = 2026-11-21T10:00:00Z\n'
                          for i, to in (("a", "done"), ("b", "skipped"))) + "\n")
    text = paths.state.read_text()
    assert text == expected
    items = tomllib.loads(text)["roadmaps"][R]["items"]  # the whole file parses
    assert items == {"a": {"status": "done", "changed": NOW},
                     "b": {"status": "skipped", "changed": NOW}}
    with Store.open(paths) as store:
        assert store.moved_aside is None and store.notices == []


# --------------------------------------------------------------------------- 3: history


def test_history_trim_keeps_exactly_the_newest_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug 3: trimming with `len + LIMIT` instead of `len - LIMIT` wipes the whole history."""
    monkeypatch.setattr("roadmap.model.state.HISTORY_LIMIT", 4)
    rs = model.RoadmapState()
    expected: list[Change] = []
    for n in range(7):
        at = NOW + timedelta(minutes=n)
        old, new = (Status.DONE, Status.TODO) if n % 2 else (Status.TODO, Status.DONE)
        model.toggle_done(rs, "a", at)
        expected = [*expected, Change("a", old, new, at)][-4:]
        assert rs.history == expected, f"after toggle {n + 1}"


def test_history_trim_is_saved_as_trimmed(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug 3, through the store: the file holds the newest entries after each trimming save."""
    monkeypatch.setattr("roadmap.model.state.HISTORY_LIMIT", 3)
    with Store.open(paths) as store:
        rs = store.state.of(R)
        for n in range(5):
            model.toggle_done(rs, "a", NOW + timedelta(minutes=n))
            store.save()
    history = read_state(paths).of(R).history
    assert [c.at for c in history] == [NOW + timedelta(minutes=n) for n in (2, 3, 4)]
    assert [c.new for c in history] == [Status.DONE, Status.TODO, Status.DONE]


# --------------------------------------------------------------------------- 4: modes


def test_state_and_backup_stay_private_after_many_saves(paths: Paths) -> None:
    """Bug 4: `st_mode & 0o777` -> `|` makes state.toml 0755 (notes world-readable) from the
    second save on; a mode chosen by the user (0640) is kept, never widened."""
    with Store.open(paths) as store:
        for n in range(3):
            model.mark(store.state.of(R), f"i{n}", Status.DONE, NOW)
            store.save()
            assert (_mode(paths.state), n) == (0o600, n)
            if n:
                assert (_mode(paths.backup), n) == (0o600, n)
        paths.state.chmod(0o640)
        model.mark(store.state.of(R), "x", Status.DONE, NOW)
        store.save()
    assert (_mode(paths.state), _mode(paths.backup)) == (0o640, 0o640)


def test_conflict_and_hand_edited_copies_are_private(paths: Paths) -> None:
    """Bug 4: the copies of a user's notes roadmap writes aside are 0600 too."""
    paths.ensure_home()
    paths.state.write_text('schema = 1\n[roadmaps.ml-engineer]\nitems.a = { status = "done" }\n')
    paths.state.chmod(0o644)
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
        kept = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.hand-edited-")]
        assert [_mode(p) for p in kept] == [0o600]
        paths.state.write_text(paths.state.read_text() + "\n# someone else\n")
        model.mark(store.state.of(R), "c", Status.DONE, NOW)
        with pytest.raises(SaveError, match="changed by another program"):
            store.save()
    conflicts = [p for p in paths.home.iterdir() if p.name.startswith("state.conflict-")]
    assert [_mode(p) for p in conflicts] == [0o600]


def test_atomic_write_keeps_an_existing_mode_and_new_files_follow_the_umask(
        tmp_path: Path) -> None:
    """Bug 4, for exports: the mode of a file written over is kept exactly; a new file gets
    0666 minus the umask (set here, not read from whoever runs the tests)."""
    old = tmp_path / "old.md"
    old.write_text("x")
    old.chmod(0o666)  # wider than the umask below would let a new file be
    previous = os.umask(0o022)
    try:
        atomic.atomic_write_text(old, "y")
    finally:
        os.umask(previous)
    assert (_mode(old), old.read_text()) == (0o666, "y")
    for mask, expected in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        previous = os.umask(mask)
        try:
            new = tmp_path / f"new-{mask:o}.md"
            atomic.atomic_write_text(new, "z", overwrite=False)
        finally:
            os.umask(previous)
        assert _mode(new) == expected


# --------------------------------------------------------------------------- 5: cache


def _ran(marker: str) -> str:
    Path(marker).write_text("ran")
    return R


class _Planted:
    """Unpickles by running code (it writes `marker`): what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_ran, (str(self.marker),))


def _plant(paths: Paths, marker: Path) -> Path:
    """A cache entry for the real state bytes whose pickle would run code and lie."""
    raw = paths.state.read_bytes()
    paths.cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry = paths.cache / "state.pickle"
    key = cache._key(str(paths.state), raw)
    lie = model.UserState()
    lie.of(R).items["a"] = ItemState(Status.SKIPPED)
    lie.current = _Planted(marker)  # type: ignore[assignment]
    entry.write_bytes(key + pickle.dumps((lie, True)))
    return entry


@pytest.mark.parametrize("how", ["entry-0666", "folder-0777", "someone-elses"])
def test_a_cache_entry_others_could_have_planted_is_never_unpickled(
        paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Bug 5: with the cache's ownership check deleted, a planted pickle runs code and its
    made-up state replaces the user's (the old test planted the real data)."""
    _saved_twice(paths)
    marker = tmp_path / "pwned"
    entry = _plant(paths, marker)
    entry.chmod(0o666 if how == "entry-0666" else 0o600)
    paths.cache.chmod(0o777 if how == "folder-0777" else 0o700)
    if how == "someone-elses":  # the files belong to another user (as seen by this one)
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 4242)
    state = read_state(paths).of(R)
    assert state.status("a") is Status.DONE and state.status("b") is Status.DONE
    assert not marker.exists()


def test_a_private_entry_is_used(paths: Paths, tmp_path: Path) -> None:
    """The other side of bug 5: the planted entry really is loaded once it is private, so the
    test above fails for the check, not for a broken entry."""
    _saved_twice(paths)
    marker = tmp_path / "ran"
    entry = _plant(paths, marker)
    entry.chmod(0o600)
    paths.cache.chmod(0o700)
    assert read_state(paths).of(R).status("a") is Status.SKIPPED
    assert marker.read_text() == "ran"


# --------------------------------------------------------------------------- 6: lock, close


def _held_elsewhere(paths: Paths) -> StateLock:
    lock = StateLock(paths.lock)
    assert lock.acquire()
    return lock


def test_a_corrupt_file_is_not_moved_while_another_roadmap_holds_the_lock(paths: Paths) -> None:
    """Bug 6: without `take_lock()` before moving a corrupt file aside, an app that opened
    unlocked (the TUI) moves the file away under the process that holds the lock."""
    paths.ensure_home()
    paths.state.write_bytes(b"schema = [\n")
    other = _held_elsewhere(paths)
    try:
        with Store.open(paths, allow_read_only=True, lock_now=False) as store:
            assert store.moved_aside is None
            assert store.read_only is not None and "another roadmap is running" in store.read_only
            assert store.notices[-1].endswith("; showing nothing until it is fixed")
        assert paths.state.read_bytes() == b"schema = [\n"
        assert sorted(p.name for p in paths.home.iterdir()) == ["state.lock", "state.toml"]
    finally:
        other.release()
    with Store.open(paths, allow_read_only=True, lock_now=False) as store:
        assert store.locked and store.moved_aside is not None  # now it may, and holds the lock


def test_restore_is_refused_while_another_roadmap_holds_the_lock(paths: Paths) -> None:
    """Bug 6: `restore_backup` without `take_lock()` replaces the file under another writer."""
    backup, current = _saved_twice(paths)
    with Store.open(paths, allow_read_only=True, lock_now=False) as store:
        other = _held_elsewhere(paths)
        try:
            with pytest.raises(SaveError, match="not restored: another roadmap is running"):
                store.restore_backup()
        finally:
            other.release()
    assert (paths.state.read_bytes(), paths.backup.read_bytes()) == (current, backup)


def test_a_failed_open_releases_the_lock(paths: Paths) -> None:
    """Bug 6: without `close()` when loading fails, the lock stays held by a store nobody
    can reach, and every later open in this process is read-only."""
    paths.ensure_home()
    paths.state.write_text('schema = 1\n[roadmaps.ml-engineer.items.a]\nstatus = "finished"\n')
    with pytest.raises(RoadmapError, match="status must be one of") as failed:
        Store.open(paths)
    lock = StateLock(paths.lock)
    try:  # `failed` keeps the error's frames alive, as a caller that reports it would
        assert lock.acquire(), lock.refused
    finally:
        lock.release()
    assert failed.traceback


# --------------------------------------------------------------------------- 7: renames


def test_renaming_a_skill_rewrites_only_that_skill_in_projects(paths: Paths) -> None:
    """Bug 7: `==` -> `!=` in `follow_renames` replaces every *other* skill of a project."""
    items = (model.Skill("pytorch", "PyTorch", replaces=("torch",)), model.Skill("sql", "SQL"),
             model.Skill("python", "Python"))
    roadmap = model.Roadmap(R, "Test", skill_groups=(model.SkillGroup("g", "G", items=items),))
    rs = model.RoadmapState()
    model.mark(rs, "torch", Status.DONE, NOW)
    model.put_project(rs, Project("p", "P", skills=("python", "torch", "sql"),
                                  milestones=("torch", "m")), NOW)
    model.put_project(rs, Project("q", "Q", skills=("sql",)), NOW)
    assert model.follow_renames(roadmap, rs) == [("torch", "pytorch")]
    assert rs.projects["p"].skills == ("python", "pytorch", "sql")
    assert rs.projects["p"].milestones == ("pytorch", "m")
    assert rs.projects["q"] == Project("q", "Q", skills=("sql",))
    assert [c.item for c in rs.history] == ["pytorch"]


# --------------------------------------------------------------------------- 8: markdown


def test_markdown_keeps_every_paragraph_milestone_and_done_check() -> None:
    """Bug 8: `markdown.py` keeping only the last paragraph of user text (or the last of a
    project's milestones, or of a readiness group's done checks) drops what the user wrote."""
    from roadmap import export
    from tests.export.sample import sample_profile, sample_roadmap, sample_state

    state = sample_state()
    churn = state.projects["churn-predictor"]
    state.projects["churn-predictor"] = churn._replace(
        summary="First *paragraph*.\n  indented line\n\n\nSecond paragraph.\n\nThird.")
    text = export.render("markdown", sample_roadmap(), state, sample_profile())
    assert ("\n\nFirst \\*paragraph\\*.\\\nindented line\n\nSecond paragraph.\n\nThird.\n\n"
            "**Skills shown:**") in text
    assert ("**Roadmap milestones:** Prototype an ML system and deploy it behind an API; "
            "Document your end-to-end projects in a portfolio\n") in text
    assert ("### Job responsibilities (2 of 3)\n\n- Run machine-learning tests and experiments\n"
            "- Perform statistical analysis to improve models\n\n") in text
    assert ("honest.\n\nOpen to junior ML engineering roles.\n\n## Roadmap progress") in text
