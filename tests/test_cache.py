"""The parse cache: used only for the very same bytes, never a reason to fail or to lose data."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap import cache, catalog, model, stateread
from roadmap import store as store_module
from roadmap.errors import RoadmapError
from roadmap.model import Project, Status
from roadmap.paths import Paths, bundled_templates_dir
from roadmap.store import Store, read_state
from tests.test_store import HOSTILE

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"
TEMPLATE = """schema = 1
id = "tiny"
title = "Tiny"

[[steps]]
id = "first"
title = "First step"

[[steps.milestones]]
id = "one"
title = "Milestone one"
"""


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any real parse fail loudly: what is loaded next must come from the cache."""
    def refuse(*_args: object) -> None:
        raise AssertionError("parsed instead of using the cache")

    monkeypatch.setattr(catalog, "parse_template", refuse)
    monkeypatch.setattr(stateread, "parse", refuse)
    monkeypatch.setattr(store_module, "parse", refuse)


def saved_state(paths: Paths) -> None:
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "learn-python", Status.DONE, NOW)
        model.mark(rs, "statistics", Status.IN_PROGRESS, NOW)
        for n, text in enumerate(HOSTILE):
            model.set_note(rs, f"item-{n}", text, NOW)
        model.put_project(rs, Project("p", "Project", ("https://x.org/p",),
                                      skills=("python",), started=NOW.date()), NOW)
        store.save()
        store.remember()


# --------------------------------------------------------------------------- templates


