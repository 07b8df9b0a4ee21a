"""The Next view (`N`): what is in progress, longest-waiting first, and what to start next.

The same answer as `roadmap next` (roadmap.insights.next). Enter on an item closes the view
and puts the main screen's cursor on it, to tick or write a note there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from roadmap.insights.next import Next, age_text, what_next
from roadmap.model import visible
from roadmap.tui.messages import ItemShowRequested
from roadmap.tui.screens.state_screen import StateScreen

KEYS = "enter go to the item · escape back"
"""The screen's keys in one line: a key bar rebuilds ~40 widgets on every visit."""

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp

COUNT = 10
"""Next milestones listed: enough to choose from, few enough to read at a glance."""


def options(found: Next, step_titles: dict[str, str], skill_titles: dict[str, str],
            stale_days: int) -> list[Option]:
    """The list's rows: a heading, then the items under it (ids carry the item ids).

    Titles are the user's text: plain Content parts, never markup."""
    muted, bold = "$text-muted", "bold"

    def note(text: str) -> Option:
        return Option(Content.assemble(("  " + text, muted)), disabled=True)

    rows = [Option(Content.assemble(("In progress, longest-waiting first", bold)),
                   disabled=True)]
    if not found.in_progress:
        rows.append(note("nothing yet: i on an item marks it in progress"))
    for started in found.in_progress:
        parts: list[tuple[str, str]] = [("  " + visible(started.title, keep_newlines=False), ""),
                                        (f"  {age_text(started.days)}", muted)]
        if started.stale:
            parts.append((f"  stale: no change in {stale_days}+ days", "bold $text-warning"))
        rows.append(Option(Content.assemble(*parts), id=f"item:{started.id}"))
    rows.append(Option(Content(" "), disabled=True))
    rows.append(Option(Content.assemble(("Next, in the roadmap's order", bold)), disabled=True))
    if not found.upcoming:
        rows.append(note("every step is done or skipped" if found.step is None else
                         "nothing left to start: finish what is in progress"))
    step = None
    for upcoming in found.upcoming:
        if upcoming.step != step:  # a line naming each step, then its milestones under it
            step = upcoming.step
            title = visible(step_titles.get(step, step), keep_newlines=False)
            rows.append(Option(Content.assemble(("  " + title, "italic $text-muted")),
                               disabled=True))
        parts = [("    " + visible(upcoming.title, keep_newlines=False), "")]
        if upcoming.skills:
            names = ", ".join(skill_titles.get(s, s) for s in upcoming.skills)
            parts.append((f"\n      skills: {visible(names, keep_newlines=False)}", muted))
        rows.append(Option(Content.assemble(*parts), id=f"item:{upcoming.id}"))
    return rows


class NextScreen(StateScreen):
    """What to pick up and what to start; follows the state while it is open (undo, say)."""

    DEFAULT_CSS = """
    NextScreen {
        layout: vertical;
    }
    NextScreen .time-keys {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    NextScreen #next-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    NextScreen #next-list {
        height: 1fr;
        border: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show", "Go to item", id="next.show", show=True,
                tooltip="Close this view with the cursor on the item"),
        Binding("escape,q,N", "back", "Back", id="next.back",
                tooltip="Back to the roadmap"),
    ]

    app: RoadmapApp

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Next · {visible(self.app.session.roadmap.title)}"),
                     id="next-heading", markup=False)
        yield OptionList(id="next-list")
        yield Static(Content(KEYS), classes="time-keys", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(OptionList).focus()

    def refresh_view(self) -> None:
        """Recompute from the state, keeping the highlight on the same item if it is listed."""
        session = self.app.session
        roadmap = session.roadmap
        stale_days = self.app.pace.stale_days()
        found = what_next(roadmap, session.state, self.app.clock(), count=COUNT,
                          stale_days=stale_days)
        listing = self.query_one(OptionList)
        kept = self.current_id()
        listing.clear_options()
        listing.add_options(options(
            found, {s.id: s.title for s in roadmap.steps},
            {i.id: i.title for g in roadmap.skill_groups for i in g.items}, stale_days))
        ids = [o.id for o in listing.options]
        target = f"item:{kept}" if f"item:{kept}" in ids else next(
            (i for i in ids if i is not None), None)
        if target is not None:
            listing.highlighted = ids.index(target)

    def current_id(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return option_id.removeprefix("item:") if option_id else None

    def state_changed(self, items: set[str], projects: bool) -> None:
        if items:
            self.refresh_view()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show()

    def action_show(self) -> None:
        item_id = self.current_id()
        if item_id is not None:
            self.post_message(ItemShowRequested(item_id))

    def action_back(self) -> None:
        self.dismiss(None)


def pick_up_text(found: Next, stale_days: int, limit: int = 3) -> str | None:
    """The start-up reminder when something is in progress (None when nothing is): the
    longest-waiting items, stale ones marked, and the key for the whole view."""
    if not found.in_progress:
        return None
    parts = []
    for started in found.in_progress[:limit]:
        age = "today" if started.days == 0 else (
            "?" if started.days is None else f"{started.days}d")
        parts.append(f"{visible(started.title, keep_newlines=False)} ({age}"
                     + (", stale" if started.stale else "") + ")")
    more = len(found.in_progress) - limit
    listed = "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
    return f"In progress: {listed}. N shows what is next."
