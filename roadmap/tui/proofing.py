"""The app's part in the evidence and postings views: open them, keep and forget postings.

Kept out of app.py (which is at its size limit): the app's handlers call these. A posting
is saved like a roadmap switch, marked unsaved and written by the Saver; it is no session
change, so undo does not take it back (forget it with ctrl+d instead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap.application.postings import make_posting
from roadmap.errors import RoadmapError
from roadmap.tui.messages import PostingRemoveRequested, PostingSaveRequested

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp


def open_evidence(app: RoadmapApp) -> None:
    from roadmap.tui.screens.evidence import EvidenceScreen

    app.push_screen(EvidenceScreen(app.session.roadmap, app.session.state,
                                   bool(app.store.read_only)))


def open_postings(app: RoadmapApp) -> None:
    from roadmap.tui.screens.postings import PostingsScreen

    app.push_screen(PostingsScreen(app.session.roadmap, app.session.state,
                                   app.store.state.postings, bool(app.store.read_only)))


def _saved(app: RoadmapApp) -> None:
    """The postings changed (no item did): only the postings view shows them."""
    from roadmap.tui.screens.postings import PostingsScreen

    for screen in app.screen_stack:
        if isinstance(screen, PostingsScreen):
            screen.refresh_saved()
    app.saver.mark_unsaved()
    app.saver.schedule()


def save_posting(app: RoadmapApp, message: PostingSaveRequested) -> None:
    if not app.editable():
        return
    try:
        posting = make_posting(message.name, message.text, app.clock().date())
    except RoadmapError as exc:
        app.notify(str(exc), severity="error", timeout=8)
        return
    replaced = message.name in app.store.state.postings
    app.store.state.postings[message.name] = posting
    _saved(app)
    app.notify(f"{'Replaced' if replaced else 'Saved'} the posting '{message.name}'.",
               timeout=4)


def remove_posting(app: RoadmapApp, message: PostingRemoveRequested) -> None:
    if not app.editable() or message.name not in app.store.state.postings:
        return
    del app.store.state.postings[message.name]
    _saved(app)
    app.notify(f"Forgot the posting '{message.name}'.", timeout=4)
