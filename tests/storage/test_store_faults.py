"""Faults a user's machine really has: kill -9 mid-save, full disks, a second instance, edits
from elsewhere. Real processes and real files wherever the fault can be made real."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from roadmap import model
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import LockedError, SaveError, Store, read_state

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"

SAVER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from roadmap import model
    from roadmap.paths import Paths
    from roadmap.storage import Store
    store = Store.open(Paths.resolve())
    rs = store.state.of("ml-engineer")
    n = int(rs.get("counter").note or 0)
    while True:
        n += 1
        model.set_note(rs, "counter", str(n), datetime.now(UTC))
        model.toggle_done(rs, f"item-{n % 40}", datetime.now(UTC))
        model.set_note(rs, f"item-{n % 40}", "padding " * 200 + str(n), datetime.now(UTC))
        store.save()
        print(n, flush=True)
""")

HOLDER = textwrap.dedent("""
    from roadmap.paths import Paths
    from roadmap.storage import Store
    store = Store.open(Paths.resolve())
    print("locked", flush=True)
    import time
    time.sleep(60)
""")


def spawn(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ))


def test_kill_9_during_repeated_saves_never_breaks_the_file(paths: Paths) -> None:
    rng = random.Random(7)
    for run in range(20):
        child = spawn(SAVER)
        assert child.stdout is not None
        acked = int(child.stdout.readline())  # the first save completed
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read().split()
        child.wait()
        acked = int(rest[-1]) if rest else acked
        on_disk = int(read_state(paths).of(R).items["counter"].note)
        assert on_disk in (acked, acked + 1)  # the last acknowledged save, or the one under way
        if run or paths.backup.exists():  # a kill before the 2nd save ever: no backup yet
            tomllib.loads(paths.backup.read_text(encoding="utf-8"))
    with Store.open(paths):  # the next start, holding the lock, sweeps temp files away
        assert not list(paths.home.glob("*.tmp"))


def test_second_process_is_locked_out_until_the_first_is_killed(paths: Paths) -> None:
    holder = spawn(HOLDER)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    try:
        with pytest.raises(LockedError) as caught:
            Store.open(paths)
        assert str(caught.value) == (f"another roadmap is using this data (it holds the lock "
                                     f"{paths.lock}); close it and try again")
        with Store.open(paths, allow_read_only=True) as viewer:
            assert viewer.read_only is not None and str(paths.lock) in viewer.read_only
            with pytest.raises(SaveError, match="not saved: another roadmap is running"):
                model.mark(viewer.state.of(R), "a", Status.DONE, NOW)
                viewer.save()
    finally:
        holder.kill()
        holder.wait()
    with Store.open(paths) as store:  # the kernel freed the lock with the dead process
        assert store.read_only is None


def test_a_late_lock_is_taken_by_the_first_save(paths: Paths) -> None:
    """The TUI opens without the lock (it takes it after its first frame); a save that comes
    first takes it itself, and from then on a second process is locked out."""
    with Store.open(paths, lock_now=False) as store:
        with Store.open(paths) as other:  # nobody holds it yet
            assert other.read_only is None
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        store.save()
        with pytest.raises(LockedError):
            Store.open(paths)
        assert store.take_lock() is None  # already held: nothing new to report
    assert read_state(paths).of(R).status("a") is Status.DONE


def test_a_late_lock_held_elsewhere_makes_the_store_read_only(paths: Paths) -> None:
    with Store.open(paths, lock_now=False) as late:
        holder = spawn(HOLDER)
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        try:
            reason = late.take_lock()
            assert reason == (f"another roadmap is running (it holds {paths.lock}); "
                              "changes made here are not saved")
            assert late.read_only == reason
            assert late.take_lock() is None  # asked once, answered once
            model.mark(late.state.of(R), "a", Status.DONE, NOW)
            with pytest.raises(SaveError, match="not saved: another roadmap is running"):
                late.save()
        finally:
            holder.kill()
            holder.wait()
    assert not paths.state.exists()


def test_a_write_before_the_late_lock_is_read_again_not_a_conflict(paths: Paths) -> None:
    """The TUI reads before it locks; a `roadmap mark` in that window is seen, not overwritten
    and not turned into a conflict on every later save."""
    late = Store.open(paths, lock_now=False)
    try:
        with Store.open(paths) as cli:
            model.mark(cli.state.of(R), "a", Status.DONE, NOW)
            cli.save()
        assert late.state.of(R).status("a") is Status.TODO  # read before the CLI wrote
        assert late.take_lock() is None
        assert late.reloaded
        assert late.state.of(R).status("a") is Status.DONE
        model.mark(late.state.of(R), "b", Status.DONE, NOW)
        late.save()
    finally:
        late.close()
    saved = read_state(paths).of(R)
    assert (saved.status("a"), saved.status("b")) == (Status.DONE, Status.DONE)
    assert not list(paths.home.glob("state.conflict*"))


def test_an_unusable_late_lock_means_read_only_not_a_crash(paths: Paths) -> None:
    paths.ensure_home()
    paths.lock.mkdir()  # something in the lock file's place
    with Store.open(paths, lock_now=False) as late:
        reason = late.take_lock()
        assert reason == (f"cannot lock {paths.lock}: Is a directory; changes made here are "
                          "not saved")
        assert late.read_only == reason


