"""Every filesystem location roadmap uses, decided in one place.

The home folder comes from `--home`, then `ROADMAP_HOME`, then the platform's per-user data
folder, so tests and power users can point the whole app somewhere else with one variable.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

from roadmap.errors import RoadmapError

ENV_HOME = "ROADMAP_HOME"
APP_NAME = "roadmap"


def default_home() -> Path:
    """The platform's per-user data folder (no vendor folder on Windows)."""
    found = _xdg_folder("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_home() -> Path:
    """The platform's per-user cache folder for roadmap."""
    found = _xdg_folder("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def _xdg_folder(variable: str, fallback: str) -> Path | None:
    """On Linux, platformdirs' answer without importing it: every command needs the cache
    folder, and platformdirs (with the tempfile and random it imports) costs ~20 ms of a
    ~150 ms `roadmap pace`. Only the plain cases, where every platformdirs 4.x agrees: the
    variable holding an absolute path, or unset or blank with an absolute HOME. Anything
    else (a relative variable, which older versions used as written and newer ones ignore;
    no absolute HOME; Android; another system) is left to platformdirs.
    tests/test_paths.py holds this to platformdirs' own answers."""
    if (sys.platform != "linux" or "ANDROID_DATA" in os.environ
            or hasattr(sys, "getandroidapilevel")):
        return None
    value = os.environ.get(variable, "")
    if value.strip():
        return Path(value, APP_NAME) if os.path.isabs(value) else None
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return Path(home.rstrip("/") + "/" + fallback, APP_NAME)  # as expanduser: "//" is "/"


def expand_user(text: str, what: str = "path") -> Path:
    """`~` and `~user` expanded; an unknown user is a one-line error, not a RuntimeError."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        name = text.split("/", 1)[0]
        raise RoadmapError(f"{what} '{text}': there is no user '{name[1:]}' for '{name}' "
                           "to expand to") from None


def resolve_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The roadmap home: explicit override, then $ROADMAP_HOME, then platformdirs."""
    if override:
        return expand_user(os.fspath(override), "--home").absolute()
    env = os.environ.get(ENV_HOME)
    if env:
        return expand_user(env, ENV_HOME).absolute()
    return default_home()


class Paths(NamedTuple):
    """The files inside one roadmap home, and where its parse cache lives."""

    home: Path
    cache_home: Path | None = None
    """The platform's per-user cache folder for the default home; else `home/cache`."""

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | None = None) -> Paths:
        """The home as chosen (see `resolve_home`); its cache is in the per-user cache folder,
        never in the home itself, which may be synced or shared: a cache entry is a pickle."""
        home = resolve_home(override)
        cache = user_cache_home()
        if override or os.environ.get(ENV_HOME):  # one folder per home, so they never thrash
            cache = cache / f"{home.name}-{zlib.crc32(os.fsencode(home)):08x}"
        return cls(home, cache)

    @property
    def cache(self) -> Path:
        """Parsed copies of the state and templates (roadmap/storage/cache.py); safe to delete."""
        return self.cache_home if self.cache_home is not None else self.home / "cache"

    @property
    def state(self) -> Path:
        return self.home / "state.toml"

    @property
    def backup(self) -> Path:
        return self.home / "state.toml.bak"

    @property
    def lock(self) -> Path:
        return self.home / "state.lock"

    @property
    def config(self) -> Path:
        return self.home / "config.toml"

    @property
    def templates(self) -> Path:
        """The user's own templates, found next to the bundled ones."""
        return self.home / "templates"

    def ensure_home(self) -> None:
        """Create the home folder private to the user (0700) when it is missing."""
        if not self.home.is_dir():
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)


def bundled_templates_dir() -> Path:
    """Templates shipped in the wheel, or the repo's `templates/` in an editable install."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"
