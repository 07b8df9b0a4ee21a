"""The projects table: add, edit and delete go through messages; markup stays literal."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import DataTable

from roadmap.model import Project, RoadmapState
from roadmap.tui.messages import ProjectDeleted, ProjectSubmitted
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.project_form import ProjectForm
from roadmap.tui.screens.projects import EMPTY, ProjectsScreen, fit_widths, short_link
from tests.tui.screen_host import Host, ml_roadmap, screen_text

SIZE = (100, 35)
SENTIMENT = Project(
    id="sentiment-api", title="Sentiment API", urls=("https://github.com/me/sentiment",),
    skills=("python", "pytorch"), milestones=("build-and-deploy-ml-system",),
    started=date(2024, 1, 5), finished=date(2024, 3, 1),
)


def projects_host(*projects: Project, read_only: bool = False) -> Host:
    state = RoadmapState(projects={p.id: p for p in projects})
    return Host(lambda: ProjectsScreen(ml_roadmap(), state, read_only), state)


def table_rows(host: Host) -> list[list[str]]:
    table: DataTable[Text] = host.screen.query_one(DataTable)
    return [[cell.plain for cell in table.get_row(row.key)] for row in table.ordered_rows]


async def test_empty_state_says_what_to_do() -> None:
    host = projects_host()
    async with host.run_test(size=SIZE):
        assert EMPTY in screen_text(host)


async def test_row_shows_title_link_skills_milestones_and_dates() -> None:
    host = projects_host(SENTIMENT)
    async with host.run_test(size=(140, 30)):  # the long milestone title gives way first
        assert table_rows(host) == [[
            "Sentiment API", "github.com/me/sentiment", "Python, PyTorch",
            "Design, prototype and deploy an ML system", "2024-01-05 → 2024-03-01",
        ]]


async def test_add_posts_the_project_and_the_table_refreshes() -> None:
    host = projects_host(SENTIMENT)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(host.screen, ProjectForm)
        await pilot.press("Q", "A", "ctrl+s")
        await pilot.pause()
        screen = host.screen
        assert isinstance(screen, ProjectsScreen)
        assert host.messages == [ProjectSubmitted(Project(id="qa", title="QA"))]
        assert [row[0] for row in table_rows(host)] == ["QA", "Sentiment API"]
        assert screen.current_id() == "qa"  # the cursor follows the new project


async def test_edit_keeps_the_id() -> None:
    host = projects_host(SENTIMENT)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(host.screen, ProjectForm)
        await pilot.press("end", "2", "ctrl+s")
        await pilot.pause()
        assert host.messages == [ProjectSubmitted(SENTIMENT._replace(title="Sentiment API2"))]
        assert table_rows(host)[0][0] == "Sentiment API2"


async def test_delete_asks_and_only_yes_deletes() -> None:
    host = projects_host(SENTIMENT)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(host.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(host.screen, ProjectsScreen)
        assert host.messages == []
        await pilot.press("delete")
        assert "Delete project “Sentiment API”?" in screen_text(host)
        await pilot.press("y")
        await pilot.pause()
        assert host.messages == [ProjectDeleted("sentiment-api")]
        assert EMPTY in screen_text(host)


async def test_read_only_refuses_changes_with_a_notice() -> None:
    host = projects_host(SENTIMENT, read_only=True)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("a", "d")
        assert isinstance(host.screen, ProjectsScreen)
        notices = [n.message for n in host._notifications]
        assert notices == [
            "read-only: cannot add projects while the data file is read-only",
            "read-only: cannot delete projects while the data file is read-only",
        ]


async def test_markup_titles_and_urls_show_literally() -> None:
    evil = Project(id="evil", title="[bold]x[/] [@click=app.quit]y[/]",
                   urls=("https://e.example/[red]",), summary="\x1b[2Jgone")
    host = projects_host(evil)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # opens the form: the title field holds the raw text
        assert isinstance(host.screen, ProjectForm)
        await pilot.press("escape")
        text = screen_text(host)
        assert "[bold]x[/] [@click=app.quit]y[/]" in text
        assert "https://e.example/[red]" in text
        assert "␛[2Jgone" in text
        assert host.is_running


async def test_escape_goes_back() -> None:
    host = projects_host()
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert host.results == [None]


def test_columns_shrink_to_fit_but_dates_never_do() -> None:
    natural = {"title": 60, "url": 40, "skills": 10, "milestones": 90, "dates": 23}
    widths = fit_widths(natural, 80)
    assert widths == {"title": 14, "url": 15, "skills": 8, "milestones": 8, "dates": 23}
    assert sum(widths.values()) == 80 - 2 * 5 - 2
    # at 120 columns the skills and milestones give way until title and link are readable
    assert fit_widths(natural, 120) == {"title": 30, "url": 26, "skills": 10,
                                        "milestones": 19, "dates": 23}


def test_links_show_as_host_and_path() -> None:
    assert short_link("https://www.github.com/ada/churn/") == "github.com/ada/churn"
    assert short_link("HTTP://Example.org/a?b=1") == "Example.org/a?b=1"
    assert short_link("mailto:ada@example.org") == "ada@example.org"


async def test_after_delete_and_undo_the_columns_fit_again() -> None:
    long = Project(id="long", title="A project with a very long title " * 3,
                   urls=("https://github.com/someone/" + "x" * 80,))
    host = projects_host(SENTIMENT, long)
    async with host.run_test(size=(120, 30)) as pilot:
        screen = host.screen
        assert isinstance(screen, ProjectsScreen)
        table: DataTable[Text] = screen.query_one(DataTable)
        state = screen.state
        del state.projects["long"]
        screen.state_changed(set(), True)
        await pilot.pause()
        assert table_rows(host) == [["Sentiment API", "github.com/me/sentiment",
                                     "Python, PyTorch", "Design, prototype and deploy an M…",
                                     "2024-01-05 → 2024-03-01"]]
        state.projects["long"] = long  # what undo does, then the app calls back
        screen.state_changed(set(), True)
        await pilot.pause()
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert sum(widths) <= 120
        rows = table_rows(host)
        assert rows[0][0] == "A project with a very long ti…"  # 30 columns kept
        assert rows[0][1].startswith("github.com/someone/xxx")
