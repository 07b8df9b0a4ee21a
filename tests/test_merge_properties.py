"""Properties of the state merge (issue 19), over states made the way the app makes them:
a shared past, then edits on two machines."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from roadmap.insights.merge import (
    OURS_MARK,
    SPLIT_MARK,
    THEIRS_LINE,
    THEIRS_MARK,
    merge_states,
)
from roadmap.model import (
    Link,
    OwnItem,
    Project,
    RoadmapState,
    Status,
    UserState,
    put_project,
    remove_project,
    set_note,
)
from roadmap.model import mark as set_status

R = "ml-engineer"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
ITEMS = ["a", "b", "c"]
PROJECTS = ["p"]
words = st.text(alphabet="xyz \n", min_size=0, max_size=6)
op = st.one_of(
    st.tuples(st.just("mark"), st.sampled_from(ITEMS), st.sampled_from(list(Status))),
    st.tuples(st.just("note"), st.sampled_from(ITEMS), words),
    st.tuples(st.just("project"), st.sampled_from(PROJECTS),
              st.tuples(st.sampled_from(["T", "U"]), words,
                        st.frozensets(st.sampled_from(ITEMS), max_size=3),
                        st.none() | st.just(date(2026, 2, 1)))),
    st.tuples(st.just("drop"), st.sampled_from(PROJECTS), st.none()),
    st.tuples(st.just("own"), st.just("o"),
              st.tuples(st.sampled_from(["g", "h"]), st.sampled_from(["T", "U"]), words,
                        st.frozensets(st.sampled_from(ITEMS), max_size=2), st.booleans())),
    st.tuples(st.just("links"), st.sampled_from(ITEMS),
              st.frozensets(st.sampled_from(["https://a.example/", "https://b.example/"]))),
)
ops = st.lists(op, max_size=8)


def apply(state: UserState, steps: list[tuple[str, str, object]], start: datetime,
          step: timedelta) -> UserState:
    out = state.copy()
    rs = out.of(R)
    for n, (kind, ident, value) in enumerate(steps):
        now = start + n * step
        if kind == "mark":
            assert isinstance(value, Status)
            set_status(rs, ident, value, now)
        elif kind == "note":
            assert isinstance(value, str)
            set_note(rs, ident, value, now)
        elif kind == "project":
            title, notes, skills, finished = value  # type: ignore[misc]
            put_project(rs, Project(ident, title, notes=notes, skills=tuple(sorted(skills)),
                                    finished=finished), now)
        elif kind == "own":
            parent, title, summary, skills, removed = value  # type: ignore[misc]
            rs.own[ident] = OwnItem(ident, parent, title, summary, tuple(sorted(skills)),
                                    added=T0, removed=now if removed else None)
        elif kind == "links":
            assert isinstance(value, frozenset)
            rs.items[ident] = rs.get(ident)._replace(
                links=tuple(Link(url) for url in sorted(value)), changed=now)
        else:
            remove_project(rs, ident, now)
    return out


def three(base_ops: list[tuple[str, str, object]], our_ops: list[tuple[str, str, object]],
          their_ops: list[tuple[str, str, object]]) -> tuple[UserState, UserState, UserState]:
    """The shared past, then each machine's edits at interleaved times (never the same one)."""
    base = apply(UserState(R, {R: RoadmapState()}), base_ops, T0, timedelta(minutes=1))
    later = T0 + timedelta(days=1)
    ours = apply(base, our_ops, later, timedelta(minutes=2))
    theirs = apply(base, their_ops, later + timedelta(seconds=30), timedelta(minutes=2))
    return base, ours, theirs


_BLOCK = re.compile(re.escape(OURS_MARK) + r"\n\n(.*)\n\n" + re.escape(SPLIT_MARK) + r"\n\n(.*)"
                    r"\n\n" + re.escape(THEIRS_LINE), re.DOTALL)
_LINE = re.compile(re.escape(OURS_MARK) + " (.*) " + re.escape(SPLIT_MARK) + " (.*) "
                   + re.escape(THEIRS_MARK), re.DOTALL)


def _sorted_markers(text: str) -> str:
    for pattern in (_BLOCK, _LINE):
        found = pattern.fullmatch(text)
        if found:
            a, b = sorted(found.groups())
            return f"{pattern.pattern}|{a}|{b}"
    return text


def without_marker_order(state: UserState) -> UserState:
    out = state.copy()
    for rs in out.roadmaps.values():
        for ident, record in list(rs.items.items()):
            rs.items[ident] = record._replace(note=_sorted_markers(record.note))
        for ident, project in list(rs.projects.items()):
            rs.projects[ident] = project._replace(
                title=_sorted_markers(project.title), notes=_sorted_markers(project.notes))
        for ident, own in list(rs.own.items()):
            rs.own[ident] = own._replace(title=_sorted_markers(own.title),
                                         summary=_sorted_markers(own.summary))
    return out


@given(ops, ops)
def test_merging_a_state_with_itself_changes_nothing(base_ops: list, our_ops: list) -> None:
    base, ours, _ = three(base_ops, our_ops, [])
    merged = merge_states(base, ours, ours)
    assert merged.state == ours
    assert merged.conflicts == ()
    assert merge_states(None, ours, ours).state == ours


@given(ops, ops)
def test_a_side_equal_to_the_base_gives_the_other_side(base_ops: list, their_ops: list) -> None:
    base, _, theirs = three(base_ops, [], their_ops)
    assert merge_states(base, base, theirs).state == theirs
    assert merge_states(base, theirs, base).state == theirs


@given(ops, ops, ops)
def test_no_status_change_or_project_of_either_side_is_lost(base_ops: list, our_ops: list,
                                                            their_ops: list) -> None:
    base, ours, theirs = three(base_ops, our_ops, their_ops)
    merged = merge_states(base, ours, theirs).state.of(R)
    history = set(merged.history)
    for side in (ours, theirs):
        rs = side.of(R)
        assert set(rs.history) <= history
        for ident, project in rs.projects.items():
            if base.of(R).projects.get(ident) != project:  # added or edited on this side
                assert ident in merged.projects
        assert set(rs.own) <= set(merged.own)  # own items are only ever marked removed
    for ident in ITEMS:  # a status changed on one side only is that side's
        was = base.of(R).status(ident)
        mine, other = ours.of(R).status(ident), theirs.of(R).status(ident)
        if other is was:
            assert merged.status(ident) is mine
        elif mine is was:
            assert merged.status(ident) is other
        else:
            assert merged.status(ident) in (mine, other)


@given(ops, ops, ops)
def test_swapping_the_sides_changes_only_the_order_inside_markers(
        base_ops: list, our_ops: list, their_ops: list) -> None:
    base, ours, theirs = three(base_ops, our_ops, their_ops)
    one, two = merge_states(base, ours, theirs), merge_states(base, theirs, ours)
    assert without_marker_order(one.state) == without_marker_order(two.state)
    assert sorted(one.conflicts) == sorted(two.conflicts)
