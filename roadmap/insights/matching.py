"""Finding names in a posting's words: tokens, the lexicon of names, and the rules that keep
short and everyday names (R, C, Go, Spark, Excel) from matching where they are not meant.

Names match on word boundaries as whole token runs, longest first; a skill's name wins over
the technology-term list. See `roadmap.insights.posting` for what the hits mean to a user.
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import NamedTuple

from roadmap.insights.terms import (
    AMBIGUOUS_WORDS,
    CLAUSE_LEADERS,
    LIST_WORDS,
    SHAPE_STOP,
    STOP_ACRONYMS,
    TECH_FOLLOWERS,
    TECH_TERMS,
)
from roadmap.model import Roadmap

_TOKEN = re.compile(r"(?<![^\W_])\.?[^\W_](?:[^\W_]|[.'’\-](?=[^\W_]))*(?:\+\+|#(?![^\W_]))?")
_PLAIN, _CASEFUL, _EVERYDAY, _SHORT, _CONCEPT = range(5)

CONCEPT_WORDS = frozenset({"likelihood", "variance", "regression", "optimization",
                           "optimisation", "probability"})
"""Skill names that are also everyday words with another meaning ("the likelihood of",
"regression testing", "cost optimization"): they need a technical neighbour."""
_CONCEPT_NEIGHBOURS = frozenset({
    "analysis", "models", "model", "modeling", "modelling", "theory", "estimation", "methods",
    "techniques", "algorithms", "problems", "linear", "logistic", "statistical", "numerical",
    "convex", "mathematical", "maximum", "bias", "hyperparameter", "bayesian", "stochastic",
    "polynomial", "ridge", "lasso", "gradient", "log", "sample", "population",
    "distribution", "distributions", "conditional", "joint",
})


def _possessive(word: str) -> bool:
    return len(word) > 2 and word[-2] in "'’" and word[-1] in "sS"


def _key(token: str) -> str:
    """The form names are compared in: case-folded, straight apostrophes, no possessive 's."""
    if _possessive(token):
        token = token[:-2]
    return token.casefold().replace("’", "'")


class Tokens:
    """A text cut into word tokens, with each token's case-folded key and its place."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _TOKEN.finditer(text):
            word = match.group()
            self.keys.append(_key(word))
            self.starts.append(match.start())
            self.ends.append(match.end() - (2 if _possessive(word) else 0))

    def __len__(self) -> int:
        return len(self.keys)

    def surface(self, i: int, j: int | None = None) -> str:
        """The text of tokens i..j (inclusive) as written, spaces folded."""
        end = self.ends[i if j is None else j]
        return " ".join(self.text[self.starts[i]:end].split())

    def gap(self, i: int) -> str:
        """The text between token i and the next one."""
        end = self.starts[i + 1] if i + 1 < len(self.keys) else len(self.text)
        return self.text[self.ends[i]:end]


def _name_variants(name: str) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(keys, words as written) for a name, as written and with its hyphens read both ways
    ("problem-solving" is also "problem solving"; "map reduce" is also "map-reduce")."""
    words = [m.group() for m in _TOKEN.finditer(name)]
    if not words:
        return
    words = [w[:-2] if _possessive(w) else w for w in words]
    yield tuple(_key(w) for w in words), tuple(words)
    if any("-" in w for w in words):
        split = [part for w in words for part in w.split("-") if part]
        yield tuple(_key(w) for w in split), tuple(split)
    if 1 < len(words) <= 3 and all(w.isalnum() for w in words):
        joined = "-".join(words)
        yield (_key(joined),), (joined,)


class _Entry(NamedTuple):
    keys: tuple[str, ...]
    words: tuple[str, ...]
    target: str
    """A skill id, or (for technology terms) the term as shown."""
    skill: bool
    kind: int


def _kind(keys: tuple[str, ...], words: tuple[str, ...]) -> int:
    if len(keys) != 1:
        return _PLAIN
    key, word = keys[0], words[0]
    if key.isalnum() and len(key) <= 2:
        return _SHORT
    if key in AMBIGUOUS_WORDS:
        return _EVERYDAY
    if key in CONCEPT_WORDS:
        return _CONCEPT
    if word.isupper() and len(word) <= 4:
        return _CASEFUL
    return _PLAIN


_ODD = re.compile(r"[^\w \n]|_")
"""A character that makes a name more than plain words: "C++", "Node.js", "A/B testing"."""
_ODD_ASCII = re.compile(r"[^A-Za-z0-9 \n]")
"""The same for ASCII text, four times faster than the Unicode class."""
_ODD_SPACES = ("  ", "\n ", " \n", "\n\n")
_FIRST_WORD = re.compile(r"^[^ \n]*", re.MULTILINE)
_new = tuple.__new__
"""Entries are made in the thousands: tuple.__new__ skips the NamedTuple's Python __new__."""


