"""Command-palette entries: every action, plus switching roadmaps (themes come built in)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp
    from roadmap.tui.screens.main import MainScreen


def own_commands(main: MainScreen) -> Iterator[SystemCommand]:
    """Own items, links and the skipped filter: the `a r D l o h` keys, findable by name."""
    yield SystemCommand("Add your own item", "A milestone, skill or check in this step or "
                        "group", main.action_add_own_item)
    yield SystemCommand("Edit your own item", "Rename or change the selected own item",
                        main.action_edit_own_item)
    yield SystemCommand("Remove your own item", "Its record is kept as archived; undo brings "
                        "it back", main.action_remove_own_item)
    yield SystemCommand("Add a link", "Keep a link (a course, a chapter) on the item",
                        main.action_add_link)
    yield SystemCommand("Open a link", "The item's links and resources, in the browser",
                        main.action_open_link)
    yield SystemCommand("Hide or show skipped items", "Remembered in config.toml",
                        main.action_toggle_hide_skipped)


def palette_commands(app: RoadmapApp) -> Iterator[SystemCommand]:
    """What ctrl+p offers beyond Textual's own (theme, keys, quit)."""
    main = app.main
    if main is not None:
        for label, status in (("done", "done"), ("in progress", "in-progress"),
                              ("skipped", "skipped"), ("to do", "todo")):
            yield SystemCommand(f"Mark {label}", f"Mark the selected item {label}",
                                lambda s=status: main.action_mark(s))
        yield SystemCommand("Edit note", "Edit the selected item's note", main.action_note)
        yield SystemCommand("Edit note in $EDITOR", "Open the note in your editor",
                            main.action_external_note)
        yield SystemCommand("Attach project", "Attach a portfolio project to the item",
                            main.action_attach_project)
        yield SystemCommand("Filter", "Filter the tree by text", main.action_filter)
        yield SystemCommand("Cycle status filter", "all / open / in progress / done",
                            main.action_cycle_status_filter)
        yield from own_commands(main)
        yield SystemCommand("Evidence", "What your projects prove, and what they claim",
                            main.action_evidence)
        yield SystemCommand("Job postings", "Match a job posting against your skills",
                            main.action_postings)
    yield SystemCommand("Projects", "Your portfolio projects", app.action_projects)
    yield SystemCommand("Next", "What is in progress and what to start next",
                        app.action_next_view)
    yield SystemCommand("Progress", "Pace, streaks, heatmap, forecasts and a target date",
                        app.action_progress)
    yield SystemCommand("Export portfolio", "Markdown, HTML, JSON or JSON Resume",
                        app.action_export)
    yield SystemCommand("Profile", "Your name, headline and links for the export (f2)",
                        app.action_profile)
    yield SystemCommand("Undo", "Undo the last change", app.action_undo)
    yield SystemCommand("Redo", "Redo the last undone change", app.action_redo)
    yield SystemCommand("Help", "Every key, and where your data lives", app.action_help)
    if app.store.backup_pending:
        yield SystemCommand("Restore backup", "Restore state.toml.bak or start afresh",
                            app.offer_restore)
    current = app.session.roadmap.id
    for info in app.templates:
        if info.roadmap is not None and info.id != current:
            title = info.roadmap.title
            yield SystemCommand(f"Switch roadmap: {title}", f"Use '{info.id}' ({info.origin})",
                                lambda rid=info.id: app.switch_roadmap(rid))
