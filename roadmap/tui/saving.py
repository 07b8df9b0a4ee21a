"""Saving off the UI thread: the App base class that owns the store and the session.

A change hands a snapshot to a worker thread so the UI never waits on the disk. Rapid changes
coalesce into one save (a change made while a save runs goes into the next), and the last
change is flushed before the app exits; a failed save keeps the change in memory and says so.
"""

from __future__ import annotations

from textual import work
from textual.app import App

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.session import Session
from roadmap.store import Store


class SavingApp(App[None]):
    """Knows when the session has changes the file does not, and writes them."""

    def __init__(self, store: Store, session: Session) -> None:
        super().__init__()
        self.store = store
        self.session = session
        self.save_error: str | None = None
        self._saved_changes = 0
        self._saving = False
        self._quit_armed = False

    @property
    def dirty(self) -> bool:
        return self.session.changes != self._saved_changes

    def schedule_save(self) -> None:
        """Save soon in a worker; changes made while a save runs go into the next one."""
        if self._saving or not self.dirty or self.store.read_only:
            return
        self._saving = True
        self._save_in_thread(self.store.state.copy(), self.session.changes)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_thread(self, snapshot: model.UserState, changes: int) -> None:
        error: str | None = None
        try:
            self.store.save(snapshot)
        except RoadmapError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"{exc.strerror or exc}"
        self.call_from_thread(self._save_finished, changes, error)

    def _save_finished(self, changes: int, error: str | None) -> None:
        self._saving = False
        if error is not None:
            self.save_error = error
            self.notify(
                f"Could not save: {error}\nYour changes are kept in memory. ctrl+s retries; "
                "x exports your portfolio.",
                title="Not saved", severity="error", timeout=15)
            return
        self._saved_changes = max(self._saved_changes, changes)
        if self.save_error is not None:
            self.save_error = None
            self.notify("Saved.", timeout=3)
        self.schedule_save()

    def save_now(self) -> str | None:
        """Save on this thread (at exit, or ctrl+s); returns the error, if any."""
        if self.store.read_only or not self.dirty:
            return None
        try:
            self.store.save(self.store.state.copy())
        except RoadmapError as exc:
            return str(exc)
        self._saved_changes = self.session.changes
        self.save_error = None
        return None

    async def action_save_now(self) -> None:
        await self.workers.wait_for_complete()
        error = self.save_now()
        if error:
            self.notify(f"Could not save: {error}", severity="error", timeout=15)
        elif not self.store.read_only:
            self.notify("Saved.", timeout=2)

    async def action_quit(self) -> None:
        await self.workers.wait_for_complete()
        error = self.save_now()
        if error and not self._quit_armed:
            self._quit_armed = True
            self.notify(f"Could not save: {error}\nPress q again to quit anyway "
                        "(the last changes would be lost), or export them first with x.",
                        severity="error", timeout=20)
            return
        self.exit()

    @work(thread=True, group="save", exit_on_error=False)
    def _remember_in_thread(self) -> None:
        """Cache this start's parse now, not only at exit: a killed app still starts fast."""
        self.store.remember()