def _odd_lines(text: str) -> set[str]:
    """The lines (names) of `text` that are not plain words and single spaces: a C-speed scan
    that stops only at the few odd characters, and plain searches for odd spacing."""
    out: set[str] = set()
    end = -1
    odd = _ODD_ASCII if text.isascii() else _ODD
    spots = [m.start() for m in odd.finditer(text)]
    for spacing in _ODD_SPACES:
        at = text.find(spacing)
        while at >= 0:
            spots.append(at + (spacing[0] == "\n"))
            at = text.find(spacing, at + 1)
    if not text or text.startswith((" ", "\n")):
        spots.append(0)
    if text.endswith(" "):
        spots.append(len(text) - 1)
    elif text.endswith("\n"):
        spots.append(len(text))
    for spot in sorted(spots):
        if spot <= end:
            continue
        start = text.rfind("\n", 0, spot) + 1
        end = text.find("\n", spot)
        end = len(text) if end < 0 else end
        out.add(text[start:end])
    return out


class Lexicon:
    """Every name a posting may use for a skill (titles and aliases) or a technology term,
    by first word: a 5,000-word posting against 10,000 skills is one dict lookup per word.

    Built in bulk (the names joined into one text, case-folded and cut by C-speed regular
    expressions); a plain name becomes an entry only once a posting holds its first word
    (`prepare`), so the first match on a large roadmap costs tens of milliseconds, not a
    second. Names with punctuation are few and parsed in full up front. `tech_words` and
    `skill_names` are asked only about a prepared posting's words, so they hold those.
    """

    def __init__(self, roadmap: Roadmap) -> None:
        self._items = [item for group in roadmap.skill_groups for item in group.items]
        texts = [name for item in self._items for name in (item.title, *item.aliases)]
        self._ends = list(accumulate([1 + len(item.aliases) for item in self._items]))
        """Where each item's names end in `texts`, to find whose name a line is."""
        self._skill_count = len(texts)
        texts += TECH_TERMS
        self._texts = texts
        joined = "\n".join(texts)
        self._firsts = _FIRST_WORD.findall(joined.casefold())
        """Each name's first word, case-folded, in `texts` order."""
        self._index: dict[str, list[_Entry]] = {}
        self._done: set[str] = set()
        self._lock = threading.Lock()
        """The app matches on its UI thread and exports in a worker, on the same lexicon."""
        self.tech_words: set[str] = set()
        """Single-word names (two letters or more): neighbours that make a list technology."""
        self.skill_names: set[str] = set()
        """Single-word skill names, never reported as unknown terms."""
        self._parsed: set[int] = set()
        unusual = _odd_lines(joined)
        if unusual or len(self._firsts) != len(texts):
            for n, name in enumerate(texts):
                if name in unusual or "\n" in name:
                    self._parsed.add(n)
                    target, skill = self._owner(n)
                    for keys, written in _name_variants(name.replace("\n", " ")):
                        self._add(_new(_Entry, (keys, written, target, skill,
                                                _kind(keys, written))))
            if len(self._firsts) != len(texts):  # a name with a newline (a hand edit)
                self._firsts = [name.split(" ", 1)[0].casefold() for name in texts]
            for key in list(self._index):
                self._settle(key)

    def _owner(self, n: int) -> tuple[str, bool]:
        """(skill id or term, is a skill) of the n-th name."""
        if n >= self._skill_count:
            return self._texts[n], False
        return self._items[bisect_right(self._ends, n)].id, True

    def _add(self, entry: _Entry) -> None:
        self._index.setdefault(entry.keys[0], []).append(entry)
        if len(entry.keys) == 1:
            key = entry.keys[0]
            if len(key) > 1 and entry.kind != _CONCEPT:
                self.tech_words.add(key)
            if entry.skill:
                self.skill_names.add(key)

    def _settle(self, key: str) -> None:
        """Longest first, a skill before a term of the same words (the roadmap's skill wins,
        and the term is dropped)."""
        found = self._index[key]
        skill_keys = {e.keys for e in found if e.skill}
        found[:] = [e for e in found if e.skill or e.keys not in skill_keys]
        found.sort(key=lambda e: (-len(e.keys), not e.skill))

    def prepare(self, keys: Iterable[str]) -> None:
        """Make entries of the plain names starting with any of these words (a posting's)."""
        wanted = set(keys)
        wanted.update([k.split("-", 1)[0] for k in wanted if "-" in k])
        with self._lock:
            self._prepare(wanted - self._done)

    def _prepare(self, new: set[str]) -> None:
        if not new:
            return
        self._done |= new
        touched: set[str] = set()
        texts, parsed, owner, index = self._texts, self._parsed, self._owner, self._index
        tech_words, skill_names = self.tech_words, self.skill_names
        for n in [n for n, first in enumerate(self._firsts) if first in new]:
            if n in parsed:
                continue
            target, skill = owner(n)
            name = texts[n]
            written = tuple(name.split(" "))
            keys = tuple(name.casefold().split(" "))
            first = keys[0]
            if len(written) == 1:  # a one-word name: maybe short or everyday (R, Spark)
                kind = _kind(keys, written)
                if len(first) > 1 and kind != _CONCEPT:
                    tech_words.add(first)
                if skill:
                    skill_names.add(first)
            else:
                kind = _PLAIN
                if len(written) <= 3:  # "problem-solving" is also "problem solving"
                    joined = "-".join(keys)
                    found = index.get(joined)
                    if found is None:
                        found = index[joined] = []
                    found.append(_new(_Entry, ((joined,), ("-".join(written),), target, skill,
                                               _PLAIN)))
                    touched.add(joined)
            found = index.get(first)
            if found is None:
                found = index[first] = []
            found.append(_new(_Entry, (keys, written, target, skill, kind)))
            touched.add(first)
        index = self._index
        for key in touched:
            if len(index[key]) > 1:
                self._settle(key)

    def entries(self, key: str) -> list[_Entry]:
        """The names starting with the word `key` (after `prepare` saw it), in match order."""
        return self._index.get(key) or []


