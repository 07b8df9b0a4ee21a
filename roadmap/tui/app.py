"""The Textual app: owns the session (undo/redo) and applies what the screens ask for.

Screens say what the user wants by posting messages (messages.py); the `on_...` handlers here
apply it through the session, tell the screens showing the state to repaint, and ask the
app's Saver (saving.py) to save off the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from roadmap import catalog, model
from roadmap.application.opening import Writing, reopen
from roadmap.application.session import Action, Session, reshaped, touched, utc_now
from roadmap.errors import RoadmapError
from roadmap.model import visible
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui import faults, messages, time_views
from roadmap.tui.own_handlers import OwnItemHandlers
from roadmap.tui.saving import SaveFinished, Saver
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.screens.state_screen import StateScreen
from roadmap.tui.settings import load_settings, save_theme, unknown_binding_ids


class RoadmapApp(OwnItemHandlers, App[None]):
    """`roadmap` with no arguments."""

    CSS_PATH = "app.tcss"
    TITLE = "roadmap"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and leave"),
        Binding("question_mark,f1", "help", "Help", id="help",
                tooltip="Every key, and where your data lives"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", show=False,
                tooltip="Take back the last change"),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False,
                tooltip="Make the undone change again"),
        Binding("x", "export", "Export", id="export",
                tooltip="Write the portfolio summary to a file"),
        Binding("P", "projects", "Projects", id="projects",
                tooltip="Add, edit and delete them"),
        Binding("N", "next_view", "Next", id="next", show=False,
                tooltip="In progress, and what to start next"),
        Binding("T", "progress", "Progress", id="progress", show=False,
                tooltip="Pace, heatmap, forecast, target"),
        Binding("ctrl+s", "save_now", "Save", id="save", show=False,
                tooltip="Save now (saving is automatic)"),
        Binding("f2", "profile", "Profile", id="profile", show=False,
                tooltip="Your name and links, for exports"),
        # Textual's own palette key, declared here to carry an id and our tooltip
        Binding("ctrl+p", "command_palette", "palette", id="palette", show=False,
                priority=True, tooltip="Every action, roadmap, theme"),
    ]

    def __init__(self, paths: Paths, store: Store, roadmap: model.Roadmap,
                 *, clock: Callable[[], Any] = utc_now,
                 on_first_frame: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.store = store
        self.clock = clock
        self.session = Session(roadmap, store.state.of(roadmap.id), clock=clock)
        self.saver = Saver(self, store, lambda: self.session.changes)
        self.on_first_frame = on_first_frame
        self.settings = load_settings(paths)
        self.pace = time_views.PaceSettings(self)
        self.last_export: messages.ExportRequested | None = None
        """This session's last successful export: the dialog starts from its choices."""
        self.crash: faults.Crash | None = None
        """The first unexpected exception; launch.run saves, reports it and exits 70."""
        self.signal_exit = faults.SignalExit(lambda signum: self.call_next(self._leave_after_saves,
                                                                    signum))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast is plain, visible text, whoever asks (screens pass markup=True by
        default): messages carry titles, ids and paths from the user's files."""
        super().notify(model.visible(message), title=model.visible(title), severity=severity,
                       timeout=timeout, markup=False)

    # -- start-up

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
            unknown = unknown_binding_ids(self.settings.keymap)
            if unknown:
                self.notify(f"{self.paths.config}: [keymap] has no binding called "
                            f"{', '.join(unknown)}; see the help (?) for the ids",
                            severity="warning", timeout=8)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", timeout=8)
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=12)
        if self.store.backup_pending:
            self.offer_restore()
        self.call_after_refresh(self._first_frame_drawn)

    def _first_frame_drawn(self) -> None:
        """What the first frame does not need waits until it is on screen: the lock first."""
        self.claim_lock()
        if self.on_first_frame is not None:
            self.on_first_frame()
        if self.store.parsed_cold:
            self.saver.remember_soon()
        time_views.refresh_target_line(self)

    def claim_lock(self) -> None:
        """Take the state lock if nobody has tried yet; another instance makes us read-only."""
        refused = self.store.take_lock()
        if refused and self.main is not None:
            self.main.show_read_only(refused)
        if self.store.reloaded:  # another roadmap wrote the file while this one started
            self.store.reloaded = False
            self.reload(self.store.state.current)
            self.notify(f"{self.paths.state.name} changed while roadmap was starting; "
                        "showing the new version.", timeout=6)

    def offer_restore(self) -> None:
        """No state file but a backup: restore it, or set it aside and start afresh. Until
        the user chooses, nothing is saved (a save would replace the backup)."""
        from roadmap.tui.screens.confirm import ChoiceScreen

        def answer(choice: str | None) -> None:
            try:
                if choice == "restore":
                    self.store.restore_backup()
                    self.reload(self.store.state.current)
                    self.notify(f"Restored your progress from {self.paths.backup}.", timeout=6)
                elif choice == "afresh":
                    aside = self.store.set_backup_aside()
                    self.notify(f"Starting afresh; the backup is kept as {aside}.", timeout=8)
                else:
                    self.notify("Nothing is saved until you choose: ctrl+p, 'Restore backup'.",
                                severity="warning", timeout=8)
            except RoadmapError as exc:
                self.notify(f"Not done: {exc}", severity="error", timeout=10)

        if self.store.moved_aside is not None:
            why = (f"Your state file could not be read and was moved to "
                   f"{self.store.moved_aside}.")
        else:
            why = f"{self.paths.state.name} is missing."
        self.push_screen(ChoiceScreen(
            f"{why}\n{self.paths.backup.name} holds your last saved progress. Restore it, or "
            "keep it under another name and start afresh?",
            [("r", "Restore", "restore"), ("a", "Start afresh", "afresh")]), answer)

    def watch_theme(self, theme: str) -> None:
        if not self.screen_stack or theme == self.settings.theme:
            return
        self.settings.theme = theme
        try:
            save_theme(self.paths, theme)
        except RoadmapError as exc:
            self.notify(str(exc), severity="warning")

    @cached_property
    def templates(self) -> list[catalog.TemplateInfo]:
        """Every template, read once per session: the palette asks on every keystroke."""
        return catalog.discover(self.paths)

    @property
    def main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # -- applying changes

    def editable(self) -> bool:
        """False (with the reason shown) when the state is open read-only."""
        self.claim_lock()
        if self.store.read_only:
            self.notify(f"Read-only: {self.store.read_only}", severity="warning", timeout=6)
            return False
        if self.store.backup_pending:
            self.offer_restore()
            return False
        return True

    def perform(self, change: Callable[[Session], Action | None]) -> Action | None:
        """Apply a change through the session, repaint, and save in the background."""
        if not self.editable():
            return None
        try:
            action = change(self.session)
        except model.TextError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return None
        if action is not None:
            self._after(action)
        return action

    def _after(self, action: Action) -> None:
        if reshaped(action) and self.main is not None:  # an own item came, changed or went
            self.main.reshape(self.session.roadmap)
        items, projects = touched(action)
        for screen in self.screen_stack:
            if isinstance(screen, StateScreen):
                screen.state_changed(items, projects)
        # after the repaint: the save thread would otherwise hold the GIL while the frame renders
        self.call_after_refresh(self.saver.schedule)
        self.call_after_refresh(time_views.refresh_target_line, self)

    def on_tick_requested(self, message: messages.TickRequested) -> None:
        self.perform(lambda s: s.toggle(message.item_id))

    def on_mark_requested(self, message: messages.MarkRequested) -> None:
        self.perform(lambda s: s.mark([message.item_id], message.status))

    def on_group_mark_requested(self, message: messages.GroupMarkRequested) -> None:
        self.perform(lambda s: s.mark(message.item_ids, message.status))

    def action_undo(self) -> None:
        self._history(self.session.undo, "undo", "Undone")

    def action_redo(self) -> None:
        self._history(self.session.redo, "redo", "Redone")

    def _history(self, step: Callable[[], Action | None], verb: str, done: str) -> None:
        if not self.editable():
            return
        action = step()
        if action is None:
            self.notify(f"Nothing to {verb}.", timeout=2)
            return
        from roadmap.tui.screens.projects import ProjectsScreen

        if isinstance(self.screen, ProjectsScreen):  # the table's cursor goes to the project
            edit = next((e for e in action.edits if isinstance(e, model.ProjectEdit)), None)
            if edit is not None:
                self.screen.follow(edit.project)
        self._after(action)
        main = self.main
        changed = next((e.item for e in action.edits
                        if isinstance(e, model.ItemEdit | model.OwnEdit)), None)
        if changed is not None and main is not None and self.screen is main:
            main.show_item(changed)  # an own item undone away is simply not found
        self.notify(f"{done}: {action.label}", timeout=3)

    # -- notes

    def on_note_requested(self, message: messages.NoteRequested) -> None:
        """The note in the app's own editor, or in $VISUAL/$EDITOR with the terminal handed
        over (`external`); either way the new text is applied as one change."""
        if not self.editable():
            return
        item_id = message.item_id
        note = self.session.state.get(item_id).note

        def keep(text: str | None) -> None:
            if text is not None:
                self.perform(lambda s: s.set_note(item_id, text))

        if message.external:
            from roadmap.tui.editor import edit_externally

            keep(edit_externally(self, note))
        else:
            from roadmap.tui.screens.note import NoteEditor  # TextArea: not for the 1st frame

            self.push_screen(NoteEditor(self.session.title_of(item_id), note), keep)

    # -- projects and export

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """P opens the projects from the main screen only: not stacked on itself or a dialog
        (so do N and T, the Next and Progress views, and f2, the profile)."""
        if action in ("projects", "next_view", "progress", "profile"):
            return isinstance(self.screen, MainScreen)
        return True

    def action_profile(self) -> None:
        """The profile form; what it returns is written to config.toml, key by key."""
        from roadmap import config
        from roadmap.tui.screens.profile import ProfileForm

        try:
            profile = config.load_profile(self.paths)
        except RoadmapError as exc:  # a broken config.toml: say where, change nothing
            self.notify(str(exc).splitlines()[0], severity="error", timeout=10)
            return

        def save(changed: dict[str, str] | None) -> None:
            if not changed:
                return
            try:
                for key, value in changed.items():
                    config.set_profile_field(self.paths, key, value)
            except RoadmapError as exc:
                self.notify(f"Profile not saved: {exc}", severity="error", timeout=10)
                return
            self.notify(f"Profile saved to {self.paths.config} ({', '.join(changed)})",
                        timeout=5)

        self.push_screen(ProfileForm(profile), save)

    def action_projects(self) -> None:
        from roadmap.tui.screens.projects import ProjectsScreen

        self.push_screen(ProjectsScreen(self.session.roadmap, self.session.state,
                                        bool(self.store.read_only)))

    def on_attach_requested(self, message: messages.AttachRequested) -> None:
        if not self.editable():
            return
        from roadmap.tui.screens.attach import attach_project

        attach_project(self, self.session.roadmap, self.session.state, message.item_id)

    def on_project_submitted(self, message: messages.ProjectSubmitted) -> None:
        """The one place a submitted project is applied, whichever screen it came from."""
        self.perform(lambda s: s.put_project(message.project))

    def on_project_deleted(self, message: messages.ProjectDeleted) -> None:
        self.perform(lambda s: s.remove_project(message.project_id))

    def on_posting_save_requested(self, message: messages.PostingSaveRequested) -> None:
        from roadmap.tui.proofing import save_posting

        save_posting(self, message)

    def on_posting_remove_requested(self, message: messages.PostingRemoveRequested) -> None:
        from roadmap.tui.proofing import remove_posting

        remove_posting(self, message)

    def action_export(self) -> None:
        from roadmap.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(Path.cwd(), paths=self.paths, last=self.last_export,
                                      postings=self.store.state.postings))

    def on_export_requested(self, message: messages.ExportRequested) -> None:
        # snapshot here, on the UI thread: the worker must not iterate dicts being edited
        self._export(message, self.session.roadmap, self.session.state.copy())

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, message: messages.ExportRequested, roadmap: model.Roadmap,
                snapshot: model.RoadmapState) -> None:
        from roadmap.tui.exporting import write_portfolio

        error = write_portfolio(self.paths, message, roadmap, snapshot)
        # posted, not call_from_thread: a thread outliving the app must not wait on it
        self.post_message(messages.ExportFinished(message, error))

    def on_export_finished(self, message: messages.ExportFinished) -> None:
        """Tell the dialog that asked; if it was closed meanwhile, say it in a notice."""
        from roadmap.tui.screens.export import ExportScreen

        request, error = message.request, message.error
        shown = any(screen.export_finished(request, error) for screen in self.screen_stack
                    if isinstance(screen, ExportScreen))
        if error is None:
            from roadmap.tui.screens.export import NAMES

            self.last_export = request
            self.notify(visible(f"Exported {NAMES.get(request.fmt, request.fmt)} to "
                                f"{request.path}"), timeout=6, markup=False)
        elif not shown:
            self.notify(visible(f"Export failed: {error}"), severity="error", timeout=10,
                        markup=False)

    # -- help, palette, roadmaps

    def action_help(self) -> None:
        from roadmap.tui.keys import main_screen_keys
        from roadmap.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.paths, main_screen_keys(self, self.main)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from roadmap.tui.palette import palette_commands

        yield from super().get_system_commands(screen)
        yield from palette_commands(self)

    def switch_roadmap(self, roadmap_id: str) -> None:
        if not self.editable():
            return
        try:
            opened = reopen(self.paths, self.store, roadmap_id)
        except RoadmapError as exc:
            self.notify(str(exc).splitlines()[0], severity="error", timeout=10)
            return
        self.store.state.current = opened.roadmap.id
        self._show(opened)
        self.saver.mark_unsaved()  # the switch itself must be saved
        self.saver.schedule()
        self.notify(f"Now using: {opened.roadmap.title}", timeout=4)

    def reload(self, roadmap_id: str) -> None:
        """Show the store's state again (after a restore), on that roadmap if it still loads."""
        self._show(reopen(self.paths, self.store, roadmap_id, fallback=self.session.roadmap))
        self.saver.mark_saved()

    def _show(self, opened: Writing) -> None:
        for notice in opened.notices:
            self.notify(notice, severity="warning", timeout=10)
        self.session = Session(opened.roadmap, opened.rs, clock=self.clock)
        main = self.main
        if main is not None:
            main.load()
        time_views.refresh_target_line(self)

    # -- time: Next, Progress and the target (the work is in time_views.py)

    def action_next_view(self) -> None:
        from roadmap.tui.screens.next import NextScreen

        self.push_screen(NextScreen())

    def action_progress(self) -> None:
        from roadmap.tui.screens.progress import ProgressScreen

        if not self.is_screen_installed("progress"):  # kept between visits: see the screen
            self.install_screen(ProgressScreen(), "progress")
        else:  # filled in before it shows, so the first frame of the visit is the last
            self.get_screen("progress", ProgressScreen).refresh_view()
        self.push_screen("progress")

    def on_item_show_requested(self, message: messages.ItemShowRequested) -> None:
        time_views.show_item(self, message.item_id)

    def on_target_requested(self, message: messages.TargetRequested) -> None:
        time_views.set_target(self, message.day)

    # -- saving and leaving

    def on_save_finished(self, message: SaveFinished) -> None:
        self.saver.finished(message)

    def save_now(self) -> str | None:
        """Save on this thread (launch.run at exit, after a signal or a crash); the error."""
        return self.saver.save_now()

    async def action_save_now(self) -> None:
        await self.saver.save_and_say()

    async def action_quit(self) -> None:
        if await self.saver.may_quit():
            self.exit()

    def stop_for_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT (from faults.StopSignals): see faults.SignalExit."""
        self.signal_exit.request(signum)

    def on_ready(self) -> None:
        self.signal_exit.ready()

    async def _leave_after_saves(self, signum: int) -> None:
        await self.saver.wait_for_saves()
        self.exit(return_code=128 + signum)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an exception nothing handled; replaces its printout, which shows
        every frame's variables (the user's notes among them), with a crash report.

        The rest is what Textual's own handler does: remember the first error (run_test
        re-raises it) and close the app; launch.run then saves, reports and exits 70.
        """
        if self.crash is None:
            try:
                texts = faults.user_texts(self.store.state) + faults.typed_texts(self.screen_stack)
            except Exception:  # the report must not fail for want of the text to hide
                texts = []
            self.crash = faults.Crash(error, texts)
            asyncio.get_running_loop().set_exception_handler(faults.quiet_cancelled)
        self._return_code = faults.EXIT_CRASH
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()
