"""Issue 10: hostile files and arguments at every entry point give one line, exit 2, and leave
the user's data exactly as it was. Real files, real processes (a FIFO must not hang them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from roadmap import catalog
from roadmap.model import BIDI
from roadmap.paths import Paths
from roadmap.storage import SaveError, Store, read_state
from tests.test_cli_state import TINY

DEEP = "x = " + "[" * 600 + "]" * 600 + "\n"


def roadmap(*args: str, env: dict[str, str] | None = None, stdin: str = "",
            timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a hang is a timeout, a traceback is visible."""
    return subprocess.run([sys.executable, "-m", "roadmap", *args], capture_output=True,
                          text=True, timeout=timeout, input=stdin,
                          env={**os.environ, **(env or {})})


def one_line(result: subprocess.CompletedProcess[str], *parts: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr containing every part."""
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0]
    return lines[0]


def assert_plain(text: str) -> None:
    """Nothing that can drive a terminal: no C0 but newline, no DEL, no C1, no bidi."""
    bad = [ch for ch in text if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0
           or ch in BIDI]
    assert not bad, [hex(ord(ch)) for ch in bad]


@pytest.fixture
def tiny(paths: Paths) -> Paths:
    paths.templates.mkdir(parents=True)
    (paths.templates / "tiny.toml").write_text(TINY)
    assert roadmap("use", "tiny").returncode == 0
    return paths


def files(folder: Path) -> dict[str, bytes]:
    """Every regular file in the home and its bytes: what 'left exactly as it was' means."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.is_symlink() and p.name != "state.lock"}


# ------------------------------------------------------------- 1. corrupt state, the app path

@pytest.mark.parametrize("corrupt", [b"oops [\n", b"", b"\x00\x00\x00", b"schema = 1\n\xff\xfe\n"],
                         ids=["broken-toml", "empty", "nul-bytes", "invalid-utf8"])
def test_app_open_moves_a_corrupt_file_once_and_keeps_the_backup(tiny: Paths,
                                                                 corrupt: bytes) -> None:
    assert roadmap("mark", "sql", "done").returncode == 0
    assert roadmap("mark", "python", "done").returncode == 0
    backup = tiny.backup.read_bytes()
    tiny.state.write_bytes(tiny.state.read_bytes() + corrupt if corrupt.startswith(b"oops")
                           else corrupt)
    broken = tiny.state.read_bytes()
    store = Store.open(tiny, allow_read_only=True, lock_now=False)  # as the app opens it
    try:
        assert store.take_lock() is None  # the late lock: no second move, no error
        moved = sorted(tiny.home.glob("state.toml.corrupt-*"))
        assert len(moved) == 1 and store.moved_aside == moved[0]
        assert moved[0].read_bytes() == broken
        assert len(store.notices) == 1
        assert f"{tiny.backup} holds the last good copy" in store.notices[0]
        assert store.backup_pending and store.read_only is None
        for _ in range(2):  # the bug: two ordinary saves used to replace the backup
            with pytest.raises(SaveError, match=r"state\.toml is missing and .* holds your last"):
                store.save()
        assert tiny.backup.read_bytes() == backup and not tiny.state.exists()
        store.restore_backup()  # the backup is the file before the last save: sql done
        assert store.state.of("tiny").status("sql").value == "done"
    finally:
        store.close()
    assert tiny.state.read_bytes() == backup


def test_next_start_still_offers_the_backup_and_set_aside_keeps_it(tiny: Paths) -> None:
    assert roadmap("mark", "sql", "done").returncode == 0
    assert roadmap("mark", "python", "done").returncode == 0
    backup = tiny.backup.read_bytes()
    tiny.state.write_text("oops [")
    assert "It was moved to" in roadmap("mark", "learn-git", "done").stderr
    status = roadmap("status")  # a later start: no state file, the backup still waits
    assert status.returncode == 0
    assert status.stderr == (f"roadmap: state.toml is missing; {tiny.backup} holds your last "
                             "saved progress ('roadmap restore-backup' puts it back)\n")
    with Store.open(tiny) as store:
        assert store.backup_pending
    result = roadmap("restore-backup", "--set-aside")
    assert result.returncode == 0 and result.stdout.startswith(f"kept {tiny.backup} as ")
    aside = sorted(tiny.home.glob("state.toml.bak-set-aside-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == backup
    assert roadmap("use", "tiny").returncode == 0  # afresh: the default roadmap until then
    assert roadmap("mark", "learn-git", "done").stdout == "learn-git: todo -> done\n"
    assert read_state(tiny).of("tiny").status("sql").value == "todo"


def test_restore_backup_keeps_a_good_state_file_aside(tiny: Paths) -> None:
    assert roadmap("mark", "sql", "done").returncode == 0
    assert roadmap("mark", "python", "done").returncode == 0
    current = tiny.state.read_bytes()
    assert roadmap("restore-backup").returncode == 0
    kept = sorted(tiny.home.glob("state.toml.before-restore-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == current


# ------------------------------------------------------------- 2. local date-times

NAIVE = textwrap.dedent("""
    schema = 1
    current = "tiny"

    [roadmaps.tiny.items.learn-python]
    status = "done"
    changed = 2026-01-01T10:00:00

    [roadmaps.tiny.items.learn-git]
    status = "done"
    changed = 2026-01-02T09:00:00Z

    [[roadmaps.tiny.history]]
    item = "learn-python"
    from = "todo"
    to = "done"
    at = 2026-01-01T10:00:00

    [[roadmaps.tiny.history]]
    item = "learn-git"
    from = "todo"
    to = "done"
    at = 2026-01-02T09:00:00Z
""")


def test_local_date_times_are_read_as_utc(tiny: Paths, tmp_path: Path) -> None:
    tiny.state.write_text(NAIVE)
    before = files(tiny.home)
    status = json.loads(roadmap("status", "--json").stdout)
    assert status["items"]["learn-python"]["changed"] == "2026-01-01T10:00:00Z"
    for fmt in ("markdown", "html", "json", "json-resume"):
        result = roadmap("export", "-f", fmt)
        assert (result.returncode, result.stderr) == (0, ""), fmt
    exported = json.loads(roadmap("export", "-f", "json").stdout)
    assert exported["steps"][0]["completed"] == "2026-01-02"
    assert files(tiny.home) == before


# ------------------------------------------------------------- 3. special files

@pytest.mark.parametrize("name", ["state.toml", "state.toml.bak", "config.toml"])
def test_a_fifo_is_refused_not_waited_on(tiny: Paths, name: str) -> None:
    (tiny.home / name).unlink(missing_ok=True)
    os.mkfifo(tiny.home / name)
    commands = {"state.toml": [("status",), ("mark", "sql", "done"), ()],
                "state.toml.bak": [("restore-backup",)],
                "config.toml": [("config", "show"), ("export",)]}[name]
    for args in commands:
        one_line(roadmap(*args, timeout=20), f"{tiny.home / name}: is a named pipe (FIFO), "
                                            "not a regular file")


def test_a_fifo_template_is_listed_as_broken_and_refused_by_validate(tiny: Paths) -> None:
    fifo = tiny.templates / "pipe.toml"
    os.mkfifo(fifo)
    listing = roadmap("templates", timeout=20)
    assert listing.returncode == 0
    assert (f"pipe         BROKEN  [user] {fifo}: is a named pipe (FIFO), not a regular file; "
            "roadmap reads its template only from a regular file\n") in listing.stdout
    one_line(roadmap("validate", str(fifo), timeout=20), "is a named pipe (FIFO)")
    one_line(roadmap("use", "pipe", timeout=20), "is a named pipe (FIFO)")


def test_a_link_to_dev_zero_or_a_huge_file_is_refused(tiny: Paths) -> None:
    tiny.state.unlink()
    tiny.state.symlink_to("/dev/zero")
    one_line(roadmap("status"), "is a character device, not a regular file")
    tiny.state.unlink()
    with open(tiny.state, "wb") as fh:  # sparse: 65 MiB on paper, nothing on the disk
        fh.truncate(65 * 1024 * 1024)
    one_line(roadmap("status"), "the state file is too large (65.0 MiB or more; roadmap reads "
                                "at most 64 MiB)")
    (tiny.home / "config.toml").write_text("# " + "x" * (1024 * 1024) + "\n")
    one_line(roadmap("config", "show"), "the config file is too large")


# ------------------------------------------------------------- 4. deep nesting

def test_deep_nesting_is_one_line_in_every_file(tiny: Paths) -> None:
    (tiny.home / "config.toml").write_text(DEEP)
    one_line(roadmap("config", "show"), "nested too deeply")
    (tiny.home / "config.toml").unlink()
    (tiny.templates / "deep.toml").write_text(DEEP)
    listing = roadmap("templates")
    assert listing.returncode == 0 and "deep         BROKEN  [user]" in listing.stdout
    assert "tiny         Tiny roadmap" in listing.stdout  # the others are still listed
    assert [i.id for i in catalog.discover(tiny) if i.roadmap] == ["ml-engineer", "tiny"]
    one_line(roadmap("validate", str(tiny.templates / "deep.toml")), "nested too deeply")
    tiny.state.write_text(DEEP)
    one_line(roadmap("status"), "state.toml is not TOML roadmap can read (arrays or tables "
                                "nested too deeply); run 'roadmap' to move it aside")
    result = roadmap("mark", "sql", "done")  # a writer moves it aside, as any unreadable file
    assert result.returncode == 2 and "nested too deeply" in result.stderr
    assert sorted(tiny.home.glob("state.toml.corrupt-*"))[0].read_text() == DEEP


# ------------------------------------------------------------- 5. terminal escapes

HOSTILE_STATE = textwrap.dedent("""
    schema = 1
    current = "tiny"

    [roadmaps.tiny.items."gone\\u001b[2J"]
    status = "done"

    [roadmaps.tiny.projects."p\\u001b]0;pwned\\u0007"]
    title = "Title \\u001b[31mred\\u202e"
    urls = ["https://example.com/\\u009b"]
    skills = ["sk\\u001b[1m"]
    milestones = ["learn-python"]
""")


def test_values_from_the_state_file_never_reach_the_terminal_raw(tiny: Paths) -> None:
    tiny.state.write_text(HOSTILE_STATE)
    outputs = []
    for args in (("status",), ("project", "list"), ("status", "--json"),
                 ("project", "list", "--json"), ("export",), ("export", "-f", "json")):
        result = roadmap(*args)
        assert result.returncode == 0, (args, result.stderr)
        outputs += [result.stdout, result.stderr]
    removed = roadmap("project", "remove", "p\x1b]0;pwned\x07")
    assert removed.returncode == 0
    outputs += [removed.stdout, removed.stderr]
    for text in outputs:
        assert_plain(text)
    assert "archived: gone␛[2J" in outputs[1]
    assert removed.stdout == "removed project 'p␛]0;pwned␇' (Title ␛[31mred<U+202E>)\n"


def test_hostile_arguments_and_template_keys_are_shown_visibly(tiny: Paths) -> None:
    for args in (("mark", "sql\x1b[2J", "done"), ("note", "x\x9b1m", "t"),
                 ("use", "evil\x1b[2J"), ("config", "set", "nam\x1be", "x"),
                 ("export", "--roadmap", "\u202eevil")):
        result = roadmap(*args)
        assert result.returncode == 2, args
        assert_plain(result.stderr)
    (tiny.templates / "bad.toml").write_text(TINY.replace('id = "tiny"', 'id = "bad"') +
                                             '\n"evil\\u001b[31m" = 1\n')
    for args in (("templates",), ("validate", str(tiny.templates / "bad.toml")), ("use", "bad")):
        result = roadmap(*args)
        assert_plain(result.stdout + result.stderr)
        assert "␛[31m" in result.stdout + result.stderr, args


def test_project_titles_refuse_control_characters(tiny: Paths) -> None:
    for title in ("Evil \x1b[31m", "two\nlines", "tab\there", "rtl \u202e"):
        result = roadmap("project", "add", title)
        line = one_line(result, "project title contains a control character")
        assert_plain(line)
    assert "[roadmaps.tiny.projects" not in tiny.state.read_text()


# ------------------------------------------------------------- 6. ~user that does not exist

def test_unknown_user_in_paths_is_one_line(tiny: Paths) -> None:
    one_line(roadmap("export", "-o", "~nosuchuser/x.md"),
             "-o '~nosuchuser/x.md': there is no user 'nosuchuser'")
    one_line(roadmap("--home", "~nosuchuser/h", "status"), "--home '~nosuchuser/h'")
    one_line(roadmap("status", env={"ROADMAP_HOME": "~nosuchuser"}), "ROADMAP_HOME '~nosuchuser'")
    one_line(roadmap(env={"ROADMAP_HOME": "~nosuchuser/x"}), "there is no user 'nosuchuser'")


# ------------------------------------------------------------- 8. byte-order marks

def test_a_byte_order_mark_is_accepted_everywhere(tiny: Paths) -> None:
    assert roadmap("mark", "sql", "done").returncode == 0
    tiny.state.write_bytes(b"\xef\xbb\xbf" + tiny.state.read_bytes())
    (tiny.home / "config.toml").write_bytes(b"\xef\xbb\xbf[profile]\nname = \"Ada\"\n")
    (tiny.templates / "tiny.toml").write_bytes(b"\xef\xbb\xbf" + TINY.encode())
    assert json.loads(roadmap("status", "--json").stdout)["items"]["sql"]["status"] == "done"
    assert roadmap("config", "get", "name").stdout == "Ada\n"
    assert roadmap("mark", "python", "done").returncode == 0
    assert not list(tiny.home.glob("state.toml.corrupt-*"))
    assert read_state(tiny).of("tiny").status("sql").value == "done"
    assert roadmap("validate", str(tiny.templates / "tiny.toml")).returncode == 0


# ------------------------------------------------------------- 12. ids joined to paths

def test_roadmap_ids_from_the_state_file_are_checked(tiny: Paths) -> None:
    tiny.state.write_text('schema = 1\ncurrent = "../../etc/hostname"\n')
    before = files(tiny.home)
    one_line(roadmap("status"), "state.toml:2:11: current '../../etc/hostname' is not a "
                                "roadmap id (kebab-case")
    one_line(roadmap("export"), "is not a roadmap id")
    assert files(tiny.home) == before
    cache = Paths.resolve().cache
    assert not any("hostname" in p.name for p in cache.rglob("*")) if cache.exists() else True
    tiny.state.write_text('schema = 1\n[roadmaps."../x".items.a]\nstatus = "done"\n')
    one_line(roadmap("status"), "state.toml:2:1: the key '../x' is not a roadmap id")


def test_roadmap_ids_from_arguments_are_checked(tiny: Paths) -> None:
    for args in (("use", "../../etc/hostname"), ("status", "--roadmap", "/etc/passwd"),
                 ("export", "--roadmap", "../tiny")):
        one_line(roadmap(*args), "is not a roadmap id (kebab-case")


# ------------------------------------------------------------- 13. smaller cases

def test_config_set_writes_through_a_symlinked_config(tiny: Paths, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "roadmap.toml"
    real.parent.mkdir()
    real.write_text("# mine\n[profile]\nname = \"Ada\"\n")
    (tiny.home / "config.toml").symlink_to(real)
    assert roadmap("config", "set", "headline", "ML engineer").returncode == 0
    assert (tiny.home / "config.toml").is_symlink()
    assert real.read_text() == "# mine\n[profile]\nname = \"Ada\"\nheadline = \"ML engineer\"\n"


def test_two_user_templates_with_one_id_are_reported(tiny: Paths) -> None:
    (tiny.templates / "copy.toml").write_text(TINY)
    listing = roadmap("templates")
    assert listing.returncode == 0
    assert (f"tiny         BROKEN  [user] {tiny.templates / 'copy.toml'}: also defines roadmap "
            "'tiny' (like tiny.toml), so it is ignored; give it its own id\n") in listing.stdout
    assert (f"tiny         Tiny roadmap  (1 steps, 2 milestones, 2 skills)  [user] "
            f"{tiny.templates / 'tiny.toml'}\n") in listing.stdout


@pytest.mark.parametrize("url", ["https://github.com@evil.example/",
                                 "https://user:pw@example.com/x", "javascript:alert(1)",
                                 "https://", "https://example.com:99999999/"])
def test_project_links_with_user_info_or_bad_parts_are_refused(tiny: Paths, url: str) -> None:
    before = files(tiny.home)
    one_line(roadmap("project", "add", "Demo", "--url", url), f"--url '{url}' ")
    assert files(tiny.home) == before


def test_links_with_user_info_are_dropped_on_export(tiny: Paths) -> None:
    tiny.state.write_text(textwrap.dedent("""
        schema = 1
        current = "tiny"

        [roadmaps.tiny.projects.demo]
        title = "Demo"
        urls = ["https://github.com@evil.example/", "https://github.com/me/demo"]
    """))
    for fmt in ("markdown", "html", "json", "json-resume"):
        out = roadmap("export", "-f", fmt).stdout
        assert "evil.example" not in out and "https://github.com/me/demo" in out, fmt


def test_ten_marks_started_together_all_land(tiny: Paths) -> None:
    items = ["learn-python", "learn-git", "python", "sql"]
    procs = [subprocess.Popen([sys.executable, "-m", "roadmap", "mark", items[n % 4],
                               ["done", "in-progress"][n // 4 % 2]], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for n in range(10)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, results
    history = read_state(tiny).of("tiny").history
    changed = [c for c in history if c.old != c.new]
    lines = [out for out, _ in results if "->" in out]
    assert len(changed) == len(lines)  # every change a command reported is in the file


def test_an_old_id_names_the_id_the_template_renamed_it_to(paths: Paths) -> None:
    result = roadmap("mark", "statistical-modeling", "done")
    assert (result.returncode, result.stderr) == (
        2, "roadmap: unknown item 'statistical-modeling' (the template renamed it to "
           "'statistics')\n")


def test_a_profile_that_is_not_a_table_is_one_line(tiny: Paths) -> None:
    (tiny.home / "config.toml").write_text("profile = 3\n")
    one_line(roadmap("config", "set", "name", "Ada"), "'profile' must be a table ([profile]); "
             "nothing was changed")
    assert (tiny.home / "config.toml").read_text() == "profile = 3\n"


def test_a_project_title_has_a_length_limit(tiny: Paths) -> None:
    one_line(roadmap("project", "add", "x" * 201), "project title is 201 characters; the limit "
             "is 200 (put the rest in the summary)")
    assert roadmap("project", "add", "x" * 200).returncode == 0


def test_argument_errors_show_the_users_words_visibly(paths: Paths) -> None:
    result = roadmap("status", "--x\x1b[2J")
    assert (result.returncode, result.stderr) == (
        2, "roadmap: error: unrecognized arguments: --x␛[2J (see 'roadmap --help')\n")
