"""`roadmap next`, `history`, `pace` and `target` as a user or a script runs them."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from roadmap.cli import main
from roadmap.paths import Paths

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
TEMPLATE = Path(__file__).parent / "fixtures" / "tiny.toml"


class Clock:
    """The time the commands see; tests move it to write a history with known stamps."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    clock = Clock()
    monkeypatch.setattr("roadmap.commands.state.utc_now", clock)
    monkeypatch.setattr("roadmap.commands.time.utc_now", clock)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield clock
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tiny(paths: Paths, clock: Clock, capsys: pytest.CaptureFixture[str]) -> Paths:
    """The tiny roadmap in use (two milestones, two skills, one check)."""
    paths.templates.mkdir(parents=True)
    shutil.copy(TEMPLATE, paths.templates / "tiny.toml")
    assert main(["use", "tiny"]) == 0
    capsys.readouterr()
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    return json.loads(run(capsys, *argv))


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Exit code 2 (argparse exits, our errors return) and one line on stderr only."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def mark_at(clock: Clock, capsys: pytest.CaptureFixture[str], days_ago: float,
            *argv: str) -> None:
    clock.now = NOW - timedelta(days=days_ago)
    run(capsys, "mark", *argv)
    clock.now = NOW


def test_next_json_and_text(tiny: Paths, clock: Clock,
                            capsys: pytest.CaptureFixture[str]) -> None:
    mark_at(clock, capsys, 20, "sql", "in-progress")
    mark_at(clock, capsys, 2.5, "learn-python", "in-progress")
    assert as_json(capsys, "next", "--json") == {
        "schema": 1,
        "in_progress": [
            {"id": "sql", "title": "SQL: the query language", "since": "2026-11-11T15:00:00Z",
             "days": 20, "stale": True},
            {"id": "learn-python", "title": "Learn Python", "since": "2026-11-29T03:00:00Z",
             "days": 2, "stale": False}],
        "next": [{"id": "learn-git", "title": "Learn Git", "step": "basics", "skills": []}],
    }
    assert run(capsys, "next") == (
        "In progress, longest-waiting first:\n"
        "  SQL: the query language [sql]  for 20 days  STALE (no change in 14+ days)\n"
        "  Learn Python [learn-python]  for 2 days\n"
        "\n"
        "Next:\n"
        "  Learn Git [learn-git]  (Basics)\n")