def _saved_twice(paths: Paths) -> Store:
    store = Store.open(paths)
    model.mark(store.state.of(R), "a", Status.DONE, NOW)
    store.save()
    model.mark(store.state.of(R), "b", Status.DONE, NOW)
    store.save()
    model.mark(store.state.of(R), "c", Status.DONE, NOW)
    return store


def _fail(code: int, real: Any = None) -> object:
    """A stand-in that fails; for os.open, only opens that create (the save's own writes)."""
    def fail(*args: Any) -> object:
        if real is not None and not args[1] & os.O_CREAT:
            return real(*args)
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize(("target", "code", "words"), [
    ("write", errno.ENOSPC, "no space left on device"),
    ("fsync", errno.EIO, "input/output error"),
    ("replace", errno.EACCES, "permission denied"),
    ("open", errno.EACCES, "permission denied"),
])
def test_disk_errors_leave_both_files_as_they_were(paths: Paths, monkeypatch: pytest.MonkeyPatch,
                                                   target: str, code: int, words: str) -> None:
    store = _saved_twice(paths)
    state_before, backup_before = paths.state.read_bytes(), paths.backup.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, target, _fail(code, os.open if target == "open" else None))
        with pytest.raises(SaveError) as caught:
            store.save()
    assert str(caught.value).startswith(f"not saved: {words} while writing {paths.state}")
    assert "your changes are kept in memory" in str(caught.value)
    assert paths.state.read_bytes() == state_before
    assert paths.backup.read_bytes() == backup_before
    assert sorted(p.name for p in paths.home.iterdir()) == [
        "state.lock", "state.toml", "state.toml.bak"]
    assert store.state.of(R).status("c") is Status.DONE  # still in memory
    store.save()  # the disk is back: the same changes save
    store.close()
    assert read_state(paths).of(R).status("c") is Status.DONE


def test_external_edit_is_never_overwritten(paths: Paths) -> None:
    store = _saved_twice(paths)
    theirs = paths.state.read_text() + '\n[roadmaps.ml-engineer.items.z]\nstatus = "done"\n'
    paths.state.write_text(theirs)
    with pytest.raises(SaveError) as caught:
        store.save()
    conflict = next(paths.home.glob("state.conflict-*.toml"))
    assert str(caught.value) == (f"not saved: {paths.state} was changed by another program since "
                                 f"roadmap read it, so it was left alone; your version is in "
                                 f"{conflict}")
    assert paths.state.read_text() == theirs
    ours = tomllib.loads(conflict.read_text())["roadmaps"][R]["items"]
    assert ours["c"]["status"] == "done" and "z" not in ours
    model.mark(store.state.of(R), "d", Status.DONE, NOW)
    with pytest.raises(SaveError):
        store.save()  # the same conflict file is brought up to date, not a new one each time
    assert list(paths.home.glob("state.conflict-*.toml")) == [conflict]
    assert "d" in tomllib.loads(conflict.read_text())["roadmaps"][R]["items"]
    store.close()


def test_file_appearing_after_an_empty_start_is_a_conflict(paths: Paths) -> None:
    with Store.open(paths) as store:
        paths.state.write_text('schema = 1\ncurrent = "other"\n')
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        with pytest.raises(SaveError, match="changed by another program"):
            store.save()
    assert paths.state.read_text() == 'schema = 1\ncurrent = "other"\n'


def test_stray_temp_files_are_left_alone_without_the_lock(paths: Paths) -> None:
    paths.ensure_home()
    stray = paths.home / "state.toml.0123abcd.tmp"
    stray.write_text("half a save")
    with Store.open(paths):
        with Store.open(paths, allow_read_only=True) as viewer:
            assert viewer.read_only
        assert not stray.exists()  # swept by the first (locking) open
    stray.write_text("half a save")
    holder = Store.open(paths)
    stray2 = paths.home / "state.toml.89abcdef.tmp"
    stray2.write_text("another process's save in progress")
    with Store.open(paths, allow_read_only=True):
        assert stray2.exists()  # not ours to delete: the lock holder may be writing it
    holder.close()


def test_unwritable_conflict_path_still_refuses(paths: Paths, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    store = _saved_twice(paths)
    paths.state.write_text(paths.state.read_text() + "\n# edited elsewhere\n")
    edited = paths.state.read_bytes()
    monkeypatch.setattr(os, "write", _fail(errno.ENOSPC))
    with pytest.raises(SaveError, match="could not be written aside either"):
        store.save()
    monkeypatch.undo()
    assert paths.state.read_bytes() == edited
    store.close()


def test_the_app_moves_a_corrupt_file_aside_once_and_offers_the_backup(paths: Paths) -> None:
    """The TUI opens without the lock; taking it before the move re-reads the file, and that
    read already moves it aside: the first open must not then try again and fail."""
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        store.save()
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
    paths.state.write_bytes(b"schema = [\n")
    with Store.open(paths, allow_read_only=True, lock_now=False) as store:
        assert store.locked and store.read_only is None
        moved = store.moved_aside
        assert moved is not None and moved.read_bytes() == b"schema = [\n"
        assert len(store.notices) == 1 and f"It was moved to {moved}" in store.notices[0]
        assert "state.toml.bak holds the last good copy" in store.notices[0]
        store.restore_backup()
        assert store.state.of(R).status("a") is Status.DONE
    assert sorted(p.name for p in paths.home.iterdir() if p.name.startswith("state.toml")) == [
        "state.toml", "state.toml.bak", moved.name]
