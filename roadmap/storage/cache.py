"""A cache of parsed files: what tomllib and our builders made from a file's exact bytes.

At 10,000 items tomllib takes ~0.4 s on the state file and ~0.2 s on the template, while
unpickling the same objects takes ~0.04 s each. A user who opens the app twenty times a day
then pays for a parse once per change, not once per start.

An entry is used only for the very same bytes (the entry holds a copy of them, compared in
full, so no hash can collide), written by the same code (roadmap's version and the mtimes of
the modules that build the objects), from a file only this user can write. Anything else,
or any error at all, is a miss: the caller parses as if there were no cache. A cache write
never fails a command either. The one loud failure is a bug: a module in BUILDERS that does
not exist.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from functools import cache
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from roadmap import __version__
from roadmap.storage import atomic

MAGIC = b"roadmap parse cache 1\n"
BUILDERS = ("roadmap.catalog.find", "roadmap.catalog.validate", "roadmap.catalog.format",
            "roadmap.storage.files",
            "roadmap.storage.reading", "roadmap.storage.decode", "roadmap.model.template",
            "roadmap.model.state", "roadmap.insights.lexicon", "roadmap.insights.terms")
"""The modules whose code decides what a parse yields: a change to any of them is a miss.

Full module names, each checked: one that no longer exists (renamed, moved) is a
`MissingBuilder` error at the first cache use, never a silently stale entry."""


class MissingBuilder(RuntimeError):
    """A module listed in BUILDERS does not exist: the list must follow the rename (a bug)."""


def builder_file(name: str) -> str:
    """The source file of module `name`, found as `import` would find it but without importing
    it: a warm start must not pay for the template checker just to stamp the cache."""
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__file__", None):
        return str(module.__file__)
    package, _, leaf = name.rpartition(".")
    search = None if not package else _package_path(package, name)
    spec = PathFinder.find_spec(leaf, search)
    if spec is None or not spec.origin:
        raise MissingBuilder(f"parse cache: builder module {name} does not exist "
                             "(update roadmap.storage.cache.BUILDERS)")
    return spec.origin


def _package_path(package: str, name: str) -> list[str]:
    module = sys.modules.get(package)
    if module is not None and hasattr(module, "__path__"):
        return list(module.__path__)
    parent, _, leaf = package.rpartition(".")
    spec = PathFinder.find_spec(leaf, _package_path(parent, name) if parent else None)
    if spec is None or spec.submodule_search_locations is None:
        raise MissingBuilder(f"parse cache: builder module {name} does not exist "
                             f"(no package {package}; update roadmap.storage.cache.BUILDERS)")
    return list(spec.submodule_search_locations)


@cache
def _stamp() -> bytes:
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for name in BUILDERS:
        path = builder_file(name)
        try:
            st = os.stat(path)
        except OSError:
            raise MissingBuilder(f"parse cache: builder module {name} has no readable source "
                                 f"({path})") from None
        parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
    return " ".join(parts).encode()


def _key(context: str, source: bytes) -> bytes:
    head = b"%s%s\n%s\n%d\n" % (MAGIC, _stamp(), context.encode("utf-8", "replace"), len(source))
    return head + source


def _entry(folder: Path, name: str) -> Path:
    return folder / f"{name}.pickle"


def _private(st: os.stat_result) -> bool:
    """Ours and writable by nobody else: pickle runs code, so no one else may plant one.

    On Windows the mode bits say nothing (every file reads as 0o666); the per-user local
    app-data folder the cache lives in is private by its access list instead."""
    if os.name == "nt":
        return True
    return not st.st_mode & 0o022 and st.st_uid == os.getuid()


def load(folder: Path, name: str, context: str, source: bytes) -> Any | None:
    """The object saved for exactly these bytes (and context), or None."""
    try:
        if not _private(folder.stat()):
            return None
        with open(_entry(folder, name), "rb") as fh:
            if not _private(os.fstat(fh.fileno())):
                return None
            blob = fh.read()
    except OSError:
        return None
    key = _key(context, source)
    if not blob.startswith(key):
        return None
    try:
        return pickle.loads(memoryview(blob)[len(key):])
    except Exception:  # a torn or foreign entry is a miss, whatever it raises
        return None


def save(folder: Path, name: str, context: str, source: bytes, value: Any) -> None:
    """Remember `value` as what `source` parses to; best effort, silent on any failure."""
    target = _entry(folder, name)
    key = _key(context, source)  # outside the try: a MissingBuilder is a bug, said loudly
    tmp: Path | None = None
    try:
        data = key + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = atomic.temp_name(target)
        atomic.write_new(tmp, data, 0o600)
        os.replace(tmp, target)
        _sweep(folder)
    except Exception:  # a cache that cannot be written only means the next start parses
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _sweep(folder: Path) -> None:
    """Temp files of writes killed half-way, once they are surely not being written."""
    old = time.time() - 600
    for stray in folder.glob("*.pickle.*.tmp"):
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < old:
                stray.unlink()
