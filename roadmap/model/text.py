"""Rules for user text: what can be stored, and how it is shown safely in a terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

NOTE_LIMIT = 64 * 1024
"""Largest note, in UTF-8 bytes: beyond this a note is a document and belongs in a file."""

class TextError(ValueError):
    """User text that cannot be stored as it is; the message says why."""


def clean_note(text: str, what: str = "note") -> str:
    """Normalise a note for storage: LF line ends, no lone surrogates, at most 64 KiB."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_encodable(text, what)
    size = len(text.encode("utf-8"))
    if size > NOTE_LIMIT:
        raise TextError(f"{what} is {size:,} bytes; the limit is {NOTE_LIMIT:,} (64 KiB)")
    return text


def check_encodable(text: str, what: str) -> None:
    """Refuse text that cannot be written as UTF-8 (lone surrogates from broken input)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise TextError(
            f"{what} contains an invalid character (lone surrogate U+{ord(text[exc.start]):04X} "
            f"at position {exc.start}); it cannot be saved as UTF-8"
        ) from None


def check_line(text: str, what: str) -> None:
    """Refuse control characters (tab and newline too), line separators and bidi overrides
    in one-line text such as a title: it is printed in terminals, tree lines and exports."""
    check_encodable(text, what)
    for n, ch in enumerate(text):
        if ch in BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            raise TextError(f"{what} contains a control character (U+{ord(ch):04X} at position "
                            f"{n}); it must be one line of plain text")


BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
_JSON_INVISIBLE = re.compile("[\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI)) + "]")


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """Replace terminal control characters (C0, DEL, C1, bidi overrides) with visible marks.

    User text must never drive the terminal: ESC could move the cursor, a bidi override could
    make a line read backwards. Control pictures (U+2400 block) keep the text inspectable.
    """
    if text.isprintable() and not (BIDI & set(text)):
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0 or ch in BIDI or unicodedata.category(ch) == "Cc":
            out.append(f"<U+{code:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def cells(text: str) -> int:
    """The terminal columns `text` takes, for lining up plain-text columns: East Asian wide
    and full-width characters take two, combining marks and format characters none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf"
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_cells(text: str, width: int) -> str:
    """`text` in exactly `width` columns: padded with spaces, or cut to end in '…'."""
    size = cells(text)
    if size <= width:
        return text + " " * (width - size)
    if width <= 0:
        return ""
    out, used = [], 0
    for ch in text:
        step = cells(ch)
        if used + step > width - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + "…" + " " * max(width - 1 - used, 0)


def one_line(text: str) -> str:
    """User text for one line of a terminal: control characters, newlines included, shown as
    visible marks (see `visible`)."""
    return visible(text, keep_newlines=False)


def json_text(data: object) -> str:
    """JSON for scripts and files: UTF-8 kept readable, but DEL, C1 controls, line separators
    and bidi overrides written as \\uXXXX escapes (json already escapes C0), so printing it
    to a terminal can never drive the terminal. Same data, same bytes."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def slugify(text: str, fallback: str = "project") -> str:
    """A kebab-case id from a title, for new projects and own items (`fallback` when the
    title has no letter or digit to make one from)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:48].strip("-") or fallback


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def _closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of `choices` to `word`, or None when nothing is close."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str],
                 aliases: Mapping[str, str] | None = None) -> str:
    """" (did you mean 'x'?)" for the closest choice (or the alias `word` stands for), else
    "": the one wording of the hint every "unknown ..." error ends with."""
    hint = (aliases or {}).get(word) or _closest(word, choices)
    return f" (did you mean '{visible(hint, keep_newlines=False)}'?)" if hint else ""
