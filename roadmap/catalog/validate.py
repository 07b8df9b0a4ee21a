"""Check a parsed template against the format and build the model from it.

Every problem is collected (not just the first) and located as `path:line:col`, because a
template is the user's to write and a fix-one-rerun loop is a poor way to learn a format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roadmap import model
from roadmap.catalog.format import (
    _NONEMPTY,
    _NOUN,
    _TYPE_NAMES,
    ESTIMATE_KEYS,
    SPECS,
    TEMPLATE_SCHEMA,
)
from roadmap.errors import RoadmapError
from roadmap.storage.scan import Locator

TPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a template, with where it is."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class TemplateError(RoadmapError):
    """A template with problems; `str()` lists them one per line."""

    prefixed = False

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))




def _type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return "a date or time"


_BIDI_CHARS = "".join(sorted(model.BIDI))
_BAD_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f" + _BIDI_CHARS + "]")
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CHARS + "]")  # \t \n allowed


def _bad_char(text: str, multiline: bool) -> str | None:
    """The first control character in text (newline and tab allowed in long text).

    A regex, not a loop over characters: a 10,000-item template has ~30,000 strings to check.
    """
    found = (_BAD_TEXT if multiline else _BAD_LINE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _tables(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


class _Checker:
    """Validates parsed TOML against SPECS and builds the model when there is nothing wrong."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._locator: Locator | None = None
        self.problems: list[tuple[TPath, bool, str]] = []

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    def add(self, where: TPath, message: str, *, at_value: bool = True) -> None:
        self.problems.append((where, at_value, message))

    def resolved(self) -> list[Problem]:
        out = []
        for where, at_value, message in self.problems:
            line, col = self.locator.value(where) if at_value else self.locator.key(where)
            out.append(Problem(self.path, line, col, message))
        return sorted(out, key=lambda p: (p.line, p.col))

    # -- structure

    def table(self, data: Mapping[str, Any], kind: str, where: TPath, label: str) -> None:
        spec = SPECS[kind]
        for key, value in data.items():
            if key not in spec:
                allowed = ", ".join(spec)
                self.add((*where, key), f"unknown key '{key}' in {label} (allowed: {allowed})",
                         at_value=False)
                continue
            self.field(key, value, spec[key][0], (*where, key), label)
        for key, (_, required) in spec.items():
            if required and key not in data:
                self.add(where, f"missing required key '{key}' in {label}", at_value=False)

    def field(self, key: str, value: Any, kind: str, where: TPath, label: str) -> None:
        if kind in ("str", "text", "url"):
            if not isinstance(value, str):
                self.add(where, f"'{key}' in {label} must be a string, not {_type_name(value)}")
                return
            bad = _bad_char(value, multiline=kind == "text")
            if bad:
                self.add(where, f"'{key}' in {label} contains control character {bad}")
            if key in _NONEMPTY and not value.strip():
                self.add(where, f"'{key}' in {label} is empty")
            if kind == "url" and not value.startswith(("https://", "http://")):
                self.add(where, f"'{key}' in {label} must be an http(s) URL")
        elif kind == "int":
            if type(value) is not int:
                self.add(where, f"'{key}' must be an integer, not {_type_name(value)}")
        elif kind in ("ids", "source"):
            values = [value] if kind == "source" and isinstance(value, str) else value
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                expected = "a string or an array of strings" if kind == "source" else (
                    "an array of strings")
                self.add(where, f"'{key}' in {label} must be {expected}")
        elif kind == "resources":
            self.resources(value, where, label)
        elif kind == "aliases":
            self.aliases(value, where, label)
        elif kind == "estimate":
            self.estimate(value, where, label)
        else:
            self.tables(key, value, kind, where, label)

    def tables(self, key: str, value: Any, kind: str, where: TPath, label: str) -> None:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(where, f"'{key}' in {label} must be an array of tables ([[{key}]])")
            return
        for index, entry in enumerate(value):
            noun = _NOUN[kind]
            ident = entry.get("id")
            name = f"{noun} '{ident}'" if isinstance(ident, str) and ident else (
                f"{noun} {index + 1}")
            self.table(entry, kind, (*where, index), name)

    def resources(self, value: Any, where: TPath, label: str) -> None:
        if not isinstance(value, list):
            self.add(where, f"'resources' in {label} must be an array of {{ name, url }} tables")
            return
        for index, entry in enumerate(value):
            at = (*where, index)
            if not isinstance(entry, dict):
                self.add(at, f"resource {index + 1} in {label} must be a {{ name, url }} table")
                continue
            for key in entry:
                if key not in ("name", "url"):
                    self.add(at, f"unknown key '{key}' in resource {index + 1} of {label} "
                             "(allowed: name, url)")
            for key in ("name", "url"):
                if key not in entry:
                    self.add(at, f"missing required key '{key}' in resource {index + 1} of {label}")
                elif not isinstance(entry[key], str) or not entry[key].strip():
                    self.add(at, f"'{key}' of resource {index + 1} in {label} must be a "
                             "non-empty string")
                elif _bad_char(entry[key], multiline=False):
                    self.add(at, f"'{key}' of resource {index + 1} in {label} contains control "
                             f"character {_bad_char(entry[key], multiline=False)}")
            url = entry.get("url")
            if isinstance(url, str) and url and not url.startswith(("https://", "http://")):
                self.add(at, f"resource url '{url}' in {label} must start with https:// or "
                         "http://")

    def aliases(self, value: Any, where: TPath, label: str) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(where, f"'aliases' in {label} must be an array of strings")
            return
        seen: set[str] = set()
        for index, alias in enumerate(value):
            at = (*where, index)
            bad = _bad_char(alias, multiline=False)
            if bad:
                self.add(at, f"alias {index + 1} in {label} contains control character {bad}")
            elif not alias.strip():
                self.add(at, f"alias {index + 1} in {label} is empty")
            elif match_key(alias) in seen:
                self.add(at, f"alias '{alias}' in {label} is listed twice")
            seen.add(match_key(alias))

    def estimate(self, value: Any, where: TPath, label: str) -> None:
        owner = f"the estimate of {label}"
        if not isinstance(value, dict):
            self.add(where, f"'estimate' in {label} must be a table like "
                     "{ min_weeks = 4, max_weeks = 6 }, not " + _type_name(value))
            return
        for key in value:
            if key not in ESTIMATE_KEYS:
                self.add((*where, key), f"unknown key '{key}' in {owner} "
                         f"(allowed: {', '.join(ESTIMATE_KEYS)})", at_value=False)
        weeks: list[int] = []
        for key in ESTIMATE_KEYS[:2]:
            if key not in value:
                self.add(where, f"missing required key '{key}' in {owner}", at_value=False)
            elif type(value[key]) is not int:
                self.add((*where, key), f"'{key}' in {owner} must be a whole number of weeks, "
                         f"not {_type_name(value[key])}")
            elif value[key] < 1:
                self.add((*where, key), f"'{key}' in {owner} must be at least 1, "
                         f"not {value[key]}")
            else:
                weeks.append(value[key])
        if len(weeks) == 2 and weeks[0] > weeks[1]:
            self.add(where, f"{owner} has min_weeks {weeks[0]} above max_weeks {weeks[1]}")
        if "basis" in value:
            self.field("basis", value["basis"], "str", (*where, "basis"), owner)

    # -- meaning: ids, references

    def references(self, data: Mapping[str, Any]) -> None:
        seen: dict[str, TPath] = {}
        skills: set[str] = set()
        sources = {s.get("id") for s in _tables(data.get("sources"))}
        entries: list[tuple[TPath, Mapping[str, Any], str]] = []

        def walk(key: str, child: str | None, kind: str, child_kind: str) -> None:
            for gi, group in enumerate(_tables(data.get(key))):
                entries.append(((key, gi), group, kind))
                if child is None:
                    continue
                for ii, item in enumerate(_tables(group.get(child))):
                    entries.append(((key, gi, child, ii), item, child_kind))

        walk("sources", None, "source-table", "")
        walk("steps", "milestones", "step", "milestone")
        walk("skill_groups", "skills", "skill-group", "skill")
        walk("readiness", "items", "readiness-group", "check")
        for _where, entry, kind in entries:
            if kind == "skill" and isinstance(entry.get("id"), str):
                skills.add(entry["id"])
        entries.append(((), data, "template"))
        for where, entry, kind in entries:
            ident = entry.get("id")
            if not isinstance(ident, str) or not ident:
                continue
            if not model.ID_PATTERN.match(ident):
                self.add((*where, "id"), f"id '{ident}' must be kebab-case (a-z, 0-9 and '-')")
            if kind in ("source-table", "template"):
                continue
            if ident in seen:
                line, _ = self.locator.value((*seen[ident], "id"))
                self.add((*where, "id"), f"duplicate id '{ident}' (first used on line {line})")
            else:
                seen[ident] = where
        for where, entry, kind in entries:
            self._refs(where, entry, kind, skills, sources, seen)
        self._names([(w, e) for w, e, k in entries if k == "skill"])

    def _names(self, skills: list[tuple[TPath, Mapping[str, Any]]]) -> None:
        """Each alias names one skill only: a posting's word must not match two skills."""
        owners: dict[str, tuple[str, TPath]] = {}
        for where, skill in skills:
            if isinstance(skill.get("title"), str) and isinstance(skill.get("id"), str):
                owners.setdefault(match_key(skill["title"]), (skill["id"], (*where, "title")))
        for where, skill in skills:
            aliases, ident = skill.get("aliases"), skill.get("id")
            if not isinstance(aliases, list) or not isinstance(ident, str):
                continue
            for index, alias in enumerate(aliases):
                if not isinstance(alias, str) or not alias.strip():
                    continue
                owner, at = owners.setdefault(match_key(alias),
                                              (ident, (*where, "aliases", index)))
                if owner == ident and at != (*where, "aliases", index):
                    if at[-1] == "title":
                        self.add((*where, "aliases", index),
                                 f"alias '{alias}' in skill '{ident}' repeats its title")
                elif owner != ident:
                    line, _ = self.locator.value(at)
                    self.add((*where, "aliases", index),
                             f"alias '{alias}' in skill '{ident}' is already a name of skill "
                             f"'{owner}' (line {line})")

    def _refs(self, where: TPath, entry: Mapping[str, Any], kind: str, skills: set[str],
              sources: set[Any], live: Mapping[str, TPath]) -> None:
        refs = entry.get("skills") if kind in ("milestone", "check") else None
        if isinstance(refs, list):
            for index, ref in enumerate(refs):
                if isinstance(ref, str) and ref not in skills:
                    extra = model.did_you_mean(ref, skills)
                    self.add((*where, "skills", index),
                             f"'skills' names unknown skill '{ref}'{extra}")
        source = entry.get("source")
        names = [source] if isinstance(source, str) else source
        if isinstance(names, list) and sources:
            for index, name in enumerate(names):
                if isinstance(name, str) and name not in sources:
                    at = (*where, "source") if isinstance(source, str) else (
                        *where, "source", index)
                    self.add(at, f"'source' names unknown source '{name}' "
                             f"(declared: {', '.join(sorted(str(s) for s in sources))})")
        replaces = entry.get("replaces")
        if isinstance(replaces, list):
            for index, old in enumerate(replaces):
                if isinstance(old, str) and old in live:
                    self.add((*where, "replaces", index),
                             f"'replaces' names '{old}', which is still an id in this template")


