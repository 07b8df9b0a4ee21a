"""A state file that parses as TOML but holds a wrong value: one line naming file:line:col.

Every record field is tried; the file is left exactly as it was and the lock is free again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.model import Change, ItemState, Project, Status
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.storage import reading as stateread
from roadmap.storage.lock import StateLock

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
P = "schema = 1\n\n[roadmaps.ml-engineer.projects.p]\n"
ITEM = "schema = 1\n[roadmaps.ml-engineer.items.a]\n"
HISTORY = "schema = 1\n[[roadmaps.ml-engineer.history]]\n"
CASES = [
    ("title", P + "title = 3\n", "4:9: 'title' must be a string"),
    ("urls", P + 'title = "P"\nurls = 3\n', "5:8: 'urls' must be a list"),
    ("url", P + 'title = "P"\nurls = ["https://a/", 2]\n', "5:8: 'urls' must be a list of strings"),
    ("skills", P + 'title = "P"\nskills = [true]\n', "5:10: 'skills' must be a list of strings"),
    ("started", P + 'title = "P"\nstarted = "yesterday"\n', "5:11: 'started' must be a date"),
    ("finished", P + 'title = "P"\nfinished = 2024\n', "5:12: 'finished' must be a date"),
    ("project", "schema = 1\n[roadmaps.ml-engineer]\nprojects.p = 3\n",
     "3:14: a project must be a table (title, urls, summary, ...)"),
    ("item", "schema = 1\n[roadmaps.ml-engineer]\nitems.a = \"done\"\n",
     "3:11: an item must be a table (status, changed, note)"),
    ("changed", ITEM + 'changed = "today"\n', "3:11: 'changed' must be a date-time"),
    ("note", ITEM + "note = 3\n", "3:8: 'note' must be a string"),
    ("history", HISTORY + 'item = "a"\nfrom = "todo"\nto = "done"\n',
     "2:1: a history entry needs item, from, to and at (a date-time)"),
    ("history status", HISTORY + 'item = "a"\nfrom = "todo"\nto = "finished"\n'
     "at = 2024-01-01T00:00:00Z\n",
     "5:6: status must be one of todo, in-progress, done, skipped (got 'finished')"),
    ("roadmap", "schema = 1\nroadmaps.ml-engineer = 3\n",
     "2:24: roadmaps.ml-engineer must be a table"),
    ("current", "schema = 1\ncurrent = 3\n", "2:11: 'current' must be a string"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_wrong_value_is_named_with_its_position(paths: Paths, text: str, message: str) -> None:
    paths.ensure_home()
    paths.state.write_text(text)
    with pytest.raises(RoadmapError) as info:
        Store.open(paths)
    assert str(info.value) == f"{paths.state}:{message}"
    with pytest.raises(RoadmapError) as again:
        read_state(paths)
    assert str(again.value) == str(info.value)
    assert paths.state.read_text() == text
    lock = StateLock(paths.lock)
    try:
        assert lock.acquire()
    finally:
        lock.release()


def test_a_date_time_where_a_date_belongs_is_read_as_its_date(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text(P + 'title = "P"\nstarted = 2024-01-02T23:30:00Z\n'
                           "finished = 2024-02-03\n")
    project = read_state(paths).of("ml-engineer").projects["p"]
    assert (project.started, project.finished) == (date(2024, 1, 2), date(2024, 2, 3))


def test_missing_optional_fields_take_their_defaults(paths: Paths) -> None:
    """A hand-written record may leave out what has a default: todo, no note, the id as the
    project's title, a history entry's from and to."""
    paths.ensure_home()
    paths.state.write_text('[roadmaps.ml-engineer.items.a]\nnote = "n"\n'
                           "[roadmaps.ml-engineer.projects.p]\n"
                           '[[roadmaps.ml-engineer.history]]\nitem = "a"\n'
                           "at = 2024-01-01T00:00:00Z\n")
    state = read_state(paths)
    rs = state.of("ml-engineer")
    assert state.current == "ml-engineer"
    assert rs.items == {"a": ItemState(Status.TODO, None, "n")}
    assert rs.projects == {"p": Project("p", "p")}
    assert rs.history == [Change("a", Status.TODO, Status.TODO,
                                 datetime(2024, 1, 1, tzinfo=UTC))]


def test_a_schema_that_is_not_a_number_is_named(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = "one"\n')
    for attempt in (lambda: Store.open(paths), lambda: read_state(paths)):
        with pytest.raises(RoadmapError) as info:
            attempt()
        assert str(info.value) == (f"{paths.state}: 'schema' must be a positive whole number "
                                   "(got 'one')")


def test_the_move_aside_notice_says_what_was_wrong_and_where_everything_is(
        paths: Paths) -> None:
    with Store.open(paths) as store:
        for item in ("a", "b"):
            model.mark(store.state.of("ml-engineer"), item, Status.DONE, NOW)
            store.save()
    paths.state.write_text("schema = [\n")
    with Store.open(paths) as store:
        moved = store.moved_aside
        assert store.notices == [
            f"{paths.state} is not valid TOML (Invalid value (at end of document)). It was "
            f"moved to {moved} and nothing in it was changed. {paths.backup} holds the last "
            "good copy and is kept until you choose: 'roadmap restore-backup' puts it back "
            "(the app offers to)."]


def test_a_cold_open_fills_the_parse_cache_and_the_next_read_uses_it(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 1\n[roadmaps.ml-engineer.items.a]\nstatus = "done"\n')
    with Store.open(paths) as store:
        assert store.parsed_cold
        store.remember()
    assert (paths.cache / "state.pickle").is_file()

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(stateread, "parse", no_parse)
    assert read_state(paths).of("ml-engineer").status("a") is Status.DONE
