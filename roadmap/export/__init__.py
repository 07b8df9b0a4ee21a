"""Portfolio export: one view-model, four renderers, and a careful file writer.

`render()` is pure (data in, text out) and is what the CLI and the TUI's export dialog both
call; `write_export()` is the only place an export touches the disk. Nothing here imports
textual, so `roadmap export` starts fast.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from roadmap import model
from roadmap.config import Profile
from roadmap.errors import RoadmapError
from roadmap.export.html import to_html
from roadmap.export.jsonout import (
    EXPORT_SCHEMA,
    EXPORT_SCHEMA_VERSION,
    schema_text,
    to_json,
    to_json_resume,
)
from roadmap.export.markdown import to_markdown
from roadmap.export.portfolio import Portfolio, build_portfolio
from roadmap.model import Roadmap, RoadmapState
from roadmap.paths import Paths
from roadmap.storage.atomic import TargetExists, atomic_write_text

__all__ = [
    "AUDIENCES",
    "EXPORT_SCHEMA",
    "EXPORT_SCHEMA_VERSION",
    "FORMATS",
    "SUFFIXES",
    "Portfolio",
    "build_portfolio",
    "format_for_path",
    "render",
    "schema_text",
    "to_html",
    "to_json",
    "to_json_resume",
    "to_markdown",
    "write_export",
]

FORMATS = ("markdown", "html", "json", "json-resume")

AUDIENCES = ("portfolio", "employer")
"""Who an export is for: the learner's portfolio (the default) or an employer (projects
first, skills with their evidence, no roadmap progress; see export/employer.py)."""

SUFFIXES = {"markdown": ".md", "html": ".html", "json": ".json", "json-resume": ".resume.json"}
"""The file suffix each format writes; `format_for_path` reads them back."""

_RENDERERS: dict[str, Callable[[Portfolio], str]] = {
    "markdown": to_markdown,
    "html": to_html,
    "json": to_json,
    "json-resume": to_json_resume,
}


def check_format(fmt: str) -> str:
    """`fmt` if it is a known format, else a one-line error with the closest one."""
    if fmt in _RENDERERS:
        return fmt
    extra = model.did_you_mean(fmt, FORMATS)
    raise RoadmapError(f"unknown export format '{model.visible(fmt, keep_newlines=False)}'"
                       f"{extra}; formats: {', '.join(FORMATS)}")


def render(
    fmt: str,
    roadmap: Roadmap,
    state: RoadmapState,
    profile: Profile,
    *,
    include_notes: bool = False,
    stamp: datetime | date | str | None = None,
    audience: str = "portfolio",
    posting: str | None = None,
) -> str:
    """The portfolio in one of FORMATS. Same data in, same text out, unless `stamp` is given
    (then it is printed as the generation time). `audience="employer"` gives the employer's
    view, ordered by `posting` (a job posting's text) when one is given."""
    if audience == "employer":
        from roadmap.export.employer import EMPLOYER_RENDERERS, build_employer

        view = build_employer(roadmap, state, profile, posting=posting,
                              include_notes=include_notes, stamp=stamp)
        return EMPLOYER_RENDERERS[check_format(fmt)](view)
    renderer = _RENDERERS[check_format(fmt)]
    return renderer(build_portfolio(roadmap, state, profile, include_notes=include_notes,
                                    stamp=stamp))


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for (`cv.html` -> html, `resume.json` -> json-resume)."""
    name = path.name.lower()
    if name == "resume.json" or name.endswith(".resume.json"):
        return "json-resume"
    suffix = path.suffix.lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".json": "json"}.get(suffix)


def _protected(paths: Paths) -> set[Path]:
    files = {paths.state, paths.backup, paths.lock, paths.config}
    return {Path(os.path.realpath(f)) for f in files}


def check_target(path: Path, *, force: bool, paths: Paths) -> None:
    """Refuse a target an export must never replace; the TUI calls this before asking."""
    real = Path(os.path.realpath(path))
    home = Path(os.path.realpath(paths.home))
    own = real in _protected(paths) or (
        real.parent == home and real.name.startswith(("state.", "config."))
    ) or (real.parent == Path(os.path.realpath(paths.templates)) and real.suffix == ".toml")
    if own:
        raise RoadmapError(f"{path}: is one of roadmap's own data files; export somewhere else")
    try:
        st = path.stat()
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise RoadmapError(f"{path}: folder {path.parent} does not exist") from None
        return
    except OSError as exc:
        raise RoadmapError(f"{path}: cannot check: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise RoadmapError(f"{path}: is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise RoadmapError(f"{path}: is not a regular file; give a file name")
    if not force:
        raise RoadmapError(f"{path}: already exists; use --force to overwrite it")


def write_export(path: Path, text: str, *, force: bool, paths: Paths) -> None:
    """Write an export atomically: readers see the old file or the new one, never half.

    Without `force` an existing file is left byte-identical, even one that appears between
    our check and our write. roadmap's own files and folders are always refused.
    """
    path = Path(path)
    check_target(path, force=force, paths=paths)
    try:
        atomic_write_text(path, text, overwrite=force)
    except TargetExists:
        raise RoadmapError(f"{path}: already exists; use --force to overwrite it") from None
    except IsADirectoryError:
        raise RoadmapError(f"{path}: is a folder; give a file name") from None
    except OSError as exc:
        raise RoadmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
