"""How fast the user is going and when they will be done at that pace, as a range.

Throughput is sampled as items done in each of the last (up to) twelve 7-day windows ending
today. The forecast treats the weeks ahead as drawn from those weeks: the sum of W weeks has
mean W*m and variance W*s^2 (m, s: the samples' mean and spread), so the week by which the
open items are done with probability p solves W*m - z_p*s*sqrt(W) = remaining, a quadratic in
sqrt(W), computed exactly (no random draws, the same answer on every run). p50 is the likely
date (the straight line at the mean pace); p80 the conservative one, later the more the weeks
vary. A steady 5 a week with 50 left is 10 weeks for both; a burst then nothing widens it.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta
from typing import NamedTuple

from roadmap.insights.history import completions, first_day
from roadmap.model import Estimate, Roadmap, RoadmapState, Status, overall_progress
from roadmap.model.when import local_date, week_start

SAMPLE_WEEKS = 12
"""Weeks of throughput the forecast looks at: recent enough to be your pace now."""
MIN_WEEKS = 2
"""Weeks of history needed before any forecast: one week is not a spread."""
Z = {50: 0.0, 80: 0.8416212335729143}
"""Standard normal quantiles for the likely (p50) and conservative (p80) dates."""
HEATMAP_DAYS = 365
SPARK_WEEKS = 26
"""Calendar weeks the sparkline and the per-week table cover (the current one included)."""
HORIZON_DAYS = 100 * 365
"""A forecast further out than this says "not at this pace" instead of a date."""


class Forecast(NamedTuple):
    """Likely and conservative finishing dates, or None for both with the reason in `why`."""

    p50: date | None = None
    p80: date | None = None
    why: str = ""


class StepForecast(NamedTuple):
    id: str
    title: str
    remaining: int
    forecast: Forecast
    estimate: Estimate | None


class TargetStatus(NamedTuple):
    """Where the user stands against the date they set themselves."""

    date: date
    needed_per_week: float | None
    """Items a week from today to make it; None once the date has come."""
    have_per_week: float | None
    on_track: bool | None
    """None when there is not enough history to say."""
    weeks_behind: int | None


class Pace(NamedTuple):
    today: date
    last_4: float
    last_12: float
    weeks: tuple[tuple[date, int], ...]
    """Items done per calendar week (Monday first), oldest first, the current week last."""
    days: tuple[tuple[date, int], ...]
    """Items done per day for the last 365 days, oldest first, today last."""
    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int
    remaining: int
    forecast: Forecast
    steps: tuple[StepForecast, ...]
    target: TargetStatus | None
    mean: float | None
    """Items a week over the sampled windows (what the forecast runs on)."""
    sample_weeks: int
    """How many 7-day windows the forecast sampled (0 to 12)."""
    estimate: Estimate | None


def done_per_day(state: RoadmapState, only: frozenset[str] | None = None,
                 done: dict[str, datetime] | None = None) -> Counter[date]:
    """Items done on each local date (each item once, at its last completion); `only`
    limits the count to those ids; `done` is `completions(state)` when already known."""
    done = completions(state) if done is None else done
    return Counter(local_date(at) for item_id, at in done.items()
                   if only is None or item_id in only)


def samples(per_day: Counter[date], today: date, history_days: int) -> list[int]:
    """Items done in each whole 7-day window ending today, newest first, up to 12."""
    count = min(SAMPLE_WEEKS, history_days // 7)
    return [sum(per_day.get(today - timedelta(days=7 * w + d), 0) for d in range(7))
            for w in range(count)]


def weeks_needed(remaining: int, mean: float, spread: float, z: float) -> float:
    """Weeks W at which W weeks of throughput reach `remaining` with the given quantile."""
    root = (z * spread + math.sqrt((z * spread) ** 2 + 4 * mean * remaining)) / (2 * mean)
    return root * root


def forecast(remaining: int, weekly: list[int], today: date, what: str = "items") -> Forecast:
    """The p50 and p80 finishing dates for `remaining` items, from weekly samples."""
    if remaining <= 0:
        return Forecast(why="nothing left")
    if len(weekly) < MIN_WEEKS:
        return Forecast(why="not enough history yet (it takes two weeks)")
    mean = sum(weekly) / len(weekly)
    if mean <= 0:
        return Forecast(why=f"no {what} done in the last {len(weekly)} weeks")
    spread = math.sqrt(sum((x - mean) ** 2 for x in weekly) / len(weekly))
    dates: list[date | None] = []
    for z in (Z[50], Z[80]):
        days = math.ceil(weeks_needed(remaining, mean, spread, z) * 7 - 1e-9)
        dates.append(today + timedelta(days=days) if days <= HORIZON_DAYS else None)
    if dates[0] is None:
        return Forecast(why="more than 100 years at this pace")
    return Forecast(dates[0], dates[1], "" if dates[1] else "p80 more than 100 years out")


def _streaks(marked: set[date], today: date, step: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive periods `step` days apart with a completion.

    The current run may end at the period before this one: a week (or day) without a
    completion so far is not over yet, so it does not break the streak until it ends.
    """
    current = 0
    at = today if today in marked else today - timedelta(days=step)
    while at in marked:
        current += 1
        at -= timedelta(days=step)
    longest = run = 0
    previous: date | None = None
    for day in sorted(marked):
        run = run + 1 if previous is not None and (day - previous).days == step else 1
        longest = max(longest, run)
        previous = day
    return current, longest


