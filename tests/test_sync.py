"""`roadmap sync` with real git: a bare remote and two machines' homes in a temporary folder.

git's global and system config point at a file of the test's own, so the developer's git
config (identity, hooks, aliases) never leaks in; it starts with no identity at all, as on a
fresh CI machine.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.paths import Paths
from roadmap.storage import read_state

R = "ml-engineer"


@pytest.fixture(autouse=True)
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("ROADMAP_LOCK_WAIT", "0")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
                 "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL", "http_proxy",
                 "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return config


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


class Machine:
    """One computer's roadmap home, driven through the command line in this process."""

    def __init__(self, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.home = home
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--home", str(self.home), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert (code, err) == (0, ""), err
        return out

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.home), *args], capture_output=True,
                              text=True, check=True).stdout

    def push_newer_schema(self) -> None:
        """What a newer roadmap on this machine would push: its state with schema 2."""
        newer = (self.home / "state.toml").read_text().replace("schema = 1", "schema = 2")
        (self.home / "state.toml").write_text(newer)
        self.git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "newer")
        self.git("push", "-q", "origin", "main")

    def items(self) -> dict[str, tuple[str, str]]:
        rs = read_state(Paths(self.home)).of(R)
        return {i: (s.status.value, s.note) for i, s in rs.items.items()}


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    return Machine(tmp_path / "laptop", capsys)


@pytest.fixture
def desktop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    return Machine(tmp_path / "desktop", capsys)


