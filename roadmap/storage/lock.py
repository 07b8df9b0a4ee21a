"""The OS lock on `state.lock`: one writer at a time, freed by the OS when its holder dies.

A class of its own so the lock can be taken late: the CLI takes it on open, the TUI just after
its first frame. Importing filelock costs ~10 ms (it pulls in decimal, inspect and more), which
is a third of the app's whole start-up budget over a bare Textual app.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    import filelock


def command_wait() -> float:
    """How long a writing command waits for another one to finish: a few seconds, so ten
    `roadmap mark` started at once all get their turn ($ROADMAP_LOCK_WAIT overrides)."""
    import os

    try:
        return max(0.0, float(os.environ.get("ROADMAP_LOCK_WAIT", "5")))
    except ValueError:
        return 5.0


class StateLock:
    """Try once, remember the outcome; `held` says whether this process may write."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tried = False
        self.refused: str | None = None
        """Why not held: another process has it (then the state is read-only here)."""
        self._lock: filelock.BaseFileLock | None = None
        self._guard = threading.Lock()  # the UI thread and a save worker may both ask

    @property
    def held(self) -> bool:
        return self._lock is not None

    def acquire(self, wait: float = 0) -> bool:
        """Take the lock, waiting up to `wait` seconds; False (with `refused` set) if another
        process still has it.

        Idempotent: later calls return the first outcome. An unusable lock file (a folder in
        its place, no permission) is a RoadmapError that says which file.
        """
        with self._guard:
            if not self.tried:
                self._try(wait)
            return self.held

    def _try(self, wait: float) -> None:
        import filelock

        lock = filelock.FileLock(self.path, thread_local=False, fallback_to_soft=False)
        try:
            lock.acquire(timeout=wait, poll_interval=0.02) if wait > 0 else lock.acquire(
                blocking=False)
        except filelock.Timeout:
            self.refused = (f"another roadmap is running (it holds {self.path}); "
                            "changes made here are not saved")
        except OSError as exc:
            raise RoadmapError(f"cannot lock {self.path}: {exc.strerror or exc}") from None
        else:
            self._lock = lock
        self.tried = True

    def release(self) -> None:
        """Let the next process in (idempotent)."""
        lock, self._lock = self._lock, None
        if lock is not None:
            with contextlib.suppress(OSError):
                lock.release()
