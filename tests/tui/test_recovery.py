"""Issue 10 in the app: a corrupt or missing state file with a backup, local date-times, bad
[keymap] entries and user text in toasts. Real Store, real files in the isolated home."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot

from roadmap import model
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.tui.app import RoadmapApp
from roadmap.tui.screens.confirm import ChoiceScreen
from roadmap.tui.screens.main import MainScreen
from tests.tui.conftest import ROADMAP, SIZE, AppFactory, tree
from tests.tui.screen_host import screen_text

STAMP = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def first_milestones(paths: Paths, n: int) -> list[str]:
    from roadmap import catalog

    step = catalog.load_roadmap(paths, ROADMAP).steps[0]
    return [m.id for m in step.items[:n]]


def two_saves_then_corrupt(paths: Paths) -> tuple[list[str], bytes]:
    """Two ticks saved (so state.toml.bak exists), then a broken state file."""
    ids = first_milestones(paths, 2)
    with Store.open(paths) as store:
        for item in ids:
            model.mark(store.state.of(ROADMAP), item, Status.DONE, STAMP)
            store.save()
    backup = paths.backup.read_bytes()
    paths.state.write_bytes(paths.state.read_bytes() + b"oops [\n")
    return ids, backup


def messages(app: RoadmapApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_corrupt_file_offers_the_backup_and_r_restores_it(
        make_app: AppFactory, paths: Paths) -> None:
    ids, backup = two_saves_then_corrupt(paths)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "could not be read and was moved to" in app.screen.question
        assert len(list(paths.home.glob("state.toml.corrupt-*"))) == 1
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.store.state.of(ROADMAP).status(ids[0]) is Status.DONE
        assert f"Restored your progress from {paths.backup}." in messages(app)
    assert paths.state.read_bytes() == backup


async def test_escape_decides_later_and_nothing_replaces_the_backup(
        make_app: AppFactory, paths: Paths) -> None:
    _, backup = two_saves_then_corrupt(paths)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert ("Nothing is saved until you choose: ctrl+p, 'Restore backup'."
                in messages(app))
        await pilot.press("space")  # an edit asks again instead of saving over the backup
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.session.changes == 0
        await pilot.press("escape")
        await pilot.press("space")
        await settle(pilot)
    assert not paths.state.exists() and paths.backup.read_bytes() == backup


async def test_start_afresh_sets_the_backup_aside_and_edits_save(
        make_app: AppFactory, paths: Paths) -> None:
    ids, backup = two_saves_then_corrupt(paths)
    paths.state.unlink()
    for corrupt in paths.home.glob("state.toml.corrupt-*"):
        corrupt.unlink()
    app = make_app()  # a later start: no state file at all, only the backup
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.question.startswith("state.toml is missing.")
        await pilot.press("a")
        await pilot.pause()
        tree(app).focus()
        await pilot.press("space")
        await settle(pilot)
    aside = list(paths.home.glob("state.toml.bak-set-aside-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == backup
    done = [i for i, st in read_state(paths).of(ROADMAP).items.items() if st.status is Status.DONE]
    assert done == [ids[0]]


async def test_local_date_times_show_without_a_crash(make_app: AppFactory, paths: Paths) -> None:
    from roadmap import catalog

    step = catalog.load_roadmap(paths, ROADMAP).steps[0]
    first, *rest = [m.id for m in step.items]
    lines = [f'schema = 1\ncurrent = "{ROADMAP}"\n',  # one stamp written by hand without an
             f'[roadmaps.{ROADMAP}.items.{first}]\nstatus = "done"\n'  # offset, the rest
             'changed = 2026-01-01T10:00:00\n']                         # by roadmap
    lines += [f'[roadmaps.{ROADMAP}.items.{m}]\nstatus = "done"\nchanged = 2025-12-01T10:00:00Z\n'
              for m in rest]
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.state.write_text("\n".join(lines))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left", "up")  # from the next step's first item to the done step
        await pilot.pause()
        local = datetime(2026, 1, 1, 10, 0, tzinfo=UTC).astimezone().strftime("%Y-%m-%d")
        assert f"{step.title}" in screen_text(app) and local in screen_text(app)
        assert isinstance(app.screen, MainScreen)
    assert app.return_code in (None, 0)


async def test_bad_keymap_entries_are_named_once(make_app: AppFactory, paths: Paths) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.config.write_text('[keymap]\ntoogle = "d"\nquit = 5\nhelp = "f2 x"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        found = messages(app)
    assert (f"{paths.config}: [keymap] has no binding called toogle; see the help (?) for "
            "the ids") in found
    assert (f"{paths.config}: [keymap] quit, help: each value must be a key name like \"d\" "
            "or \"ctrl+d\" (several: \"d,ctrl+d\"); ignored") in found


async def test_toasts_show_user_text_literally(make_app: AppFactory, paths: Paths) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    paths.state.write_text(f'schema = 1\ncurrent = "{ROADMAP}"\n\n'
                           f'[roadmaps.{ROADMAP}.items."[b]gone[/b]\\u001b[2J"]\n'
                           'status = "done"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        archived = [n for n in app._notifications if "kept as archived" in n.message]
    assert len(archived) == 1 and not archived[0].markup
    assert archived[0].message.endswith("kept as archived: [b]gone[/b]␛[2J")
