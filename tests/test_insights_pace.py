"""Pace, streaks and forecasts on synthetic histories whose answers are known by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from roadmap.insights import pace
from roadmap.insights.history import completions
from roadmap.model import (
    Estimate,
    Milestone,
    Roadmap,
    RoadmapState,
    Skill,
    SkillGroup,
    Status,
    Step,
    mark,
)

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # a Tuesday
TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def utc(zone: Callable[[str], None]) -> None:
    """Local dates are the user's: pin the zone so these answers hold on any machine."""
    zone("UTC")


def build(steps: tuple[int, ...] = (), skills: int = 0) -> Roadmap:
    """Steps with that many milestones each (`s1-m1`...), then one group of skills."""
    return Roadmap(
        "r", "R",
        steps=tuple(Step(f"s{n}", f"Step {n}", items=tuple(
            Milestone(f"s{n}-m{i}", f"Milestone {n}.{i}") for i in range(1, count + 1)),
            estimate=Estimate(4, 6, "a course") if n == 1 else None)
            for n, count in enumerate(steps, 1)),
        skill_groups=(SkillGroup("g", "Skills", items=tuple(
            Skill(f"k{i}", f"Skill {i}") for i in range(1, skills + 1))),) if skills else (),
        estimate=Estimate(26, 32, "six months"))


def done_on(state: RoadmapState, ids: list[str], days_ago: int, hour: int = 12) -> None:
    at = datetime(2026, 12, 1, hour, 0, tzinfo=UTC) - timedelta(days=days_ago)
    for item_id in ids:
        mark(state, item_id, Status.DONE, at)


def steady(per_weekday: int = 1) -> tuple[Roadmap, RoadmapState]:
    """Six weeks of one item every weekday (5 a week), 30 done, 50 left."""
    roadmap = build(skills=80)
    state = RoadmapState()
    ids = iter(f"k{i}" for i in range(1, 81))
    for days_ago in range(41, -1, -1):
        if (TODAY - timedelta(days=days_ago)).weekday() < 5:
            done_on(state, [next(ids) for _ in range(per_weekday)], days_ago)
    return roadmap, state


def test_a_steady_five_a_week_with_fifty_left_is_ten_weeks_out() -> None:
    roadmap, state = steady()
    found = pace.measure(roadmap, state, NOW)
    assert found.remaining == 50
    assert found.sample_weeks == 6 and found.mean == 5.0
    assert found.forecast == pace.Forecast(date(2027, 2, 9), date(2027, 2, 9))  # +70 days
    assert (found.last_4, found.last_12) == (5.0, 5.0)


def test_a_burst_then_nothing_widens_the_range() -> None:
    roadmap = build(skills=70)
    state = RoadmapState()
    done_on(state, [f"k{i}" for i in range(1, 21)], 25)  # 20 in one day, 25 days ago
    mark(state, "k70", Status.IN_PROGRESS, NOW - timedelta(days=27))  # history starts here
    found = pace.measure(roadmap, state, NOW)
    assert found.sample_weeks == 4  # 28 days of history: windows [0, 0, 0, 20]
    assert found.remaining == 50 and found.mean == 5.0
    # p50 is the mean's straight line (10 weeks); p80 solves 5W - 0.8416*8.66*sqrt(W) = 50
    assert found.forecast == pace.Forecast(date(2027, 2, 9), date(2027, 3, 22))
    assert (found.forecast.p80 - TODAY).days == 111


def test_no_history_and_one_week_of_history_give_no_forecast() -> None:
    roadmap = build(skills=10)
    empty = pace.measure(roadmap, RoadmapState(), NOW)
    assert empty.forecast == pace.Forecast(why="not enough history yet (it takes two weeks)")
    assert empty.sample_weeks == 0 and empty.mean is None and empty.remaining == 10
    state = RoadmapState()
    done_on(state, ["k1", "k2"], 12)  # 13 days of history: one whole week
    assert pace.measure(roadmap, state, NOW).forecast.p50 is None
    done_on(state, ["k3"], 13)  # 14 days: two
    assert pace.measure(roadmap, state, NOW).forecast.p50 is not None