def test_stale_days_come_from_config(tiny: Paths, clock: Clock,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    mark_at(clock, capsys, 20, "sql", "in-progress")
    assert run(capsys, "config", "set", "pace.stale_days", "30") == "pace.stale_days = 30\n"
    assert tiny.config.read_text() == "[pace]\nstale_days = 30\n"
    assert as_json(capsys, "next", "--json")["in_progress"][0]["stale"] is False
    assert run(capsys, "config", "get", "stale_days") == "30\n"
    assert run(capsys, "config", "unset", "pace.stale_days") == "pace.stale_days removed\n"
    assert as_json(capsys, "next", "--json")["in_progress"][0]["stale"] is True


@pytest.mark.parametrize("value", ["0", "-3", "two", "1.5", "99999"])
def test_a_bad_stale_days_value_is_refused_and_nothing_written(
        tiny: Paths, capsys: pytest.CaptureFixture[str], value: str) -> None:
    err = fails(capsys, "config", "set", "pace.stale_days", value)
    assert err == ("roadmap: pace.stale_days: must be a whole number of days from 1 to 3650\n")
    assert not tiny.config.exists()


@pytest.mark.parametrize(("text", "message"), [
    ("[pace]\nstale_days = \"x\"\n", "pace.stale_days: must be a whole number of days from 1 "
                                     "to 3650"),
    ("pace = 3\n", "'pace' must be a table ([pace])"),
    ("[targets]\ntiny = \"soon\"\n", "targets.tiny: must be a date like 2027-06-01 (no quotes)"),
    ("[targets\n", "line 1"),
])
def test_a_broken_config_is_one_line_and_exit_2(tiny: Paths, capsys: pytest.CaptureFixture[str],
                                                 text: str, message: str) -> None:
    tiny.config.write_text(text)
    for command in ("next", "pace"):
        err = fails(capsys, command)
        assert len(err.splitlines()) == 1 and message in err and str(tiny.config) in err
    assert tiny.config.read_text() == text


def test_history_newest_first_with_filters(tiny: Paths, clock: Clock,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    mark_at(clock, capsys, 3, "learn-python", "in-progress")
    mark_at(clock, capsys, 1, "learn-python", "sql", "done")
    assert as_json(capsys, "history", "--json") == {"schema": 1, "roadmap": "tiny", "history": [
        {"item": "learn-python", "title": "Learn Python", "from": "in-progress", "to": "done",
         "at": "2026-11-30T15:00:00Z"},
        {"item": "sql", "title": "SQL: the query language", "from": "todo", "to": "done",
         "at": "2026-11-30T15:00:00Z"},
        {"item": "learn-python", "title": "Learn Python", "from": "todo", "to": "in-progress",
         "at": "2026-11-28T15:00:00Z"},
    ]}
    assert run(capsys, "history", "--item", "sql") == (
        "2026-11-30 15:00         todo -> done         SQL: the query language [sql]\n")
    main(["history", "--item", "sql: THE query language"])  # a title, in any case
    out, err = capsys.readouterr()
    assert (out, err) == ("2026-11-30 15:00         todo -> done         SQL: the query "
                          "language [sql]\n", "roadmap: 'sql: THE query language' is sql\n")
    assert [e["to"] for e in as_json(capsys, "history", "--json", "--since",
                                     "2026-11-29")["history"]] == ["done", "done"]
    assert run(capsys, "history", "--since", "2026-12-01") == (
        "No status changes recorded since 2026-12-01.\n")
    assert as_json(capsys, "history", "--json", "--item", "learn-git")["history"] == []


def test_history_refuses_unknown_items_and_bad_dates(tiny: Paths,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert fails(capsys, "history", "--item", "learn-pyton") == (
        "roadmap: unknown item 'learn-pyton' (did you mean 'learn-python'?)\n")
    err = fails(capsys, "history", "--since", "2026-02-30")
    assert err.startswith("roadmap history: error: argument --since: '2026-02-30' is not a date "
                          "like 2027-06-01")
    assert len(err.splitlines()) == 1
    err = fails(capsys, "next", "-n", "0")
    assert "'0' is not a count from 1 to 1000" in err


def test_pace_json_shape_and_values(tiny: Paths, clock: Clock,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    mark_at(clock, capsys, 15, "learn-git", "in-progress")
    mark_at(clock, capsys, 8, "learn-python", "done")
    mark_at(clock, capsys, 1, "python", "done")
    data = as_json(capsys, "pace", "--json")
    days = data.pop("days")
    assert len(days) == 365 and days[0] == {"date": "2025-12-02", "done": 0}
    assert [d for d in days if d["done"]] == [{"date": "2026-11-23", "done": 1},
                                              {"date": "2026-11-30", "done": 1}]
    assert data == {
        "schema": 1,
        "per_week": {"last_4": 1.0, "last_12": 1.0},
        "streak": {"current_weeks": 2, "longest_weeks": 2, "current_days": 1,
                   "longest_days": 1},
        "remaining": 3,
        # two windows of history, one item each: 3 left is 3 weeks, with no spread
        "forecast": {"p50": "2026-12-22", "p80": "2026-12-22"},
        # milestones: [0, 1] a week, so 1 left is likely 2 weeks; the spread pushes p80 out
        "steps": [{"id": "basics", "remaining": 1,
                   "forecast": {"p50": "2026-12-15", "p80": "2026-12-27"}, "estimate": None}],
        "target": None,
        "estimate": None,
    }


def test_pace_text_says_when_there_is_not_enough_history(
        tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "pace")
    assert out.splitlines()[:5] == [
        "Tiny roadmap: 5 items open",
        "Done: 0 a week over the last 4 weeks, 0 a week over the last 12",
        "Last 26 weeks: " + "▁" * 26 + "  (this week: 0)",
        "Streak: 0 weeks (longest 0 weeks), 0 days (longest 0 days)",
        "Forecast: not enough history yet (it takes two weeks)",
    ]
    assert as_json(capsys, "pace", "--json")["forecast"] == {"p50": None, "p80": None}


def test_target_set_show_clear(tiny: Paths, clock: Clock,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "target") == "tiny has no target (set one: roadmap target YYYY-MM-DD)\n"
    assert run(capsys, "target", "2027-06-01") == (
        "tiny: target 2027-06-01: not enough history yet to say (needs 0.2 a week)\n")
    assert tiny.config.read_text() == "[targets]\ntiny = 2027-06-01\n"
    assert run(capsys, "target") == "tiny: target 2027-06-01\n"
    assert as_json(capsys, "pace", "--json")["target"] == {
        "date": "2027-06-01", "needed_per_week": 0.19, "have_per_week": None,
        "on_track": None, "weeks_behind": None}
    assert "Target 2027-06-01: not enough history yet to say" in run(capsys, "pace")
    assert run(capsys, "target", "--clear") == "target for tiny cleared\n"
    assert run(capsys, "target", "--clear") == "tiny had no target\n"
    assert as_json(capsys, "pace", "--json")["target"] is None


def test_target_refuses_past_dates_and_both_forms(tiny: Paths,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert fails(capsys, "target", "2026-12-01") == (
        "roadmap: target 2026-12-01 is not after today (2026-12-01); nothing was changed\n")
    assert fails(capsys, "target", "2027-01-01", "--clear") == (
        "roadmap: give a date or --clear, not both\n")
    assert "is not a date like 2027-06-01" in fails(capsys, "target", "June")
    assert not tiny.config.exists()


def test_target_keeps_the_rest_of_config_as_it_was(tiny: Paths,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    tiny.config.write_text("# mine\n[profile]\nname = \"Ada\"  # me\n")
    run(capsys, "target", "2027-06-01")
    assert tiny.config.read_text() == (
        "# mine\n[profile]\nname = \"Ada\"  # me\n\n[targets]\ntiny = 2027-06-01\n")


FORECAST = {"p50": "str|null", "p80": "str|null"}
SHAPES: dict[str, Any] = {
    "next": {"schema": "int", "in_progress": [
        {"id": "str", "title": "str", "since": "str|null", "days": "int|null", "stale": "bool"}],
        "next": [{"id": "str", "title": "str", "step": "str", "skills": ["str"]}]},
    "history": {"schema": "int", "roadmap": "str", "history": [
        {"item": "str", "title": "str", "from": "str", "to": "str", "at": "str"}]},
    "pace": {"schema": "int", "per_week": {"last_4": "float", "last_12": "float"},
             "streak": {"current_weeks": "int", "longest_weeks": "int", "current_days": "int",
                        "longest_days": "int"},
             "days": [{"date": "str", "done": "int"}], "remaining": "int",
             "forecast": FORECAST,
             "steps": [{"id": "str", "remaining": "int", "forecast": FORECAST,
                        "estimate": "null"}],
             "target": {"date": "str", "needed_per_week": "float|null",
                        "have_per_week": "float|null", "on_track": "bool|null",
                        "weeks_behind": "int|null"},
             "estimate": "null"},
}


@pytest.mark.parametrize("command", list(SHAPES))
def test_json_shapes_are_pinned_with_schema_first(
        tiny: Paths, clock: Clock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    from tests import test_json_contract as contract

    monkeypatch.setitem(contract.TYPES, "float", float)
    monkeypatch.setitem(contract.TYPES, "bool", bool)
    mark_at(clock, capsys, 15, "learn-git", "in-progress")
    mark_at(clock, capsys, 8, "learn-python", "done")
    run(capsys, "target", "2027-06-01")
    data = as_json(capsys, command, "--json")
    assert next(iter(data)) == "schema" and data["schema"] == 1
    assert contract.problems(data, SHAPES[command]) == []


def test_a_target_written_as_a_date_time_by_hand_is_refused(
        tiny: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    tiny.config.write_text("[targets]\ntiny = 2027-06-01T10:00:00\n")
    assert fails(capsys, "pace") == (f"roadmap: {tiny.config}: targets.tiny: must be a date "
                                     "like 2027-06-01 (no quotes)\n")


def test_pace_text_with_a_forecast_target_and_steps(tiny: Paths, clock: Clock,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    mark_at(clock, capsys, 15, "learn-git", "in-progress")
    mark_at(clock, capsys, 8, "learn-python", "done")
    mark_at(clock, capsys, 1, "python", "done")
    run(capsys, "target", "2026-12-15")
    assert run(capsys, "pace") == (
        "Tiny roadmap: 3 items open\n"
        "Done: 1 a week over the last 4 weeks, 1 a week over the last 12 (2 weeks of history so "
        "far)\n"
        "Last 26 weeks: " + "▁" * 24 + "██  (this week: 1)\n"
        "Streak: 2 weeks (longest 2 weeks), 1 day (longest 1 day)\n"
        "Forecast: likely by 2026-12-22, conservatively by 2026-12-22 (at 1 a week, the "
        "average of the last 2 weeks)\n"
        "Target 2026-12-15: 1 week behind (needs 1.5 a week, you do 1 a week)\n"
        "\n"
        "Steps, in order  open  forecast\n"
        "  Basics            1  likely by 2026-12-15, conservatively by 2026-12-27\n")


def test_pace_lines_up_a_step_title_in_wide_characters(
        paths: Paths, clock: Clock, capsys: pytest.CaptureFixture[str]) -> None:
    """A Japanese step title takes two columns a character: the counts stay under "open"."""
    paths.templates.mkdir(parents=True)
    (paths.templates / "tiny.toml").write_text(
        TEMPLATE.read_text().replace('title = "Basics"', 'title = "機械学習の基礎"'))
    assert main(["use", "tiny"]) == 0
    mark_at(clock, capsys, 8, "learn-python", "done")
    mark_at(clock, capsys, 1, "learn-git", "done")
    steps = run(capsys, "pace").split("\n\n")[-1]
    assert steps == ("Steps, in order   open  forecast\n"
                     "  機械学習の基礎     0  done\n")  # 14 columns of title: "0" ends under "n"
