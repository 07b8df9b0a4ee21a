"""Saving off the UI thread: the Saver, an object the app owns, between the session and the store.

A change hands a snapshot to a worker thread so the UI never waits on the disk. Rapid changes
coalesce into one save (a change made while a save runs goes into the next), and the last
change is flushed before the app exits; a failed save keeps the change in memory and says so.
Leaving on a signal or after a crash goes the same way: see faults.py and launch.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.message import Message

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.storage import Store

SAVE_GROUP = "save"
"""The worker group of every background write (saves and the parse cache)."""


class SaveFinished(Message):
    """A background save ended; posted, never awaited, so a thread outliving the app
    cannot hang on a loop that has stopped (as call_from_thread would)."""

    def __init__(self, changes: int, error: str | None) -> None:
        super().__init__()
        self.changes = changes
        self.error = error


class Saver:
    """Knows when the session has changes the file does not, and writes them.

    `changes` reads the session's change counter (the session is replaced on a roadmap
    switch, so the saver asks rather than keeping it). The app forwards SaveFinished here.
    """

    def __init__(self, app: App[Any], store: Store, changes: Callable[[], int]) -> None:
        self.app = app
        self.store = store
        self.changes = changes
        self.error: str | None = None
        """Why the last save failed; None once a save succeeds."""
        self._saved_changes = 0
        self._saving = False
        self._quit_armed = False

    @property
    def dirty(self) -> bool:
        """The session holds changes the file does not."""
        return self.changes() != self._saved_changes

    def mark_unsaved(self) -> None:
        """What is shown must be saved even with no change counted (a roadmap switch)."""
        self._saved_changes = -1

    def mark_saved(self) -> None:
        """The file already holds what is shown (a reload from it)."""
        self._saved_changes = self.changes()

    def schedule(self) -> None:
        """Save soon in a worker; changes made while a save runs go into the next one."""
        if self._saving or not self.dirty or self.store.read_only:
            return
        self._saving = True
        snapshot, changes = self.store.state.copy(), self.changes()
        self.app.run_worker(lambda: self._save_in_thread(snapshot, changes), thread=True,
                            group=SAVE_GROUP, exit_on_error=False)

    def _save_in_thread(self, snapshot: model.UserState, changes: int) -> None:
        error: str | None = None
        try:
            self.store.save(snapshot)
        except RoadmapError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"{exc.strerror or exc}"
        except Exception as exc:  # a bug: say so, keep the change in memory, keep going
            error = f"internal error ({type(exc).__name__})"
        self.app.post_message(SaveFinished(changes, error))

    def finished(self, message: SaveFinished) -> None:
        """A background save ended: say if it failed, else save what came in meanwhile."""
        self._saving = False
        changes, error = message.changes, message.error
        if error is not None:
            self.error = error
            self.app.notify(
                f"Could not save: {error}\nYour changes are kept in memory. ctrl+s retries; "
                "x exports your portfolio.",
                title="Not saved", severity="error", timeout=15, markup=False)
            return
        self._saved_changes = max(self._saved_changes, changes)
        if self.error is not None:
            self.error = None
            self.app.notify("Saved.", timeout=3)
        self.schedule()

    def save_now(self) -> str | None:
        """Save on this thread (at exit, or ctrl+s); returns the error, if any."""
        if self.store.read_only or not self.dirty:
            return None
        try:
            self.store.save(self.store.state.copy())
        except RoadmapError as exc:
            return str(exc)
        self._saved_changes = self.changes()
        self.error = None
        return None

    async def wait(self) -> None:
        """Until every worker is done, so a save on this thread never races one in flight."""
        await self.app.workers.wait_for_complete()

    async def wait_for_saves(self) -> None:
        """Until the background writes are done (a signal's exit waits for nothing else)."""
        saves = [worker for worker in self.app.workers if worker.group == SAVE_GROUP]
        if saves:
            await self.app.workers.wait_for_complete(saves)

    async def save_and_say(self) -> None:
        """ctrl+s: save now and say how it went."""
        await self.wait()
        error = self.save_now()
        if error:
            self.app.notify(f"Could not save: {error}", severity="error", timeout=15)
        elif not self.store.read_only:
            self.app.notify("Saved.", timeout=2)

    async def may_quit(self) -> bool:
        """Flush before leaving; after a failed save, only a second q leaves (losing it)."""
        await self.wait()
        error = self.save_now()
        if error and not self._quit_armed:
            self._quit_armed = True
            self.app.notify(f"Could not save: {error}\nPress q again to quit anyway "
                            "(the last changes would be lost), or export them first with x.",
                            severity="error", timeout=20)
            return False
        return True

    def remember_soon(self) -> None:
        """Cache this start's parse now, not only at exit: a killed app still starts fast."""
        self.app.run_worker(self.store.remember, thread=True, group=SAVE_GROUP,
                            exit_on_error=False)
