"""Every JSON output for scripts carries `schema`, and within one version only gains fields.

Each shape below is what scripts may rely on at that version: every key, with its type. The
output may have more keys than pinned (adding a field is fine: pin it here too), but a key
removed, renamed or retyped fails; that change needs a new version, a new entry in the table
and a README note. `key?` marks a key left out when empty; `*` stands for any key (ids).
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from roadmap.cli import main

COUNTS = {"done": "int", "total": "int", "percent": "int", "in_progress": "int",
          "skipped": "int"}
ENTRY = {"id": "str", "title": "str", "status": "str"}
GROUP = {"id": "str", "title": "str", "status": "str", "done": "int", "total": "int",
         "skipped": "int"}
STATUS = {1: {
    "schema": "int", "roadmap": "str", "title": "str", "progress": COUNTS,
    "steps": [GROUP | {"milestones": [ENTRY]}],
    "skill_groups": [GROUP | {"skills": [ENTRY]}],
    "readiness": [GROUP | {"items": [ENTRY]}],
    "items": {"*": {"status": "str", "note?": "str", "changed?": "str",
                    "links?": [{"url": "str", "title": "str"}]}},
    "archived": {"*": {"status": "str", "note?": "str", "changed?": "str",
                       "links?": [{"url": "str", "title": "str"}]}},
    "own": ["str"],
}}
ITEM_LIST = {1: {
    "schema": "int", "roadmap": "str",
    "items": [{"id": "str", "parent": "str", "kind": "str", "title": "str", "summary": "str",
               "skills": ["str"], "aliases": ["str"], "status": "str", "added": "str|null"}],
}}
LINK_LIST = {1: {
    "schema": "int", "roadmap": "str",
    "links": {"*": [{"url": "str", "title": "str"}]},
}}
PROJECT_LIST = {1: {
    "schema": "int", "roadmap": "str",
    "projects": [{"id": "str", "title": "str", "urls": ["str"], "summary": "str",
                  "notes": "str", "skills": ["str"], "milestones": ["str"],
                  "started": "str|null", "finished": "str|null"}],
}}
REF = {"id": "str", "title": "str"}
EXPORT = {1: {
    "schema": "int", "generated?": "str", "roadmap": REF,
    "profile": {"name?": "str", "headline?": "str", "summary?": "str", "location?": "str",
                "email?": "str", "links?": [{"key": "str", "label": "str", "url": "str"}]},
    "progress": COUNTS | {"todo": "int"},
    "steps": [{"number": "int", "id": "str", "title": "str", "status": "str",
               "progress": COUNTS | {"todo": "int"}, "completed?": "str"}],
    "skills": [{"id": "str", "title": "str", "skills": [
        {"id": "str", "title": "str", "status": "str", "evidence": [REF], "note?": "str"}]}],
    "projects": [{"id": "str", "title": "str", "urls": ["str"], "summary?": "str",
                  "skills": [REF], "milestones": [REF], "started?": "str", "finished?": "str",
                  "notes?": "str"}],
    "readiness": [{"id": "str", "title": "str", "total": "int", "done": [REF]}],
}}

PROOF = {"id": "str", "title": "str", "status": "str", "projects": ["str"]}
EVIDENCE = {1: {
    "schema": "int", "roadmap": "str",
    "counts": {"proven": "int", "unproven": "int", "in_progress": "int", "claimed": "int",
               "milestones": "int"},
    "skills": [PROOF], "unproven": [PROOF], "claimed": [PROOF], "milestones": [PROOF],
}}
GAP = {1: {
    "schema": "int",
    "skills": [{"id": "str", "title": "str", "class": "str", "evidence": ["str"],
                "found": ["str"]}],
    "unknown": ["str"], "score": {"matched": "int", "asked": "int", "percent": "int"},
    "suggest": [REF],
}}
GAP_LIST = {1: {"schema": "int", "postings": [
    {"name": "str", "saved": "str|null",
     "score": {"matched": "int", "asked": "int", "percent": "int"}}]}}
EMPLOYER = {1: {
    "schema": "int", "for": "str", "generated?": "str", "profile": EXPORT[1]["profile"],
    "projects": [{"id": "str", "title": "str", "urls": ["str"], "summary?": "str",
                  "skills": [REF], "started?": "str", "finished?": "str", "notes?": "str"}],
    "skills": EXPORT[1]["skills"],
    "training": [{"id": "str", "title": "str", "status": "str", "completed?": "str"}],
}}

TYPES = {"str": str, "int": int, "null": type(None)}


def problems(value: Any, shape: Any, where: str = "$") -> list[str]:
    """Where `value` breaks the pinned `shape`; extra keys are allowed."""
    if isinstance(shape, str):
        ok = any(type(value) is TYPES[t] for t in shape.split("|"))
        return [] if ok else [f"{where}: {type(value).__name__}, pinned {shape}"]
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, v in enumerate(value) for p in problems(v, shape[0], f"{where}[{i}]")]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    if "*" in shape:
        return [p for k, v in value.items() for p in problems(v, shape["*"], f"{where}.{k}")]
    found = []
    for key, sub in shape.items():
        name = key.removesuffix("?")
        if name in value:
            found += problems(value[name], sub, f"{where}.{name}")
        elif not key.endswith("?"):
            found.append(f"{where}.{name}: missing")
    return found


def optional_keys_seen(value: Any, shape: Any, seen: set[str], where: str = "$") -> None:
    """Collect the optional keys the sample does show, so every one of them gets checked."""
    if isinstance(shape, list) and isinstance(value, list):
        for v in value:
            optional_keys_seen(v, shape[0], seen, where + "[]")
    elif isinstance(shape, dict) and isinstance(value, dict):
        for key, sub in shape.items():
            name = key.removesuffix("?")
            for k, v in value.items():
                if k == name or key == "*":
                    if key.endswith("?"):
                        seen.add(f"{where}.{name}")
                    optional_keys_seen(v, sub, seen, f"{where}.{name}")


def optional_keys(shape: Any, where: str = "$") -> set[str]:
    if isinstance(shape, list):
        return optional_keys(shape[0], where + "[]")
    if not isinstance(shape, dict):
        return set()
    out = set()
    for key, sub in shape.items():
        name = key.removesuffix("?")
        if key.endswith("?"):
            out.add(f"{where}.{name}")
        out |= optional_keys(sub, f"{where}.{name}")
    return out


TEMPLATE = Path(__file__).parent / "fixtures" / "tiny.toml"


@pytest.fixture
def full(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A home where every optional field has something to show."""
    (isolated_home / "templates").mkdir(parents=True)
    shutil.copy(TEMPLATE, isolated_home / "templates" / "tiny.toml")
    for argv in (["use", "tiny"], ["mark", "learn-python", "learn-git", "python", "apply", "done"],
                 ["note", "python", "Pandas daily"],
                 ["project", "add", "House prices", "--url", "https://example.org/hp",
                  "--skill", "python", "--milestone", "learn-python", "--summary", "Predicts",
                  "--notes", "What I learned", "--started", "2026-01-05", "--finished",
                  "2026-02-01"],
                 ["config", "set", "name", "Ada"], ["config", "set", "headline", "MLE"],
                 ["config", "set", "summary", "Hi"], ["config", "set", "location", "Berlin"],
                 ["config", "set", "email", "ada@example.org"],
                 ["config", "set", "github", "ada"],
                 ["item", "add", "ready", "Portfolio site", "--skill", "python"],
                 ["item", "add", "languages", "Pandas", "--alias", "pd"],
                 ["link", "add", "pandas", "https://pandas.pydata.org/", "--title", "Docs"],
                 ["project", "add", "Queries", "--skill", "sql"],
                 ):
        assert main(argv) == 0
    posting = isolated_home.parent / "job.txt"
    posting.write_text("Python, SQL and Docker", encoding="utf-8")
    assert main(["gap", str(posting), "--save", "job"]) == 0
    state = isolated_home / "state.toml"
    state.write_text(state.read_text(encoding="utf-8") + textwrap.dedent("""
        [roadmaps.tiny.items.dropped-item]
        status = "done"
        note = "from an older template"
        changed = 2026-01-01T00:00:00Z
        links = [{ url = "https://a.example/", title = "" }]
        """), encoding="utf-8")
    capsys.readouterr()
    return isolated_home


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("argv", "shapes"), [
    (["status", "--json"], STATUS),
    (["project", "list", "--json"], PROJECT_LIST),
    (["export", "-f", "json", "--include-notes", "--stamp"], EXPORT),
    (["item", "list", "--json"], ITEM_LIST),
    (["link", "list", "--json"], LINK_LIST),
    (["evidence", "--json"], EVIDENCE),
    (["gap", "--posting", "job", "--json"], GAP),
    (["gap", "--list", "--json"], GAP_LIST),
    (["export", "--for", "employer", "-f", "json", "--include-notes", "--stamp"], EMPLOYER),
], ids=["status", "project-list", "export", "item-list", "link-list", "evidence", "gap",
        "gap-list", "employer"])
def test_json_output_keeps_its_pinned_shape(full: Path, capsys: pytest.CaptureFixture[str],
                                            argv: list[str], shapes: dict[int, Any]) -> None:
    data = output(capsys, *argv)
    assert next(iter(data)) == "schema" and data["schema"] in shapes
    shape = shapes[data["schema"]]
    assert problems(data, shape) == []
    seen: set[str] = set()
    optional_keys_seen(data, shape, seen)
    assert seen == optional_keys(shape)  # the sample shows every optional key


def test_added_fields_pass_and_removed_or_retyped_ones_fail() -> None:
    shape = PROJECT_LIST[1]
    good = {"schema": 1, "roadmap": "x", "projects": [
        {"id": "a", "title": "A", "urls": [], "summary": "", "notes": "", "skills": ["s"],
         "milestones": [], "started": None, "finished": "2026-01-01", "extra": 3}], "more": []}
    assert problems(good, shape) == []
    project = dict(good["projects"][0])  # type: ignore[index]
    del project["title"]
    project["skills"] = [1]
    assert problems({**good, "projects": [project]}, shape) == [
        "$.projects[0].title: missing", "$.projects[0].skills[0]: int, pinned str"]
