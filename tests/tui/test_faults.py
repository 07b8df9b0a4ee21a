"""faults.py on its own: the crash report hides the user's text and every variable value, and
the stop-signal handler only records and schedules (the pty tests run the whole app)."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
from pathlib import Path

import pytest

from roadmap.model import ItemState, Project, UserState
from roadmap.tui.faults import (
    Crash,
    SignalExit,
    StopSignals,
    crash_line,
    quiet_cancelled,
    user_texts,
)

NOTE = "Dear diary,\nthe interview at ACME went badly"


def _raise_with_a_local() -> None:
    unseen = "UNSEEN-LOCAL-9d2e"  # a traceback with locals would print this
    try:
        {}[unseen[:6]]
    except KeyError as exc:
        raise ValueError(f"could not use: {NOTE}") from exc


def crash() -> Crash:
    state = UserState()
    rs = state.of("ml-engineer")
    rs.items["x"] = ItemState(note=NOTE)
    rs.projects["p"] = Project("p", "Secret project Z", ("https://me.example/z",), "sum mary")
    try:
        _raise_with_a_local()
    except ValueError as exc:
        return Crash(exc, user_texts(state))
    raise AssertionError("did not raise")


def test_the_report_holds_the_traceback_but_no_values_and_no_user_text() -> None:
    report = crash().report()
    assert "Traceback (most recent call last):" in report
    assert "in _raise_with_a_local" in report
    assert "UNSEEN-LOCAL" not in report
    assert "builtins.KeyError: 'UNSEEN'" in report  # messages stay, unless they hold user text
    assert "The exception above led to this one:" in report
    assert report.rstrip().endswith("builtins.ValueError: could not use: <your text>")
    for text in ("diary", "ACME", "Secret project"):
        assert text not in report


def test_an_exception_that_cannot_be_printed_still_gets_a_report() -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    try:
        raise Unprintable()
    except Unprintable as exc:
        report = Crash(exc).report()
    assert report.rstrip().endswith(
        "Unprintable: (the message could not be turned into text)")


def test_what_failed_names_our_innermost_frame() -> None:
    found = crash()
    assert found.what.startswith("ValueError at ")
    assert found.what.endswith(f"tests/tui/test_faults.py:{_line_of('raise ValueError')}")


def test_the_report_file_is_private_and_never_overwrites(tmp_path: Path) -> None:
    found = crash()
    first, second = found.write(tmp_path / "cache"), found.write(tmp_path / "cache")
    assert first != second
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700
    assert first.read_text(encoding="utf-8").endswith(
        "builtins.ValueError: could not use: <your text>\n")


def test_the_line_is_one_line(tmp_path: Path) -> None:
    line = crash_line(crash(), "your changes were saved", tmp_path / "crash.txt", None)
    assert line == (f"roadmap: internal error: {crash().what}; your changes were saved; "
                    f"crash report: {tmp_path / 'crash.txt'}")
    assert crash_line(crash(), "nothing was changed", None, "Read-only file system").endswith(
        "; nothing was changed; no crash report (Read-only file system)")


def test_a_signal_without_a_loop_is_recorded_and_the_handlers_put_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    calls: list[int] = []
    with StopSignals(calls.append) as signals:
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGHUP)  # a second signal does not replace the first
    assert (signals.received, signals.exit_code, calls) == (signal.SIGTERM, 143, [])
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_signal_with_a_running_loop_calls_stop_on_it() -> None:
    calls: list[int] = []

    async def main() -> None:
        with StopSignals(calls.append):
            os.kill(os.getpid(), signal.SIGHUP)
            for _ in range(10):
                await asyncio.sleep(0.01)

    asyncio.run(main())
    assert calls == [signal.SIGHUP]


def test_a_signal_before_the_first_screen_leaves_once_it_is_ready() -> None:
    left: list[int] = []
    stop = SignalExit(left.append)
    stop.request(signal.SIGTERM)
    assert left == []  # leaving mid-mount would pull widgets from under the screen
    stop.ready()
    assert left == [signal.SIGTERM]


def test_only_the_first_signal_leaves() -> None:
    left: list[int] = []
    stop = SignalExit(left.append)
    stop.ready()
    stop.request(signal.SIGHUP)
    stop.request(signal.SIGTERM)
    stop.ready()
    assert left == [signal.SIGHUP]


def test_after_a_crash_only_cancelled_leftovers_are_kept_off_stderr(
        caplog: pytest.LogCaptureFixture) -> None:
    loop = asyncio.new_event_loop()
    try:
        loop.set_exception_handler(quiet_cancelled)
        loop.call_exception_handler({"message": "_GatheringFuture exception was never "
                                     "retrieved", "exception": asyncio.CancelledError()})
        assert caplog.records == []  # asyncio reports through logging, to stderr
        loop.call_exception_handler({"message": "Task exception was never retrieved",
                                     "exception": KeyError("real")})
        assert [r.getMessage() for r in caplog.records] == ["Task exception was never retrieved"]
    finally:
        loop.close()


def _line_of(text: str) -> int:
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line and "_line_of" not in line)
