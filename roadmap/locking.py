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

    def acquire(self) -> bool:
        """Take the lock without waiting; False (with `refused` set) if another process has it.

        Idempotent: later calls return the first outcome. An unusable lock file (a folder in
        its place, no permission) is a RoadmapError that says which file.
        """
        with self._guard:
            if not self.tried:
                self._try()
            return self.held

    def _try(self) -> None:
        import filelock

        lock = filelock.FileLock(self.path, thread_local=False, fallback_to_soft=False)
        try:
            lock.acquire(blocking=False)
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
