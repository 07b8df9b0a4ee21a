"""`roadmap merge-driver BASE OURS THEIRS [PATH]` on real files, as git runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap.cli import main
from roadmap.paths import Paths
from roadmap.storage import read_state

HEAD = "schema = 1\ncurrent = \"ml-engineer\"\n"


def item(ident: str, status: str, changed: str, note: str | None = None, extra: str = "") -> str:
    text = (f"\n[roadmaps.ml-engineer.items.{ident}]\nstatus = \"{status}\"\n"
            f"changed = {changed}\n")
    if note is not None:
        text += f"note = \"{note}\"\n"
    return text + extra


def history(ident: str, old: str, new: str, when: str) -> str:
    return (f"\n[[roadmaps.ml-engineer.history]]\nitem = \"{ident}\"\nfrom = \"{old}\"\n"
            f"to = \"{new}\"\nat = {when}\n")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    base, ours, theirs = (tmp_path / n for n in ("base.toml", "ours.toml", "theirs.toml"))
    base.write_text(HEAD + item("python", "in-progress", "2026-01-01T10:00:00Z", "start"))
    return base, ours, theirs


def run(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, str]:
    code = main(["merge-driver", *map(str, paths), "state.toml"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_merge_exits_0_and_ours_keeps_its_comments_and_unknown_keys(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = files
    ours.write_text("# my own comment at the top\n" + HEAD + "theme = \"mine\"\n"
                    + item("python", "done", "2026-01-02T10:00:00Z", "start",
                           "# why I ticked it\nmood = \"happy\"\n")
                    + history("python", "in-progress", "done", "2026-01-02T10:00:00Z"))
    theirs.write_text(HEAD + item("python", "in-progress", "2026-01-01T10:00:00Z", "start")
                      + item("sql", "done", "2026-01-03T10:00:00Z")
                      + history("sql", "todo", "done", "2026-01-03T10:00:00Z"))
    assert run(capsys, base, ours, theirs) == (0, "", "")
    # the new sections are added where a save would add them, each followed by a blank line
    assert ours.read_text() == (
        "# my own comment at the top\n" + HEAD + "theme = \"mine\"\n"
        + item("python", "done", "2026-01-02T10:00:00Z", "start",
               "# why I ticked it\nmood = \"happy\"\n")
        + item("sql", "done", "2026-01-03T10:00:00Z")
        + history("python", "in-progress", "done", "2026-01-02T10:00:00Z")
        + history("sql", "todo", "done", "2026-01-03T10:00:00Z") + "\n")


def test_a_note_changed_on_both_sides_exits_1_and_the_file_still_opens(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = files
    ours.write_text(HEAD + item("python", "in-progress", "2026-01-02T10:00:00Z", "laptop"))
    theirs.write_text(HEAD + item("python", "in-progress", "2026-01-03T10:00:00Z", "desktop"))
    code, out, err = run(capsys, base, ours, theirs)
    assert (code, out) == (1, "")
    assert err == ("roadmap: state.toml: ml-engineer: the note of item 'python' changed on both "
                   "machines; both texts are kept between '<<<<<<< this machine' and '>>>>>>> "
                   "other machine'\n")
    ours.rename(ours.with_name("state.toml"))
    record = read_state(Paths(ours.parent)).of("ml-engineer").items["python"]
    assert record.note == ("<<<<<<< this machine\n\nlaptop\n\n=======\n\ndesktop\n\n"
                           "\\>>>>>>> other machine")


def test_an_empty_base_merges_two_unrelated_files(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = files
    base.write_bytes(b"")
    ours.write_text(HEAD + item("python", "done", "2026-01-02T10:00:00Z"))
    theirs.write_text(HEAD + item("sql", "done", "2026-01-03T10:00:00Z"))
    assert run(capsys, base, ours, theirs)[0] == 0
    ours.rename(ours.with_name("state.toml"))
    assert set(read_state(Paths(ours.parent)).of("ml-engineer").items) == {"python", "sql"}


@pytest.mark.parametrize(("text", "why"), [
    ("schema = 2\ncurrent = \"ml-engineer\"\n",
     "state.toml (other machine) was written by a newer roadmap (schema 2; this version reads "
     "1): not merged; upgrade roadmap here"),
    ("[tool.ruff]\nline-length = 100\n",
     "state.toml (other machine) is not a roadmap state file (it has no 'schema', 'current' or "
     "'roadmaps' key)"),
    ("<<<<<<< HEAD\n", "state.toml (other machine) is not a roadmap state file: is not valid "
     "TOML (Invalid statement (at line 1, column 1))"),
    ("", "state.toml (other machine) is not a roadmap state file: is empty (0 bytes)"),
    ("schema = 1\n[roadmaps.ml-engineer.items.x]\nstatus = \"finished\"\n",
     "state.toml (other machine):3:10: status must be one of todo, in-progress, done, skipped "
     "(got 'finished')"),
])
def test_an_input_that_is_not_a_state_file_exits_2_and_leaves_ours_alone(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], text: str,
        why: str) -> None:
    base, ours, theirs = files
    before = HEAD + item("python", "done", "2026-01-02T10:00:00Z")
    ours.write_text(before)
    theirs.write_text(text)
    assert run(capsys, base, ours, theirs) == (2, "", f"roadmap: {why}\n")
    assert ours.read_text() == before


def test_ours_from_a_newer_roadmap_is_refused_too(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = files
    ours.write_text("schema = 3\n")
    theirs.write_text(HEAD)
    code, _, err = run(capsys, base, ours, theirs)
    assert code == 2 and err.startswith("roadmap: state.toml (this machine) was written by a "
                                        "newer roadmap (schema 3;")
    assert ours.read_text() == "schema = 3\n"


def test_merged_history_rewrites_only_from_the_first_change_that_differs(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = files
    shared = (history("python", "todo", "in-progress", "2026-01-01T10:00:00Z")
              + "# started on the train\n")
    base.write_text(HEAD + shared)
    ours.write_text(HEAD + shared + history("sql", "todo", "done", "2026-01-03T10:00:00Z"))
    theirs.write_text(HEAD + shared + history("git", "todo", "done", "2026-01-02T10:00:00Z"))
    assert run(capsys, base, ours, theirs)[0] == 0
    assert ours.read_text() == (HEAD + shared
                                + history("git", "todo", "done", "2026-01-02T10:00:00Z")
                                + history("sql", "todo", "done", "2026-01-03T10:00:00Z") + "\n")
