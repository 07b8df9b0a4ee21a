"""The project form: what the user types becomes exactly one Project, or a clear error."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from roadmap.model import Project
from roadmap.tui.screens.confirm import ChoiceScreen
from roadmap.tui.screens.project_form import ProjectForm
from roadmap.tui.widgets.filter_select import FilterableSelection
from tests.tui.screen_host import Host, burst, ml_roadmap, screen_text

SIZE = (100, 35)


def form_host(existing: Project | None = None, taken: set[str] | None = None) -> Host:
    return Host(lambda: ProjectForm(ml_roadmap(), existing, taken or set()))


async def fill(pilot: Pilot[None], widget_id: str, text: str) -> None:
    """Focus a field and insert text as a paste would: typing costs a pilot round per key."""
    widget = pilot.app.screen.query_one(f"#{widget_id}")
    widget.focus()
    if isinstance(widget, TextArea):
        widget.insert(text)
    else:
        assert isinstance(widget, Input)
        widget.insert_text_at_cursor(text)
    await pilot.pause()


async def pick(pilot: Pilot[None], select_id: str, query: str, downs: int = 0) -> None:
    """Type a filter, go down into the list, move `downs` rows and tick with space."""
    select = pilot.app.screen.query_one(f"#{select_id}", FilterableSelection)
    select.filter_input.value = ""
    select.focus_filter()
    await pilot.press(*query, "down", *(["down"] * downs), "space")


def error_text(host: Host) -> str:
    return str(host.screen.query_one("#form-error", Static).visual)


async def test_new_project_is_returned_exactly() -> None:
    host = form_host(taken={"sentiment-api"})
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Sentiment API")  # typed; the other fields are pasted
        await fill(pilot, "urls", "https://github.com/me/sentiment, mailto:me@example.com")
        await fill(pilot, "summary", "Served a model")
        await pick(pilot, "skills", "torch")
        await pick(pilot, "skills", "lang py")  # words match the group name too
        await pick(pilot, "milestones", "deploy")
        await fill(pilot, "started", "2024-01-05")
        await fill(pilot, "finished", "2024-03-01")
        await fill(pilot, "notes", "Learned\na lot")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [
        Project(
            id="sentiment-api-2",
            title="Sentiment API",
            urls=("https://github.com/me/sentiment", "mailto:me@example.com"),
            summary="Served a model",
            notes="Learned\na lot",
            skills=("python", "pytorch"),
            milestones=("build-and-deploy-ml-system",),
            started=date(2024, 1, 5),
            finished=date(2024, 3, 1),
        )
    ]


async def test_picks_survive_filtering_and_space_untoggles() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        skills = host.screen.query_one("#skills", FilterableSelection)
        await pick(pilot, "skills", "sql")
        await pick(pilot, "skills", "kera")
        await pick(pilot, "skills", "cupy")
        await pilot.press("space")  # a second space unticks it
        await pilot.press("escape")  # clears the filter, does not close the form
        assert skills.filter_input.value == ""
        assert skills.selected == ["sql", "keras"]
        assert "2 picked: SQL, Keras" in screen_text(host)
    assert host.results == []  # still open


async def test_a_burst_of_keys_in_the_filter_never_crashes_the_form() -> None:
    """Issue 10 case 11: `zzz` arriving at once (a paste, fast typing), then backspace, raised
    NoMatches('FilterList') and closed the form: a highlight outlived the rows it named."""
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"My project", "tab", "tab", "tab")
        skills = host.screen.query_one("#skills", FilterableSelection)
        assert host.screen.focused is skills.filter_input
        burst(host, ("z", "z"), ("z", "z"), ("z", "z"), ("backspace", "\x7f"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(host.screen, ProjectForm)
        assert skills.filter_input.value == "zz"
        assert "nothing matches the filter" in screen_text(host)
        await pilot.press("backspace", "backspace", *"sql", "down", "space")
        assert skills.selected == ["sql"]
        assert host.screen.query_one("#title", Input).value == "My project"
    assert host.results == []


async def test_missing_title_keeps_the_form_open() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        assert error_text(host) == "Title is required"
        assert host.screen.focused is host.screen.query_one("#title", Input)
        assert isinstance(host.screen, ProjectForm)
    assert host.results == []


async def test_bad_url_and_date_are_named_and_the_first_gets_focus() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await fill(pilot, "title", "Thing")
        await fill(pilot, "urls", "ftp://example.org/x")
        await fill(pilot, "started", "2024-13-01")
        await pilot.press("ctrl+s")
        assert error_text(host) == (
            "URL 'ftp://example.org/x' must start with http://, https:// or mailto:\n"
            "Started date '2024-13-01' is not a date; use YYYY-MM-DD"
        )
        assert host.screen.focused is host.screen.query_one("#urls")
        assert host.screen.query_one("#started").has_class("bad")


async def test_finished_before_started_is_refused() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await fill(pilot, "title", "Thing")
        await fill(pilot, "started", "2024-03-01")
        await fill(pilot, "finished", "2024-02-01")
        await pilot.press("ctrl+s")
        assert error_text(host) == (
            "Finished date (2024-02-01) is before Started date (2024-03-01)")
        assert host.screen.focused is host.screen.query_one("#finished")


async def test_edit_keeps_the_id_and_the_picks() -> None:
    old = Project(id="old-id", title="Old", urls=("https://a.example",), skills=("sql",),
                  milestones=("gone-milestone",), started=date(2023, 1, 1))
    host = form_host(existing=old, taken={"old-id", "new-title"})
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+a", "ctrl+k")
        await fill(pilot, "title", "New title")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [
        Project(id="old-id", title="New title", urls=("https://a.example",), skills=("sql",),
                milestones=("gone-milestone",), started=date(2023, 1, 1))
    ]


async def test_escape_closes_at_once_when_nothing_was_typed() -> None:
    host = form_host(existing=Project(id="x", title="X", skills=("sql",)))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert host.results == [None]
    assert host.messages == []


async def test_escape_with_typing_asks_save_discard_or_keep_editing() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("H", "i", "escape")
        await pilot.pause()
        assert isinstance(host.screen, ChoiceScreen)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(host.screen, ProjectForm)
        assert host.screen.query_one("#title", Input).value == "Hi"
        await pick(pilot, "skills", "torch")
        await pilot.press("escape", "escape", "s")  # the first clears the skills filter
        await pilot.pause()
        assert host.results == [Project(id="hi", title="Hi", skills=("pytorch",))]


async def test_escape_then_discard_returns_nothing() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pick(pilot, "milestones", "deploy")
        await pilot.press("escape", "escape")  # the first clears the milestones filter
        await pilot.pause()
        assert isinstance(host.screen, ChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
    assert host.results == [None]


async def test_a_finish_in_the_future_is_refused_and_a_start_warns() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Plan")
        await fill(pilot, "finished", "2999-01-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(host) == ("Finished date (2999-01-01) is in the future; leave it "
                                    "empty while the project is ongoing")
        finished = host.screen.query_one("#finished", Input)
        finished.value = ""
        await fill(pilot, "started", "2999-01-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert host.results == [Project(id="plan", title="Plan", started=date(2999, 1, 1))]
        assert [n.message for n in host._notifications] == [
            "Project 'Plan' starts in the future (2999-01-01); the export shows it as ongoing "
            "until then."]


async def test_the_summary_takes_several_lines() -> None:
    host = form_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"T")
        await fill(pilot, "summary", "First line.\nSecond line.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [Project(id="t", title="T", summary="First line.\nSecond line.")]


async def test_markup_in_an_existing_project_shows_literally() -> None:
    old = Project(id="x", title="[bold]x[/]", summary="[@click=app.quit]q[/]")
    host = form_host(existing=old)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [old]


async def test_control_characters_never_reach_the_terminal() -> None:
    old = Project(id="x", title="A\x1b[2JB\u202eC")
    host = form_host(existing=old)
    async with host.run_test(size=SIZE) as pilot:
        strips = host.screen._compositor.render_strips()
        assert not any("\x1b" in s.text or "\u202e" in s.text for s in strips)
        assert "A␛[2JB<U+202E>C" in screen_text(host)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [Project(id="x", title="A␛[2JB<U+202E>C")]  # saved as shown
