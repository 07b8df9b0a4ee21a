"""Job postings (J): paste one or open a saved one, and see what it asks of you.

The match (classes, terms not on the roadmap, score, next milestones) comes from
`roadmap.insights.posting`, as `roadmap gap` prints it, and follows the text as it is typed.
Saved postings are listed with their score now, so ticking a skill moves it. Saving and
forgetting a posting are messages the app applies and saves; this screen writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from roadmap.insights.posting import PostingMatch, match_posting
from roadmap.model import Posting, Roadmap, RoadmapState, one_line, slugify
from roadmap.tui.messages import (
    OwnItemSubmitted,
    PostingRemoveRequested,
    PostingSaveRequested,
)
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.posting_dialogs import NameDialog, TermDialog
from roadmap.tui.screens.state_screen import StateScreen

CLASS_TITLES = {"proven": "Proven (done, with a project)",
                "unproven": "Done, no project shows it yet",
                "in-progress": "In progress", "todo": "To do"}
CLASS_STYLES = {"proven": "bold green", "unproven": "green", "in-progress": "yellow",
                "todo": "red"}
HINT = "Paste a job posting above (plain text, Markdown or HTML) to see what it asks of you."
NO_SAVED = "No saved postings yet: paste one and press ctrl+s."

if TYPE_CHECKING:
    from roadmap.tui.app import RoadmapApp



def result_text(found: PostingMatch, state: RoadmapState) -> Text:
    """The match as the result pane shows it: plain text styles, never markup."""
    out = Text()
    out.append(f"Score {found.percent}%", style="bold")
    out.append(f" — {found.matched} of {found.asked} skills asked for are done\n")
    if not found.skills:
        out.append("None of your roadmap's skills were found in it.\n", style="dim")
    for cls, title in CLASS_TITLES.items():
        skills = found.of_class(cls)
        if not skills:
            continue
        out.append(f"\n{title} ({len(skills)})\n", style=CLASS_STYLES[cls])
        for s in skills:
            out.append(f"  {one_line(s.title)}")
            if s.evidence:
                titles = [state.projects[p].title if p in state.projects else p
                          for p in s.evidence]
                out.append(f" — {one_line(', '.join(titles))}", style="dim")
            out.append("  “" + one_line("”, “".join(s.found)) + "”\n", style="italic dim")
    if found.unknown:
        out.append("\nAsked for, not on your roadmap\n", style="bold")
        out.append("  " + one_line(", ".join(found.unknown)) + "\n")
    if found.suggest:
        out.append("\nNext milestones for what is missing\n", style="bold")
        for suggestion in found.suggest:
            out.append(f"  ○ {one_line(suggestion.title)}\n")
    return out


class PostingsScreen(StateScreen):
    """Saved postings on the left with their live score, the posting and its match on the
    right. Posts PostingSaveRequested and PostingRemoveRequested for the app to apply."""

    DEFAULT_CSS = """
    PostingsScreen {
        layout: vertical;
    }
    PostingsScreen #postings-heading {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-style: bold;
    }
    PostingsScreen #postings-body {
        height: 1fr;
    }
    PostingsScreen #postings-left {
        width: 34;
        border-right: solid $panel;
    }
    PostingsScreen #postings-saved {
        height: 1fr;
        border: none;
    }
    PostingsScreen #postings-none {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    PostingsScreen #posting-text {
        height: 1fr;
        min-height: 5;
    }
    PostingsScreen #posting-result-box {
        height: 2fr;
        padding: 0 1;
        border-top: solid $panel;
    }
    PostingsScreen .pane-title {
        padding: 0 1;
        color: $text-primary;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save posting", id="postings.save", priority=True,
                tooltip="Keep this posting under a name, to check it again as you learn"),
        Binding("ctrl+t", "add_term", "Add term", id="postings.add-term", priority=True,
                tooltip="Add a technology the posting asks for as your own skill"),
        Binding("ctrl+r", "delete", "Forget", id="postings.delete", priority=True,
                tooltip="Forget the selected saved posting (asks first)"),
        Binding("ctrl+n", "new", "New", id="postings.new", priority=True,
                tooltip="Clear the text area for a new posting"),
        Binding("escape", "back", "Back", id="postings.back", priority=True,
                tooltip="Back to the roadmap"),
    ]

    MATCH_DELAY = 0.25
    """Seconds of no typing before the match is redone: a paste is one change, typing many."""

    app: RoadmapApp

    def __init__(self, roadmap: Roadmap, state: RoadmapState, postings: Mapping[str, Posting],
                 read_only: bool = False) -> None:
        super().__init__()
        self.roadmap = roadmap
        self.state = state
        self.postings = postings
        """The store's saved postings (the app keeps them up to date)."""
        self.read_only = read_only
        self.current: str | None = None
        """The saved posting shown in the text area, if one is (None: a new one)."""
        self.found: PostingMatch | None = None
        """The match shown, for the terms `ctrl+t` offers."""
        self._timer: Timer | None = None
        self._matched: str | None = None
        """The text the result shows the match of."""

    def compose(self) -> ComposeResult:
        yield Static("", id="postings-heading", markup=False)
        with Horizontal(id="postings-body"):
            with Vertical(id="postings-left"):
                yield Label("Saved postings", classes="pane-title")
                yield OptionList(id="postings-saved")
                yield Static(Content(NO_SAVED), id="postings-none")
            with Vertical(id="postings-right"):
                yield Label("Posting (paste here)", classes="pane-title")
                yield TextArea("", id="posting-text", soft_wrap=True, show_line_numbers=False)
                with VerticalScroll(id="posting-result-box"):
                    yield Static(Content(HINT), id="posting-result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_saved()
        self.query_one(TextArea).focus()

    # -- the saved list

    def refresh_saved(self) -> None:
        """Rescore every saved posting (the score follows progress) and redraw the list."""
        listing = self.query_one("#postings-saved", OptionList)
        kept = listing.highlighted
        listing.clear_options()
        for name in sorted(self.postings):
            found = match_posting(self.postings[name].text, self.roadmap, self.state)
            row = Text(f"{found.percent:>3}%  ", style="bold")
            row.append(one_line(name))
            row.append(f"  {found.matched}/{found.asked}", style="dim")
            listing.add_option(Option(row, id=name))
        if kept is not None and listing.option_count:
            listing.highlighted = min(kept, listing.option_count - 1)
        self.query_one("#postings-none").display = not self.postings
        listing.display = bool(self.postings)
        self._heading()

    def _heading(self) -> None:
        """Which posting is shown: opening one changes only this, not the scores."""
        self.query_one("#postings-heading", Static).update(Content(
            f"Job postings — {len(self.postings)} saved"
            + (f" · showing '{one_line(self.current)}'" if self.current else "")))

    @on(OptionList.OptionSelected, "#postings-saved")
    def _open_saved(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id
        if name is None or name not in self.postings:
            return
        self.current = name
        self.query_one(TextArea).load_text(self.postings[name].text)
        self._heading()
        self.rematch()

    # -- the match

    @on(TextArea.Changed, "#posting-text")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.MATCH_DELAY, self.rematch)

    def rematch(self) -> None:
        text = self.query_one(TextArea).text
        if text == self._matched:
            return  # loading a posting matches it at once; the delayed match would repeat it
        self._matched = text
        result = self.query_one("#posting-result", Static)
        if not text.strip():
            self.found = None
            result.update(Content(HINT))
            return
        self.found = match_posting(text, self.roadmap, self.state)
        result.update(result_text(self.found, self.state))

    def state_changed(self, items: set[str], projects: bool) -> None:
        self.roadmap = self.app.session.roadmap  # an own item (ctrl+t) reshapes the roadmap
        self.refresh_saved()
        self._matched = None  # same text, new progress: match again
        self.rematch()

    # -- keys

    def action_save(self, leave: bool = False) -> None:
        """Ask for a name and keep the posting; with `leave`, go back once it is kept."""
        text = self.query_one(TextArea).text
        if not text.strip():
            self.app.notify("Paste a posting first.", timeout=3)
            return
        if self.read_only:
            self.app.notify("Read-only: the posting cannot be saved.", severity="warning")
            return
        first = next((line for line in text.splitlines() if line.strip()), "posting")
        suggested = self.current or slugify(first)[:40].strip("-") or "posting"

        def named(name: str | None) -> None:
            if name is not None:
                self.current = name
                self.post_message(PostingSaveRequested(name, text))
                if leave:
                    self.dismiss(None)

        self.app.push_screen(NameDialog(suggested, self.postings), named)

    def action_delete(self) -> None:
        listing = self.query_one("#postings-saved", OptionList)
        if listing.highlighted is None or not listing.option_count:
            self.app.notify("No saved posting selected.", timeout=3)
            return
        name = listing.get_option_at_index(listing.highlighted).id
        if name is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                if self.current == name:
                    self.current = None
                self.post_message(PostingRemoveRequested(name))

        self.app.push_screen(ConfirmScreen(f"Forget the saved posting '{one_line(name)}'?"),
                             answered)

    def action_add_term(self) -> None:
        """One key to a term the posting asks for: it becomes an own skill of the roadmap,
        and the match is made again with it (to do, until ticked)."""
        terms = list(self.found.unknown) if self.found is not None else []
        groups = [(g.id, g.title) for g in self.roadmap.skill_groups]
        if not terms or not groups:
            self.app.notify("No terms to add: the posting names no technology your roadmap "
                            "lacks." if groups else "This roadmap has no skill groups.",
                            timeout=4)
            return
        if self.read_only:
            self.app.notify("Read-only: nothing can be added.", severity="warning")
            return
        tools = [gid for gid, _ in groups if "tool" in gid]
        self.app.push_screen(TermDialog(terms, groups, (tools or [groups[-1][0]])[0]),
                             self._add_term)

    def _add_term(self, chosen: tuple[str, str] | None) -> None:
        if chosen is None:
            return
        from roadmap.application.own import new_item
        from roadmap.errors import RoadmapError

        term, group = chosen
        try:
            item = new_item(self.roadmap, self.state, group, term, now=self.app.clock())
        except RoadmapError as exc:
            self.app.notify(str(exc), severity="error", timeout=8)
            return
        self.post_message(OwnItemSubmitted(item))

    def action_new(self) -> None:
        self.current = None
        self.query_one(TextArea).load_text("")
        self._heading()
        self.rematch()

    def unsaved(self) -> bool:
        """Whether the text area holds a posting that is not kept as it is (pasted or typed
        and not saved, or a saved one edited): escape must not throw it away unasked."""
        text = self.query_one(TextArea).text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return False
        saved = self.postings.get(self.current) if self.current is not None else None
        return saved is None or saved.text != text

    def action_back(self) -> None:
        if self.read_only or not self.unsaved():
            self.dismiss(None)
            return
        from roadmap.tui.screens.confirm import ask_unsaved

        ask_unsaved(self, "this posting", lambda: self.action_save(leave=True),
                    "This posting is not saved. Save it before going back?")
