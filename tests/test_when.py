"""Time wording and local dates: what the details pane, `next`, `history` and `pace` say."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from roadmap.model.when import ago, full, local_date, span, week_start

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The user's clock in UTC+9, so local dates differ from UTC ones late in the UTC day."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "less than a minute"), (59, "less than a minute"), (60, "1 minute"),
    (3599, "59 minutes"), (7200, "2 hours"), (86_400, "1 day"), (6 * 86_400, "6 days"),
    (7 * 86_400, "1 week"), (29 * 86_400, "4 weeks"), (30 * 86_400, "1 month"),
    (400 * 86_400, "1 year"), (800 * 86_400, "2 years"),
])
def test_span_uses_the_largest_whole_unit(seconds: int, words: str) -> None:
    assert span(seconds) == words


@pytest.mark.parametrize(("back", "words"), [
    (timedelta(seconds=30), "just now"), (timedelta(minutes=5), "5 minutes ago"),
    (timedelta(hours=3), "3 hours ago"), (timedelta(hours=20), "yesterday"),
    (timedelta(days=3), "3 days ago"), (timedelta(days=21), "3 weeks ago"),
    (timedelta(days=70), "2 months ago"), (timedelta(minutes=-5), "in the future"),
])
def test_ago_in_words(utc: None, back: timedelta, words: str) -> None:
    assert ago(NOW - back, NOW) == words


def test_local_date_follows_the_users_zone(tokyo: None) -> None:
    late_utc = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 05:00 on the 2nd in Tokyo
    assert local_date(late_utc) == date(2026, 12, 2)
    assert full(late_utc) == "2026-12-02 05:00"
    assert local_date(datetime(2026, 12, 1, 20, 0)) == date(2026, 12, 2)  # naive is UTC


def test_yesterday_is_the_previous_local_day(tokyo: None) -> None:
    now = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)  # 01:00 on the 2nd in Tokyo
    assert ago(now - timedelta(hours=2), now) == "yesterday"  # 23:00 on the 1st, local
    assert ago(now - timedelta(minutes=30), now) == "30 minutes ago"


def test_week_start_is_monday() -> None:
    assert week_start(date(2026, 12, 1)) == date(2026, 11, 30)  # a Tuesday
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)
    assert week_start(date(2026, 12, 6)) == date(2026, 11, 30)  # Sunday
