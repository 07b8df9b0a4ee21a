"""Saving off the UI thread: the App base class that owns the store and the session.

A change hands a snapshot to a worker thread so the UI never waits on the disk. Rapid changes
coalesce into one save (a change made while a save runs goes into the next), and the last
change is flushed before the app exits; a failed save keeps the change in memory and says so.
Leaving on a signal or after a crash goes the same way: see faults.py and launch.py.
"""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.message import Message
from textual.widgets import Input, TextArea

from roadmap import model
from roadmap.application.session import Session
from roadmap.errors import RoadmapError
from roadmap.storage import Store
from roadmap.tui.faults import EXIT_CRASH, Crash, user_texts


class SaveFinished(Message):
    """A background save ended; posted, never awaited, so a thread outliving the app
    cannot hang on a loop that has stopped (as call_from_thread would)."""

    def __init__(self, changes: int, error: str | None) -> None:
        super().__init__()
        self.changes = changes
        self.error = error


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
        self._stopping = False
        self._first_screen_ready = False
        self._stop_when_ready: int | None = None
        self.crash: Crash | None = None
        """The first unexpected exception; launch.run saves, reports it and exits 70."""

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
        except Exception as exc:  # a bug: say so, keep the change in memory, keep going
            error = f"internal error ({type(exc).__name__})"
        self.post_message(SaveFinished(changes, error))

    def on_save_finished(self, message: SaveFinished) -> None:
        self._saving = False
        changes, error = message.changes, message.error
        if error is not None:
            self.save_error = error
            self.notify(
                f"Could not save: {error}\nYour changes are kept in memory. ctrl+s retries; "
                "x exports your portfolio.",
                title="Not saved", severity="error", timeout=15, markup=False)
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

    def stop_for_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT (from faults.StopSignals, on the event loop): let a save
        in flight finish, then leave; launch.run flushes what is left and exits 128+signal.

        Before the first screen is ready the exit waits for it: leaving mid-mount removes
        widgets that the screen's on_mount is about to query.
        """
        if self._stopping:
            return
        if not self._first_screen_ready:
            self._stop_when_ready = signum
            return
        self._stopping = True
        self.call_next(self._stop_after_saves, signum)

    def on_ready(self) -> None:
        self._first_screen_ready = True
        if self._stop_when_ready is not None:
            self.stop_for_signal(self._stop_when_ready)

    async def _stop_after_saves(self, signum: int) -> None:
        saves = [worker for worker in self.workers if worker.group == "save"]
        if saves:
            await self.workers.wait_for_complete(saves)
        self.exit(return_code=128 + signum)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an exception nothing handled; replaces its printout, which shows
        every frame's variables (the user's notes among them), with a crash report.

        The rest is what Textual's own handler does: remember the first error (run_test
        re-raises it) and close the app; launch.run then saves, reports and exits 70.
        """
        if self.crash is None:
            try:
                texts = user_texts(self.store.state) + self._typed_texts()
            except Exception:  # the report must not fail for want of the text to hide
                texts = []
            self.crash = Crash(error, texts)
        self._return_code = EXIT_CRASH
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def _typed_texts(self) -> list[str]:
        """What is in the open forms and not saved yet, so the crash report hides it too."""
        texts: list[str] = []
        for screen in self.screen_stack:
            texts += [field.value for field in screen.query(Input)]
            texts += [area.text for area in screen.query(TextArea)]
        return texts

    @work(thread=True, group="save", exit_on_error=False)
    def _remember_in_thread(self) -> None:
        """Cache this start's parse now, not only at exit: a killed app still starts fast."""
        self.store.remember()
