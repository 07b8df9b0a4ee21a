"""`roadmap` with no arguments, as a real process: start, keys, quit, what is left on disk.

Textual's headless driver (TEXTUAL_DRIVER) runs the real console script without a terminal
and TEXTUAL_PRESS types the keys once the app is ready, so this is the user's whole path:
cli.main, launch.run, the app, the save at quit, the cache write and the lock release.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from roadmap import model
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.storage.lock import StateLock

R = "ml-engineer"
FIRST = "take-prep-course-if-new"
HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def roadmap(*keys: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `roadmap` console script with no arguments, pressing `keys`."""
    script = Path(sys.executable).with_name("roadmap")
    env = {**os.environ, "TEXTUAL_DRIVER": HEADLESS, "TEXTUAL_PRESS": ",".join(keys)}
    # no COLUMNS/LINES, as under .ci/run: the headless driver's 80x25 then differs from the
    # 80x24 fallback, which once made a resize handler loop forever (caught only by .ci/run)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return subprocess.run([str(script)], capture_output=True, text=True, env=env, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=50)


def _unlocked(paths: Paths) -> bool:
    lock = StateLock(paths.lock)
    try:
        return lock.acquire()
    finally:
        lock.release()


def test_start_tick_and_quit_saves_caches_and_unlocks(tmp_path: Path) -> None:
    paths = Paths.resolve()
    result = roadmap("space", "q", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    items = tomllib.loads(paths.state.read_text())["roadmaps"][R]["items"]
    assert list(items) == [FIRST] and items[FIRST]["status"] == "done"
    assert (paths.cache / "state.pickle").is_file()  # the next start skips the parse
    assert _unlocked(paths)
    again = roadmap("space", "q", cwd=tmp_path)  # the next start (from the cache) sees it:
    assert again.returncode == 0                 # the cursor starts on the next open item
    items = tomllib.loads(paths.state.read_text())["roadmaps"][R]["items"]
    assert {k: v["status"] for k, v in items.items()} == {FIRST: "done",
                                                          "check-math-level": "done"}


def _saved_twice(paths: Paths) -> bytes:
    with Store.open(paths) as store:
        model.mark(store.state.of(R), FIRST, Status.DONE, NOW)
        store.save()
        model.mark(store.state.of(R), "check-math-level", Status.DONE, NOW)
        store.save()
    return paths.backup.read_bytes()


def _corrupt_then_start(tmp_path: Path, *keys: str) -> tuple[Paths, bytes]:
    """A good file saved twice (so a backup exists), then made unreadable; `roadmap` run."""
    paths = Paths.resolve()
    backup = _saved_twice(paths)
    paths.state.write_bytes(b"schema = [\n")
    result = roadmap(*keys, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    corrupt = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.corrupt-")]
    assert [p.read_bytes() for p in corrupt] == [b"schema = [\n"]  # kept, byte for byte
    return paths, backup


def test_a_corrupt_file_is_moved_aside_and_the_backup_restored_on_r(tmp_path: Path) -> None:
    paths, backup = _corrupt_then_start(tmp_path, "r", "q")
    assert paths.state.read_bytes() == backup


def test_starting_afresh_keeps_the_corrupt_file_and_the_backup_aside(tmp_path: Path) -> None:
    paths, backup = _corrupt_then_start(tmp_path, "a", "q")
    assert not paths.state.exists()  # nothing changed, so nothing written
    aside = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.bak-set-aside-")]
    assert [p.read_bytes() for p in aside] == [backup] and not paths.backup.exists()


def test_deciding_later_writes_nothing_and_keeps_the_backup(tmp_path: Path) -> None:
    paths, backup = _corrupt_then_start(tmp_path, "escape", "space", "escape", "q")
    assert not paths.state.exists() and paths.backup.read_bytes() == backup
