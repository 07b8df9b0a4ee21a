"""The evidence view (E): what the projects prove, and where claims and ticks disagree.

One list in four parts, counts in the heading. `space` ticks a skill a project claims but
the user never ticked (or an open milestone a project serves): it goes through the app like
any tick, so `u` undoes it. The lists come from `roadmap.insights.evidence`, as the CLI's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from roadmap.insights.evidence import Evidence, Proof, evidence
from roadmap.model import GLYPHS, Roadmap, RoadmapState, Status, visible
from roadmap.tui.messages import TickRequested
from roadmap.tui.screens.state_screen import StateScreen

TICKABLE = ("claimed", "milestone")
"""The parts whose rows `space` ticks: the others are done already, or not the user's to tick
from here."""
EMPTY = ("Nothing to show yet: tick the skills you have learned and attach projects to them "
         "(p on the main screen).")

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp


def heading(found: Evidence) -> str:
    c = found.counts()
    return (f"Evidence — {c['proven']} proven · {c['unproven']} unproven · "
            f"{c['in_progress']} in progress · {c['claimed']} claimed, not ticked · "
            f"{c['milestones']} milestones with a project still to do")


class EvidenceScreen(StateScreen):
    """Lists the evidence; posts TickRequested for a claimed skill or an open milestone."""

    DEFAULT_CSS = """
    EvidenceScreen {
        layout: vertical;
    }
    EvidenceScreen #evidence-heading {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    EvidenceScreen #evidence-list {
        height: 1fr;
        border: none;
    }
    EvidenceScreen #evidence-empty {
        height: 1fr;
        content-align: center middle;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="evidence.tick",
                tooltip="Tick the claimed skill or open milestone (u undoes it)"),
        Binding("escape,q", "back", "Back", id="evidence.back", tooltip="Back to the roadmap"),
    ]

    app: RoadmapApp

    def __init__(self, roadmap: Roadmap, state: RoadmapState, read_only: bool = False) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.state = state
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        yield Static("", id="evidence-heading", markup=False)
        yield OptionList(id="evidence-list")
        yield Static(Content(EMPTY), id="evidence-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()
        self.query_one(OptionList).focus()

    def _project_titles(self, ids: tuple[str, ...]) -> str:
        projects = self.state.projects
        return ", ".join(visible(projects[i].title, keep_newlines=False) if i in projects
                         else i for i in ids)

    def _row(self, kind: str, proof: Proof, detail: str) -> Option:
        text = Text(f"{GLYPHS[proof.status]} ")
        text.append(visible(proof.title, keep_newlines=False))
        text.append(f"  — {detail}", style="dim")
        return Option(text, id=f"{kind}:{proof.id}")

    def rebuild(self) -> None:
        """Recount from the state and redraw, keeping the cursor on the same row if it is
        still there (a ticked claim leaves its part)."""
        found = evidence(self.roadmap, self.state)
        self.query_one("#evidence-heading", Static).update(Content(heading(found)))
        listing = self.query_one(OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        options: list[Option | None] = []

        def part(title: str, rows: list[Option]) -> None:
            if rows:
                if options:
                    options.append(None)
                options.append(Option(Text(title, style="bold"), disabled=True))
                options.extend(rows)

        part(f"Skills done or in progress ({len(found.skills)})", [
            self._row("skill", p, self._project_titles(p.projects) if p.projects
                      else "unproven: no project shows it" if p.status is Status.DONE
                      else "no project yet")
            for p in found.skills])
        part(f"Claimed by a project, not ticked ({len(found.claimed)}) — space ticks", [
            self._row("claimed", p, "in " + self._project_titles(p.projects))
            for p in found.claimed])
        part(f"Milestones with a project, still to do ({len(found.milestones)}) — space ticks",
             [self._row("milestone", p, self._project_titles(p.projects))
              for p in found.milestones])
        listing.clear_options()
        listing.add_options(options)
        listing.display = bool(options)
        self.query_one("#evidence-empty").display = not options
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        if kept in ids:
            listing.highlighted = ids.index(kept)
        elif before is not None and listing.option_count:
            listing.highlighted = min(before, listing.option_count - 1)
            while listing.highlighted and listing.get_option_at_index(
                    listing.highlighted).disabled:
                listing.highlighted -= 1
        if listing.highlighted is not None and listing.get_option_at_index(
                listing.highlighted).disabled:
            listing.action_cursor_down()

    def state_changed(self, items: set[str], projects: bool) -> None:
        self.roadmap = self.app.session.roadmap  # an own item added or undone reshapes the roadmap
        self.rebuild()

    def action_tick(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        kind, _, item_id = (listing.get_option_at_index(listing.highlighted).id or "").partition(
            ":")
        if kind not in TICKABLE:
            self.app.notify("Space ticks a claimed skill or an open milestone; this one is "
                            "ticked on the main screen.", timeout=4)
            return
        self.post_message(TickRequested(item_id))

    def action_back(self) -> None:
        self.dismiss(None)