def match_key(name: str) -> str:
    """A name as matching compares it: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


_POS_SUFFIX = " (at line "


def syntax_problem(path: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error as a Problem, with tomllib's position moved to the front."""
    message = str(exc)
    line, col = 1, 1
    if _POS_SUFFIX in message:
        message, _, rest = message.rpartition(_POS_SUFFIX)
        numbers = rest.rstrip(")").split(", column ")
        line, col = int(numbers[0]), int(numbers[1])
    elif message.endswith(" (at end of document)"):
        message = message.removesuffix(" (at end of document)")
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
    if message.startswith(("Cannot declare", "Cannot overwrite")):
        # tomllib points past the duplicate; the start of its line is where to look
        source_line = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        col = len(source_line) - len(source_line.lstrip()) + 1
        message = "duplicate key or table: " + message[0].lower() + message[1:]
    return Problem(path, line, col, "TOML syntax error: " + message[0].lower() + message[1:])


def check(data: Mapping[str, Any], text: str, path: str) -> list[Problem]:
    """Every problem in parsed template `data` (empty when it is good), in file order."""
    checker = _Checker(path, text)
    schema = data.get("schema")
    if type(schema) is int and schema != TEMPLATE_SCHEMA:
        checker.add(("schema",), f"unsupported template schema {schema} "
                    f"(this version of roadmap reads schema {TEMPLATE_SCHEMA})")
        return checker.resolved()
    checker.table(data, "template", (), "the template")
    checker.references(data)
    return checker.resolved() if checker.problems else []
