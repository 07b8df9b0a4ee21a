"""Job postings for both front ends: read one from a file or a pipe, find a saved one, keep
or drop one in the state file. The matching itself is `roadmap.insights.posting`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from roadmap import model, storage
from roadmap.application.opening import open_writing
from roadmap.application.session import utc_now
from roadmap.errors import RoadmapError
from roadmap.model import Posting, UserState
from roadmap.paths import Paths

POSTING_FILE_LIMIT = 4 * 1024 * 1024
"""Largest posting file read: a job board's saved page with its markup is well under this."""


def decode_posting(raw: bytes, where: str) -> str:
    """Text from a posting's bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a
    mark, else Windows-1252 (what copied-and-saved postings on Windows often are). A file
    with NUL bytes and no UTF-16 mark is not text, and says so."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise RoadmapError(f"{where}: is not readable UTF-16 text") from None
    if b"\x00" in raw[:8192]:
        raise RoadmapError(f"{where}: is not a text file (it holds NUL bytes); give a posting "
                           "as plain text, Markdown or HTML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.removeprefix("\ufeff")


def read_posting(source: str, stdin: BinaryIO | None = None) -> tuple[str, str]:
    """(text, what to call it) from a file path or `-` for standard input; one-line errors
    for a missing file, a folder, a pipe, a file too large or bytes that are not text."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(POSTING_FILE_LIMIT + 1)
        if len(raw) > POSTING_FILE_LIMIT:
            raise RoadmapError(f"standard input: the posting is larger than "
                               f"{POSTING_FILE_LIMIT // (1024 * 1024)} MiB")
        where = "standard input"
    else:
        path = Path(source).expanduser()
        found = storage.read_bytes(path, POSTING_FILE_LIMIT, "posting")
        if found is None:
            raise RoadmapError(f"{source}: no such file")
        raw, where = found, source
    text = decode_posting(raw, where)
    if not text.strip():
        raise RoadmapError(f"{where}: the posting is empty")
    return text, where


def find_posting(state: UserState, name: str) -> Posting:
    """The saved posting of that name, or a one-line error naming the closest one."""
    found = state.postings.get(name)
    if found is None:
        hint = model.did_you_mean(name, state.postings)
        saved = (f"; saved: {', '.join(sorted(state.postings))}" if state.postings and not hint
                 else "" if hint else "; none saved yet ('roadmap gap FILE --save NAME')")
        raise RoadmapError(f"no saved posting '{model.visible(name, keep_newlines=False)}'"
                           f"{hint}{saved}")
    return found


def posting_or_file(state: UserState, source: str,
                    stdin: BinaryIO | None = None) -> tuple[str, str]:
    """(text, label) for a word that names a file, `-`, or a saved posting: a file of that
    name wins, so `gap ./backend` always reads the file."""
    if source != "-" and not Path(source).expanduser().exists():
        if source in state.postings:
            return state.postings[source].text, source
        hint = model.did_you_mean(source, state.postings)
        raise RoadmapError(f"{model.visible(source, keep_newlines=False)}: no such file, and "
                           f"no saved posting of that name{hint}")
    return read_posting(source, stdin)


def make_posting(name: str, text: str, today: date | None = None) -> Posting:
    """A posting ready to keep, stamped with today's date; RoadmapError if it cannot be."""
    try:
        posting = model.check_posting(name, text)
    except model.TextError as exc:
        raise RoadmapError(f"{exc}; nothing was saved") from None
    return posting._replace(saved=today or utc_now().date())


def save_posting(paths: Paths, name: str, text: str,
                 warn: Callable[[str], None] | None = None) -> bool:
    """Keep a posting under `name` (replacing one of that name); True if it was new."""
    posting = make_posting(name, text)
    with open_writing(paths, warn=warn) as opened:
        new = name not in opened.state.postings
        opened.state.postings[name] = posting
        opened.store.save()
    return new


def remove_posting(paths: Paths, name: str, warn: Callable[[str], None] | None = None) -> None:
    with open_writing(paths, warn=warn) as opened:
        find_posting(opened.state, name)
        del opened.state.postings[name]
        opened.store.save()
