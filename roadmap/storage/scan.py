"""The one TOML scanner: keys, and where values end, without parsing the values.

tomllib reports positions only for syntax errors; a wrong type or a duplicate id found later
needs its own map from key path to position (`Locator`, for `file:line:col` messages), and a
save needs the file cut at its table headers (roadmap.storage.sections). This scanner
understands just enough TOML (strings, comments, brackets, headers, dotted and quoted keys)
for both.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]
Pos = tuple[int, int]

BARE = re.compile(r"[A-Za-z0-9_-]+")
"""A key that needs no quotes."""
MAY_SPAN = re.compile(r"[\[{]|\"\"\"|'''")
"""A value that may go on past its line starts with one of these (a cheap first test)."""


def parse_key(line: str, start: int) -> tuple[list[str], int]:
    """Parse a (dotted, possibly quoted) key at `start`; return parts and the end index."""
    parts: list[str] = []
    i = start
    n = len(line)
    while i < n:
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] in "\"'":
            quote = line[i]
            j = i + 1
            buf: list[str] = []
            while j < n and line[j] != quote:
                if quote == '"' and line[j] == "\\" and j + 1 < n:
                    buf.append(line[j + 1])
                    j += 2
                    continue
                buf.append(line[j])
                j += 1
            parts.append("".join(buf))
            i = j + 1
        else:
            m = BARE.match(line, i)
            if not m:
                break
            parts.append(m.group())
            i = m.end()
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == ".":
            i += 1
            continue
        break
    return parts, i


def skip_value(lines: list[str], row: int, col: int) -> int:
    """The row after a value that starts at (row, col): strings and brackets may span lines."""
    depth = 0
    r, c = row, col
    while r < len(lines):
        line = lines[r]
        while c < len(line):
            ch = line[c]
            if line.startswith('"""', c) or line.startswith("'''", c):
                r, c = skip_multiline(lines, r, c + 3, line[c : c + 3])
                line = lines[r] if r < len(lines) else ""
                continue
            if ch in "\"'":
                c = skip_string(line, c)
                continue
            if ch == "#":
                break
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
            c += 1
        r += 1
        c = 0
        if depth <= 0:
            return r
    return r


def skip_string(line: str, c: int) -> int:
    """The column after the one-line string that opens at `c`."""
    quote = line[c]
    c += 1
    while c < len(line):
        if quote == '"' and line[c] == "\\":
            c += 2
            continue
        if line[c] == quote:
            return c + 1
        c += 1
    return c


def skip_multiline(lines: list[str], r: int, c: int, delim: str) -> tuple[int, int]:
    """(row, column) after the multi-line string whose body starts at (r, c)."""
    while r < len(lines):
        line = lines[r]
        while c < len(line):
            if delim == '"""' and line[c] == "\\":
                c += 2
                continue
            if line.startswith(delim, c):
                end = c + 3
                while end < len(line) and line[end] == delim[0]:
                    end += 1
                return r, end
            c += 1
        r += 1
        c = 0
    return r, 0


def statement_end(lines: list[str], row: int, col: int) -> int:
    """The row after the `key = value` line at `row` (its key starts at `col`)."""
    line = lines[row]
    if not MAY_SPAN.search(line, col):
        return row + 1
    _, end = parse_key(line, col)
    eq = line.find("=", end)
    return skip_value(lines, row, eq + 1 if eq >= 0 else end)