def test_weeks_with_nothing_done_say_so_instead_of_a_date() -> None:
    roadmap = build(skills=10)
    state = RoadmapState()
    mark(state, "k1", Status.IN_PROGRESS, NOW - timedelta(days=30))
    assert pace.measure(roadmap, state, NOW).forecast == pace.Forecast(
        why="no items done in the last 4 weeks")


def test_done_counts_once_and_only_while_it_stays_done() -> None:
    state = RoadmapState()
    first = NOW - timedelta(days=10)
    mark(state, "a", Status.DONE, first)
    mark(state, "a", Status.TODO, first + timedelta(hours=1))
    mark(state, "a", Status.DONE, NOW - timedelta(days=2))  # re-ticked: counts at this time
    mark(state, "b", Status.DONE, first)
    mark(state, "b", Status.IN_PROGRESS, first + timedelta(days=1))  # taken back: not done
    assert completions(state) == {"a": NOW - timedelta(days=2)}
    assert pace.done_per_day(state) == {date(2026, 11, 29): 1}


def test_skipped_items_leave_the_remaining_count() -> None:
    roadmap = build(steps=(3,), skills=2)
    state = RoadmapState()
    mark(state, "s1-m1", Status.SKIPPED, NOW)
    mark(state, "k1", Status.IN_PROGRESS, NOW)
    mark(state, "k2", Status.DONE, NOW)
    found = pace.measure(roadmap, state, NOW)
    assert found.remaining == 3  # two milestones to do, one skill in progress
    assert [(s.id, s.remaining) for s in found.steps] == [("s1", 2)]


def test_steps_run_on_the_milestones_pace_in_order() -> None:
    roadmap = build(steps=(5, 10, 0), skills=40)
    state = RoadmapState()
    ids = iter(f"k{i}" for i in range(1, 41))
    for days_ago in range(27, -1, -1):  # 4 weeks: 2 skills and 1 milestone every weekday...
        if (TODAY - timedelta(days=days_ago)).weekday() < 5:
            done_on(state, [next(ids), next(ids)], days_ago)
    for days_ago in (27, 20, 13, 6):  # ...and one milestone a week (a Wednesday)
        done_on(state, [f"s2-m{days_ago % 7 + days_ago // 7}"], days_ago, hour=9)
    found = pace.measure(roadmap, state, NOW)
    assert [(s.id, s.remaining) for s in found.steps] == [("s1", 5), ("s2", 6), ("s3", 0)]
    # one milestone a week: step 1 in 5 weeks, step 2 after it in 5 + 6 = 11 weeks
    assert found.steps[0].forecast == pace.Forecast(date(2027, 1, 5), date(2027, 1, 5))
    assert found.steps[1].forecast == pace.Forecast(date(2027, 2, 16), date(2027, 2, 16))
    assert found.steps[2].forecast == pace.Forecast(why="nothing left")
    assert found.steps[0].estimate == Estimate(4, 6, "a course")
    assert found.estimate == Estimate(26, 32, "six months")


def test_streaks_in_weeks_and_days_forgive_the_week_and_day_not_over_yet() -> None:
    roadmap = build(skills=20)
    state = RoadmapState()
    done_on(state, ["k1"], 2)  # Sunday 11-29: last week
    done_on(state, ["k2"], 9)  # Sunday 11-22: the week before
    found = pace.measure(roadmap, state, NOW)  # Tuesday 12-01, nothing this week yet
    assert (found.current_weeks, found.longest_weeks) == (2, 2)
    assert (found.current_days, found.longest_days) == (0, 1)  # yesterday had nothing
    # Monday 11-30 (yesterday), then 11-28, 11-29; 11-11..15 in a row; 10-22 alone
    for n, days_ago in enumerate((1, 3, 16, 17, 18, 19, 20, 40), 3):
        done_on(state, [f"k{n}"], days_ago)
    found = pace.measure(roadmap, state, NOW)
    assert (found.current_days, found.longest_days) == (3, 5)  # today not over: 11-28..30
    # weeks by Monday: 11-30, 11-23, 11-16, 11-09 in a row; 10-19 alone
    assert (found.current_weeks, found.longest_weeks) == (4, 4)
    done_on(state, ["k14"], 0)
    found = pace.measure(roadmap, state, NOW)
    assert (found.current_days, found.current_weeks) == (4, 4)


