"""Two machines, one progress: the roadmap home as a git repository, synced with a remote.

git does the moving (we run the `git` command: nothing to install beyond what the user has,
and their credentials, SSH keys and proxies just work); `state.toml` merges through our
driver (roadmap.application.merging), so ticks made on both machines are never lost. A sync
holds the state lock, so no app or command writes while git does, and a merge that cannot
finish is aborted: the home is never left mid-merge.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from roadmap import storage
from roadmap.application.git import Git, SyncError, last_line, remote_error
from roadmap.application.merging import REPORT_ENV, merge_files
from roadmap.errors import RoadmapError
from roadmap.insights.changes import changes, total, wording
from roadmap.model import UserState
from roadmap.paths import Paths

REMOTE = "origin"
BRANCH = "main"
STATE = "state.toml"
ATTRIBUTE = f"{STATE} merge=roadmap"
IGNORED = ("state.lock", "state.toml.bak", "state.toml.bak-set-aside-*",
           "state.toml.before-restore-*", "state.toml.corrupt-*", "state.toml.hand-edited-*",
           "state.conflict-*.toml", "*.tmp", "cache/")
"""This machine's own files: the lock, backups, conflict, corrupt and hand-edit copies, temp
files of a save in progress, a parse cache kept in the home."""
LAST_SYNC = "roadmap.lastsync"
"""The repository's own config key for when `roadmap sync` last finished."""


# --------------------------------------------------------------------------- set-up


def driver_command() -> str:
    """The driver as git runs it: this Python and this roadmap, so it works from a virtual
    environment that is not on PATH (a later `sync` refreshes it after a reinstall)."""
    return f"{shlex.quote(sys.executable)} -m roadmap merge-driver %O %A %B %P"


def _ensure_lines(path: Path, lines: tuple[str, ...], heading: str) -> bool:
    """Add the lines a file lacks (keeping the user's own); True if it changed."""
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError(f"cannot read {path}: {exc}") from None
    have = {ln.strip() for ln in text.splitlines()}
    missing = [ln for ln in lines if ln not in have]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    text += (f"{heading}\n" if heading not in have else "") + "".join(f"{m}\n" for m in missing)
    path.write_text(text, encoding="utf-8")
    return True


def _configure(git: Git) -> None:
    """The files and settings a synced home needs; safe to repeat."""
    home = git.home
    _ensure_lines(home / ".gitattributes", (ATTRIBUTE,),
                  "# roadmap: merge state.toml with `roadmap merge-driver` (see 'roadmap sync')")
    _ensure_lines(home / ".gitignore", IGNORED,
                  "# roadmap: files that belong to this machine only")
    git.run("config", "merge.roadmap.name", "roadmap state.toml merge")
    git.run("config", "merge.roadmap.driver", driver_command())


@contextmanager
def _locked(paths: Paths) -> Iterator[None]:
    """The state lock for the whole sync: no app or command writes `state.toml` meanwhile."""
    lock = storage.StateLock(paths.lock)
    if not lock.acquire(storage.command_wait()):
        raise SyncError(f"refused: another roadmap is using {paths.home} (it holds "
                        f"{paths.lock}); close it and sync again")
    try:
        yield
    finally:
        lock.release()


def _checked_home(paths: Paths) -> None:
    state = paths.state
    if state.is_symlink():
        raise SyncError(f"{state} is a symbolic link (to {os.path.realpath(state)}); git would "
                        "keep the link, not your progress: put the file itself in the home")


