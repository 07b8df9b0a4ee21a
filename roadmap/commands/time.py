"""`next`, `history`, `pace`, `target`: what to do next, what happened, how fast, by when.

All four read the state without the lock (they work while the app is open); `target` writes
config.toml only. The answers come from roadmap.insights, the same the TUI shows.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap import model
from roadmap.application.lookup import resolve_item
from roadmap.application.opening import open_reading
from roadmap.application.session import utc_now
from roadmap.commands import completes
from roadmap.errors import RoadmapError
from roadmap.model.when import full, utc_stamp

if TYPE_CHECKING:
    from roadmap.commands import Context
    from roadmap.insights.next import Next
    from roadmap.insights.pace import Forecast, Pace

SCHEMA = 1
"""The JSON shapes' version (tests/test_json_contract.py pins them)."""
COUNT_LIMIT = 1000


def register(sub: Any) -> None:
    p = sub.add_parser("next", help="what is in progress and what to do next",
                       description="Items in progress, longest-waiting first (stale after "
                       "pace.stale_days days without a change, 14 unless set), then the next "
                       "milestones to do in the roadmap's order, with the skills each exercises.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.add_argument("-n", type=_count, default=5, metavar="N",
                   help="how many next milestones to list (default 5)")
    p.set_defaults(func=cmd_next)

    p = sub.add_parser("history", help="status changes, newest first",
                       description="Every status change recorded (the newest 10,000), newest "
                       "first, with local times and titles.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.add_argument("--since", type=_day, metavar="DATE",
                   help="only changes on or after this local date (YYYY-MM-DD)")
    completes(p.add_argument("--item", metavar="ID", help="only this item's changes"), "item")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("pace", help="items done per week, streaks and a forecast",
                       description="Items done per week over the last 4 and 12 weeks, streaks "
                       "in weeks and days, and when the open items will be done at your pace: a "
                       "likely (50%%) and a conservative (80%%) date from how much your weeks "
                       "vary, once there are two weeks of history. With a target date set "
                       "('roadmap target'), the pace it needs and whether you are on track.")
    p.add_argument("--json", action="store_true", help="print JSON (shape in the README)")
    p.set_defaults(func=cmd_pace)

    p = sub.add_parser("target", help="set, show or clear a target date for the roadmap",
                       description="A date you aim to finish the roadmap in use by. 'roadmap "
                       "pace' and the app then show the pace it needs and whether you are on "
                       "track. Off unless you set one; kept in config.toml under [targets].")
    p.add_argument("date", nargs="?", type=_day, metavar="DATE",
                   help="the target date (YYYY-MM-DD); leave out to show the current one")
    p.add_argument("--clear", action="store_true", help="remove the target")
    p.set_defaults(func=cmd_target)