def _rate(per_day: Counter[date], today: date, weeks: int, history_days: int) -> float:
    """Items a week over the last `weeks` weeks, or over the whole weeks of history if fewer
    (at least one): the same windows the forecast averages, so the figures agree."""
    done = sum(per_day.get(today - timedelta(days=d), 0) for d in range(7 * weeks))
    return done / min(weeks, max(1, history_days // 7))


def open_count(item_ids: list[str], state: RoadmapState) -> int:
    """To do and in progress: skipped items have left the count, done ones are done."""
    return sum(1 for i in item_ids if state.status(i) in (Status.TODO, Status.IN_PROGRESS))


def measure(roadmap: Roadmap, state: RoadmapState, now: datetime,
            target: date | None = None) -> Pace:
    """Everything the Progress screen and `roadmap pace` show, in local dates."""
    today = local_date(now)
    done = completions(state)
    per_day = done_per_day(state, done=done)
    first = first_day(state)
    history_days = (today - first).days + 1 if first is not None and first <= today else 0
    weekly = samples(per_day, today, history_days)
    progress = overall_progress(roadmap, state)
    remaining = progress.todo + progress.in_progress
    overall = forecast(remaining, weekly, today)
    steps: list[StepForecast] = []
    # Steps run on the milestones' own pace (ticking skills does not finish a step), in
    # order: a step is done once the steps before it are too.
    milestones = frozenset(roadmap.milestone_ids())
    step_weekly = samples(done_per_day(state, milestones, done), today, history_days)
    ahead = 0
    for step in roadmap.steps:
        left = open_count([m.id for m in step.items], state)
        ahead += left
        steps.append(StepForecast(step.id, step.title, left,
                                  forecast(left and ahead, step_weekly, today, "milestones"),
                                  step.estimate))
    this_week = week_start(today)
    by_week: Counter[date] = Counter()
    for day, n in per_day.items():
        by_week[week_start(day)] += n
    weeks = tuple((this_week - timedelta(weeks=w), by_week.get(this_week - timedelta(weeks=w), 0))
                  for w in range(SPARK_WEEKS - 1, -1, -1))
    days = tuple((today - timedelta(days=d), per_day.get(today - timedelta(days=d), 0))
                 for d in range(HEATMAP_DAYS - 1, -1, -1))
    current_weeks, longest_weeks = _streaks(set(by_week), this_week, 7)
    current_days, longest_days = _streaks(set(per_day), today, 1)
    mean = sum(weekly) / len(weekly) if len(weekly) >= MIN_WEEKS else None
    return Pace(
        today, _rate(per_day, today, 4, history_days), _rate(per_day, today, 12, history_days),
        weeks, days, current_weeks, longest_weeks, current_days, longest_days, remaining,
        overall, tuple(steps),
        None if target is None else target_status(target, remaining, overall, mean, today),
        mean, len(weekly), roadmap.estimate)


def target_status(target: date, remaining: int, overall: Forecast, mean: float | None,
                  today: date) -> TargetStatus:
    """The pace needed to make `target`, the pace you have, and on track or how far behind."""
    days_left = (target - today).days
    needed = remaining / (days_left / 7) if days_left > 0 else None
    if remaining == 0:
        return TargetStatus(target, 0.0, mean, True, 0)
    if mean is None:
        return TargetStatus(target, needed, None, None, None)
    if overall.p50 is None:  # nothing done lately: behind, by no number of weeks one can say
        return TargetStatus(target, needed, mean, False, None)
    late = (overall.p50 - target).days
    if late <= 0:
        return TargetStatus(target, needed, mean, True, 0)
    return TargetStatus(target, needed, mean, False, math.ceil(late / 7))


# --------------------------------------------------------------------------- in words


def weeks_text(estimate: Estimate) -> str:
    """An estimate's length: "4-6 weeks", "26 weeks"."""
    if estimate.min_weeks == estimate.max_weeks:
        return f"{estimate.min_weeks} week" + ("" if estimate.min_weeks == 1 else "s")
    return f"{estimate.min_weeks}-{estimate.max_weeks} weeks"


def reference(estimate: Estimate, what: str) -> str:
    """The template's estimate as the reference it is: "the articles put X at about 4-6
    weeks" (with where the figure comes from, when the template says)."""
    line = f"the articles put {what} at about {weeks_text(estimate)}"
    return f"{line} ({estimate.basis})" if estimate.basis else line


def forecast_text(found: Forecast) -> str:
    """"likely by 2027-03-01, by 2027-04-12 at the latest" or why there is no date."""
    if found.p50 is None:
        return found.why
    late = found.p80.isoformat() if found.p80 is not None else "more than 100 years out"
    return f"likely by {found.p50.isoformat()}, conservatively by {late}"


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def sentence(text: str) -> str:
    """The first letter up, the rest as it was (titles keep their case)."""
    return text[:1].upper() + text[1:]


def per_week_text(found: Pace) -> str:
    return (f"Done: {rate_text(found.last_4)} over the last 4 weeks, "
            f"{rate_text(found.last_12)} over the last 12")


def streak_text(found: Pace) -> str:
    return (f"Streak: {plural(found.current_weeks, 'week')} (longest "
            f"{plural(found.longest_weeks, 'week')}), {plural(found.current_days, 'day')} "
            f"(longest {plural(found.longest_days, 'day')})")


def basis_text(found: Pace) -> str:
    """What the forecast ran on, once there is one: "at 6.3 a week, the average of the last
    6 weeks"."""
    if not found.mean or found.forecast.p50 is None:
        return ""
    return (f"at {rate_text(found.mean)}, the average of the last "
            f"{plural(found.sample_weeks, 'week')}")


def rate_text(per_week: float) -> str:
    """A pace as "4.5 a week" (one decimal, no trailing .0)."""
    return f"{per_week:.1f}".removesuffix(".0") + " a week"


def target_summary(status: TargetStatus) -> str:
    """The target in a few words, for the header: "target 2027-06-01: 3 weeks behind"."""
    when = status.date.isoformat()
    if status.on_track is True:
        return f"target {when}: on track"
    if status.on_track is False and status.weeks_behind is not None:
        return (f"target {when}: {status.weeks_behind} week"
                f"{'' if status.weeks_behind == 1 else 's'} behind")
    if status.on_track is False:
        return f"target {when}: behind (nothing done lately)"
    return f"target {when}: not enough history yet to say"


def target_text(status: TargetStatus, today: date) -> str:
    """One line about the target: on track, how far behind, and the pace it needs."""
    head = target_summary(status)
    if status.needed_per_week is None:
        return head + (" (the date has passed)" if status.date <= today else "")
    needs = f"needs {rate_text(status.needed_per_week)}"
    if status.have_per_week is not None:
        needs += f", you do {rate_text(status.have_per_week)}"
    return f"{head} ({needs})"


BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """Counts as block characters scaled to the highest (█); a zero is the lowest block and
    any non-zero count at least the second, so a slow week never looks like an empty one."""
    top = max(values, default=0)
    top_index = len(BLOCKS) - 1
    return "".join(BLOCKS[0 if v <= 0 else max(1, round(v * top_index / top))] for v in values)
