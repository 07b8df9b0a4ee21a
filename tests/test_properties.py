"""Property tests (hypothesis): any state the model can hold survives a save and a load, and
random damage to a state file, config.toml or a template is either read or refused in one
line, never a traceback, and never changes the bytes on disk."""

from __future__ import annotations

import functools
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap.cli import main
from roadmap.model import ItemState, Project, RoadmapState, Status, UserState
from roadmap.model.state import Change
from roadmap.paths import Paths, bundled_templates_dir
from roadmap.storage import Store, read_state

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
               max_size=30).filter(str.strip)
KEBAB = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
ITEM_ID = st.one_of(KEBAB, st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                                   max_size=20))
OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                           timezone(timedelta(hours=-8))])
STAMP = st.builds(lambda d, tz: d.replace(tzinfo=tz),
                  st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
                  OFFSETS)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))
STATUS = st.sampled_from(list(Status))
URL = st.builds(lambda host, path: f"https://{host}.example/{path}", KEBAB, KEBAB)

ITEM = st.builds(ItemState, STATUS, st.none() | STAMP, TEXT, st.none() | STAMP)
PROJECT_FIELDS = st.tuples(LINE, st.lists(URL, max_size=3), TEXT, TEXT,
                           st.lists(ITEM_ID, max_size=3), st.lists(ITEM_ID, max_size=3),
                           st.none() | DAY, st.none() | DAY)
CHANGE = st.builds(Change, ITEM_ID, STATUS, STATUS, STAMP)


@st.composite
def roadmap_states(draw: st.DrawFn) -> RoadmapState:
    rs = RoadmapState()
    rs.items = draw(st.dictionaries(ITEM_ID, ITEM, max_size=6))
    for pid, fields in draw(st.dictionaries(ITEM_ID, PROJECT_FIELDS, max_size=3)).items():
        title, urls, summary, notes, skills, milestones, started, finished = fields
        rs.projects[pid] = Project(pid, title, tuple(urls), summary, notes, tuple(skills),
                                   tuple(milestones), started, finished)
    rs.history = draw(st.lists(CHANGE, max_size=6))
    return rs


USER_STATES = st.builds(lambda current, roadmaps: UserState(current, roadmaps), KEBAB,
                        st.dictionaries(KEBAB, roadmap_states(), max_size=3))

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                     HealthCheck.too_slow])
"""Example counts come from the profile (tests/conftest.py): 60 by default, `--hypothesis-
profile=deep` for 1,000 when hunting."""


@FAST
@given(state=USER_STATES, edited=USER_STATES)
def test_any_state_round_trips_through_save_and_load(state: UserState,
                                                     edited: UserState) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "home", Path(folder) / "cache")
        with Store.open(paths) as store:
            store.state = state.copy()
            store.save()
            # a second save edits the file in place, section by section: same guarantee
            store.state = edited.copy()
            store.save()
        assert _normalised(read_state(paths)) == _normalised(edited)
        with Store.open(paths) as again:
            assert _normalised(again.state) == _normalised(edited)


def _normalised(state: UserState) -> UserState:
    """What a load gives back: a roadmap with no records has no table in the file."""
    out = state.copy()
    out.roadmaps = {rid: rs for rid, rs in out.roadmaps.items()
                    if rs.items or rs.projects or rs.history}
    return out


# ------------------------------------------------------------------ damaged files

@functools.cache
def good_state() -> bytes:
    """A state file as roadmap writes it, with a note, a project and history (made once)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "home", Path(folder) / "cache")
        with Store.open(paths) as store:
            rs = store.state.of("ml-engineer")
            rs.items["python"] = ItemState(Status.DONE, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
                                           'a "note" with\\ and\nlines')
            rs.projects["p"] = Project("p", "Demo", ("https://example.com/p",), "Sum", "N",
                                       ("python",), (), date(2026, 1, 1), None)
            rs.history.append(Change("python", Status.TODO, Status.DONE,
                                     datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)))
            store.save()
        return paths.state.read_bytes()


MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
)


def damage(raw: bytes, mutations: list[tuple[str, int, object]]) -> bytes:
    data = bytearray(raw)
    for kind, where, what in mutations:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            data[at % len(data)] = int(what)  # type: ignore[call-overload]
        elif kind == "cut":
            del data[at:at + int(what)]  # type: ignore[call-overload]
        elif kind == "insert":
            data[at:at] = what  # type: ignore[index]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


def one_line_or_ok(code: int, err: str, where: str) -> None:
    assert code in (0, 2), err
    if code == 2:
        lines = err.splitlines()
        assert lines, "exit 2 without a message"
        assert all(line.startswith(("roadmap: ", where)) for line in lines), err


@FAST
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_damaged_state_file_is_read_or_refused_in_one_line(
        paths: Paths, capsys: pytest.CaptureFixture[str],
        mutations: list[tuple[str, int, object]]) -> None:
    paths.ensure_home()
    good = good_state()
    broken = damage(good, mutations)
    paths.state.write_bytes(broken)
    for args in (["status"], ["status", "--json"], ["project", "list"], ["export"]):
        code = main(args)
        err = capsys.readouterr().err
        one_line_or_ok(code, err, "roadmap: ")
        if code == 2:
            assert len(err.splitlines()) == 1, err
        assert paths.state.read_bytes() == broken  # readers never write


@FAST
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_damaged_config_is_read_or_refused_in_one_line(
        paths: Paths, capsys: pytest.CaptureFixture[str],
        mutations: list[tuple[str, int, object]]) -> None:
    good = (b'# mine\n[profile]\nname = "Ada Lovelace"\nheadline = "ML engineer"\n'
            b'github = "https://github.com/ada"\n\n[tui]\ntheme = "nord"\n\n[keymap]\n'
            b'toggle = "d"\n')
    paths.ensure_home()
    broken = damage(good, mutations)
    paths.config.write_bytes(broken)
    for args in (["config", "show"], ["config", "get", "name"], ["export"]):
        code = main(args)
        err = capsys.readouterr().err
        assert code in (0, 1, 2), err  # `config get` exits 1 for a key that is not set
        if code == 2:
            assert len(err.splitlines()) == 1 and err.startswith("roadmap: "), err
    from roadmap.tui.settings import load_settings

    load_settings(paths)  # the app's reader: defaults plus a problem, never an exception
    assert paths.config.read_bytes() == broken


TEMPLATE = (bundled_templates_dir() / "ml-engineer.toml").read_bytes()


@FAST
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_a_damaged_template_is_read_or_refused_with_positions(
        paths: Paths, capsys: pytest.CaptureFixture[str],
        mutations: list[tuple[str, int, object]]) -> None:
    paths.templates.mkdir(parents=True, exist_ok=True)
    target = paths.templates / "mine.toml"
    broken = damage(TEMPLATE.replace(b'id = "ml-engineer"', b'id = "mine"', 1), mutations)
    target.write_bytes(broken)
    code = main(["validate", str(target)])
    err = capsys.readouterr().err
    one_line_or_ok(code, err, str(target))
    code = main(["templates"])
    out, err = capsys.readouterr()
    assert code == 0 and "ml-engineer" in out, err
    assert target.read_bytes() == broken