def _day(text: str) -> date:
    """A date typed on the command line; argparse turns the error into one line, exit 2."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{model.visible(text, keep_newlines=False)}' is not a date like 2027-06-01"
        ) from None


def _count(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= COUNT_LIMIT:
        raise argparse.ArgumentTypeError(
            f"'{model.visible(text, keep_newlines=False)}' is not a count from 1 to "
            f"{COUNT_LIMIT}")
    return int(text)


# --------------------------------------------------------------------------- next


def cmd_next(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.config import load_pace
    from roadmap.insights.next import what_next

    opened = open_reading(ctx.paths, warn=ctx.warn)
    stale_days = load_pace(ctx.paths).stale_days
    found = what_next(opened.roadmap, opened.rs, utc_now(), count=args.n, stale_days=stale_days)
    if args.json:
        print(model.json_text(next_json(found)), file=ctx.out)
        return 0
    for line in next_lines(opened.roadmap, found, stale_days):
        ctx.say(line)
    return 0


def next_json(found: Next) -> dict[str, Any]:
    """The `next --json` document; its shape is documented in the README."""
    return {
        "schema": SCHEMA,
        "in_progress": [{"id": s.id, "title": s.title,
                         "since": utc_stamp(s.since) if s.since is not None else None,
                         "days": s.days, "stale": s.stale} for s in found.in_progress],
        "next": [{"id": u.id, "title": u.title, "step": u.step, "skills": list(u.skills)}
                 for u in found.upcoming],
    }


def next_lines(roadmap: model.Roadmap, found: Next, stale_days: int) -> list[str]:
    from roadmap.insights.next import age_text

    lines: list[str] = []
    if found.in_progress:
        lines.append("In progress, longest-waiting first:")
        for s in found.in_progress:
            age = age_text(s.days)
            stale = f"  STALE (no change in {stale_days}+ days)" if s.stale else ""
            lines.append(f"  {s.title} [{s.id}]  {age}{stale}")
    else:
        lines.append("Nothing in progress ('roadmap mark ID in-progress' starts something).")
    if not found.upcoming:
        lines.append("")
        lines.append("Every step is done or skipped: nothing left to start."
                     if found.step is None else
                     "Nothing left to start in the steps; finish what is in progress.")
        return lines
    lines.append("")
    lines.append("Next:")
    step_titles = {s.id: s.title for s in roadmap.steps}
    for u in found.upcoming:
        skills = [roadmap.item(i) for i in u.skills]
        names = ", ".join(s.title if s is not None else i for s, i in zip(skills, u.skills,
                                                                           strict=True))
        lines.append(f"  {u.title} [{u.id}]  ({step_titles.get(u.step, u.step)})")
        if names:
            lines.append(f"      skills: {names}")
    return lines


# --------------------------------------------------------------------------- history


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.insights.history import entries

    opened = open_reading(ctx.paths, warn=ctx.warn)
    roadmap, rs = opened.roadmap, opened.rs
    item = args.item
    if item is not None:
        known = [*roadmap.item_ids(), *model.archived_ids(roadmap, rs),
                 *{c.item for c in rs.history}]
        item = resolve_item(roadmap, item, dict.fromkeys(known))  # an id or an exact title
        if item != args.item:
            ctx.warn(f"'{args.item}' is {item}")
    found = entries(roadmap, rs, since=args.since, item=item)
    if args.json:
        # an object, not a bare list, as every --json output is: `schema` first
        print(model.json_text({"schema": SCHEMA, "roadmap": roadmap.id, "history": [
            {"item": e.item, "title": e.title, "from": e.old.value, "to": e.new.value,
             "at": utc_stamp(e.at)} for e in found]}), file=ctx.out)
        return 0
    if not found:
        ctx.say("No status changes recorded" + (" for that item" if args.item else "")
                + (f" since {args.since.isoformat()}" if args.since else "") + ".")
        return 0
    ctx.say("\n".join(f"{full(e.at)}  {e.old.value:>11} -> {e.new.value:<11}  {e.title} "
                      f"[{e.item}]" for e in found))
    return 0


# --------------------------------------------------------------------------- pace


def _forecast_json(found: Forecast) -> dict[str, str | None]:
    return {"p50": found.p50.isoformat() if found.p50 else None,
            "p80": found.p80.isoformat() if found.p80 else None}


def _estimate_json(estimate: model.Estimate | None) -> dict[str, Any] | None:
    if estimate is None:
        return None
    return {"min_weeks": estimate.min_weeks, "max_weeks": estimate.max_weeks,
            "basis": estimate.basis}


def pace_json(found: Pace) -> dict[str, Any]:
    """The `pace --json` document; its shape is documented in the README."""
    target = found.target
    return {
        "schema": SCHEMA,
        "per_week": {"last_4": round(found.last_4, 2), "last_12": round(found.last_12, 2)},
        "streak": {"current_weeks": found.current_weeks, "longest_weeks": found.longest_weeks,
                   "current_days": found.current_days, "longest_days": found.longest_days},
        "days": [{"date": day.isoformat(), "done": done} for day, done in found.days],
        "remaining": found.remaining,
        "forecast": _forecast_json(found.forecast),
        "steps": [{"id": s.id, "remaining": s.remaining, "forecast": _forecast_json(s.forecast),
                   "estimate": _estimate_json(s.estimate)} for s in found.steps],
        "target": None if target is None else {
            "date": target.date.isoformat(),
            "needed_per_week": (None if target.needed_per_week is None
                                else round(target.needed_per_week, 2)),
            "have_per_week": (None if target.have_per_week is None
                              else round(target.have_per_week, 2)),
            "on_track": target.on_track, "weeks_behind": target.weeks_behind},
        "estimate": _estimate_json(found.estimate),
    }


def measure_for(ctx: Context, roadmap: model.Roadmap, rs: model.RoadmapState) -> Pace:
    from roadmap.config import load_pace
    from roadmap.insights.pace import measure

    return measure(roadmap, rs, utc_now(), load_pace(ctx.paths).targets.get(roadmap.id))


def cmd_pace(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.insights import pace

    opened = open_reading(ctx.paths, warn=ctx.warn)
    found = measure_for(ctx, opened.roadmap, opened.rs)
    if args.json:
        print(model.json_text(pace_json(found)), file=ctx.out)
        return 0
    ctx.say(f"{opened.roadmap.title}: {found.remaining} item"
            f"{'' if found.remaining == 1 else 's'} open")
    ctx.say(pace.per_week_text(found))
    ctx.say(f"Last {len(found.weeks)} weeks: {pace.sparkline([n for _, n in found.weeks])}"
            f"  (this week: {found.weeks[-1][1]})")
    ctx.say(pace.streak_text(found))
    basis = pace.basis_text(found)
    ctx.say(f"Forecast: {pace.forecast_text(found.forecast)}" + (f" ({basis})" if basis else ""))
    if found.estimate is not None:
        ctx.say(pace.sentence(pace.reference(found.estimate, "the whole roadmap")))
    if found.target is not None:
        ctx.say(pace.sentence(pace.target_text(found.target, found.today)))
    if found.steps:
        ctx.say()
        head = "Steps, in order"
        titles = [model.visible(s.title, keep_newlines=False) for s in found.steps]
        width = max([model.cells(t) for t in titles] + [len(head) - 2])  # columns, not chars
        ctx.say(f"{head:<{width + 2}}  open  forecast")
        for title, s in zip(titles, found.steps, strict=True):
            when = pace.forecast_text(s.forecast) if s.remaining else "done"
            ref = f"  (articles: {pace.weeks_text(s.estimate)})" if s.estimate else ""
            ctx.say(f"  {model.fit_cells(title, width)}  {s.remaining:>4}  {when}{ref}")
    return 0


# --------------------------------------------------------------------------- target


def cmd_target(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap import config

    opened = open_reading(ctx.paths, warn=ctx.warn)
    rid = opened.roadmap.id
    if args.clear and args.date is not None:
        raise RoadmapError("give a date or --clear, not both")
    if args.clear:
        removed = config.set_target(ctx.paths, rid, None)
        ctx.say(f"target for {rid} cleared" if removed else f"{rid} had no target")
        return 0
    if args.date is None:
        current = config.load_pace(ctx.paths).targets.get(rid)
        ctx.say(f"{rid}: target {current.isoformat()}" if current is not None else
                f"{rid} has no target (set one: roadmap target YYYY-MM-DD)")
        return 0
    today = utc_now().astimezone().date()
    if args.date <= today:
        raise RoadmapError(f"target {args.date.isoformat()} is not after today "
                           f"({today.isoformat()}); nothing was changed")
    config.set_target(ctx.paths, rid, args.date)
    found = measure_for(ctx, opened.roadmap, opened.rs)
    from roadmap.insights.pace import target_text

    line = target_text(found.target, found.today) if found.target is not None else ""
    ctx.say(f"{rid}: {line}")
    return 0