_LEXICONS: weakref.WeakKeyDictionary[Roadmap, Lexicon] = weakref.WeakKeyDictionary()


def lexicon(roadmap: Roadmap) -> Lexicon:
    """The roadmap's lexicon, built once per roadmap value (saved postings are re-scored on
    every change in the app)."""
    found = _LEXICONS.get(roadmap)
    if found is None:
        found = _LEXICONS[roadmap] = Lexicon(roadmap)
    return found


# --------------------------------------------------------------------------- matching

_LIST_PUNCT = frozenset(",/;|()[]•·\n")
_SENTENCE_END = frozenset(".!?:")
_BULLET_GAP = re.compile(r"[.;]?[ \t]*\n[ \t]*[-*•·][ \t]*")
"""Between two bullets of a list ("Python.\n- R"): still a list, though a sentence ended."""


class Hit(NamedTuple):
    """A name found in the posting: tokens first..last, for a skill id or a term."""

    first: int
    last: int
    target: str
    skill: bool


class Reader:
    """One pass over a posting's tokens with the rules for ambiguous names."""

    def __init__(self, tokens: Tokens, lex: Lexicon) -> None:
        self.t = tokens
        self.lex = lex

    def hits(self) -> list[Hit]:
        t, entries_for = self.t, self.lex.entries
        keys, n = t.keys, len(t)
        out: list[Hit] = []
        i = 0
        while i < n:
            entries = entries_for(keys[i])
            step = 1
            if entries:
                for e in entries:
                    size = len(e.keys)
                    if size > 1 and (i + size > n or tuple(keys[i:i + size]) != e.keys):
                        continue
                    if e.kind != _PLAIN and not self._allowed(e, i, size):
                        continue
                    out.append(Hit(i, i + size - 1, e.target, e.skill))
                    step = size
                    break
            i += step
        return out

    def _as_written(self, e: _Entry, i: int) -> bool:
        t = self.t
        return all(t.text[t.starts[i + k]:t.ends[i + k]] == w for k, w in enumerate(e.words))

    def _allowed(self, e: _Entry, i: int, size: int) -> bool:
        last = i + size - 1
        if e.kind == _CONCEPT:
            return self._listed(i, last) or self._concept_neighbour(i, last)
        if not self._as_written(e, i):
            return False
        if e.kind == _CASEFUL:
            return True
        if e.kind == _SHORT:
            t = self.t
            before = t.text[t.starts[i] - 1:t.starts[i]] if t.starts[i] else ""
            after = t.text[t.ends[last]:t.ends[last] + 1]
            if "&" in (before, after) or after in ("-", "'", "’"):
                return False
            return self._listed(i, last) or self._clause_end(i, last)
        # an everyday word written as the product's name
        if self._listed(i, last):
            return True
        return not (self._sentence_start(i) or self._heading(i) or self._proper_name(i, last))

    def _tech_at(self, j: int) -> bool:
        return 0 <= j < len(self.t) and self.t.keys[j] in self.lex.tech_words

    def _neighbour(self, i: int, step: int) -> int | None:
        """The token next to i in a list (skipping one "and"/"or"), or None when what sits
        between them is not list punctuation or a list word."""
        t = self.t
        j = i + step
        if not 0 <= j < len(t):
            return None
        gap = t.gap(i if step > 0 else j)
        if _SENTENCE_END & set(gap) and not _BULLET_GAP.fullmatch(gap):
            return None
        if _LIST_PUNCT & set(gap):
            return j
        if gap.strip():
            return None
        if t.keys[j] in LIST_WORDS:
            k = j + step
            if 0 <= k < len(t) and not t.gap(j if step > 0 else k).strip(" ,"):
                return k
            if 0 <= k < len(t) and _LIST_PUNCT & set(t.gap(j if step > 0 else k)):
                return k
        return None

    def _listed(self, first: int, last: int) -> bool:
        """In a list of technologies, or followed by a word like "programming"."""
        t = self.t
        if last + 1 < len(t) and t.keys[last + 1] in TECH_FOLLOWERS and not t.gap(last).strip():
            return True
        before, after = self._neighbour(first, -1), self._neighbour(last, 1)
        return (before is not None and self._tech_at(before)) or (
            after is not None and self._tech_at(after))

    def _clause_end(self, first: int, last: int) -> bool:
        """"fluent in R." / "written in C;": a clause ending on the name after in/with."""
        t = self.t
        if first == 0 or t.keys[first - 1] not in CLAUSE_LEADERS or t.gap(first - 1).strip():
            return False
        after = t.gap(last).lstrip(" ")
        return not after or after[0] in ".;!?\n)"

    def _concept_neighbour(self, first: int, last: int) -> bool:
        t = self.t
        return ((first > 0 and t.keys[first - 1] in _CONCEPT_NEIGHBOURS)
                or (last + 1 < len(t) and t.keys[last + 1] in _CONCEPT_NEIGHBOURS))

    def _proper_name(self, first: int, last: int) -> bool:
        """Part of a longer capitalised name ("the Swift Lake office", "Ray Smith")."""
        t = self.t
        for j, gap_at in ((first - 1, first - 1), (last + 1, last)):
            if (0 <= j < len(t) and not t.gap(gap_at).strip() and t.text[t.starts[j]].isupper()
                    and t.keys[j] not in self.lex.tech_words and not self._sentence_start(j)):
                return True
        return False

    def tech_context(self, i: int) -> bool:
        """Listed with technologies, or after "with", "using", "in"... ("experience with
        LangChain"): where a word shaped like a product name is one."""
        t = self.t
        return self._listed(i, i) or (
            i > 0 and t.keys[i - 1] in CLAUSE_LEADERS and not t.gap(i - 1).strip())

    def _sentence_start(self, i: int) -> bool:
        t = self.t
        before = t.text[:t.starts[i]].rstrip(" \t-*•·>\"'(")
        return not before or before[-1] in ".!?:\n"

    def _heading(self, i: int) -> bool:
        """A Title Case line ("Spark Your Career"): capitals there say nothing."""
        t = self.t
        start = t.text.rfind("\n", 0, t.starts[i]) + 1
        end = t.text.find("\n", t.starts[i])
        words = [w for w in t.text[start:end if end >= 0 else None].split()
                 if len(w) > 3 and w[0].isalpha()]
        return len(words) >= 2 and all(w[0].isupper() for w in words)


_CAMEL = re.compile(r"^(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z]|[A-Z]{2,}[a-z]{2,})[A-Za-z0-9]*$")


def shape_terms(reader: Reader, covered: set[int]) -> Iterator[tuple[int, str]]:
    """Words that look like technology names although no list has them: inner capitals
    (LangChain, FastAPI), `.js` names, `#`/`++` languages, where the sentence reads as
    technology (a brand in a footer, "JobBoard Inc.", does not). Never everyday words:
    those are lower case or capitalised once."""
    tokens, lex = reader.t, reader.lex
    for i, key in enumerate(tokens.keys):
        if i in covered or key in SHAPE_STOP or key in STOP_ACRONYMS or key in lex.skill_names:
            continue
        word = tokens.text[tokens.starts[i]:tokens.ends[i]]
        shaped = _CAMEL.match(word) or (key.endswith((".js", "++", "#")) and len(key) > 2)
        if shaped and reader.tech_context(i):
            yield i, word