def test_the_heatmap_has_365_days_oldest_first_and_weeks_run_monday_first() -> None:
    roadmap, state = steady()
    found = pace.measure(roadmap, state, NOW)
    assert len(found.days) == 365
    assert found.days[0] == (date(2025, 12, 2), 0) and found.days[-1] == (TODAY, 1)
    assert sum(n for _, n in found.days) == 30
    assert len(found.weeks) == 26 and found.weeks[-1] == (date(2026, 11, 30), 2)
    assert found.weeks[-2] == (date(2026, 11, 23), 5)


def test_local_dates_come_from_the_users_zone(zone: Callable[[str], None]) -> None:
    zone("Asia/Tokyo")  # UTC+9
    state = RoadmapState()
    mark(state, "k1", Status.DONE, datetime(2026, 11, 30, 20, 0, tzinfo=UTC))  # 12-01 05:00 JST
    mark(state, "k2", Status.DONE, datetime(2026, 11, 30, 14, 0, tzinfo=UTC))  # 11-30 23:00 JST
    assert pace.done_per_day(state) == {date(2026, 12, 1): 1, date(2026, 11, 30): 1}
    found = pace.measure(build(skills=3), state, datetime(2026, 11, 30, 21, 0, tzinfo=UTC))
    assert found.today == date(2026, 12, 1)  # 06:00 the next morning in Tokyo
    assert found.days[-2:] == ((date(2026, 11, 30), 1), (date(2026, 12, 1), 1))
    assert (found.current_days, found.current_weeks) == (2, 1)  # both in the week of 11-30


def test_target_on_track_behind_and_unknown() -> None:
    roadmap, state = steady()  # 50 left at 5 a week: likely 2027-02-09
    on_track = pace.measure(roadmap, state, NOW, target=date(2027, 3, 2)).target
    assert on_track == pace.TargetStatus(date(2027, 3, 2), 50 / 13, 5.0, True, 0)
    behind = pace.measure(roadmap, state, NOW, target=date(2027, 1, 26)).target
    assert behind == pace.TargetStatus(date(2027, 1, 26), 50 / 8, 5.0, False, 2)
    assert pace.target_text(behind, TODAY) == (
        "target 2027-01-26: 2 weeks behind (needs 6.2 a week, you do 5 a week)")
    assert pace.target_text(on_track, TODAY) == (
        "target 2027-03-02: on track (needs 3.8 a week, you do 5 a week)")
    unknown = pace.measure(build(skills=5), RoadmapState(), NOW, target=date(2027, 1, 5)).target
    assert unknown == pace.TargetStatus(date(2027, 1, 5), 1.0, None, None, None)
    assert pace.target_text(unknown, TODAY) == (
        "target 2027-01-05: not enough history yet to say (needs 1 a week)")


def test_words_for_estimates_forecasts_and_sparklines() -> None:
    assert pace.reference(Estimate(26, 32, "six months"), "a curriculum") == (
        "the articles put a curriculum at about 26-32 weeks (six months)")
    assert pace.reference(Estimate(1, 1), "it") == "the articles put it at about 1 week"
    assert pace.forecast_text(pace.Forecast(date(2027, 1, 5), date(2027, 2, 1))) == (
        "likely by 2027-01-05, conservatively by 2027-02-01")
    assert pace.forecast_text(pace.Forecast(date(2027, 1, 5), date(2027, 1, 5))) == (
        "likely by 2027-01-05, conservatively by 2027-01-05")
    assert pace.forecast_text(pace.Forecast(why="nothing left")) == "nothing left"
    assert pace.sparkline([0, 1, 7, 14, 3]) == "▁▂▅█▃"
    assert pace.sparkline([0, 0]) == "▁▁" and pace.sparkline([]) == ""
