"""Find and load roadmap templates: the bundled ones and the user's own.

Validation lives in `roadmap.catalog.validate`; this module decides which file a roadmap id means.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.paths import Paths, bundled_templates_dir

__all__ = [
    "DEFAULT_ROADMAP", "RoadmapError", "TemplateInfo", "discover", "load_roadmap",
    "load_template", "parse_template", "template_files",
]

DEFAULT_ROADMAP = "ml-engineer"


def _sources(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value or ())


def _resources(value: Any) -> tuple[model.Resource, ...]:
    return tuple(model.Resource(r["name"], r["url"]) for r in value or ())


def _estimate(value: Any) -> model.Estimate | None:
    if value is None:
        return None
    return model.Estimate(value["min_weeks"], value["max_weeks"], value.get("basis", ""))


def _item(cls: Callable[..., model.Item], data: Mapping[str, Any]) -> model.Item:
    return cls(
        id=data["id"],
        title=data["title"],
        summary=data.get("summary", ""),
        skills=tuple(data.get("skills", ())),
        resources=_resources(data.get("resources")),
        sources=_sources(data.get("source")),
        replaces=tuple(data.get("replaces", ())),
        aliases=tuple(data.get("aliases", ())),
        evidence=data.get("evidence", ""),
    )


def _build(data: Mapping[str, Any], origin: str) -> model.Roadmap:
    """Model objects from data that already passed validation."""

    def groups(key: str, child: str, cls: Any, item_cls: Any) -> tuple[Any, ...]:
        return tuple(
            cls(
                id=g["id"],
                title=g["title"],
                summary=g.get("summary", ""),
                items=tuple(_item(item_cls, i) for i in g.get(child, ())),
                resources=_resources(g.get("resources")),
                sources=_sources(g.get("source")),
                estimate=_estimate(g.get("estimate")),
            )
            for g in data.get(key, ())
        )

    return model.Roadmap(
        id=data["id"],
        title=data["title"],
        summary=data.get("summary", ""),
        version=data.get("version", ""),
        steps=groups("steps", "milestones", model.Step, model.Milestone),
        skill_groups=groups("skill_groups", "skills", model.SkillGroup, model.Skill),
        readiness=groups("readiness", "items", model.ReadinessGroup, model.Check),
        sources=tuple(
            model.Source(
                id=s["id"],
                title=s["title"],
                publisher=s.get("publisher", ""),
                author=s.get("author", ""),
                published=s.get("published", ""),
                url=s.get("url", ""),
            )
            for s in data.get("sources", ())
        ),
        origin=origin,
        estimate=_estimate(data.get("estimate")),
    )


def parse_template(text: str, path: str) -> model.Roadmap:
    """Validate template text and build the roadmap, or raise TemplateError with every problem."""
    import tomllib  # these two only on a cache miss: a warm start never parses a template

    from roadmap.catalog.validate import TemplateError, check, syntax_problem

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError([syntax_problem(path, text, exc)]) from None
    except RecursionError:
        raise RoadmapError(f"{path}: not a template roadmap can read (arrays or tables nested "
                           "too deeply)") from None
    problems = check(data, text, path)
    if problems:
        raise TemplateError(problems)
    return _build(data, path)


def load_template(path: Path, cache_dir: Path | None = None) -> model.Roadmap:
    """Read and validate one template file; with `cache_dir`, unchanged bytes skip the parse
    (a valid template only: a broken one is parsed, and reported, every time)."""
    from roadmap.storage import files

    raw = files.read_bytes(path, files.TEMPLATE_LIMIT, "template")
    if raw is None:
        raise RoadmapError(f"{path}: cannot read template: No such file or directory")
    if cache_dir is None:
        return _parse_raw(path, raw)
    from roadmap.storage import cache

    name = f"template-{path.stem}-{zlib.crc32(str(path).encode()):08x}"
    found = cache.load(cache_dir, name, str(path), raw)
    if isinstance(found, model.Roadmap):
        return found
    roadmap = _parse_raw(path, raw)
    from roadmap.insights.lexicon import kept

    roadmap.names_index = kept(roadmap)  # built once here, not at every process's first match
    cache.save(cache_dir, name, str(path), raw, roadmap)
    return roadmap


def _parse_raw(path: Path, raw: bytes) -> model.Roadmap:
    from roadmap.catalog.validate import Problem, TemplateError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TemplateError([Problem(str(path), line, col, "file is not valid UTF-8")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_template(text, str(path))


# --------------------------------------------------------------------------- discovery


class TemplateInfo(NamedTuple):
    """A template found on disk, loaded or not (a broken user template is still listed)."""

    id: str
    path: Path
    origin: str  # "bundled" or "user"
    roadmap: model.Roadmap | None
    error: str = ""


def template_files(paths: Paths) -> Iterable[tuple[str, Path]]:
    """(origin, path) for every template file, bundled first."""
    for origin, folder in (("bundled", bundled_templates_dir()), ("user", paths.templates)):
        if folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                yield origin, file


def discover(paths: Paths) -> list[TemplateInfo]:
    """All templates; a user template with a bundled one's id overrides it."""
    found: dict[str, TemplateInfo] = {}
    clashes: list[TemplateInfo] = []
    for origin, file in template_files(paths):
        try:
            roadmap = load_template(file, paths.cache)
        except RoadmapError as exc:
            first = str(exc).splitlines()[0].removeprefix(f"{file}: ")  # listed with its path
            found[f"{file.stem}@{origin}"] = TemplateInfo(file.stem, file, origin, None, first)
            continue
        info = TemplateInfo(roadmap.id, file, origin, roadmap)
        other = found.get(roadmap.id)
        if other is not None and other.origin == origin:
            # Two files of one folder, one id: the file named after the id is the one
            # `load_roadmap` reads, so it wins here too; the other is listed as ignored.
            if file.stem == roadmap.id:
                info, other = other, info
                found[roadmap.id] = other
            clashes.append(info._replace(
                roadmap=None, error=f"also defines roadmap '{roadmap.id}' (like "
                f"{other.path.name}), so it is ignored; give it its own id"))
            continue
        found[roadmap.id] = info
    return list(found.values()) + clashes