class _Scanner:
    """Walks TOML text line by line, skipping strings and bracketed values."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.positions: dict[Path, Pos] = {}
        self.values: dict[Path, Pos] = {}
        self.table: Path = ()
        self.counts: dict[Path, int] = {}

    def run(self) -> None:
        row = 0
        while row < len(self.lines):
            row = self._statement(row)

    def _statement(self, row: int) -> int:
        line = self.lines[row]
        stripped = line.lstrip(" \t")
        col = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            return row + 1
        if stripped.startswith("[["):
            parts, _ = parse_key(line, col + 2)
            self._array_header(parts, (row + 1, col + 1))
            return row + 1
        if stripped.startswith("["):
            parts, _ = parse_key(line, col + 1)
            self._table_header(parts, (row + 1, col + 1))
            return row + 1
        parts, end = parse_key(line, col)
        if not parts:
            return row + 1
        path = self.table + tuple(parts)
        self.positions.setdefault(path, (row + 1, col + 1))
        eq = line.find("=", end)
        if eq < 0:
            return row + 1
        vcol = eq + 1
        while vcol < len(line) and line[vcol] in " \t":
            vcol += 1
        self.values.setdefault(path, (row + 1, vcol + 1))
        if vcol < len(line) and line[vcol] == "[":
            self._array_elements(path, row, vcol)
        return skip_value(self.lines, row, vcol)

    def _array_elements(self, path: Path, row: int, col: int) -> None:
        """Record where each element of an array value starts (one level deep)."""
        index = 0
        r, c = row, col + 1
        expecting = True
        while r < len(self.lines):
            line = self.lines[r]
            while c < len(line):
                ch = line[c]
                if ch in " \t":
                    c += 1
                    continue
                if ch == "#":
                    break
                if ch == "]":
                    return
                if ch == ",":
                    expecting = True
                    c += 1
                    continue
                if expecting:
                    self.values.setdefault((*path, index), (r + 1, c + 1))
                    index += 1
                    expecting = False
                if ch in "\"'":
                    if line.startswith(ch * 3, c):
                        r, c = skip_multiline(self.lines, r, c + 3, ch * 3)
                        line = self.lines[r] if r < len(self.lines) else ""
                    else:
                        c = skip_string(line, c)
                    continue
                if ch in "[{":
                    end_row = skip_value(self.lines, r, c)
                    if end_row != r + 1:
                        r, c = end_row, 0
                        line = self.lines[r] if r < len(self.lines) else ""
                        continue
                    c = self._matching(line, c)
                    continue
                c += 1
            r += 1
            c = 0

    def _matching(self, line: str, c: int) -> int:
        depth = 0
        while c < len(line):
            ch = line[c]
            if ch in "\"'":
                c = skip_string(line, c)
                continue
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return c + 1
            c += 1
        return c

    def _resolve(self, parts: list[str]) -> Path:
        """Turn header parts into a path, entering the latest element of arrays of tables."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self.counts:
                path = (*path, self.counts[path] - 1)
        return path

    def _array_header(self, parts: list[str], pos: Pos) -> None:
        parent = self._resolve(parts[:-1])
        base = (*parent, parts[-1])
        index = self.counts.get(base, 0)
        self.counts[base] = index + 1
        self.table = (*base, index)
        self.positions.setdefault(self.table, pos)
        self.positions.setdefault(base, pos)

    def _table_header(self, parts: list[str], pos: Pos) -> None:
        self.table = self._resolve(parts)
        for n in range(1, len(parts) + 1):  # `[a.b.c]` also is where a and a.b first appear
            self.positions.setdefault(self._resolve(parts[:n]), pos)


class Locator:
    """Answers 'where is this key?' for messages, falling back to the nearest parent."""

    def __init__(self, text: str) -> None:
        scanner = _Scanner(text)
        scanner.run()
        self._keys = scanner.positions
        self._values = scanner.values

    def key(self, path: Path) -> Pos:
        """Position of the key (or table header) at `path`, or its closest known parent."""
        while path:
            if path in self._keys:
                return self._keys[path]
            if path in self._values:
                return self._values[path]
            path = path[:-1]
        return (1, 1)

    def value(self, path: Path) -> Pos:
        """Position of the value at `path` (falls back to the key, then to parents)."""
        probe = path
        while probe:
            if probe in self._values:
                return self._values[probe]
            if probe in self._keys:
                return self._keys[probe]
            probe = probe[:-1]
        return (1, 1)
