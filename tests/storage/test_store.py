"""The state store: what lands in the file, what survives a save, what is refused and why."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from roadmap import model
from roadmap.application import follow_template
from roadmap.errors import RoadmapError
from roadmap.model import ItemState, Project, Status
from roadmap.paths import Paths
from roadmap.storage import SaveError, Store, read_state

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"

HOSTILE = [
    "[/]", "[bold]not bold[/bold]", "[@click=app.quit]quit[/]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "nul\x00byte", "emoji 🚀👩🏽‍💻 CJK 機械学習 RTL עברית مرحبا \u202eevil",
    'quotes " "" """ """" and a trailing quote"', "back\\slash \\n not a newline \\",
    "Intro\n# Heading as the last line", "tab\there\n\n\nblank lines\n", "'''single'''",
]


def test_new_home_has_no_file_until_something_changes(paths: Paths) -> None:
    with Store.open(paths) as store:
        assert store.read_only is None and store.notices == []
        store.save()
    assert oct(paths.home.stat().st_mode & 0o777) == "0o700"
    assert not paths.state.exists()


def test_saved_file_layout(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "learn-python", Status.DONE, NOW)
        model.set_note(rs, "learn-python", "Finished the course.\nTwo lines.", NOW)
        model.put_project(rs, Project("house-prices", "House prices", ("https://x.org/hp",),
                                      skills=("python",), started=NOW.date()), NOW)
        store.save()
    text = paths.state.read_text()
    assert "schema = 1\ncurrent = \"ml-engineer\"\n" in text
    assert ('[roadmaps.ml-engineer.items.learn-python]\nstatus = "done"\n'
            'changed = 2026-11-21T10:00:00Z\nnote = """\nFinished the course.\nTwo lines."""\n'
            ) in text
    assert ('[roadmaps.ml-engineer.projects.house-prices]\ntitle = "House prices"\n'
            'urls = ["https://x.org/hp"]\nskills = ["python"]\nstarted = 2026-11-21\n') in text
    assert ('[[roadmaps.ml-engineer.history]]\nitem = "learn-python"\nfrom = "todo"\n'
            'to = "done"\nat = 2026-11-21T10:00:00Z\n') in text
    assert text.index("items.learn-python") < text.index("projects.") < text.index("history]]")


def test_round_trip_and_reopen(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        for n in range(30):
            model.mark(rs, f"item-{n}", Status.IN_PROGRESS, NOW + timedelta(seconds=n))
            store.save()
        model.mark(rs, "item-3", Status.SKIPPED, NOW)
        store.state.current = "other"
        store.save()
        expected = store.state.copy()
    assert read_state(paths) == expected
    with Store.open(paths) as again:
        assert again.state == expected
        assert len(again.state.of(R).history) == 31


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_notes_are_stored_and_returned_unchanged(paths: Paths, text: str) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.set_note(rs, "a", text, NOW)
        model.put_project(rs, Project("p", "t", summary=text, notes=text), NOW)
        store.save()
    state = read_state(paths).of(R)
    assert state.items["a"].note == text
    assert state.projects["p"] == Project("p", "t", summary=text, notes=text)
    tomllib.loads(paths.state.read_text(encoding="utf-8"))


def test_crlf_becomes_lf_and_64_kib_note_fits(paths: Paths) -> None:
    big = ("x" * 99 + "\n") * (model.NOTE_LIMIT // 100)
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.set_note(rs, "crlf", "one\r\ntwo\rthree", NOW)
        model.set_note(rs, "big", big, NOW)
        store.save()
    state = read_state(paths).of(R)
    assert state.items["crlf"].note == "one\ntwo\nthree"
    assert state.items["big"].note == big
    assert b"\r" not in paths.state.read_bytes()
    with pytest.raises(model.TextError, match=r"note is 65,537 bytes; the limit is 65,536"):
        model.set_note(state, "big", "y" * (model.NOTE_LIMIT + 1), NOW)


def test_lone_surrogate_is_refused_and_nothing_is_written(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "a", Status.DONE, NOW)
        store.save()
        before = paths.state.read_bytes()
        with pytest.raises(model.TextError, match=r"lone surrogate U\+D800 at position 4"):
            model.set_note(rs, "a", "bad \ud800 text", NOW)
        rs.items["a"] = ItemState(Status.DONE, NOW, "smuggled \udcff")  # as a buggy caller might
        with pytest.raises(SaveError, match=r"lone surrogate U\+DCFF.*unchanged"):
            store.save()
    assert paths.state.read_bytes() == before


def test_hand_edits_comments_and_order_survive(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text(
        "# my progress\nschema = 1\ncurrent = \"ml-engineer\"\nmine = \"kept\"\n\n"
        "[roadmaps.ml-engineer.items.zeta]\nstatus = \"done\"  # proud of this\n"
        "custom = [1, 2]\n\n# --- the next one is hard\n"
        "[roadmaps.ml-engineer.items.alpha]\nstatus = \"todo\"\n\n"
        "[extra]\nkeep = \"\"\"\n[not.a.header]\n\"\"\"\n",
        encoding="utf-8")
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "zeta", Status.IN_PROGRESS, NOW)
        model.mark(rs, "new-one", Status.DONE, NOW)
        store.save()
    text = paths.state.read_text()
    assert text.startswith('# my progress\nschema = 1\ncurrent = "ml-engineer"\nmine = "kept"\n')
    assert ('[roadmaps.ml-engineer.items.zeta]\nstatus = "in-progress"  # proud of this\n'
            'custom = [1, 2]\nchanged = 2026-11-21T10:00:00Z\n\n# --- the next one is hard\n'
            '[roadmaps.ml-engineer.items.alpha]\nstatus = "todo"\n') in text
    assert text.index("items.alpha]") < text.index("items.new-one]") < text.index("[extra]")
    assert '[extra]\nkeep = """\n[not.a.header]\n"""\n' in text
    assert read_state(paths).of(R).items["alpha"] == ItemState(Status.TODO)


def test_only_changed_sections_are_rewritten(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        for n in range(50):
            model.mark(rs, f"i{n}", Status.DONE, NOW)
        store.save()
        before = paths.state.read_text()
        model.set_note(rs, "i7", "hello", NOW)
        store.save()
    after = paths.state.read_text()
    assert after == before.replace(
        "[roadmaps.ml-engineer.items.i7]\nstatus = \"done\"\nchanged = 2026-11-21T10:00:00Z\n",
        "[roadmaps.ml-engineer.items.i7]\nstatus = \"done\"\nchanged = 2026-11-21T10:00:00Z\n"
        "note = \"hello\"\nnoted = 2026-11-21T10:00:00Z\n")


def test_history_trim_keeps_file_consistent(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("roadmap.model.state.HISTORY_LIMIT", 4)
    with Store.open(paths) as store:
        rs = store.state.of(R)
        for n in range(9):
            model.toggle_done(rs, "a", NOW + timedelta(minutes=n))
            store.save()
            assert read_state(paths).of(R).history == rs.history
    assert len(read_state(paths).of(R).history) == 4


def test_backup_is_the_previous_good_file(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "a", Status.DONE, NOW)
        store.save()
        first = paths.state.read_bytes()
        model.mark(rs, "b", Status.DONE, NOW)
        store.save()
    assert paths.backup.read_bytes() == first


def test_saving_from_a_worker_thread_with_a_snapshot(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "a", Status.DONE, NOW)
        snapshot = store.state.copy()
        worker = threading.Thread(target=store.save, args=(snapshot,))
        worker.start()
        for n in range(200):  # the UI keeps editing while the worker saves
            model.mark(rs, f"x{n}", Status.DONE, NOW)
        worker.join()
        assert read_state(paths) == snapshot
        store.save()
        assert read_state(paths) == store.state


def test_symlinked_state_file_is_followed_and_the_link_survives(paths: Paths,
                                                                 tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "roadmap-state.toml"
    real.parent.mkdir()
    real.write_text('schema = 1\ncurrent = "ml-engineer"\n')
    paths.ensure_home()
    paths.state.symlink_to(real)
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        store.save()
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
    assert paths.state.is_symlink() and paths.state.resolve() == real
    assert read_state(paths).of(R).status("b") is Status.DONE
    assert '[roadmaps.ml-engineer.items.b]' in real.read_text()
    assert sorted(p.name for p in real.parent.iterdir()) == ["roadmap-state.toml"]


def test_newer_schema_opens_read_only_and_refuses_to_write(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 2\ncurrent = "ml-engineer"\nfuture = true\n')
    before = paths.state.read_bytes()
    with Store.open(paths) as store:
        assert store.read_only is not None and "newer roadmap (schema 2" in store.read_only
        assert store.notices == [store.read_only]
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        with pytest.raises(SaveError, match=r"not saved: state\.toml was written by a newer"):
            store.save()
    assert paths.state.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"  \n", b"schema = 1\n[oops\n", b"\xff\xfe bad"])
def test_unreadable_file_is_moved_aside_and_backup_offered(paths: Paths, content: bytes) -> None:
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        store.save()
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
    good = read_state(paths)
    paths.state.write_bytes(content)
    with pytest.raises(RoadmapError, match=r"state\.toml\.bak holds the last good copy"):
        read_state(paths)
    assert paths.state.read_bytes() == content  # a reader never moves anything
    with Store.open(paths) as store:
        moved = store.moved_aside
        assert moved is not None and moved.name.startswith("state.toml.corrupt-")
        assert moved.read_bytes() == content
        assert not paths.state.exists()
        assert f"It was moved to {moved}" in store.notices[0]
        assert "state.toml.bak holds the last good copy" in store.notices[0]
        assert store.state == model.UserState()
        store.restore_backup()
        assert store.state.of(R).status("a") is Status.DONE
        assert store.state.of(R).status("b") is Status.TODO  # .bak is the save before last
        model.mark(store.state.of(R), "c", Status.DONE, NOW)
        store.save()
    assert read_state(paths).of(R).status("c") is Status.DONE
    assert good.of(R).status("b") is Status.DONE


def test_wrong_value_type_names_line_and_column(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 1\n\n[roadmaps.ml-engineer.items.a]\nstatus = "finished"\n')
    with pytest.raises(RoadmapError, match=r"state.toml:4:10: status must be one of todo, "
                       r"in-progress, done, skipped \(got 'finished'\)"):
        Store.open(paths)
    with pytest.raises(RoadmapError, match=r"state\.toml:4:10"):  # not "locked": lock released
        Store.open(paths)
    assert paths.state.read_text().endswith('status = "finished"\n')


def test_unusual_layout_is_rewritten_with_the_original_kept(paths: Paths) -> None:
    paths.ensure_home()
    original = ('schema = 1\n[roadmaps.ml-engineer]\n'
                'items.a = { status = "done" }  # inline\n')
    paths.state.write_text(original)
    with Store.open(paths) as store:
        assert "cannot edit in place" in store.notices[0]
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
        assert "your hand-edited layout was kept as" in store.notices[-1]
    kept = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.hand-edited-")]
    assert [p.read_text() for p in kept] == [original]
    state = read_state(paths).of(R)
    assert state.status("a") is Status.DONE and state.status("b") is Status.DONE


def test_open_only_parses_and_the_first_save_sections_the_file(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 1\ncurrent = "ml-engineer"\n\n'
                           '[roadmaps.ml-engineer.items.a]\nstatus = "done"  # mine\n')
    with Store.open(paths) as store:
        assert store._doc is None and not store.notices
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
        assert store._doc is not None
    assert "# mine" in paths.state.read_text()


def test_unusual_layout_the_quick_check_misses_is_still_kept_at_the_first_save(
        paths: Paths) -> None:
    paths.ensure_home()  # the header inside the note balances the inline history entry
    original = ('schema = 1\n[roadmaps.ml-engineer.items.a]\nstatus = "done"\nnote = """\n'
                '[roadmaps.ml-engineer.items.fake]\n"""\n[roadmaps.ml-engineer]\n'
                'history = [{ item = "a", from = "todo", to = "done", '
                'at = 2026-11-21T10:00:00Z }]\n')
    paths.state.write_text(original)
    with Store.open(paths) as store:
        assert not store.notices
        model.mark(store.state.of(R), "b", Status.DONE, NOW)
        store.save()
        assert "cannot edit in place" in store.notices[0]
        assert "your hand-edited layout was kept as" in store.notices[-1]
    kept = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.hand-edited-")]
    assert [p.read_text() for p in kept] == [original]
    state = read_state(paths).of(R)
    assert state.status("a") is Status.DONE and state.status("b") is Status.DONE
    assert len(state.history) == 2