def check_id(roadmap_id: str) -> str:
    """A roadmap id is kebab-case: it names a file, so nothing else may reach the disk."""
    if not model.ID_PATTERN.match(roadmap_id):
        raise RoadmapError(f"'{roadmap_id}' is not a roadmap id (kebab-case: a-z, 0-9 and "
                           "'-'; see 'roadmap templates')")
    return roadmap_id


def load_roadmap(paths: Paths, roadmap_id: str = DEFAULT_ROADMAP) -> model.Roadmap:
    """The validated roadmap with that id: the user's own template first, then the bundled one.

    Files are named after their id, so the common case reads one file; only a misnamed or
    unknown id makes us read the whole folder, once.
    """
    check_id(roadmap_id)
    misnamed: tuple[Path, str] | None = None
    for folder in (paths.templates, bundled_templates_dir()):
        candidate = folder / f"{roadmap_id}.toml"
        if candidate.exists():
            roadmap = load_template(candidate, paths.cache)
            if roadmap.id == roadmap_id:
                return roadmap
            misnamed = (candidate, roadmap.id)
            break
    known = [info for info in discover(paths) if info.roadmap is not None]
    for info in known:
        if info.id == roadmap_id and info.roadmap is not None:
            return info.roadmap
    if misnamed is not None:
        path, actual = misnamed
        raise RoadmapError(f"{path}: defines roadmap '{actual}', not '{roadmap_id}'")
    ids = sorted(info.id for info in known)
    extra = model.did_you_mean(roadmap_id, ids) or f" (known: {', '.join(ids)})"
    raise RoadmapError(f"unknown roadmap '{roadmap_id}'{extra}")
