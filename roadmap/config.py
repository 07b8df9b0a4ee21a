"""`<home>/config.toml`: the one typed reader and editor of the user's settings.

Tables: `[profile]` (who the portfolio is about), `[tui]` (the theme), `[keymap]` (remapped
keys), `[pace]` (when work in progress is stale) and `[targets]` (a date per roadmap). Read
with tomllib (fast, strict); written with tomlkit by editing the parsed document in place
(`edit_key`), so comments, hand edits and the other tables survive a change byte for byte.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.insights.next import STALE_DAYS
from roadmap.paths import Paths
from roadmap.storage.atomic import atomic_write_text

TABLE = "profile"


class Profile(NamedTuple):
    """Who the portfolio is about; every field is optional and empty means "leave it out"."""

    name: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    email: str = ""
    website: str = ""
    github: str = ""
    linkedin: str = ""
    kaggle: str = ""
    huggingface: str = ""

    def is_empty(self) -> bool:
        return not any(self)


class KeyInfo(NamedTuple):
    """What one profile key holds, for help text, validation and the TUI's form labels."""

    key: str
    label: str
    help: str
    kind: str = "line"  # line | text | email | url | account
    limit: int = 200
    account_base: str = ""


KEYS: tuple[KeyInfo, ...] = (
    KeyInfo("name", "Name", "your name, as it should appear at the top"),
    KeyInfo("headline", "Headline", "headline or target role, e.g. 'Machine learning engineer'"),
    KeyInfo("summary", "Summary", "two or three sentences about you", kind="text", limit=2000),
    KeyInfo("location", "Location", "city and country, e.g. 'Berlin, Germany'"),
    KeyInfo("email", "Email", "contact address, shown as a mailto link", kind="email"),
    KeyInfo("website", "Website", "personal site or blog (http/https URL)", kind="url"),
    KeyInfo("github", "GitHub", "GitHub username or profile URL", kind="account",
            account_base="https://github.com/"),
    KeyInfo("linkedin", "LinkedIn", "LinkedIn profile name or URL", kind="account",
            account_base="https://www.linkedin.com/in/"),
    KeyInfo("kaggle", "Kaggle", "Kaggle username or profile URL", kind="account",
            account_base="https://www.kaggle.com/"),
    KeyInfo("huggingface", "Hugging Face", "Hugging Face username or profile URL",
            kind="account", account_base="https://huggingface.co/"),
)
KEY_INFO: Mapping[str, KeyInfo] = {k.key: k for k in KEYS}

_SYNONYMS = {
    "role": "headline", "target-role": "headline", "target_role": "headline",
    "title": "headline", "label": "headline", "job": "headline", "about": "summary",
    "bio": "summary", "city": "location", "country": "location", "mail": "email",
    "e-mail": "email", "url": "website", "homepage": "website", "blog": "website",
    "site": "website", "web": "website", "hf": "huggingface", "hugging-face": "huggingface",
    "gh": "github", "li": "linkedin",
}
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_ACCOUNT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$")


def canonical_key(key: str) -> str:
    """The profile key for what the user typed (`profile.name` and `name` are the same)."""
    bare = key.strip()
    bare = bare.removeprefix(f"{TABLE}.")
    if bare in KEY_INFO:
        return bare
    extra = model.did_you_mean(bare.lower(), KEY_INFO, _SYNONYMS)
    raise RoadmapError(
        f"unknown profile key '{model.visible(key, keep_newlines=False)}'{extra}; "
        f"keys: {', '.join(KEY_INFO)}"
    )


def is_email(text: str) -> bool:
    """A plausible address: one @, a dot in the domain, nothing that could break a link."""
    return bool(_EMAIL.match(text))


