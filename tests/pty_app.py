"""The installed `roadmap` console script on a real pseudo-terminal, for tests of the ways a
session ends badly: signals, crashes, an editor that cannot run.

The child inherits the isolated environment of tests/conftest.py (ROADMAP_HOME, HOME, XDG_*).
Everything it writes to the terminal (Textual draws on stderr) is kept in `output`, so a test
can check what the terminal was left in and what line was printed after the app left.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping
from pathlib import Path

_SCRIPT = Path(sys.executable).with_name("roadmap")
ROADMAP = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "roadmap"]
"""The console script pip installed, as a user starts it."""
COLS, ROWS = 120, 35

ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
FIRST_FRAME = re.compile(rb"0/(\d+) \xc2\xb7 0%")
"""The header of a roadmap with nothing done ("0/165 · 0%"): the first frame is on screen."""

_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


class PtyApp:
    """`roadmap ARGS` on its own terminal; close() kills it if a test left it running."""

    def __init__(self, *args: str, env: Mapping[str, str] | None = None,
                 pythonpath: Path | None = None) -> None:
        child_env = {k: v for k, v in os.environ.items()
                     if not k.startswith(("TEXTUAL", "PYTEST"))}
        child_env.update(TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS),
                         PYTHONDONTWRITEBYTECODE="1")
        if pythonpath is not None:
            child_env["PYTHONPATH"] = str(pythonpath)
        child_env.update(env or {})
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.proc = subprocess.Popen([*ROADMAP, *args], stdin=slave, stdout=slave,
                                     stderr=slave, env=child_env, start_new_session=True,
                                     close_fds=True)
        os.close(slave)
        self.output = bytearray()

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, timeout: float) -> bool:
        """Read what arrives within `timeout`; False at end of file (the child is gone)."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the slave side is closed
            return False
        self.output += data
        return bool(data)

    def wait_for(self, marker: bytes | re.Pattern[bytes], *, since: int = 0,
                 timeout: float = 30.0) -> re.Match[bytes]:
        """Wait until `marker` (bytes or a pattern) is in the output after offset `since`."""
        pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
        deadline = time.monotonic() + timeout
        while True:
            found = pattern.search(self.output, since)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{marker!r} never appeared; the end of the output was "
                                     f"{self.screen_text()[-600:]!r}")
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"the app ended ({self.proc.poll()}) before {marker!r}: "
                                     f"{self.screen_text()[-1500:]!r}")

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Read until the app has drawn nothing for `quiet` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            mark = len(self.output)
            if not self._read(quiet) or len(self.output) == mark:
                return

    def send(self, keys: bytes) -> int:
        """Type `keys`; returns the output offset before them, for wait_for(since=...)."""
        mark = len(self.output)
        os.write(self.master, keys)
        return mark

    def kill(self, signum: int) -> int:
        """Send a signal; returns the output offset at that moment."""
        mark = len(self.output)
        os.kill(self.proc.pid, signum)
        return mark

    def wait_exit(self, timeout: float = 30.0) -> int:
        """The exit code, after reading everything the app wrote on the way out."""
        deadline = time.monotonic() + timeout
        while self._read(min(0.2, max(0.0, deadline - time.monotonic()))):
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0.05)[0]:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"the app did not exit: {self.screen_text()[-600:]!r}")
        return self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))

    def screen_text(self, since: int = 0) -> str:
        """The output after `since` with escape sequences removed (what a log would show)."""
        return _ESCAPES.sub(b"", bytes(self.output[since:])).decode("utf-8", "replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)
