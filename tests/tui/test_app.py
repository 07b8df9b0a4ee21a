"""The whole app driven by keys, with a real Store on the isolated home and the real roadmap.

Each test builds the app the way `roadmap.tui.launch.run` does (Store.open, follow_template,
RoadmapApp) with a frozen clock, and asserts what a user would notice: the state, the screen,
the file.
"""

from __future__ import annotations

import contextlib
import tempfile
import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea
from textual.widgets.tree import TreeNode

from roadmap.model import ItemState, Project, RoadmapState, Status
from roadmap.paths import Paths
from roadmap.storage import LockedError, SaveError, Store, read_state
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.attach import AttachProjectScreen
from roadmap.tui.screens.confirm import ChoiceScreen, ConfirmScreen
from roadmap.tui.screens.help import HelpScreen
from roadmap.tui.screens.main import MainScreen
from roadmap.tui.screens.note import NoteEditor
from roadmap.tui.screens.project_form import ProjectForm
from roadmap.tui.screens.projects import ProjectsScreen
from roadmap.tui.widgets.detail import DetailPane
from roadmap.tui.widgets.roadmap_tree import Ref, RoadmapTree
from tests.tui.conftest import NOW, ROADMAP, SIZE, AppFactory, tree
from tests.tui.screen_host import screen_text

STEP = "start-with-a-course"
MILESTONES = ("take-prep-course-if-new", "check-math-level", "choose-ml-fundamentals-course",
              "complete-ml-fundamentals-course")
FIRST = MILESTONES[0]



def state(app: RoadmapApp) -> RoadmapState:
    return app.store.state.of(ROADMAP)


def status(app: RoadmapApp, item_id: str) -> Status:
    return state(app).status(item_id)


def on_disk(paths: Paths) -> str:
    return paths.state.read_text(encoding="utf-8") if paths.state.exists() else ""


def notices(app: RoadmapApp) -> list[str]:
    return [n.message for n in app._notifications]


def nodes(app: RoadmapApp) -> list[TreeNode[Ref]]:
    """Every node the tree holds, top to bottom (a collapsed group may hold none yet)."""
    found: list[TreeNode[Ref]] = []
    stack = list(reversed(tree(app).root.children))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(node.children))
    return found


def label_of(app: RoadmapApp, ref: Ref) -> str:
    return next(n.label.plain for n in nodes(app) if n.data == ref)


def shown(app: RoadmapApp, kind: str = "item") -> list[str]:
    """Ids of the items (or groups) in the tree."""
    return [n.data.id for n in nodes(app) if n.data is not None and n.data.kind == kind]