def _roadmap(*ids: str, replaces: dict[str, tuple[str, ...]] | None = None) -> model.Roadmap:
    items = tuple(model.Milestone(i, i.title(), replaces=(replaces or {}).get(i, ())) for i in ids)
    return model.Roadmap(R, "Test", steps=(model.Step("step", "Step", items=items),))


def test_template_drift_archives_and_follows_renames(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "old-name", Status.DONE, NOW)
        model.set_note(rs, "old-name", "my note", NOW)
        model.mark(rs, "dropped", Status.IN_PROGRESS, NOW)
        model.put_project(rs, Project("p", "P", milestones=("old-name",)), NOW)
        store.save()
    with Store.open(paths) as store:
        renamed = _roadmap("new-name", "kept", replaces={"new-name": ("old-name",)})
        notices = follow_template(renamed, store.state)
        assert notices == [
            "'old-name' is now 'new-name' in the template; your status and note moved with it",
            "1 recorded item(s) are no longer in 'ml-engineer' and are kept as archived: dropped",
        ]
        store.save()
    rs = read_state(paths).of(R)
    assert rs.items["new-name"] == ItemState(Status.DONE, NOW, "my note", NOW)
    assert "old-name" not in rs.items
    assert rs.items["dropped"].status is Status.IN_PROGRESS  # archived, never deleted
    assert rs.projects["p"].milestones == ("new-name",)
    assert [c.item for c in rs.history] == ["new-name", "dropped"]


def test_store_and_commands_do_not_import_textual() -> None:
    code = ("import sys, roadmap.storage.store, roadmap.commands.state, "
            "roadmap.commands.project; print('textual' in sys.modules, 'tomlkit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ})
    assert result.stdout == "False False\n"
