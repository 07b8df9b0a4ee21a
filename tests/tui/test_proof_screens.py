"""The evidence view (E) and the job postings view (J), driven by keys on the real app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from roadmap.model import ItemState, Posting, Project, RoadmapState, Status
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.evidence import EvidenceScreen
from roadmap.tui.screens.export import ExportScreen
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.screens.posting_dialogs import NameDialog, TermDialog
from roadmap.tui.screens.postings import PostingsScreen
from tests.tui.conftest import NOW, ROADMAP, SIZE, AppFactory
from tests.tui.screen_host import screen_text


def progress(state: RoadmapState) -> None:
    for item in ("python", "sql"):
        state.items[item] = ItemState(Status.DONE, NOW)
    state.items["pytorch"] = ItemState(Status.IN_PROGRESS, NOW)
    state.projects["house-prices"] = Project(
        "house-prices", "House [b]prices[/b]", skills=("python", "data-cleaning"),
        milestones=("build-data-pipeline",))


def rows(app: RoadmapApp) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]


async def highlight(pilot: Pilot[None], option_id: str) -> None:
    listing = pilot.app.screen.query_one(OptionList)
    ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
    listing.highlighted = ids.index(option_id)
    await pilot.pause()


async def test_evidence_lists_proof_claims_and_open_milestones(make_app: AppFactory) -> None:
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        assert isinstance(app.screen, EvidenceScreen)
        text = screen_text(app)
        assert ("Evidence — 1 proven · 1 unproven · 1 in progress · 1 claimed, not ticked · "
                "1 milestones with a project still to do") in text
        assert rows(app) == [
            "Skills done or in progress (3)", "✔ Python  — House [b]prices[/b]",
            "✔ SQL  — unproven: no project shows it", "◐ PyTorch  — no project yet",
            "Claimed by a project, not ticked (1) — space ticks",
            "○ Data quality and cleaning  — in House [b]prices[/b]",
            "Milestones with a project, still to do (1) — space ticks",
            "○ Build a reproducible data pipeline  — House [b]prices[/b]"]
        assert "House [b]prices[/b]" in text  # markup in a title stays literal
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_space_ticks_a_claimed_skill_and_u_undoes_it(make_app: AppFactory,
                                                           paths: Paths) -> None:
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await highlight(pilot, "claimed:data-cleaning")
        await pilot.press("space")
        await pilot.pause()
        assert app.session.state.status("data-cleaning") is Status.DONE
        assert "Claimed by a project" not in "\n".join(rows(app))
        assert "✔ Data quality and cleaning  — House [b]prices[/b]" in rows(app)
        assert app.screen.query_one(OptionList).highlighted is not None
        await pilot.press("u")
        await pilot.pause()
        assert app.session.state.status("data-cleaning") is Status.TODO
        assert "○ Data quality and cleaning  — in House [b]prices[/b]" in rows(app)
        await highlight(pilot, "skill:python")
        await pilot.press("space")  # a done skill is not unticked from here
        await pilot.pause()
        assert app.session.state.status("python") is Status.DONE
        await pilot.press("escape", "q")
    assert read_state(paths).of(ROADMAP).status("data-cleaning") is Status.TODO


async def test_evidence_with_nothing_recorded_says_what_to_do(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        assert "Nothing to show yet: tick the skills you have learned" in screen_text(app)


POSTING = "We need Python, R and SQL; Docker and Kubernetes. Experience with Spark."


async def test_a_pasted_posting_shows_its_match(make_app: AppFactory) -> None:
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        assert isinstance(app.screen, PostingsScreen)
        assert "No saved postings yet" in screen_text(app)
        app.screen.query_one(TextArea).load_text(POSTING)
        app.screen.rematch()  # as the typing timer would, without waiting for it
        await pilot.pause()
        shown = str(app.screen.query_one("#posting-result", Static).render())
        assert shown.splitlines() == [
            "Score 50% — 2 of 4 skills asked for are done", "",
            "Proven (done, with a project) (1)", "  Python — House [b]prices[/b]  “Python”", "",
            "Done, no project shows it yet (1)", "  SQL  “SQL”", "",
            "To do (2)", "  R language  “R”", "  Apache Spark  “Spark”", "",
            "Asked for, not on your roadmap", "  Docker, Kubernetes", "",
            "Next milestones for what is missing",
            "  ○ Process a large data set with Spark or Hadoop", "  ○ Fit a model in R or MATLAB"]


async def test_saving_a_posting_keeps_it_with_a_live_score(make_app: AppFactory,
                                                           paths: Paths) -> None:
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        app.screen.query_one(TextArea).load_text(POSTING)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NameDialog)
        name = app.screen.query_one(Input)
        assert name.value == "we-need-python-r-and-sql-docker-and-kube"
        name.value = "Acme ML!"
        await pilot.press("enter")
        assert isinstance(app.screen, NameDialog)  # refused, with a suggestion
        await pilot.pause()
        assert str(app.screen.query_one("#name-error", Static).render()) == (
            "'Acme ML!' is not a name roadmap can keep; try 'acme-ml'.")
        name.value = "acme-ml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PostingsScreen)
        assert rows(app) == [" 50%  acme-ml  2/4"]
        app.session.state.items["r-language"] = ItemState(Status.DONE, NOW)
        app.screen.state_changed({"r-language"}, False)
        assert rows(app) == [" 75%  acme-ml  3/4"]
        await app.saver.wait_for_saves()
    saved = read_state(paths).postings["acme-ml"]
    assert (saved.text, saved.saved) == (POSTING, NOW.date())


async def test_a_saved_posting_opens_and_can_be_forgotten(make_app: AppFactory,
                                                          paths: Paths) -> None:
    with Store.open(paths) as store:
        store.state.postings["old-job"] = Posting("old-job", "SQL only", NOW.date())
        store.save()
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        listing = app.screen.query_one("#postings-saved", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "SQL only"
        assert "Score 100% — 1 of 1 skills asked for are done" in str(
            app.screen.query_one("#posting-result", Static).render())
        assert "showing 'old-job'" in screen_text(app)
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert rows(app) == [] and "No saved postings yet" in screen_text(app)
        await app.saver.wait_for_saves()
    assert read_state(paths).postings == {}


async def test_opening_a_saved_posting_matches_it_once(make_app: AppFactory, paths: Paths,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening one of three saved postings matches that posting, once: not every saved one
    again (their scores did not change), nor a second time when the delayed match fires."""
    from roadmap.tui.screens import postings as postings_module

    with Store.open(paths) as store:
        for name in ("a-job", "b-job", "c-job"):
            store.state.postings[name] = Posting(name, f"SQL and Python for {name}", NOW.date())
        store.save()
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        matched: list[str] = []
        real = postings_module.match_posting
        monkeypatch.setattr(postings_module, "match_posting",
                            lambda text, *rest: matched.append(text) or real(text, *rest))
        listing = app.screen.query_one("#postings-saved", OptionList)
        listing.focus()
        listing.highlighted = 1
        await pilot.press("enter")
        await pilot.pause(postings_module.PostingsScreen.MATCH_DELAY + 0.2)
        assert matched == ["SQL and Python for b-job"]
        assert "showing 'b-job'" in screen_text(app)