def clean_value(key: str, value: str) -> str:
    """The value to store for `key`, or RoadmapError saying what is wrong with it.

    Accounts may be given as a bare username and are stored as the full profile URL, so
    every exporter (and a hand reader of config.toml) sees a real link.
    """
    info = KEY_INFO[canonical_key(key)]
    try:
        model.check_encodable(value, info.key)
    except model.TextError as exc:
        raise RoadmapError(str(exc)) from None
    value = value.replace("\r\n", "\n").strip()
    if info.kind != "text" and "\n" in value:
        raise RoadmapError(f"{info.key}: must be a single line")
    bad = next((ch for ch in value if ch != "\n" and _is_control(ch)), None)
    if bad is not None:
        raise RoadmapError(f"{info.key}: contains a control character (U+{ord(bad):04X})")
    if len(value) > info.limit:
        raise RoadmapError(f"{info.key}: {len(value)} characters; the limit is {info.limit}")
    if not value:
        return value
    if info.kind == "email":
        value = value.removeprefix("mailto:")
        if not _EMAIL.match(value):
            raise RoadmapError(f"{info.key}: '{value}' is not an email address")
    elif info.kind == "account" and "/" not in value and ":" not in value:
        if not _ACCOUNT.match(value.removeprefix("@")):
            raise RoadmapError(f"{info.key}: '{value}' is not a username or an http(s) URL")
        value = info.account_base + value.removeprefix("@")
    elif info.kind in ("url", "account"):
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        if scheme not in ("http", "https"):
            hint = f"; did you mean 'https://{value}'?" if not scheme else ""
            raise RoadmapError(
                f"{info.key}: '{value}' is not an http(s) URL (only http and https links "
                f"are allowed){hint}"
            )
        if model.safe_link(value) is None:
            raise RoadmapError(f"{info.key}: '{value}' is not a valid http(s) URL")
    return value


def _is_control(ch: str) -> bool:
    """C0/C1 controls (tab and ESC included), line separators and bidi overrides.

    Zero-width joiners stay allowed: some scripts and emoji need them in a name.
    """
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in model.BIDI


# --------------------------------------------------------------------------- reading


def _read(paths: Paths) -> tuple[str, dict[str, Any]]:
    """The config file's text and its parsed data ('' and {} when there is none yet)."""
    from roadmap.storage import files

    path = paths.config
    raw = files.read_bytes(path, files.CONFIG_LIMIT, "config file")
    if raw is None:
        return "", {}
    text = files.decode(raw, path)
    return text, files.parse_toml(text, path)


class TuiConfig(NamedTuple):
    """What config.toml says about the TUI, and why part of it was ignored (shown once)."""

    theme: str | None = None
    keymap: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    problem: str | None = None
    hide_skipped: bool = False
    """`[tui] hide_skipped = true`: the tree leaves skipped items out (the `h` key)."""


_KEYS = re.compile(r"^[^\s,]+(?:,[^\s,]+)*$")
"""One or more Textual key names, comma-separated: "d", "ctrl+d", "f2,ctrl+x"."""


def load_tui(paths: Paths) -> TuiConfig:
    """The theme and the keymap; a broken file or table yields defaults plus the problem,
    never an error: the app must start whatever config.toml holds."""
    try:
        data = _read(paths)[1]
    except RoadmapError as exc:
        return TuiConfig(problem=f"{exc}; using default theme and keys")
    tui = data.get("tui", {})
    keymap = data.get("keymap", {})
    theme = tui.get("theme") if isinstance(tui, dict) else None
    theme = theme if isinstance(theme, str) else None
    if not isinstance(keymap, dict):
        return TuiConfig(theme, problem=f"{paths.config}: [keymap] must be a table of binding "
                         "id = \"key\"; using the default keys")
    keys = {str(k): v for k, v in keymap.items() if isinstance(v, str) and _KEYS.match(v)}
    bad = [str(k) for k in keymap if str(k) not in keys]
    problem = None
    if bad:
        problem = (f"{paths.config}: [keymap] {', '.join(bad)}: each value must be a key "
                   "name like \"d\" or \"ctrl+d\" (several: \"d,ctrl+d\"); ignored")
    hide = tui.get("hide_skipped", False) if isinstance(tui, dict) else False
    if not isinstance(hide, bool):
        problem = problem or (f"{paths.config}: [tui] hide_skipped must be true or false; "
                              "showing skipped items")
        hide = False
    return TuiConfig(theme, keys, problem, hide)