async def settle(pilot: Pilot[None]) -> None:
    """Let the save worker start (it is scheduled after the repaint) and finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()  # a finished save may start another for later changes
    await pilot.app.workers.wait_for_complete()


# --------------------------------------------------------------------------- moving


async def test_starts_on_the_first_open_milestone_and_moves_with_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert tree(app).selected == Ref("item", FIRST)
        await pilot.press("j")
        assert tree(app).selected == Ref("item", MILESTONES[1])
        await pilot.press("down")
        assert tree(app).selected == Ref("item", MILESTONES[2])
        await pilot.press("k", "up")
        assert tree(app).selected == Ref("item", FIRST)
        await pilot.press("left")  # on a leaf: to its step
        assert tree(app).selected == Ref("group", STEP)
        step = tree(app).cursor_node
        assert step is not None and step.is_expanded
        await pilot.press("left")  # collapses the step
        assert not step.is_expanded
        await pilot.press("right")  # expands it
        assert step.is_expanded
        await pilot.press("right")  # into its first milestone
        assert tree(app).selected == Ref("item", FIRST)


async def test_details_follow_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "such as Springboard's 4-6 week prep" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).ref == Ref("group", STEP)
        assert "0/4 done · 0%" in screen_text(app)


# --------------------------------------------------------------------------- ticking


async def test_space_ticks_and_unticks(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert state(app).items[FIRST].status is Status.DONE
        assert state(app).items[FIRST].changed == NOW
        assert tree(app).cursor_node is not None
        assert tree(app).cursor_node.label.plain.startswith("✔ ")
        await pilot.press("space")
        assert status(app, FIRST) is Status.TODO


async def test_i_s_t_set_the_exact_status(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        assert status(app, FIRST) is Status.IN_PROGRESS
        await pilot.press("s")
        assert status(app, FIRST) is Status.SKIPPED
        await pilot.press("t")
        assert status(app, FIRST) is Status.TODO
        await pilot.press("left", "space")  # a step asks before marking all its items
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert status(app, FIRST) is Status.TODO
        await pilot.press("up", "space")  # a section is not an item: a hint, no change
        assert status(app, FIRST) is Status.TODO
        assert any("Select an item" in n for n in notices(app))


async def test_ticking_every_milestone_shows_the_step_done(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "space", "j", "space", "j")
        label = label_of(app, Ref("group", STEP))
        assert label.startswith("◐ ") and "3/4" in label  # started, not done
        await pilot.press("space")
        label = label_of(app, Ref("group", STEP))
        assert label.startswith("✔ ") and "4/4" in label
        assert "4/165" in screen_text(app)  # the header's overall count
        assert STEP not in state(app).items  # derived, never stored


# --------------------------------------------------------------------------- notes


async def test_note_is_saved_with_ctrl_s(make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Hi", "enter", "x", "ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert state(app).items[FIRST].note == "Hi\nx"
        await settle(pilot)
        saved = tomllib.loads(on_disk(paths))["roadmaps"][ROADMAP]["items"][FIRST]
        assert saved["note"] == "Hi\nx"
        assert label_of(app, Ref("item", FIRST)).startswith("○ ✎ ")


async def test_note_edit_cancelled_with_escape_changes_nothing(make_app: AppFactory) -> None:
    app = make_app(lambda rs: rs.items.update({FIRST: rs.get(FIRST)._replace(note="old")}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = state(app).copy()
        await pilot.press("n", "escape")  # nothing typed: escape just closes
        assert isinstance(app.screen, MainScreen)
        await pilot.press("n", *"new", "escape")
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question == "You changed this note. Save the changes?"
        await pilot.press("escape")  # escape again: back to the typing, nothing lost
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "oldnew"
        await pilot.press("escape", "k")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "d")
        assert isinstance(app.screen, MainScreen)
        assert state(app) == before
        assert app.session.changes == 0


async def test_escape_then_save_keeps_the_note(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"typed", "escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert state(app).items[FIRST].note == "typed"
        assert state(app).items[FIRST].noted == NOW


async def test_e_without_an_editor_says_what_to_set(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert notices(app) == [
            "Neither $VISUAL nor $EDITOR is set; press n to edit the note here."]


@pytest.mark.parametrize(("editor", "notice"), [
    ("/no/such/editor", "Could not run /no/such/editor: not found"),
    ("'unbalanced", "Could not run 'unbalanced: No closing quotation"),
    ("no-such-editor-xyz --wait", "Could not run no-such-editor-xyz --wait: "
                                  "no-such-editor-xyz: not found"),
    ("  ", "Could not run   : the command is empty"),
    ("vi\x1b[2J", "Could not run vi␛[2J: not found"),
])
async def test_e_with_an_editor_that_cannot_run_says_so_before_suspending(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, editor: str,
        notice: str) -> None:
    """Issue 10 case 9: checked before the terminal is handed over (headless, a suspend
    would give "cannot take over this terminal" instead); the note stays as it was."""
    monkeypatch.setenv("VISUAL", editor)
    app = make_app(lambda rs: rs.items.update({FIRST: rs.get(FIRST)._replace(note="old")}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        assert notices(app) == [notice]
        assert state(app).items[FIRST].note == "old"
        assert app.session.changes == 0


async def test_e_runs_the_editor_and_keeps_what_it_wrote(
        make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf 'from the editor\\n' >> \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = make_app(lambda rs: rs.items.update({FIRST: rs.get(FIRST)._replace(note="old ")}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")  # the headless test terminal cannot be handed over: a notice
        assert "cannot take over this terminal" in notices(app)[-1]
        assert state(app).items[FIRST].note == "old "
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("e")
        assert state(app).items[FIRST].note == "old from the editor"
        assert not list(tmp_path.glob("*.md"))  # the temporary copy is gone


# --------------------------------------------------------------------------- projects


async def test_p_attaches_a_new_project_to_the_milestone(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        assert isinstance(app.screen, AttachProjectScreen)
        await pilot.press("enter")  # "New project…"
        assert isinstance(app.screen, ProjectForm)
        await pilot.press(*"Demo", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert state(app).projects == {"demo": Project(id="demo", title="Demo",
                                                         milestones=(FIRST,))}
        assert "Portfolio projects" in screen_text(app)


async def test_p_attaches_an_existing_project(make_app: AppFactory) -> None:
    demo = Project(id="demo", title="Demo", skills=("python",))
    app = make_app(lambda rs: rs.projects.update({"demo": demo}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", "down", "enter")
        assert state(app).projects["demo"] == demo._replace(milestones=(FIRST,))
        await pilot.press("p", "down", "enter")  # again: already attached, nothing changes
        assert state(app).projects["demo"].milestones == (FIRST,)
        assert "'Demo' is already attached." in notices(app)


async def test_p_on_a_readiness_check_explains_and_attaches_nothing(
    make_app: AppFactory,
) -> None:
    demo = Project(id="demo", title="Demo")
    app = make_app(lambda rs: rs.projects.update({"demo": demo}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        check = app.session.roadmap.readiness[0].items[0].id
        tree(app).select_ref(Ref("item", check))
        await pilot.pause()
        await pilot.press("p")
        assert isinstance(app.screen, MainScreen)
        assert "Projects attach to milestones and skills; pick one of those." in notices(app)
        assert state(app).projects["demo"] == demo


async def test_projects_screen_edits_and_deletes(make_app: AppFactory) -> None:
    demo = Project(id="demo", title="Demo", milestones=(FIRST,))
    app = make_app(lambda rs: rs.projects.update({"demo": demo}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P", "P")  # the second P does not stack another projects screen
        assert isinstance(app.screen, ProjectsScreen)
        assert len(app.screen_stack) == 2
        await pilot.press("e")
        assert isinstance(app.screen, ProjectForm)
        await pilot.press("end", *" v2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)
        assert state(app).projects["demo"] == demo._replace(title="Demo v2")
        table: DataTable[object] = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert state(app).projects == {}
        await pilot.press("u")  # undo works from the projects screen too
        await pilot.pause()
        assert state(app).projects["demo"].title == "Demo v2"
        assert table.row_count == 1
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert "Demo v2" in screen_text(app)


# --------------------------------------------------------------------------- filters


async def test_slash_filters_as_you_type_and_escape_clears(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        groups = shown(app, "group")
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"pyth")
        await pilot.pause()
        found = shown(app)
        assert "become-fluent-in-python" in found
        for item_id in found:
            item = app.session.roadmap.item(item_id)
            assert item is not None
            assert "pyth" in item.title.casefold() or "pyth" in item_id
        assert len(shown(app, "group")) < len(groups)
        assert "matching “pyth”" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app, "group") == groups
        assert tree(app).text_filter == ""
        assert isinstance(app.focused, RoadmapTree)


async def test_filter_matches_notes(make_app: AppFactory) -> None:
    app = make_app(lambda rs: rs.items.update({"learn-java-and-cpp": rs.get(
        "learn-java-and-cpp")._replace(note="zebra stripes")}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert shown(app) == ["learn-java-and-cpp"]
        assert isinstance(app.focused, RoadmapTree)


async def test_f_cycles_the_status_filter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "i")  # one done, one in progress
        seen = []
        for _ in range(4):
            await pilot.press("f")
            await pilot.pause()
            seen.append((tree(app).status_filter, sorted(shown(app)), shown(app, "group")))
        assert [name for name, _, _ in seen] == ["open", "in progress", "done", "all"]
        assert FIRST not in seen[0][1] and MILESTONES[1] in seen[0][1]
        assert seen[1][1] == [MILESTONES[1]]
        assert seen[2][1] == [FIRST]
        assert seen[2][2] == [STEP]  # groups with nothing to show are hidden
        assert len(seen[3][2]) == len(app.session.roadmap.groups())
        assert "showing: done" not in screen_text(app)


# --------------------------------------------------------------------------- undo, redo


async def test_undo_and_redo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "i")
        await pilot.press("u")
        assert status(app, MILESTONES[1]) is Status.TODO
        assert status(app, FIRST) is Status.DONE
        await pilot.press("ctrl+z")
        assert status(app, FIRST) is Status.TODO
        await pilot.press("u")
        assert "Nothing to undo." in notices(app)
        await pilot.press("ctrl+y", "ctrl+y")
        assert status(app, FIRST) is Status.DONE
        assert status(app, MILESTONES[1]) is Status.IN_PROGRESS
        assert notices(app)[-1].startswith("Redone: mark '")
        await pilot.press("ctrl+y")
        assert "Nothing to redo." in notices(app)


# --------------------------------------------------------------------------- read-only


async def test_second_instance_is_read_only_with_a_banner(
        make_app: AppFactory, paths: Paths) -> None:
    holder = Store.open(paths)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(50):  # the lock is tried after the first frame; a loaded CI is slow
                await pilot.pause()
                if "Read-only: another roadmap is running" in screen_text(app):
                    break
            assert "Read-only: another roadmap is running" in screen_text(app)
            await pilot.press("space", "n", "p")
            assert isinstance(app.screen, MainScreen)
            assert status(app, FIRST) is Status.TODO
            assert app.session.changes == 0
            assert sum(n.startswith("Read-only:") for n in notices(app)) == 3
        assert not paths.state.exists()
    finally:
        holder.close()


async def test_the_lock_is_taken_once_the_first_frame_is_drawn(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    assert not app.store.locked
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.store.locked
        with pytest.raises(LockedError):
            Store.open(paths)
        assert "Read-only" not in screen_text(app)


async def test_a_cold_start_fills_the_parse_cache_for_the_next(
        make_app: AppFactory, paths: Paths) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "q")
    first.store.close()
    (paths.cache / "state.pickle").unlink(missing_ok=True)
    second = make_app()
    assert not second.store.from_cache
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await second.workers.wait_for_complete()
    second.store.close()
    third = make_app()
    assert third.store.from_cache
    (paths.cache / "state.pickle").unlink()
    assert third.store.state == read_state(paths)  # what a real parse of the file gives
    assert third.store.state.of(ROADMAP).status(FIRST) is Status.DONE


async def test_a_change_made_while_starting_is_shown_not_overwritten(
        make_app: AppFactory, paths: Paths) -> None:
    app = make_app()  # reads the (empty) state without the lock, as a start does
    with Store.open(paths) as cli:  # `roadmap mark` runs before the first frame
        cli.state.of(ROADMAP).items[FIRST] = ItemState(Status.DONE, NOW)
        cli.save()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(app, FIRST) is Status.DONE
        assert "changed while roadmap was starting" in " ".join(notices(app))
        await pilot.press("j", "space")
        await settle(pilot)
        assert not app.saver.error
    saved = read_state(paths).of(ROADMAP)
    assert (saved.status(FIRST), saved.status(MILESTONES[1])) == (Status.DONE, Status.DONE)


async def test_newer_schema_is_read_only_and_left_alone(
        make_app: AppFactory, paths: Paths) -> None:
    paths.ensure_home()
    text = 'schema = 99\ncurrent = "ml-engineer"\n'
    paths.state.write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "written by a newer roadmap" in screen_text(app)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert status(app, FIRST) is Status.TODO
    assert paths.state.read_text(encoding="utf-8") == text


# --------------------------------------------------------------------------- saving


async def test_changes_are_saved_in_the_background(make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await settle(pilot)
        assert not app.saver.dirty
        saved = tomllib.loads(on_disk(paths))
        assert saved["schema"] == 1
        assert saved["roadmaps"][ROADMAP]["items"][FIRST] == {"status": "done", "changed": NOW}


async def test_failed_save_says_so_and_keeps_the_change(
        make_app: AppFactory, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()

    def broken(snapshot: object = None) -> None:
        raise SaveError("not saved: disk full while writing state.toml")

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app.store, "save", broken)
        await pilot.press("space")
        await settle(pilot)
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "Could not save" in errors[0].message
        assert "disk full" in errors[0].message
        assert status(app, FIRST) is Status.DONE
        assert app.saver.dirty
        assert FIRST not in on_disk(paths)
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.saver.dirty
        assert FIRST in on_disk(paths)
        assert "Saved." in notices(app)


async def test_quit_flushes_the_last_change(make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # a change made while a save is running is not lost: quit saves it
        await pilot.press("space", "j", "space", "j", "space")
        await pilot.press("q")
    assert not app.is_running
    saved = tomllib.loads(on_disk(paths))["roadmaps"][ROADMAP]["items"]
    assert {k for k, v in saved.items() if v["status"] == "done"} == set(MILESTONES[:3])


async def test_save_now_writes_what_is_in_memory(make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await settle(pilot)
        app.session.mark([MILESTONES[1]], Status.DONE)  # a change no worker has seen yet
        assert app.saver.dirty
        assert app.save_now() is None
        assert not app.saver.dirty
        assert MILESTONES[1] in on_disk(paths)


async def test_ticks_survive_a_restart(make_app: AppFactory) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space", "j", "n", *"note", "ctrl+s")
        await pilot.press("q")
    first.store.close()
    second = make_app()
    assert not second.store.read_only
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert status(second, FIRST) is Status.DONE
        assert state(second).items[MILESTONES[1]].note == "note"
        assert tree(second).selected == Ref("item", MILESTONES[1])  # the next open one
        assert "1/165" in screen_text(second)


# --------------------------------------------------------------------------- safety


EVIL = "[bold]x[/] [@click=app.quit]y[/] \x1b[31m"


async def test_markup_and_escapes_in_a_note_show_literally(make_app: AppFactory) -> None:
    app = make_app(lambda rs: rs.items.update({FIRST: rs.get(FIRST)._replace(note=EVIL)}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] [@click=app.quit]y[/] ␛[31m" in text
        assert "\x1b" not in text
        for y, line in enumerate(text.splitlines()):  # click on every part of the note
            x = line.find("[bold]x")
            if x >= 0:
                for part in ("[bold]", "x[/]", "[@click", "app.quit]", "y[/]"):
                    await pilot.click(offset=(x + line[x:].index(part), y))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)


async def test_markup_in_project_titles_shows_literally(make_app: AppFactory) -> None:
    evil = Project(id="evil", title=EVIL, urls=("https://e.example/[red]",),
                   milestones=(FIRST,))
    app = make_app(lambda rs: rs.projects.update({"evil": evil}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "• [bold]x[/] [@click=app.quit]y[/] ␛[31m" in text
        assert "https://e.example/[red]" in text
        await pilot.press("p")
        assert "[bold]x[/] [@click=app.quit]y[/] ␛[31m" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running


# --------------------------------------------------------------------------- help


async def test_help_opens_and_closes(make_app: AppFactory, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, MainScreen)
