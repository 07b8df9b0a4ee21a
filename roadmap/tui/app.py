"""The Textual app: owns the session (undo/redo) and applies what the screens ask for.

Screens say what the user wants; this class applies it, repaints what changed, and asks
SavingApp (saving.py) to save off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from roadmap import catalog, model
from roadmap.application.opening import Writing, reopen
from roadmap.application.session import Action, Session, touched, utc_now
from roadmap.errors import RoadmapError
from roadmap.model import visible
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.tui import messages
from roadmap.tui.saving import SavingApp
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.settings import load_settings, save_theme, unknown_binding_ids


class RoadmapApp(SavingApp):
    """`roadmap` with no arguments."""

    CSS_PATH = "app.tcss"
    TITLE = "roadmap"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", show=False),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False),
        Binding("x", "export", "Export", id="export"),
        Binding("P", "projects", "Projects", id="projects"),
        Binding("ctrl+s", "save_now", "Save", id="save", show=False),
    ]

    def __init__(self, paths: Paths, store: Store, roadmap: model.Roadmap,
                 *, clock: Callable[[], Any] = utc_now,
                 on_first_frame: Callable[[], None] | None = None) -> None:
        super().__init__(store, Session(roadmap, store.state.of(roadmap.id), clock=clock))
        self.paths = paths
        self.clock = clock
        self.on_first_frame = on_first_frame
        self.settings = load_settings(paths)

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
            self._remember_in_thread()

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
        items, projects = touched(action)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.refresh_items(items)
            elif projects and hasattr(screen, "refresh_view"):
                screen.refresh_view()
        # after the repaint: the save thread would otherwise hold the GIL while the frame renders
        self.call_after_refresh(self.schedule_save)

    def action_undo(self) -> None:
        if not self.editable():
            return
        action = self.session.undo()
        if action is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self._after(action)
        self.notify(f"Undone: {action.label}", timeout=3)

    def action_redo(self) -> None:
        if not self.editable():
            return
        action = self.session.redo()
        if action is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        self._after(action)
        self.notify(f"Redone: {action.label}", timeout=3)

    # -- notes

    def edit_note(self, item_id: str) -> None:
        if not self.editable():
            return
        record = self.session.state.get(item_id)

        def done(text: str | None) -> None:
            if text is not None:
                self.perform(lambda s: s.set_note(item_id, text))

        from roadmap.tui.screens.note import NoteEditor  # TextArea: not needed for 1st frame

        self.push_screen(NoteEditor(self.session.title_of(item_id), record.note), done)

    def edit_note_externally(self, item_id: str) -> None:
        """Open the note in $VISUAL/$EDITOR with the terminal handed over to it."""
        if not self.editable():
            return
        from roadmap.tui.editor import edit_externally

        text = edit_externally(self, self.session.state.get(item_id).note)
        if text is not None:
            self.perform(lambda s: s.set_note(item_id, text))

    # -- projects and export

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """P opens the projects from the main screen only: not stacked on itself or a dialog."""
        if action == "projects":
            return isinstance(self.screen, MainScreen)
        return True

    def action_projects(self) -> None:
        from roadmap.tui.screens.projects import ProjectsScreen

        self.push_screen(ProjectsScreen(self.session.roadmap, self.session.state,
                                        bool(self.store.read_only)))

    def attach_project(self, item_id: str) -> None:
        if not self.editable():
            return
        from roadmap.tui.screens.attach import AttachProjectScreen
        from roadmap.tui.screens.project_form import ProjectForm

        roadmap = self.session.roadmap
        group = roadmap.group_of(item_id)
        if group is None or group.section is model.Section.READINESS:
            self.notify("Projects attach to milestones and skills; pick one of those.",
                        severity="warning", timeout=5)
            return
        is_skill = group.section is model.Section.SKILLS

        def open_form(choice: str | None) -> None:
            if choice is None:
                return
            existing = self.session.state.projects.get(choice)
            if existing is not None:
                values = existing.skills if is_skill else existing.milestones
                if item_id in values:
                    self.notify(f"'{existing.title}' is already attached.", timeout=3)
                    return

                updated = (existing._replace(skills=(*values, item_id)) if is_skill
                           else existing._replace(milestones=(*values, item_id)))
                self.perform(lambda s: s.put_project(updated))
                return
            form = ProjectForm(
                roadmap, None, set(self.session.state.projects),
                preset_skills=(item_id,) if is_skill else (),
                preset_milestones=() if is_skill else (item_id,),
            )
            self.push_screen(form, self._project_form_done)

        projects = sorted(self.session.state.projects.values(), key=lambda p: p.title.casefold())
        self.push_screen(AttachProjectScreen(self.session.title_of(item_id), projects),
                         open_form)

    def _project_form_done(self, project: model.Project | None) -> None:
        if project is not None:
            self.post_message(messages.ProjectSubmitted(project))

    def on_project_submitted(self, message: messages.ProjectSubmitted) -> None:
        """The one place a submitted project is applied, whichever screen it came from."""
        self.perform(lambda s: s.put_project(message.project))

    def on_project_deleted(self, message: messages.ProjectDeleted) -> None:
        self.perform(lambda s: s.remove_project(message.project_id))

    def action_export(self) -> None:
        from roadmap.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(Path.cwd(), paths=self.paths))

    def on_export_requested(self, message: messages.ExportRequested) -> None:
        # snapshot here, on the UI thread: the worker must not iterate dicts being edited
        self._export(message, self.session.roadmap, self.session.state.copy())

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, message: messages.ExportRequested, roadmap: model.Roadmap,
                snapshot: model.RoadmapState) -> None:
        from roadmap import config, export

        error: str | None = None
        try:
            profile = config.load_profile(self.paths)
            text = export.render(message.fmt, roadmap, snapshot, profile,
                                 include_notes=message.include_notes)
            export.write_export(message.path, text, force=message.force, paths=self.paths)
        except RoadmapError as exc:
            error = str(exc)
        except Exception as exc:  # a bug must still be reported, never a silent nothing
            error = f"internal error ({type(exc).__name__}: {exc})"
        # posted, not call_from_thread: a thread outliving the app must not wait on it
        self.post_message(messages.ExportFinished(message, error))

    def on_export_finished(self, message: messages.ExportFinished) -> None:
        """Tell the dialog that asked; if it was closed meanwhile, say it in a notice."""
        from roadmap.tui.screens.export import ExportScreen

        request, error = message.request, message.error
        shown = any(screen.export_finished(request, error) for screen in self.screen_stack
                    if isinstance(screen, ExportScreen))
        if error is None:
            self.notify(visible(f"Exported {request.fmt} to {request.path}"), timeout=6,
                        markup=False)
        elif not shown:
            self.notify(visible(f"Export failed: {error}"), severity="error", timeout=10,
                        markup=False)

    # -- help, palette, roadmaps

    def action_help(self) -> None:
        from roadmap.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.paths))

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
        self._saved_changes = -1  # the switch itself must be saved
        self.schedule_save()
        self.notify(f"Now using: {opened.roadmap.title}", timeout=4)

    def reload(self, roadmap_id: str) -> None:
        """Show the store's state again (after a restore), on that roadmap if it still loads."""
        self._show(reopen(self.paths, self.store, roadmap_id, fallback=self.session.roadmap))
        self._saved_changes = self.session.changes

    def _show(self, opened: Writing) -> None:
        for notice in opened.notices:
            self.notify(notice, severity="warning", timeout=10)
        self.session = Session(opened.roadmap, opened.rs, clock=self.clock)
        main = self.main
        if main is not None:
            main.load()