def init(paths: Paths, remote: str | None, *, here: bool = False) -> list[str]:
    """`roadmap sync init [REMOTE_URL] [--here]`: the lines to print."""
    _checked_home(paths)
    try:
        paths.ensure_home()
    except OSError as exc:
        raise SyncError(f"cannot create {paths.home}: {exc.strerror or exc}") from None
    home = paths.home.resolve()
    git = Git(home)
    lines: list[str] = []
    with _locked(paths):
        top = git.toplevel()
        if top is not None and top != home:
            if not here:
                raise SyncError(f"{home} is inside the git repository {top}; roadmap sync keeps "
                                "the home in a repository of its own: pass --here to make one "
                                "there anyway")
            top = None
        if top is None:
            git.run("init", "-q")
            lines.append(f"made {home} a git repository")
        branch = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.strip()
        if git.head() is None:
            git.run("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        elif branch != BRANCH:
            raise SyncError(f"the repository in {home} is on {branch or 'a detached HEAD'}; "
                            f"roadmap sync uses the branch {BRANCH}: 'git -C {home} branch -m "
                            f"{branch or 'NAME'} {BRANCH}' renames it, then run sync init again")
        if remote:
            lines += _set_remote(git, remote)
            joined = _join(git, paths)
            lines += joined
        _configure(git)
        if not _has_remote(git):
            message = _commit_message(git, paths) if _stage(git) else None
            if git.head() is None:
                message = "start syncing" + (f": {message}" if message else "")
            if message is not None:
                git.commit(message)
                lines.append(f"committed: {message}")
            lines.append("ready; add a remote with 'roadmap sync init REMOTE_URL' to sync "
                         "with another machine")
            return lines
        lines += _sync_locked(git, paths)
    return lines


def _has_remote(git: Git) -> bool:
    return git.ok("remote", "get-url", REMOTE)


def _set_remote(git: Git, url: str) -> list[str]:
    done = git.run("remote", "get-url", REMOTE, check=False)
    if done.returncode != 0:
        git.run("remote", "add", REMOTE, url)
        return [f"remote {REMOTE}: {url}"]
    old = done.stdout.strip()
    if old == url:
        return []
    git.run("remote", "set-url", REMOTE, url)
    return [f"remote {REMOTE}: {url} (was {old})"]


def _fetch(git: Git) -> str | None:
    """Fetch the remote; the name of its branch we follow, None for an empty remote."""
    url = git.out("remote", "get-url", REMOTE)
    done = git.run("fetch", "-q", REMOTE, check=False)
    if done.returncode != 0:
        raise remote_error(done, "fetching from", url)
    ref = f"refs/remotes/{REMOTE}/{BRANCH}"
    return ref if git.ok("rev-parse", "--verify", "-q", ref) else None


def _join(git: Git, paths: Paths) -> list[str]:
    """A home with no commits joins the remote's history (no unrelated histories): the
    branch starts at the remote's commit, the files here stay, and this machine's progress
    is merged into the remote's as the first commit of the join."""
    upstream = _fetch(git)
    if upstream is None or git.head() is not None:
        return []
    lines = [f"joined the history of {REMOTE}"]
    theirs = git.show(f"{upstream}:{STATE}")
    if theirs is not None and paths.state.is_file():  # first, so a refusal changes nothing
        with tempfile.TemporaryDirectory() as folder:
            other = Path(folder) / "theirs.toml"
            empty = Path(folder) / "base.toml"
            other.write_bytes(theirs)
            empty.write_bytes(b"")
            merged = merge_files(empty, paths.state, other)
        for conflict in merged.conflicts:
            lines.append(f"both machines: {conflict.describe()}")
    git.run("update-ref", f"refs/heads/{BRANCH}", upstream)
    git.run("read-tree", "HEAD")
    missing = [p for p in git.out("ls-files", "--deleted", "-z").split("\0") if p]
    if missing:
        git.run("checkout", "--", *missing)
    return lines


# --------------------------------------------------------------------------- sync


def sync(paths: Paths) -> list[str]:
    """`roadmap sync`: commit, fetch, merge through the driver, push; the lines to print."""
    _checked_home(paths)
    home = paths.home.resolve() if paths.home.is_dir() else paths.home
    git = Git(home)
    if git.toplevel() != home:
        raise SyncError(f"{home} is not set up for syncing: run 'roadmap sync init "
                        "[REMOTE_URL]' first")
    if not _has_remote(git):
        raise SyncError("no remote to sync with: add one with 'roadmap sync init REMOTE_URL'")
    with _locked(paths):
        _configure(git)
        return _sync_locked(git, paths)


def _sync_locked(git: Git, paths: Paths) -> list[str]:
    if (Path(git.out("rev-parse", "--absolute-git-dir")) / "MERGE_HEAD").exists():
        raise SyncError(f"a git merge is in progress in {git.home}: finish it or run 'git -C "
                        f"{git.home} merge --abort', then sync again")
    branch = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.strip()
    if branch != BRANCH:
        raise SyncError(f"{git.home} is on {branch or 'a detached HEAD'}, not {BRANCH}; "
                        f"switch back with 'git -C {git.home} switch {BRANCH}'")
    lines: list[str] = []
    if _stage(git):
        message = _commit_message(git, paths)
        git.commit(message)
        lines.append(f"committed: {message}")
    upstream = _fetch(git)
    if upstream is not None and git.head() is not None:
        behind = int(git.out("rev-list", "--count", f"HEAD..{upstream}"))
        if behind:
            lines += _merge(git, paths, upstream)
        else:
            lines.append(f"up to date with {REMOTE}")
    elif upstream is not None:
        git.run("update-ref", f"refs/heads/{BRANCH}", upstream)
        git.run("checkout", "-q", "--", ".")
    lines += _push(git, upstream)
    git.run("config", LAST_SYNC, datetime.now(UTC).isoformat(timespec="seconds"))
    return lines


def _stage(git: Git) -> bool:
    """Stage every change in the home (ignores apply); True if there is anything to commit."""
    git.run("add", "-A")
    return not git.ok("diff", "--cached", "--quiet")


def _state_at(git: Git, ref: str) -> UserState:
    raw = git.show(f"{ref}:{STATE}")
    if raw is None:
        return UserState()
    found = storage.state_from_bytes(raw, Path(STATE), f"{STATE} in {ref}", empty_ok=True)
    return found.state or UserState()


def _working_state(paths: Paths) -> UserState:
    found = (storage.read_state_file(paths.state, STATE, empty_ok=True)
             if paths.state.is_file() else None)
    return found.state if found is not None and found.state is not None else UserState()


def pending(git: Git, paths: Paths) -> tuple[Counter[str], list[str]]:
    """What the working files change from HEAD: the state's changes, other files' names."""
    changed = [ln[3:] for ln in git.out("status", "--porcelain", "-uall").splitlines()]
    names = [name for name in changed if name != STATE]
    dirty = STATE in changed  # one `git status` says both
    try:
        tally = changes(_state_at(git, "HEAD"), _working_state(paths)) if dirty else Counter()
    except RoadmapError:  # a file roadmap cannot read (a newer schema, a hand edit gone
        tally = Counter()  # wrong) is still committed and merged by git; the merge says why
    if dirty and not tally:  # history or layout only: still say the file changed
        names.insert(0, STATE)
    return tally, names


def _commit_message(git: Git, paths: Paths) -> str:
    """What this commit changes, as a person says it: "3 done, 1 note"."""
    tally, names = pending(git, paths)
    parts = [wording(tally)] if tally else []
    if names:
        parts.append(", ".join(names[:3]) + (f" and {len(names) - 3} more"
                                             if len(names) > 3 else ""))
    return "; ".join(parts)


def _merge(git: Git, paths: Paths, upstream: str) -> list[str]:
    """Merge the remote's commits; a conflict the driver settled with markers is committed
    (and said), anything else aborts the merge and leaves the home as it was."""
    before = _state_at(git, "HEAD")
    extra = [] if git.ok("merge-base", "HEAD", upstream) else ["--allow-unrelated-histories"]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.jsonl"
        env = dict(git.env, **{REPORT_ENV: str(report)})
        done = git.run(*git.identity(), "merge", "-q", "--no-edit", "--ff", "-m",
                       f"Merge {REMOTE}/{BRANCH}", *extra, upstream, check=False, env=env)
        runs = [json.loads(ln) for ln in report.read_text().splitlines()] if report.exists() \
            else []
    lines: list[str] = []
    if done.returncode != 0:
        try:
            _finish(git, done, runs)
        except BaseException:  # whatever stops us (an error, Ctrl-C): never leave it half done
            if (Path(git.out("rev-parse", "--absolute-git-dir")) / "MERGE_HEAD").exists():
                git.run("merge", "--abort", check=False)
            raise
    for run in runs:
        lines += [f"both machines: {c}" for c in run.get("conflicts", [])]
    tally = changes(before, _state_at(git, "HEAD"))
    count = total(tally)
    what = f": {wording(tally)}" if count else ""
    lines.insert(0, f"merged {count} change{'s' if count != 1 else ''} from {REMOTE}{what}")
    return lines


def _finish(git: Git, done: subprocess.CompletedProcess[str], runs: list[dict[str, Any]]
            ) -> None:
    """A merge git stopped: commit it when only state.toml conflicted and the driver kept both
    texts in markers (the file is valid and opens); otherwise raise, and the caller aborts."""
    conflicted = [p for p in git.out("diff", "--name-only", "--diff-filter=U").split("\n") if p]
    if conflicted == [STATE] and runs and all(r.get("exit") in (0, 1) for r in runs):
        git.run("add", "--", STATE)
        git.commit(f"Merge {REMOTE}/{BRANCH}: changed on both machines, both kept")
        return
    refusal = next((r["error"] for r in runs if r.get("exit") == 2), None)
    if refusal:
        raise SyncError(f"sync stopped, nothing merged: {refusal}")
    if conflicted:
        raise SyncError(f"sync stopped, nothing merged: {', '.join(conflicted)} changed on both "
                        "machines in the same place; merge it by hand with 'git -C "
                        f"{git.home} merge {REMOTE}/{BRANCH}'")
    raise SyncError(f"sync stopped, nothing merged: {last_line(done)}")


def _push(git: Git, upstream: str | None) -> list[str]:
    if git.head() is None:
        return ["nothing to push"]
    span = f"{upstream}..HEAD" if upstream is not None else "HEAD"
    ahead = int(git.out("rev-list", "--count", span))
    if not ahead:
        return ["nothing to push"]
    url = git.out("remote", "get-url", REMOTE)
    done = git.run("push", "-q", "-u", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
    if done.returncode != 0:
        text = (done.stderr + done.stdout).lower()
        if "remote rejected" in text:
            why = next(ln.strip() for ln in (done.stderr + done.stdout).splitlines()
                       if "remote rejected" in ln)
            raise SyncError(f"{REMOTE} refused the push ({why}); your changes are committed "
                            "here")
        if "rejected" in text or "non-fast-forward" in text or "fetch first" in text:
            raise SyncError(f"{REMOTE} refused the push ({last_line(done)}): another machine "
                            "pushed meanwhile; your changes are committed here, run 'roadmap "
                            "sync' again")
        raise remote_error(done, "pushing to", url)
    return [f"pushed {ahead} commit{'s' if ahead != 1 else ''} to {REMOTE}"]
