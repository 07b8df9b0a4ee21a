"""Parsed state data to the model: a UserState, or an error naming `file:line:col`.

tomllib gives plain dicts; this checks every value's type and turns it into model records.
Positions for messages come from the TOML scanner, built only when there is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from roadmap.errors import RoadmapError
from roadmap.model import (
    Change,
    ItemState,
    Link,
    OwnItem,
    Posting,
    Project,
    RoadmapState,
    Status,
    UserState,
)
from roadmap.model.template import ID_PATTERN
from roadmap.storage.layout import HISTORY, ITEM, OWN, POSTING, PROJECT
from roadmap.storage.scan import Locator


class StateFormatError(RoadmapError):
    """The state file parses as TOML but holds a value roadmap cannot use."""


# --------------------------------------------------------------------------- data -> model


class Reader:
    """Turns tomllib data into a UserState; errors name `file:line:col` and the bad value."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self._locator: Locator | None = None

    def fail(self, path: tuple[str | int, ...], message: str) -> StateFormatError:
        if self._locator is None:
            self._locator = Locator(self.text)
        line, col = self._locator.value(path)
        return StateFormatError(f"{self.where}:{line}:{col}: {message}")

    def get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...],
            path: tuple[str | int, ...], default: Any = None) -> Any:
        value = table.get(key, default)
        if value is not default and not isinstance(value, kind):
            names = {str: "a string", datetime: "a date-time", date: "a date", list: "a list",
                     dict: "a table", int: "an integer", bool: "true or false"}
            want = kind if isinstance(kind, type) else kind[0]
            raise self.fail((*path, key), f"'{key}' must be {names.get(want, want.__name__)}")
        return value

    def strings(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]
                ) -> tuple[str, ...]:
        value = self.get(table, key, (list, str), path, ())
        values = [value] if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in values):
            raise self.fail((*path, key), f"'{key}' must be a list of strings")
        return tuple(values)

    def status(self, value: Any, path: tuple[str | int, ...]) -> Status:
        try:
            return Status(value)
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise self.fail(path, f"status must be one of {choices} (got {value!r})") from None

    def day(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> date | None:
        value = self.get(table, key, (date,), path)
        return value.date() if isinstance(value, datetime) else value

    def stamp(self, table: Mapping[str, Any], key: str, path: tuple[str | int, ...]
              ) -> datetime | None:
        """A date-time; one written without an offset (by hand) is read as UTC, as the
        README says, so it compares with roadmap's own `...Z` stamps."""
        value: datetime | None = self.get(table, key, datetime, path)
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def roadmap_id(self, value: str, path: tuple[str | int, ...], what: str) -> str:
        """Roadmap ids name template files: anything but kebab-case could reach outside the
        templates folder (`../../etc/x`), so it is refused where it is read."""
        if not ID_PATTERN.match(value):
            raise self.fail(path, f"{what} {value!r} is not a roadmap id (kebab-case: a-z, "
                                  "0-9 and '-')")
        return value

    def user_state(self, data: Mapping[str, Any]) -> UserState:
        current = self.get(data, "current", str, (), "")
        if current:
            self.roadmap_id(current, ("current",), "current")
        roadmaps = self.get(data, "roadmaps", dict, (), {})
        state = UserState(current or UserState().current)
        for rid, rdata in roadmaps.items():
            self.roadmap_id(rid, ("roadmaps", rid), "the key")
            if not isinstance(rdata, dict):
                raise self.fail(("roadmaps", rid), f"roadmaps.{rid} must be a table")
            state.roadmaps[rid] = self.roadmap_state(rid, rdata)
        for name, pdata in self.get(data, POSTING, dict, (), {}).items():
            state.postings[name] = self.posting(name, pdata, (POSTING, name))
        return state

    def posting(self, name: str, data: Any, path: tuple[str | int, ...]) -> Posting:
        """A saved job posting; its name is a command-line word, so kebab-case like ids."""
        if not ID_PATTERN.match(name):
            raise self.fail(path, f"posting name {name!r} is not kebab-case (a-z, 0-9 and '-')")
        if not isinstance(data, dict):
            raise self.fail(path, "a posting must be a table (text, saved)")
        return Posting(name, self.get(data, "text", str, path, ""), self.day(data, "saved", path))

    def roadmap_state(self, rid: str, data: Mapping[str, Any]) -> RoadmapState:
        base: tuple[str | int, ...] = ("roadmaps", rid)
        out = RoadmapState()
        for iid, idata in self.get(data, ITEM, dict, base, {}).items():
            out.items[iid] = self.item(idata, (*base, ITEM, iid))
        for pid, pdata in self.get(data, PROJECT, dict, base, {}).items():
            out.projects[pid] = self.project(pid, pdata, (*base, PROJECT, pid))
        for n, cdata in enumerate(self.get(data, HISTORY, list, base, [])):
            out.history.append(self.change(cdata, (*base, HISTORY, n)))
        for oid, odata in self.get(data, OWN, dict, base, {}).items():
            out.own[oid] = self.own(oid, odata, (*base, OWN, oid))
        return out

    def item(self, data: Any, path: tuple[str | int, ...]) -> ItemState:
        if not isinstance(data, dict):
            raise self.fail(path, "an item must be a table (status, changed, note)")
        status = self.status(data.get("status", "todo"), (*path, "status"))
        return ItemState(status, self.stamp(data, "changed", path),
                         self.get(data, "note", str, path, ""), self.stamp(data, "noted", path),
                         self.links(data, path))

    def links(self, data: Mapping[str, Any], path: tuple[str | int, ...]) -> tuple[Link, ...]:
        """`links = [{ url = "...", title = "..." }, ...]`; a bare string is a link with no
        title (quicker to write by hand). Whether a URL is one roadmap keeps is checked where
        links are added and shown, not here: a hand edit must never make the file unreadable."""
        found: list[Link] = []
        for n, value in enumerate(self.get(data, "links", list, path, [])):
            where = (*path, "links", n)
            if isinstance(value, str):
                found.append(Link(value))
                continue
            if not isinstance(value, dict) or not isinstance(value.get("url"), str):
                raise self.fail(where, "a link must be a table with a 'url' string (and "
                                       "optionally a 'title'), or a string")
            title = value.get("title", "")
            if not isinstance(title, str):
                raise self.fail(where, "a link's 'title' must be a string")
            found.append(Link(value["url"], title))
        return tuple(found)

    def own(self, oid: str, data: Any, path: tuple[str | int, ...]) -> OwnItem:
        """An own item's table; its id must be kebab-case like every id in a template."""
        if not isinstance(data, dict):
            raise self.fail(path, "an own item must be a table (parent, title, summary, ...)")
        if not ID_PATTERN.match(oid):
            raise self.fail(path, f"own item id {oid!r} must be kebab-case (a-z, 0-9 and '-')")
        parent = self.get(data, "parent", str, path)
        if not parent:
            raise self.fail(path, f"own item '{oid}' needs a 'parent' (the id of its step or "
                                  "group)")
        clash = self.get(data, "clash_reported", bool, path, False)
        return OwnItem(oid, parent, self.get(data, "title", str, path, "") or oid,
                       self.get(data, "summary", str, path, ""),
                       self.strings(data, "skills", path), self.strings(data, "aliases", path),
                       self.stamp(data, "added", path), self.stamp(data, "removed", path),
                       clash)

    def project(self, pid: str, data: Any, path: tuple[str | int, ...]) -> Project:
        if not isinstance(data, dict):
            raise self.fail(path, "a project must be a table (title, urls, summary, ...)")
        return Project(
            pid, self.get(data, "title", str, path, "") or pid, self.strings(data, "urls", path),
            self.get(data, "summary", str, path, ""), self.get(data, "notes", str, path, ""),
            self.strings(data, "skills", path), self.strings(data, "milestones", path),
            self.day(data, "started", path), self.day(data, "finished", path),
        )

    def change(self, data: Any, path: tuple[str | int, ...]) -> Change:
        if not isinstance(data, dict) or not isinstance(data.get("at"), datetime):
            raise self.fail(path, "a history entry needs item, from, to and at (a date-time)")
        return Change(self.get(data, "item", str, path, ""),
                      self.status(data.get("from", "todo"), (*path, "from")),
                      self.status(data.get("to", "todo"), (*path, "to")),
                      self.stamp(data, "at", path) or data["at"])
