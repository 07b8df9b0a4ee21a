"""When the app is told to stop (SIGTERM, SIGHUP, SIGINT) or our code fails: lose nothing.

A signal becomes an orderly exit on the event loop (pending save flushed, terminal restored,
exit code 128+signal); an unexpected exception becomes one line on stderr and a crash report
in the cache folder that holds the traceback but no variable values and none of the user's text.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

from roadmap import __version__
from roadmap.model import UserState, visible
from roadmap.storage import free_name, stamp, write_new

if TYPE_CHECKING:
    from textual.screen import Screen

EXIT_CRASH = 70
"""sysexits' EX_SOFTWARE: an internal error, not the user's mistake (those exit 2)."""

STOP_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))
"""kill, a closed terminal, kill -INT (ctrl+c itself is a key in the app, not a signal);
Windows has no SIGHUP."""

_PACKAGE = Path(__file__).resolve().parent.parent
_HIDDEN = "<your text>"


class StopSignals:
    """While active, a stop signal calls `stop(signum)` on the running event loop.

    The handler itself only records the signal and schedules the call: Python runs it between
    two bytecodes of whatever the main thread is doing, so it must not save or draw. Without
    a running loop (before the app starts, after it ends) the caller reads `received`.
    """

    def __init__(self, stop: Callable[[int], None]) -> None:
        self.stop = stop
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        for signum in STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    @property
    def exit_code(self) -> int | None:
        """The shell's convention for "ended by a signal": 128 + its number."""
        return None if self.received is None else 128 + self.received

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.received is not None:
            return  # the exit is under way; a second signal must not interrupt the save
        self.received = signum
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.call_soon_threadsafe(self.stop, signum)


class SignalExit:
    """When a stop signal reaches the event loop: let a save in flight finish, then leave
    (`leave(signum)`); launch.run flushes what is left and exits 128+signal. Once only.

    Before the first screen is ready the exit waits for it (`ready()`): leaving mid-mount
    removes widgets that the screen's on_mount is about to query.
    """

    def __init__(self, leave: Callable[[int], None]) -> None:
        self.leave = leave
        self._stopping = False
        self._ready = False
        self._waiting: int | None = None

    def request(self, signum: int) -> None:
        if self._stopping:
            return
        if not self._ready:
            self._waiting = signum
            return
        self._stopping = True
        self.leave(signum)

    def ready(self) -> None:
        self._ready = True
        if self._waiting is not None:
            self.request(self._waiting)


class Crash:
    """One unexpected exception, made safe to show: where it happened and a scrubbed report."""

    def __init__(self, error: BaseException, user_texts: Iterable[str] = ()) -> None:
        self.error = error
        # longest first, so a note is hidden whole before a line of it is looked for
        self._hidden = sorted({t for t in _pieces(user_texts) if len(t) >= 3}, key=len,
                              reverse=True)
        self.where = _where(error.__traceback__)
        self.what = f"{type(error).__name__} at {self.where}" if self.where else \
            type(error).__name__

    def scrub(self, text: str) -> str:
        """`text` with every piece of the user's own text replaced by a placeholder."""
        for piece in self._hidden:
            text = text.replace(piece, _HIDDEN)
        return visible(text, keep_newlines=False)

    def report(self) -> str:
        """The crash report: versions, the traceback of every chained exception (no locals),
        and each exception's message with the user's text hidden."""
        import platform
        from importlib.metadata import PackageNotFoundError, version

        try:
            textual = version("textual")
        except PackageNotFoundError:
            textual = "?"
        lines = [
            f"roadmap {__version__} crash report, {stamp()}",
            f"python {platform.python_version()}, textual {textual}, {sys.platform}",
            f"what failed: {self.what}",
            "Variable values are not included; your own text in messages shows as "
            f"{_HIDDEN}.",
            "",
        ]
        for n, error in enumerate(_chain(self.error)):
            if n:
                lines += ["", "The exception above led to this one:", ""]
            lines.append("Traceback (most recent call last):")
            lines += [line.rstrip("\n") for line in
                      traceback.format_list(traceback.extract_tb(error.__traceback__))]
            message = self.scrub(_message(error))
            lines.append(f"{type(error).__module__}.{type(error).__qualname__}"
                         + (f": {message}" if message else ""))
        return "\n".join(lines) + "\n"

    def write(self, folder: Path) -> Path:
        """Write the report as a new file only the user can read (0600); OSError if not."""
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = free_name(folder, "crash", ".txt")
        write_new(path, self.report().encode("utf-8", "replace"), 0o600)
        return path


def user_texts(state: UserState) -> list[str]:
    """Everything in the state the user wrote: notes, links, own items and every project
    field with text."""
    texts: list[str] = []
    for roadmap_state in state.roadmaps.values():
        texts += [record.note for record in roadmap_state.items.values() if record.note]
        for record in roadmap_state.items.values():
            for link in record.links:
                texts += [link.url, link.title]
        for own in roadmap_state.own.values():
            texts += [own.title, own.summary, *own.aliases]
        for project in roadmap_state.projects.values():
            texts += [project.title, project.summary, project.notes, *project.urls]
    texts += [posting.text for posting in state.postings.values()]
    return texts


def quiet_cancelled(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's error handler once the app has crashed: Textual's teardown can leave
    a cancelled gather nobody awaits, and asyncio would print it on stderr above the one line
    the user is owed. Anything else is reported as asyncio would."""
    if isinstance(context.get("exception"), asyncio.CancelledError):
        return
    loop.default_exception_handler(context)


def typed_texts(screens: Iterable[Screen[Any]]) -> list[str]:
    """What is in the open forms and not saved yet, so the crash report hides it too."""
    from textual.widgets import Input, TextArea

    texts: list[str] = []
    for screen in screens:
        texts += [field.value for field in screen.query(Input)]
        texts += [area.text for area in screen.query(TextArea)]
    return texts


def crash_line(crash: Crash, saved: str, report: Path | None, report_error: str | None) -> str:
    """The one line on stderr: what failed, what became of the data, where the report is."""
    where = (f"crash report: {report}" if report is not None
             else f"no crash report ({report_error})")
    return f"roadmap: internal error: {crash.what}; {saved}; {where}"


def _message(error: BaseException) -> str:
    """str(error), or a placeholder: a broken __str__ must not break the crash report."""
    try:
        return str(error)
    except Exception:
        return "(the message could not be turned into text)"


def _pieces(texts: Iterable[str]) -> Iterable[str]:
    for text in texts:
        yield text.strip()
        yield from (line.strip() for line in text.splitlines())


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and what led to it, oldest first, as Python prints them."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__)
    return chain[::-1]


def _where(tb: TracebackType | None) -> str:
    """`roadmap/x.py:LINE` of the innermost frame in our code (else the innermost of all)."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return ""
    ours = [f for f in frames if _is_ours(f.filename)]
    frame = (ours or frames)[-1]
    name = frame.filename
    if ours:
        name = os.path.relpath(name, _PACKAGE.parent)
    return f"{name}:{frame.lineno}"


def _is_ours(filename: str) -> bool:
    try:
        return Path(filename).resolve().is_relative_to(_PACKAGE)
    except (OSError, ValueError):
        return False
