"""What next and the history, as pure functions over the model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from roadmap.insights.history import Entry, entries, first_day
from roadmap.insights.next import Started, Upcoming, what_next
from roadmap.model import (
    ItemState,
    Milestone,
    Roadmap,
    RoadmapState,
    Skill,
    SkillGroup,
    Status,
    Step,
    mark,
    set_note,
)

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
ROADMAP = Roadmap("r", "R", steps=(
    Step("one", "One", items=(Milestone("a", "A", skills=("py",)), Milestone("b", "B"))),
    Step("two", "Two", items=(Milestone("c", "C", skills=("py", "sql")),
                              Milestone("d", "D"), Milestone("e", "E"))),
    Step("three", "Three", items=(Milestone("f", "F"),)),
), skill_groups=(SkillGroup("langs", "Languages", items=(Skill("py", "Python"),
                                                         Skill("sql", "SQL"))),))


@pytest.fixture(autouse=True)
def utc(zone: Callable[[str], None]) -> None:
    """Local dates are the user's: pin the zone so these answers hold on any machine."""
    zone("UTC")


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_in_progress_longest_waiting_first_with_days_and_stale() -> None:
    state = RoadmapState()
    mark(state, "sql", Status.IN_PROGRESS, ago(3))
    mark(state, "c", Status.IN_PROGRESS, ago(20))
    mark(state, "f", Status.IN_PROGRESS, ago(14))
    found = what_next(ROADMAP, state, NOW)
    assert found.in_progress == (
        Started("c", "C", ago(20), 20, True),
        Started("f", "F", ago(14), 14, True),  # 14 days without a change: stale
        Started("sql", "SQL", ago(3), 3, False),
    )
    assert [s.stale for s in what_next(ROADMAP, state, NOW, stale_days=21).in_progress] == [
        False, False, False]


def test_a_note_written_lately_keeps_work_from_going_stale() -> None:
    state = RoadmapState()
    mark(state, "c", Status.IN_PROGRESS, ago(20))
    set_note(state, "c", "halfway through chapter 3", ago(2))
    assert what_next(ROADMAP, state, NOW).in_progress == (Started("c", "C", ago(20), 20, False),)


def test_since_is_the_last_time_it_went_into_progress() -> None:
    state = RoadmapState()
    mark(state, "a", Status.IN_PROGRESS, ago(30))
    mark(state, "a", Status.TODO, ago(25))
    mark(state, "a", Status.IN_PROGRESS, ago(5))
    assert what_next(ROADMAP, state, NOW).in_progress == (Started("a", "A", ago(5), 5, False),)


def test_a_record_without_history_falls_back_to_its_stamp_or_to_unknown() -> None:
    state = RoadmapState(items={"a": ItemState(Status.IN_PROGRESS, ago(2)),
                                "b": ItemState(Status.IN_PROGRESS, None)})
    assert what_next(ROADMAP, state, NOW).in_progress == (
        Started("a", "A", ago(2), 2, False), Started("b", "B", None, None, False))


def test_next_starts_at_the_first_step_not_done_in_template_order() -> None:
    state = RoadmapState()
    for item in ("a", "d"):
        mark(state, item, Status.DONE, ago(1))
    mark(state, "b", Status.SKIPPED, ago(1))  # step one: done and skipped, so it is over
    mark(state, "c", Status.IN_PROGRESS, ago(1))  # listed as in progress, not as next
    found = what_next(ROADMAP, state, NOW)
    assert found.step is not None and found.step.id == "two"
    assert found.upcoming == (Upcoming("e", "E", "two", ()), Upcoming("f", "F", "three", ()))
    assert what_next(ROADMAP, state, NOW, count=1).upcoming == (Upcoming("e", "E", "two", ()),)


def test_next_lists_the_skills_each_milestone_exercises() -> None:
    found = what_next(ROADMAP, RoadmapState(), NOW, count=3)
    assert found.upcoming == (Upcoming("a", "A", "one", ("py",)), Upcoming("b", "B", "one", ()),
                              Upcoming("c", "C", "two", ("py", "sql")))


def test_nothing_next_when_every_step_is_done() -> None:
    state = RoadmapState()
    for item in "abcdef":
        mark(state, item, Status.DONE, ago(1))
    assert what_next(ROADMAP, state, NOW) == ((), (), None)


def test_history_is_newest_first_with_titles_and_filters() -> None:
    state = RoadmapState()
    mark(state, "a", Status.IN_PROGRESS, ago(3))
    mark(state, "a", Status.DONE, ago(1))
    mark(state, "gone", Status.DONE, ago(2))  # not in the template any more: id as title
    assert entries(ROADMAP, state) == [
        Entry("a", "A", Status.IN_PROGRESS, Status.DONE, ago(1)),
        Entry("gone", "gone", Status.TODO, Status.DONE, ago(2)),
        Entry("a", "A", Status.TODO, Status.IN_PROGRESS, ago(3)),
    ]
    assert [e.at for e in entries(ROADMAP, state, item="a")] == [ago(1), ago(3)]
    assert [e.item for e in entries(ROADMAP, state, since=date(2026, 11, 29))] == ["a", "gone"]
    assert first_day(state) == date(2026, 11, 28)
    assert first_day(RoadmapState()) is None


def test_history_since_is_a_local_date(zone: Callable[[str], None]) -> None:
    zone("America/New_York")  # UTC-5 in December
    state = RoadmapState()
    mark(state, "a", Status.DONE, datetime(2026, 12, 1, 3, 0, tzinfo=UTC))  # 11-30 22:00 local
    assert entries(ROADMAP, state, since=date(2026, 12, 1)) == []
    assert len(entries(ROADMAP, state, since=date(2026, 11, 30))) == 1


def test_an_undone_tick_does_not_restart_the_time_in_progress() -> None:
    """In progress for 20 days, ticked done by mistake, undone a minute later: `next` says
    20 days, as the details pane and `status` do (model.status_since)."""
    from roadmap.model import apply_edit, status_since

    state = RoadmapState()
    mark(state, "a", Status.IN_PROGRESS, NOW - timedelta(days=20))
    tick = mark(state, "a", Status.DONE, NOW - timedelta(minutes=2))
    assert tick is not None
    apply_edit(state, tick.inverse(), NOW - timedelta(minutes=1))
    found = what_next(ROADMAP, state, NOW, count=1, stale_days=14)
    assert found.in_progress == (Started("a", "A", NOW - timedelta(days=20), 20, True),)
    assert status_since(state, "a") == NOW - timedelta(days=20)
