"""Ids the user typed, checked against what exists, with the hint that helps most."""

from __future__ import annotations

from collections.abc import Iterable

from roadmap import model
from roadmap.errors import RoadmapError


def unknown_id(ids: Iterable[str], known: Iterable[str], what: str = "item",
               roadmap: model.Roadmap | None = None) -> str | None:
    """Why the first of `ids` that does not exist is refused (None when all exist): named,
    with the id the template renamed it to (`replaces`) or else the closest match."""
    choices = list(known)
    known_set = set(choices)
    for item_id in ids:
        if item_id not in known_set:
            renamed = roadmap.renamed(item_id) if roadmap is not None else None
            extra = (f" (the template renamed it to '{renamed}')" if renamed in known_set
                     else model.did_you_mean(item_id, choices))
            return f"unknown {what} '{item_id}'{extra}"
    return None


def check_ids(ids: Iterable[str], known: Iterable[str], what: str = "item",
              roadmap: model.Roadmap | None = None) -> None:
    """Every id must exist; RoadmapError naming the first that does not (see `unknown_id`)."""
    problem = unknown_id(ids, known, what, roadmap)
    if problem is not None:
        raise RoadmapError(problem)


def find_project(rs: model.RoadmapState, project_id: str) -> model.Project:
    """The project with that id, or RoadmapError naming the closest one."""
    found = rs.projects.get(project_id)
    if found is None:
        raise RoadmapError(f"unknown project '{project_id}'"
                           f"{model.did_you_mean(project_id, rs.projects)}")
    return found
