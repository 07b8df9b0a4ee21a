"""Running git for `roadmap sync`: English messages we can read, no editor, no hanging
prompt without a terminal, a stand-in identity when git has none, and one line per failure.

We run the `git` command rather than a library: nothing to install beyond what the user has,
and their credentials, SSH keys and proxies just work.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from roadmap.errors import RoadmapError


class SyncError(RoadmapError):
    """Sync could not do what was asked; the message says why and what to do."""


class Git:
    """`git -C home ...` with English messages (we read them) and never an interactive editor.

    Prompts for a password or passphrase still reach the terminal when there is one (git and
    ssh ask on /dev/tty); without one they fail at once instead of hanging.
    """

    def __init__(self, home: Path) -> None:
        found = shutil.which("git")
        if found is None:
            raise SyncError("git is not installed (or not on PATH); roadmap sync needs it: "
                            "install git and try again")
        self.exe = found
        self.home = home
        self.env = dict(os.environ, LC_ALL="C", LANGUAGE="C", GIT_MERGE_AUTOEDIT="no")
        if not sys.stdin or not sys.stdin.isatty():
            self.env["GIT_TERMINAL_PROMPT"] = "0"
        self._identity: list[str] | None = None

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([self.exe, "-C", str(self.home), *args], capture_output=True,
                              text=True, env=env or self.env, stdin=subprocess.DEVNULL
                              if "GIT_TERMINAL_PROMPT" in self.env else None, check=False)
        if check and done.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {last_line(done)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def identity(self) -> list[str]:
        """`-c user.name=... -c user.email=...` when git has no identity (a fresh machine, a
        CI runner): commits in the home are bookkeeping, so a stand-in naming this machine
        beats refusing to sync. Nothing is written to any config; a set identity is used."""
        if self._identity is None:
            if self.ok("var", "GIT_COMMITTER_IDENT") and self.ok("var", "GIT_AUTHOR_IDENT"):
                self._identity = []
            else:
                host = socket.gethostname().split(".")[0] or "this machine"
                self._identity = ["-c", f"user.name=roadmap on {host}",
                                  "-c", "user.email=roadmap@localhost"]
        return self._identity

    def commit(self, message: str) -> None:
        self.run(*self.identity(), "commit", "-q", "--no-verify", "-m", message)

    def toplevel(self) -> Path | None:
        done = self.run("rev-parse", "--show-toplevel", check=False)
        return Path(done.stdout.strip()).resolve() if done.returncode == 0 else None

    def head(self) -> str | None:
        done = self.run("rev-parse", "--verify", "-q", "HEAD", check=False)
        return done.stdout.strip() if done.returncode == 0 else None

    def show(self, ref: str) -> bytes | None:
        done = subprocess.run([self.exe, "-C", str(self.home), "show", ref],
                              capture_output=True, env=self.env, check=False)
        return done.stdout if done.returncode == 0 else None


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    """git's own reason, one line: its last line of output that says something."""
    lines = [ln.strip() for ln in (done.stderr + "\n" + done.stdout).splitlines()]
    lines = [ln.removeprefix("fatal: ").removeprefix("error: ") for ln in lines if ln]
    return lines[-1] if lines else f"exit status {done.returncode}"


_NETWORK = ("could not resolve host", "unable to access", "connection refused",
            "network is unreachable", "timed out", "no route to host",
            "could not resolve hostname", "connection reset", "failed to connect")
_AUTH = ("authentication failed", "permission denied", "terminal prompts disabled",
         "could not read username", "could not read password", "403", "host key verification")
_MISSING = ("does not appear to be a git repository", "repository not found", "not found",
            "no such file or directory")


def remote_error(done: subprocess.CompletedProcess[str], action: str, url: str) -> SyncError:
    """One line for a failed fetch or push: no network, refused credentials, no repository."""
    text = (done.stderr + done.stdout).lower()
    why = last_line(done)
    if any(word in text for word in _AUTH):
        return SyncError(f"{action} {url} failed: authentication refused ({why}); check your "
                         "SSH key or credentials for it")
    if any(word in text for word in _NETWORK):
        return SyncError(f"{action} {url} failed: cannot reach it ({why}); check the network "
                         "and run 'roadmap sync' again")
    if any(word in text for word in _MISSING):
        return SyncError(f"{action} {url} failed: there is no git repository there ({why})")
    return SyncError(f"{action} {url} failed: {why}")