def save_theme(paths: Paths, theme: str) -> None:
    """Remember the chosen theme; leaves the rest of config.toml exactly as it was."""
    edit_key(paths, "tui", "theme", theme)


def save_hide_skipped(paths: Paths, hide: bool) -> None:
    """Remember whether the tree hides skipped items (`[tui] hide_skipped`); showing them,
    the default, removes the key rather than writing `false`."""
    edit_key(paths, "tui", "hide_skipped", True if hide else None)


def _read_table(paths: Paths) -> dict[str, Any]:
    table = _read(paths)[1].get(TABLE, {})
    if not isinstance(table, dict):
        raise RoadmapError(f"{paths.config}: '{TABLE}' must be a table ([{TABLE}])")
    return table


def load_profile(paths: Paths) -> Profile:
    """The profile from config.toml; an empty Profile when the file or table is missing.

    Values are checked as strictly as `config set` checks them, so a hand edit cannot
    smuggle a `javascript:` link into an export; a bad one names the file and key.
    """
    table = _read_table(paths)
    values: dict[str, str] = {}
    for key, value in table.items():
        where = f"{paths.config}: {TABLE}.{model.visible(key, keep_newlines=False)}"
        try:
            name = canonical_key(key)
        except RoadmapError as exc:
            raise RoadmapError(f"{paths.config}: {exc}") from None
        if not isinstance(value, str):
            raise RoadmapError(f"{where}: must be a string")
        try:
            values[name] = clean_value(name, value)
        except RoadmapError as exc:
            raise RoadmapError(f"{paths.config}: {TABLE}.{exc}") from None
    return Profile(**values)


def get_profile_field(paths: Paths, key: str) -> str:
    """One field's value, '' when unset."""
    return str(getattr(load_profile(paths), canonical_key(key)))


# --------------------------------------------------------------------------- writing


def set_profile_field(paths: Paths, key: str, value: str) -> str:
    """Validate and store one field (an empty value removes it); returns what was stored.

    Only the `[profile]` table's one key changes: the rest of config.toml, comments and
    formatting included, is written back exactly as it was read.
    """
    name = canonical_key(key)
    stored = clean_value(name, value)
    edit_key(paths, TABLE, name, stored or None)
    return stored


def unset_profile_field(paths: Paths, key: str) -> bool:
    """Remove a field; False when it was not set (nothing written)."""
    return edit_key(paths, TABLE, canonical_key(key), None)


def edit_key(paths: Paths, table_name: str, key: str,
             value: str | bool | int | date | None) -> bool:
    """Set (or, with None, remove) one key of one table; True when the file changed.

    The file is read once: tomllib refuses a broken file with its precise message before we
    touch anything, then tomlkit edits the same text in place, so comments, order and the
    other tables are written back exactly as they were. A new file is private (0600): it can
    hold an email address.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    path = paths.config
    text, _ = _read(paths)
    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise RoadmapError(f"{path}: {exc}") from None
    except RecursionError:
        raise RoadmapError(f"{path}: arrays or tables nested too deeply to edit") from None
    table = doc.get(table_name)
    if table is not None and not isinstance(table, dict):  # `profile = 3` by hand
        raise RoadmapError(f"{path}: '{table_name}' must be a table ([{table_name}]); nothing "
                           "was changed")
    if value is None:
        if table is None or key not in table:
            return False
        del table[key]
    else:
        if table is None:
            table = tomlkit.table()
            doc.add(table_name, table)
        elif table.get(key) == value:
            return False
        table[key] = value
    out = tomlkit.dumps(doc)
    if not out.endswith("\n"):
        out += "\n"
    paths.ensure_home()
    if path.is_symlink():  # write through the link (a dotfiles repo, say), keep the link
        path = Path(os.path.realpath(path))
    try:
        atomic_write_text(path, out, mode=None if path.exists() else 0o600)
    except OSError as exc:
        raise RoadmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return True


def profile_items(profile: Profile) -> list[tuple[str, str]]:
    """The set fields, in the documented key order, for `config show`."""
    return [(k.key, getattr(profile, k.key)) for k in KEYS if getattr(profile, k.key)]


def account_name(key: str, url: str) -> str:
    """The username inside an account URL, for JSON Resume's `profiles[].username`."""
    info = KEY_INFO[key]
    if info.account_base and url.startswith(info.account_base):
        return url[len(info.account_base):].strip("/").split("/")[0]
    path = urlsplit(url).path.strip("/")
    return path.split("/")[-1] if path else ""


