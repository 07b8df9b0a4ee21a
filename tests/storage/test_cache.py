"""The parse cache: used only for the very same bytes, never a reason to fail or to lose data."""

from __future__ import annotations

import importlib
import io
import os
import pickle
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from roadmap import catalog, model
from roadmap.errors import RoadmapError
from roadmap.model import Project, Status
from roadmap.paths import Paths, bundled_templates_dir
from roadmap.storage import Store, cache, read_state, reading
from roadmap.storage import store as store_module
from tests.storage.test_store import HOSTILE

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
    monkeypatch.setattr(reading, "parse", refuse)
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


def test_a_long_history_comes_back_from_the_cache_entry_for_entry(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history is cached as flat columns (10,000 entries load ~2x faster); every entry
    comes back with its item, both statuses and its UTC time, in order."""
    paths.ensure_home()
    lines = ['schema = 1\ncurrent = "ml-engineer"\n']
    statuses = [s.value for s in Status]
    for n in range(300):
        lines.append(f'[[roadmaps.ml-engineer.history]]\nitem = "item-{n % 17}"\n'
                     f'from = "{statuses[n % 4]}"\nto = "{statuses[(n + 1) % 4]}"\n'
                     f'at = 2026-0{1 + n % 9}-1{n % 10}T0{n % 10}:1{n % 6}:0{n % 10}Z\n')
    paths.state.write_text("".join(lines), encoding="utf-8")
    parsed = read_state(paths)
    with Store.open(paths) as store:
        store.remember()
    no_parsing(monkeypatch)
    cached = read_state(paths)
    assert cached.of(R).history == parsed.of(R).history
    assert len(cached.of(R).history) == 300
    first = cached.of(R).history[0]
    assert first == model.Change("item-0", Status.TODO, Status.IN_PROGRESS,
                                 datetime(2026, 1, 10, 0, 10, tzinfo=UTC))
    assert all(c.at.tzinfo is UTC for c in cached.of(R).history)


@pytest.mark.parametrize("at", ["2026-03-01T10:00:00+02:00", "2026-03-01T10:00:00.250Z"],
                         ids=["another offset", "microseconds"])
def test_a_hand_written_time_comes_back_from_the_cache_as_written(
        at: str, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Times roadmap never writes (an offset, a fraction) are cached as they are, not
    turned into UTC seconds: a save after a cached read writes back what the user wrote."""
    paths.ensure_home()
    paths.state.write_text(
        'schema = 1\ncurrent = "ml-engineer"\n\n[[roadmaps.ml-engineer.history]]\n'
        f'item = "python"\nfrom = "todo"\nto = "done"\nat = {at}\n', encoding="utf-8")
    parsed = read_state(paths).of(R).history[0].at
    with Store.open(paths) as store:
        store.remember()
    no_parsing(monkeypatch)
    cached = read_state(paths).of(R).history[0].at
    assert (cached, cached.utcoffset(), cached.microsecond) == (
        parsed, parsed.utcoffset(), parsed.microsecond)
    assert cached.isoformat() == datetime.fromisoformat(at).isoformat()


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


# --------------------------------------------------------------------------- the builders


class _Recorder(pickle.Unpickler):
    """Unpickles like pickle.loads and notes the module of every class the entry names."""

    def __init__(self, data: bytes, seen: set[str]) -> None:
        super().__init__(io.BytesIO(data))
        self.seen = seen

    def find_class(self, module: str, name: str) -> Any:
        self.seen.add(module)
        return super().find_class(module, name)


def test_every_class_a_cache_entry_holds_comes_from_a_listed_builder(paths: Paths) -> None:
    """A model change must miss the cache: so every module whose classes are pickled is one
    of the builders whose code stamps the entry (or the old objects would come back)."""
    saved_state(paths)
    catalog.load_roadmap(paths, R)
    (template_entry,) = paths.cache.glob("template-ml-engineer-*.pickle")
    seen: set[str] = set()
    for entry, source in [(paths.cache / "state.pickle", paths.state.read_bytes()),
                          (template_entry, (bundled_templates_dir() / f"{R}.toml").read_bytes())]:
        blob = entry.read_bytes()  # the key (magic, stamp, context, size, source), then the pickle
        _Recorder(blob[blob.index(source) + len(source):], seen).load()
    ours = {m for m in seen if m.split(".")[0] == "roadmap"}
    assert ours == {"roadmap.model.state", "roadmap.model.template"}
    assert ours <= set(cache.BUILDERS)


def test_every_listed_builder_is_the_module_import_finds() -> None:
    for name in cache.BUILDERS:
        assert cache.builder_file(name) == importlib.import_module(name).__file__


def test_a_listed_builder_that_does_not_exist_fails_loudly(
        paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """A renamed builder left in the list would stamp nothing and keep stale entries: a bug,
    so it stops the first cache use instead of passing silently."""
    saved_state(paths)
    monkeypatch.setattr(cache, "BUILDERS", (*cache.BUILDERS, "roadmap.storage.tomlstate"))
    cache._stamp.cache_clear()
    try:
        with pytest.raises(cache.MissingBuilder) as caught:
            read_state(paths)
        assert str(caught.value) == ("parse cache: builder module roadmap.storage.tomlstate "
                                     "does not exist (update roadmap.storage.cache.BUILDERS)")
        monkeypatch.setattr(cache, "BUILDERS", ("roadmap.nosuch.state",))
        cache._stamp.cache_clear()
        with pytest.raises(cache.MissingBuilder) as caught:
            read_state(paths)
        assert str(caught.value) == (
            "parse cache: builder module roadmap.nosuch.state does not exist (no package "
            "roadmap.nosuch; update roadmap.storage.cache.BUILDERS)")
    finally:
        cache._stamp.cache_clear()


def test_a_changed_builder_module_means_a_fresh_parse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A builder not imported yet (the template checker on a warm start) is still stamped by
    its file, found without importing it."""
    (tmp_path / "lib").mkdir()
    builder = tmp_path / "lib" / "roadmap_test_builder.py"
    builder.write_text("FIELDS = ('a',)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.setattr(cache, "BUILDERS", (*cache.BUILDERS, "roadmap_test_builder"))
    folder, source = tmp_path / "cache", b"schema = 1\n"
    folder.mkdir(mode=0o700)
    cache._stamp.cache_clear()
    try:
        cache.save(folder, "t", "ctx", source, ("parsed",))
        assert cache.load(folder, "t", "ctx", source) == ("parsed",)
        assert "roadmap_test_builder" not in sys.modules
        builder.write_text("FIELDS = ('a', 'b')\n", encoding="utf-8")
        os.utime(builder, ns=(1, 1))
        cache._stamp.cache_clear()
        assert cache.load(folder, "t", "ctx", source) is None
    finally:
        cache._stamp.cache_clear()