async def test_the_export_dialog_writes_the_employer_export_ordered_by_a_posting(
        make_app: AppFactory, paths: Paths, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open(paths) as store:
        store.state.postings["sql-job"] = Posting("sql-job", "SQL, SQL, SQL", NOW.date())
        store.save()

    def two_projects(state: RoadmapState) -> None:
        progress(state)
        state.projects["taxi"] = Project("taxi", "Taxi pipeline", skills=("sql",))

    app = make_app(two_projects)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert not dialog.query_one("#export-posting", Select).display
        dialog.query_one("#export-audience", Select).value = "employer"
        await pilot.pause()
        posting = dialog.query_one("#export-posting", Select)
        assert posting.display
        posting.value = "sql-job"
        dialog.query_one("#export-path", Input).value = str(tmp_path / "cv.md")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (tmp_path / "cv.md").read_text()
    assert text.startswith("# Portfolio\n\n## Projects\n\n### Taxi pipeline\n")
    assert "Roadmap progress" not in text and text.index("Taxi") < text.index("House")


async def test_ctrl_t_adds_a_term_the_posting_asks_for_as_an_own_skill(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        app.screen.query_one(TextArea).load_text(POSTING)
        app.screen.rematch()  # as the typing timer would, without waiting for it
        await pilot.pause()
        await pilot.press("ctrl+t")
        dialog = app.screen
        assert isinstance(dialog, TermDialog)
        assert dialog.terms == ["Docker", "Kubernetes"]
        assert dialog.query_one(Select).value == "tools-platforms"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PostingsScreen)
        docker = app.session.roadmap.item("docker")
        assert docker is not None and app.session.roadmap.group_of("docker").id == (
            "tools-platforms")
        shown = str(app.screen.query_one("#posting-result", Static).render())
        assert "To do (3)" in shown and "  Docker  “Docker”" in shown
        assert "not on your roadmap\n  Kubernetes" in shown
        app.action_undo()
        await pilot.pause()
        assert app.session.roadmap.item("docker") is None
        assert "Docker, Kubernetes" in str(app.screen.query_one("#posting-result",
                                                                Static).render())
        await app.saver.wait_for_saves()


async def test_escape_asks_before_a_pasted_posting_is_thrown_away(make_app: AppFactory,
                                                                  paths: Paths) -> None:
    """A posting pasted and not saved is typing too: escape asks save / discard / keep."""
    from roadmap.tui.screens.confirm import ChoiceScreen

    app = make_app(progress)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("J")
        app.screen.query_one(TextArea).load_text(POSTING)
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")  # keep editing: the text is still there
        assert isinstance(app.screen, PostingsScreen)
        assert app.screen.query_one(TextArea).text == POSTING
        await pilot.press("escape", "s")  # save: name it, then back to the roadmap
        assert isinstance(app.screen, NameDialog)
        app.screen.query_one(Input).value = "acme-ml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("J")
        listing = app.screen.query_one("#postings-saved", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter", "escape")  # a saved posting as it was kept: no question
        assert isinstance(app.screen, MainScreen)
        await pilot.press("J")
        app.screen.query_one(TextArea).load_text("We need Go.")
        await pilot.press("escape", "d")  # discard
        assert isinstance(app.screen, MainScreen)
        await app.saver.wait_for_saves()
    assert list(read_state(paths).postings) == ["acme-ml"]