def test_two_machines_tick_note_and_add_projects_and_neither_loses_anything(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("mark", "check-math-level", "write-down-career-goal", "done")
    laptop.ok("project", "add", "House prices", "--skill", "python")
    assert laptop.ok("sync", "init", str(remote)) == (
        f"made {laptop.home} a git repository\n"
        f"remote origin: {remote}\n"
        "committed: 2 done, 1 project; .gitattributes, .gitignore\n"
        "pushed 1 commit to origin\n")
    # the second machine already has progress of its own: it joins and keeps it
    desktop.ok("mark", "pick-target-industries", "in-progress")
    desktop.ok("note", "check-math-level", "Khan Academy")
    assert desktop.ok("sync", "init", str(remote)) == (
        f"made {desktop.home} a git repository\n"
        f"remote origin: {remote}\n"
        "joined the history of origin\n"
        "committed: 1 in progress, 1 note\n"
        "up to date with origin\n"
        "pushed 1 commit to origin\n")
    assert desktop.items() == {"check-math-level": ("done", "Khan Academy"),
                               "write-down-career-goal": ("done", ""),
                               "pick-target-industries": ("in-progress", "")}
    # both work offline, then both sync
    laptop.ok("mark", "pick-target-industries", "done")
    laptop.ok("project", "add", "Spam filter")
    desktop.ok("note", "write-down-career-goal", "Become an MLE in fintech")
    desktop.ok("project", "add", "Churn model", "--skill", "sql")
    assert laptop.ok("sync") == (
        "committed: 1 done, 1 project\n"
        "merged 1 change from origin: 1 note\n"  # its in-progress came before this done
        "pushed 2 commits to origin\n")
    assert desktop.ok("sync") == ("committed: 1 note, 1 project\n"
                                  "merged 2 changes from origin: 1 done, 1 project\n"
                                  "pushed 2 commits to origin\n")
    assert laptop.ok("sync") == "merged 2 changes from origin: 1 note, 1 project\nnothing to push\n"
    both = {"check-math-level": ("done", "Khan Academy"),
            "write-down-career-goal": ("done", "Become an MLE in fintech"),
            "pick-target-industries": ("done", "")}
    assert laptop.items() == desktop.items() == both
    for machine in (laptop, desktop):
        state = read_state(Paths(machine.home)).of(R)
        assert set(state.projects) == {"house-prices", "spam-filter", "churn-model"}
        assert sorted((c.item, c.new.value) for c in state.history) == [
            ("check-math-level", "done"), ("pick-target-industries", "done"),
            ("pick-target-industries", "in-progress"), ("write-down-career-goal", "done")]
        assert [c.at for c in state.history] == sorted(c.at for c in state.history)
        assert machine.git("status", "--porcelain") == ""
    assert sorted(laptop.git("log", "--format=%s").splitlines()) == [
        "1 done, 1 project", "1 in progress, 1 note", "1 note, 1 project",
        "2 done, 1 project; .gitattributes, .gitignore", "Merge origin/main",
        "Merge origin/main"]


def test_a_note_changed_on_both_machines_keeps_both_texts(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("note", "check-math-level", "first")
    laptop.ok("sync", "init", str(remote))
    desktop.ok("sync", "init", str(remote))
    laptop.ok("note", "check-math-level", "from the laptop")
    desktop.ok("note", "check-math-level", "from the desktop")
    laptop.ok("sync")
    assert desktop.ok("sync") == (
        "committed: 1 note\n"
        "merged 1 change from origin: 1 note\n"
        "both machines: ml-engineer: the note of item 'check-math-level' changed on both "
        "machines; both texts are kept between '<<<<<<< this machine' and '>>>>>>> other "
        "machine'\n"
        "pushed 2 commits to origin\n")
    assert desktop.items()["check-math-level"][1] == (
        "<<<<<<< this machine\n\nfrom the desktop\n\n=======\n\nfrom the laptop\n\n"
        "\\>>>>>>> other machine")
    assert desktop.git("status", "--porcelain") == ""
    assert "Merge origin/main" in desktop.git("log", "-1", "--format=%s")
    desktop.ok("status")  # the file opens
    laptop.ok("sync")
    assert laptop.items() == desktop.items()


def test_a_newer_schema_on_the_other_side_stops_the_merge_with_one_line(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("mark", "check-math-level", "done")
    laptop.ok("sync", "init", str(remote))
    desktop.ok("sync", "init", str(remote))
    desktop.push_newer_schema()
    laptop.ok("mark", "write-down-career-goal", "done")
    before = (laptop.home / "state.toml").read_bytes()
    code, out, err = laptop("sync")
    assert (code, out) == (2, "")
    assert err == ("roadmap: sync stopped, nothing merged: state.toml (other machine) was "
                   "written by a newer roadmap (schema 2; this version reads 1): not merged; "
                   "upgrade roadmap here\n")
    assert (laptop.home / "state.toml").read_bytes() == before
    assert not (laptop.home / ".git" / "MERGE_HEAD").exists()
    assert laptop.git("status", "--porcelain") == ""


def test_sync_is_refused_while_an_app_holds_the_lock(laptop: Machine, remote: Path) -> None:
    laptop.ok("sync", "init", str(remote))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import filelock, sys; lock = filelock.FileLock(sys.argv[1]); "
         "lock.acquire(); print('held', flush=True); sys.stdin.read()",
         str(laptop.home / "state.lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert laptop("sync") == (2, "", f"roadmap: refused: another roadmap is using "
                                  f"{laptop.home} (it holds {laptop.home / 'state.lock'}); "
                                  "close it and sync again\n")
    finally:
        holder.communicate("")
    assert laptop("sync")[0] == 0


def test_init_is_safe_to_run_twice_and_registers_the_driver(laptop: Machine,
                                                            remote: Path) -> None:
    laptop.ok("sync", "init", str(remote))
    assert laptop.ok("sync", "init", str(remote)) == "up to date with origin\nnothing to push\n"
    attributes = (laptop.home / ".gitattributes").read_text()
    assert attributes.count("state.toml merge=roadmap") == 1
    assert (laptop.home / ".gitignore").read_text().count("state.lock\n") == 1
    assert laptop.git("config", "merge.roadmap.driver") == (
        f"{shlex.quote(sys.executable)} -m roadmap merge-driver %O %A %B %P\n")


def test_this_machines_own_files_are_never_committed(laptop: Machine) -> None:
    laptop.ok("mark", "check-math-level", "done")
    laptop.ok("mark", "check-math-level", "todo")  # leaves state.toml.bak behind
    (laptop.home / "state.conflict-20260101T000000Z.toml").write_text("x")
    (laptop.home / "state.toml.corrupt-20260101T000000Z").write_text("x")
    (laptop.home / "state.toml.hand-edited-20260101T000000Z").write_text("x")
    (laptop.home / "state.toml.1a2b3c4d.tmp").write_text("x")
    assert laptop.ok("sync", "init") == (
        f"made {laptop.home} a git repository\n"
        "committed: start syncing: state.toml, .gitattributes, .gitignore\n"
        "ready; add a remote with 'roadmap sync init REMOTE_URL' to sync with another machine\n")
    assert laptop.git("ls-files").split() == [".gitattributes", ".gitignore", "state.toml"]
    assert laptop.git("log", "--format=%an <%ae>").startswith("roadmap on ")
    assert laptop("sync") == (2, "", "roadmap: no remote to sync with: add one with 'roadmap "
                                     "sync init REMOTE_URL'\n")


def test_the_users_git_config_is_honoured_but_cannot_break_a_sync(
        laptop: Machine, desktop: Machine, remote: Path, git_env: Path) -> None:
    git_env.write_text("[user]\n\tname = Ada\n\temail = ada@example.org\n"
                       "[merge]\n\tff = only\n[pull]\n\trebase = true\n")
    laptop.ok("sync", "init", str(remote))
    assert laptop.git("log", "--format=%an <%ae>") == "Ada <ada@example.org>\n"
    desktop.ok("sync", "init", str(remote))
    laptop.ok("mark", "check-math-level", "done")
    desktop.ok("mark", "write-down-career-goal", "done")
    laptop.ok("sync")
    assert desktop.ok("sync").startswith("committed: 1 done\nmerged 1 change from origin: 1 done")


def test_a_home_inside_another_repository_needs_here(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    outer = tmp_path / "dotfiles"
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    machine = Machine(outer / "roadmap", capsys)
    real = outer.resolve()
    assert machine("sync", "init") == (2, "", f"roadmap: {real / 'roadmap'} is inside the git "
                                       f"repository {real}; roadmap sync keeps the home in a "
                                       "repository of its own: pass --here to make one there "
                                       "anyway\n")
    assert not (outer / "roadmap" / ".git").exists()
    assert machine.ok("sync", "init", "--here").startswith(
        f"made {real / 'roadmap'} a git repository\n")
    assert (outer / "roadmap" / ".git").is_dir()


def test_sync_before_init_says_how_to_start(laptop: Machine) -> None:
    assert laptop("sync") == (2, "", f"roadmap: {laptop.home} is not set up for syncing: run "
                                     "'roadmap sync init [REMOTE_URL]' first\n")
    assert laptop.ok("sync", "status") == (f"not syncing: {laptop.home} is not set up "
                                           "('roadmap sync init [REMOTE_URL]' starts)\n")


def test_a_remote_that_is_not_there_or_unreachable_is_one_line(laptop: Machine,
                                                               tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.git"
    code, _, err = laptop("sync", "init", str(missing))
    assert code == 2
    assert err.startswith(f"roadmap: fetching from {missing} failed: there is no git "
                          "repository there (")
    assert err.count("\n") == 1
    code, _, err = laptop("sync", "init", "http://127.0.0.1:9/roadmap.git")
    assert code == 2
    assert err.startswith("roadmap: fetching from http://127.0.0.1:9/roadmap.git failed: cannot "
                          "reach it (")
    assert err.endswith("check the network and run 'roadmap sync' again\n")


def test_a_push_the_remote_refuses_is_said_and_the_commit_kept(laptop: Machine,
                                                               remote: Path) -> None:
    laptop.ok("sync", "init", str(remote))
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(0o755)
    laptop.ok("mark", "check-math-level", "done")
    code, out, err = laptop("sync")
    assert (code, out) == (2, "")
    assert err == ("roadmap: origin refused the push (! [remote rejected] HEAD -> main "
                   "(pre-receive hook declined)); your changes are committed here\n")
    assert laptop.git("log", "-1", "--format=%s") == "1 done\n"


def test_git_missing_is_one_line(laptop: Machine, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert laptop("sync", "init") == (2, "", "roadmap: git is not installed (or not on PATH); "
                                             "roadmap sync needs it: install git and try "
                                             "again\n")


def test_status_shows_the_remote_last_sync_and_what_is_ahead(laptop: Machine,
                                                             remote: Path) -> None:
    laptop.ok("sync", "init", str(remote))
    laptop.ok("mark", "check-math-level", "done")
    lines = laptop.ok("sync", "status").splitlines()
    assert lines[0] == f"home       {laptop.home} (branch main)"
    assert lines[1] == f"remote     {remote}"
    assert lines[2].startswith("last sync  just now (")
    assert lines[3:] == ["ahead      0 commits to push (as of the last sync)",
                         "behind     0 commits to pull (as of the last sync)",
                         "changes    1 done (not yet committed; 'roadmap sync' does)"]


def test_a_conflict_outside_the_state_file_aborts_the_merge_and_changes_nothing(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("config", "set", "name", "Ada")
    laptop.ok("sync", "init", str(remote))
    desktop.ok("sync", "init", str(remote))
    laptop.ok("config", "set", "name", "Ada Lovelace")
    laptop.ok("sync")
    desktop.ok("config", "set", "name", "Ada King")
    desktop.ok("mark", "check-math-level", "done")
    head = desktop.git("rev-parse", "HEAD")
    files = {p: (desktop.home / p).read_bytes() for p in ("config.toml", "state.toml")}
    code, out, err = desktop("sync")
    assert (code, out) == (2, "")
    assert err == ("roadmap: sync stopped, nothing merged: config.toml changed on both machines "
                   "in the same place; merge it by hand with 'git -C "
                   f"{desktop.home} merge origin/main'\n")
    assert desktop.git("rev-parse", "HEAD^") == head  # its own commit is kept, no merge
    assert {p: (desktop.home / p).read_bytes() for p in files} == files
    assert not (desktop.home / ".git" / "MERGE_HEAD").exists()
    assert desktop.git("status", "--porcelain") == ""


def test_joining_a_remote_from_a_newer_roadmap_changes_nothing_here(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("mark", "check-math-level", "done")
    laptop.ok("sync", "init", str(remote))
    laptop.push_newer_schema()
    desktop.ok("mark", "write-down-career-goal", "done")
    before = (desktop.home / "state.toml").read_bytes()
    code, out, err = desktop("sync", "init", str(remote))
    assert (code, out) == (2, "")
    assert err == ("roadmap: state.toml (other machine) was written by a newer roadmap (schema "
                   "2; this version reads 1): not merged; upgrade roadmap here\n")
    assert (desktop.home / "state.toml").read_bytes() == before
    assert subprocess.run(["git", "-C", str(desktop.home), "rev-parse", "--verify", "-q",
                           "HEAD"], capture_output=True).returncode == 1  # joined nothing yet


def test_status_json_has_stable_keys_set_up_or_not(laptop: Machine, remote: Path) -> None:
    import json

    assert json.loads(laptop.ok("sync", "status", "--json")) == {
        "schema": 1, "syncing": False, "home": str(laptop.home), "remote": None,
        "branch": None, "last_sync": None, "ahead": 0, "behind": 0, "uncommitted": ""}
    laptop.ok("sync", "init", str(remote))
    laptop.ok("note", "check-math-level", "x")
    found = json.loads(laptop.ok("sync", "status", "--json"))
    assert found.pop("last_sync").endswith("Z")
    assert found == {"schema": 1, "syncing": True, "home": str(laptop.home),
                     "remote": str(remote), "branch": "main", "ahead": 0, "behind": 0,
                     "uncommitted": "1 note"}


def test_a_home_already_in_git_on_another_branch_is_told_what_to_do(laptop: Machine) -> None:
    laptop.ok("mark", "check-math-level", "done")
    laptop.git("init", "-q", "-b", "master")
    laptop.git("add", "state.toml")
    laptop.git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mine")
    assert laptop("sync", "init") == (2, "", f"roadmap: the repository in {laptop.home} is on "
                                      "master; roadmap sync uses the branch main: 'git -C "
                                      f"{laptop.home} branch -m master main' renames it, then "
                                      "run sync init again\n")
    laptop.git("branch", "-m", "master", "main")
    assert laptop.ok("sync", "init") == ("committed: .gitattributes, .gitignore\n"
                                         "ready; add a remote with 'roadmap sync init "
                                         "REMOTE_URL' to sync with another machine\n")


def test_a_remote_that_wants_credentials_says_authentication(laptop: Machine) -> None:
    """An https remote answering 401, with no terminal to ask for a password on."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Refuse(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/roadmap.git"
    try:
        code, out, err = laptop("sync", "init", url)
    finally:
        server.shutdown()
    assert (code, out) == (2, "")
    assert err.startswith(f"roadmap: fetching from {url} failed: authentication refused (")
    assert err.endswith("); check your SSH key or credentials for it\n")


def test_own_items_and_links_added_on_two_machines_reach_both(
        laptop: Machine, desktop: Machine, remote: Path) -> None:
    laptop.ok("sync", "init", str(remote))
    desktop.ok("sync", "init", str(remote))
    laptop.ok("item", "add", "start-with-a-course", "Read the ML book", "--id", "ml-book")
    laptop.ok("link", "add", "check-math-level", "https://www.khanacademy.org/math")
    desktop.ok("item", "add", "start-with-a-course", "Join a study group", "--id", "group")
    desktop.ok("link", "add", "check-math-level", "https://www.3blue1brown.com/",
               "--title", "3Blue1Brown")
    assert laptop.ok("sync") == "committed: 1 link, 1 own item\nup to date with origin\n" \
                                "pushed 1 commit to origin\n"
    assert desktop.ok("sync") == ("committed: 1 link, 1 own item\n"
                                  "merged 2 changes from origin: 1 link, 1 own item\n"
                                  "pushed 2 commits to origin\n")
    laptop.ok("sync")
    for machine in (laptop, desktop):
        rs = read_state(Paths(machine.home)).of(R)
        assert set(rs.own) == {"ml-book", "group"}
        assert [link.url for link in rs.items["check-math-level"].links] == [
            "https://www.3blue1brown.com/", "https://www.khanacademy.org/math"]