def test_an_unchanged_template_is_read_from_the_cache(paths: Paths,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = catalog.load_roadmap(paths, R)
    assert list(paths.cache.glob("template-ml-engineer-*.pickle"))
    no_parsing(monkeypatch)
    cached = catalog.load_roadmap(paths, R)
    assert cached.item_ids() == parsed.item_ids()
    assert [s.title for s in cached.steps] == [s.title for s in parsed.steps]
    assert cached.origin == str(bundled_templates_dir() / "ml-engineer.toml")


def test_a_changed_template_is_parsed_again(paths: Paths) -> None:
    paths.templates.mkdir(parents=True)
    file = paths.templates / "tiny.toml"
    file.write_text(TEMPLATE, encoding="utf-8")
    assert catalog.load_roadmap(paths, "tiny").steps[0].title == "First step"
    file.write_text(TEMPLATE.replace("First step", "Renamed step"), encoding="utf-8")
    assert catalog.load_roadmap(paths, "tiny").steps[0].title == "Renamed step"


def test_a_broken_template_is_reported_every_time(paths: Paths) -> None:
    paths.templates.mkdir(parents=True)
    (paths.templates / "tiny.toml").write_text(TEMPLATE.replace('title = "Tiny"', "title = 3"),
                                               encoding="utf-8")
    where = paths.templates / "tiny.toml"
    for _ in range(2):
        with pytest.raises(RoadmapError) as caught:
            catalog.load_roadmap(paths, "tiny")
        assert str(caught.value) == (f"{where}:3:9: 'title' in the template must be a string, "
                                     "not an integer")
    assert not list(paths.cache.glob("template-tiny-*"))


# --------------------------------------------------------------------------- the state


def test_the_state_comes_back_from_the_cache_exactly_as_parsed(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    saved_state(paths)
    shutil.copytree(paths.cache, paths.home / "kept")
    shutil.rmtree(paths.cache)
    parsed = read_state(paths)  # no cache: a real parse
    shutil.copytree(paths.home / "kept", paths.cache)
    no_parsing(monkeypatch)
    assert read_state(paths) == parsed
    with Store.open(paths) as store:
        assert store.state == parsed
        assert store.state.of(R).items["item-0"].note == "[/]"


def test_a_store_opened_from_the_cache_still_saves_in_place(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    saved_state(paths)
    no_parsing(monkeypatch)
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "learn-python", Status.TODO, NOW)
        store.save()
    text = paths.state.read_text(encoding="utf-8")
    assert '[roadmaps.ml-engineer.items.learn-python]\nstatus = "todo"\n' in text
    assert 'status = "in-progress"' in text  # the other records are still there


def test_an_edit_from_elsewhere_is_never_hidden_by_the_cache(paths: Paths) -> None:
    saved_state(paths)
    text = paths.state.read_text(encoding="utf-8")
    paths.state.write_text(text.replace('status = "in-progress"', 'status = "skipped"'),
                           encoding="utf-8")
    assert read_state(paths).of(R).status("statistics") is Status.SKIPPED


def test_a_damaged_or_foreign_entry_is_a_miss(paths: Paths) -> None:
    saved_state(paths)
    entry = paths.cache / "state.pickle"
    expected = Status.IN_PROGRESS
    entry.chmod(0o666)  # writable by others: could have been planted
    assert read_state(paths).of(R).status("statistics") is expected
    entry.chmod(0o600)
    entry.write_bytes(entry.read_bytes()[:-40])  # torn
    assert read_state(paths).of(R).status("statistics") is expected
    entry.write_bytes(b"not a cache entry")
    assert read_state(paths).of(R).status("statistics") is expected


def test_a_new_roadmap_version_misses(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    saved_state(paths)
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache._stamp.cache_clear()
    try:
        assert cache.load(paths.cache, "state", str(paths.state),
                          paths.state.read_bytes()) is None
    finally:
        cache._stamp.cache_clear()


def test_an_unwritable_cache_folder_changes_nothing(paths: Paths) -> None:
    paths.ensure_home()
    paths.cache.write_text("a file where the folder should be", encoding="utf-8")
    saved_state(paths)  # remember() cannot write: no error
    assert read_state(paths).of(R).status("learn-python") is Status.DONE
    assert catalog.load_roadmap(paths, R).id == R


def test_a_hand_edited_layout_is_not_cached(paths: Paths) -> None:
    paths.ensure_home()
    paths.state.write_text('schema = 1\ncurrent = "ml-engineer"\n'
                           'roadmaps.ml-engineer.items.python.status = "done"\n',
                           encoding="utf-8")
    with Store.open(paths) as store:
        store.remember()
    assert not (paths.cache / "state.pickle").exists()


def test_the_cache_is_in_the_platform_cache_folder_never_in_the_home(
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache_root = Path(os.environ["XDG_CACHE_HOME"]) / "roadmap"
    monkeypatch.delenv("ROADMAP_HOME")
    assert Paths.resolve().cache == cache_root
    one, two = Paths.resolve("/data/one/roadmap"), Paths.resolve("/data/two/roadmap")
    assert one.cache.parent == two.cache.parent == cache_root
    assert one.cache.name.startswith("roadmap-") and one.cache != two.cache


def test_a_cache_folder_others_can_write_to_is_not_trusted(paths: Paths) -> None:
    saved_state(paths)
    paths.cache.chmod(0o777)  # anyone could have swapped an entry in
    assert cache.load(paths.cache, "state", str(paths.state), paths.state.read_bytes()) is None
    paths.cache.chmod(0o700)
    assert cache.load(paths.cache, "state", str(paths.state),
                      paths.state.read_bytes()) is not None


def test_remember_writes_only_what_the_entry_does_not_already_hold(paths: Paths) -> None:
    saved_state(paths)
    entry = paths.cache / "state.pickle"
    before = entry.read_bytes()
    stamp = (entry.stat().st_ino, entry.stat().st_mtime_ns)  # a write replaces the file
    with Store.open(paths) as store:
        assert store.from_cache
        store.remember()  # nothing changed: no second write
        assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == stamp
        model.mark(store.state.of(R), "sql", Status.DONE, NOW)
        store.save()
        store.remember()
    assert entry.read_bytes() != before
    with Store.open(paths) as store:
        assert store.from_cache
        assert store.state.of(R).status("sql") is Status.DONE