# --------------------------------------------------------------------------- pace and targets

PACE_TABLE = "pace"
TARGETS_TABLE = "targets"
SETTINGS: Mapping[str, str] = {
    "pace.stale_days": "days without a change before work in progress is called stale "
                       "(default 14)",
}
"""Settings outside the profile that `config set/get/unset` take, with what each is for."""
STALE_DEFAULT = STALE_DAYS
STALE_LIMIT = 3650


class PaceConfig(NamedTuple):
    """`[pace]` and `[targets]` (one date per roadmap id): off, 14 days, by default."""

    stale_days: int = STALE_DEFAULT
    targets: dict[str, date] = {}  # noqa: RUF012 - a NamedTuple default, never mutated


def _stale_days(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= STALE_LIMIT:
        raise RoadmapError(f"{where}: must be a whole number of days from 1 to {STALE_LIMIT}")
    return value


def load_pace(paths: Paths) -> PaceConfig:
    """The stale-days setting and the target dates; a wrong value names the file and key."""
    data = _read(paths)[1] if paths.config.exists() or paths.config.is_symlink() else {}
    pace = data.get(PACE_TABLE, {})
    targets = data.get(TARGETS_TABLE, {})
    for name, table in ((PACE_TABLE, pace), (TARGETS_TABLE, targets)):
        if not isinstance(table, dict):
            raise RoadmapError(f"{paths.config}: '{name}' must be a table ([{name}])")
    stale = STALE_DEFAULT
    if "stale_days" in pace:
        stale = _stale_days(pace["stale_days"], f"{paths.config}: {PACE_TABLE}.stale_days")
    found: dict[str, date] = {}
    for key, value in targets.items():
        if isinstance(value, datetime) or not isinstance(value, date):
            raise RoadmapError(f"{paths.config}: {TARGETS_TABLE}."
                               f"{model.visible(str(key), keep_newlines=False)}: must be a date "
                               "like 2027-06-01 (no quotes)")
        found[str(key)] = value
    return PaceConfig(stale, found)


def setting_key(key: str) -> str | None:
    """The setting `key` names (`pace.stale_days`, or `stale_days` alone), None for another."""
    bare = key.strip()
    if bare in SETTINGS:
        return bare
    dotted = f"{PACE_TABLE}.{bare}"
    return dotted if dotted in SETTINGS else None


def set_setting(paths: Paths, key: str, value: str) -> str:
    """Store one setting from the text typed (an empty value removes it); what was stored."""
    if not value.strip():
        unset_setting(paths, key)
        return ""
    table, name = key.split(".", 1)
    text = value.strip()
    stored = _stale_days(int(text) if text.isdigit() else None, key)
    edit_key(paths, table, name, stored)
    return str(stored)


def get_setting(paths: Paths, key: str) -> str:
    """A setting's value as config.toml holds it, '' when unset."""
    name = key.split(".", 1)[1]
    pace = load_pace(paths)  # checks the value as it reads it
    raw = _read(paths)[1].get(PACE_TABLE, {})
    return str(pace.stale_days) if name in raw else ""


def unset_setting(paths: Paths, key: str) -> bool:
    table, name = key.split(".", 1)
    return edit_key(paths, table, name, None)


def set_target(paths: Paths, roadmap_id: str, day: date | None) -> bool:
    """Set (or, with None, clear) a roadmap's target date; True when the file changed."""
    return edit_key(paths, TARGETS_TABLE, roadmap_id, day)
