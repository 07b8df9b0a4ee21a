"""The names a posting may use, as tokens: how text is cut into words, and the lexicon of
every skill's title and aliases (and the technology-term list), indexed by first word.

Built in bulk for large roadmaps; see `matching` for the rules that decide where a name in
a posting counts. Pure: model values in, values out.
"""

from __future__ import annotations

import gc
import pickle
import re
import threading
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from roadmap.insights.terms import AMBIGUOUS_WORDS, TECH_TERMS
from roadmap.model import Roadmap

_TOKEN = re.compile(r"(?<![^\W_])\.?[^\W_](?:[^\W_]|[.'’\-](?=[^\W_]))*(?:\+\+|#(?![^\W_]))?")
PLAIN, CASEFUL, EVERYDAY, SHORT, CONCEPT = range(5)

CONCEPT_WORDS = frozenset({"likelihood", "variance", "regression", "optimization",
                           "optimisation", "probability"})
"""Skill names that are also everyday words with another meaning ("the likelihood of",
"regression testing", "cost optimization"): they need a technical neighbour."""
CONCEPT_NEIGHBOURS = frozenset({
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
        keys, starts, ends = self.keys, self.starts, self.ends
        lower = text.lower() if text.isascii() else None  # ASCII: one lower() for all keys
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if end - start > 2 and text[end - 2] in "'’" and text[end - 1] in "sS":
                end -= 2  # a possessive: "PyTorch's" is PyTorch
            keys.append(lower[start:end] if lower is not None
                        else text[start:end].casefold().replace("’", "'"))
            starts.append(start)
            ends.append(end)

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


class Entry(NamedTuple):
    keys: tuple[str, ...]
    words: tuple[str, ...]
    target: str
    """A skill id, or (for technology terms) the term as shown."""
    skill: bool
    kind: int


def _kind(keys: tuple[str, ...], words: tuple[str, ...]) -> int:
    if len(keys) != 1:
        return PLAIN
    key, word = keys[0], words[0]
    if key.isalnum() and len(key) <= 2:
        return SHORT
    if key in AMBIGUOUS_WORDS:
        return EVERYDAY
    if key in CONCEPT_WORDS:
        return CONCEPT
    if word.isupper() and len(word) <= 4:
        return CASEFUL
    return PLAIN


_ODD = re.compile(r"[^\w \n]|_")
"""A character that makes a name more than plain words: "C++", "Node.js", "A/B testing"."""
_ODD_ASCII = re.compile(r"[^A-Za-z0-9 \n]")
"""The same for ASCII text, four times faster than the Unicode class."""
_ODD_SPACES = ("  ", "\n ", " \n", "\n\n")
_AFTER_FIRST_WORD = re.compile(r" [^\n]*")
"""From a line's first space to its end: removed, the lines are the first words (a C-speed
pass, ~40% faster than finding each first word)."""
_new = tuple.__new__
"""Entries are made in the thousands: tuple.__new__ skips the NamedTuple's Python __new__."""


@contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic collector paused (a match builds thousands of tuples that all live on: a
    collection in the middle only walks them); back on afterwards if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


def _settled(found: list[Entry]) -> list[Entry]:
    """Longest first, a skill before a term of the same words (the roadmap's skill wins,
    and the term is dropped): a new list."""
    if len(found) < 2:
        return found
    skill_keys = {e.keys for e in found if e.skill}
    kept = [e for e in found if e.skill or e.keys not in skill_keys]
    kept.sort(key=lambda e: (-len(e.keys), not e.skill))
    return kept


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
        items = [item for group in roadmap.skill_groups for item in group.items]
        self._ids = [item.id for item in items]
        texts: list[str] = []
        self._ends: list[int] = []
        """Where each item's names end in `texts`, to find whose name a line is."""
        add, add_all, end = texts.append, texts.extend, self._ends.append
        for item in items:  # one loop, no tuple an item: ~2.5x faster at 10,000
            add(item.title)
            add_all(item.aliases)
            end(len(texts))
        self._skill_count = len(texts)
        texts += TECH_TERMS
        self._texts = texts
        joined = "\n".join(texts)
        self._firsts = _AFTER_FIRST_WORD.sub("", joined.casefold()).split("\n")
        """Each name's first word, case-folded, in `texts` order."""
        self._index: dict[str, list[Entry]] = {}
        self._done: set[str] = set()
        """Every word `prepare` has seen (all postings so far)."""
        self._waiting: dict[str, list[int]] = {}
        """Plain names whose first word a posting had but not their second (nor their
        hyphenated form), by that word: a posting with it builds them. Most names never
        could match, and building them was most of a first match."""
        self._built: set[int] = set()
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
                        self._add(_new(Entry, (keys, written, target, skill,
                                                _kind(keys, written))))
            if len(self._firsts) != len(texts):  # a name with a newline (a hand edit)
                self._firsts = [name.split(" ", 1)[0].casefold() for name in texts]
            for key in list(self._index):
                self._settle(key)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its lock: see `kept`."""
        state = dict(vars(self))
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._lock = threading.Lock()

    def _owner(self, n: int) -> tuple[str, bool]:
        """(skill id or term, is a skill) of the n-th name."""
        if n >= self._skill_count:
            return self._texts[n], False
        return self._ids[bisect_right(self._ends, n)], True

    def _add(self, entry: Entry) -> None:
        self._index.setdefault(entry.keys[0], []).append(entry)
        if len(entry.keys) == 1:
            key = entry.keys[0]
            if len(key) > 1 and entry.kind != CONCEPT:
                self.tech_words.add(key)
            if entry.skill:
                self.skill_names.add(key)

    def _settle(self, key: str) -> None:
        self._index[key] = _settled(self._index[key])

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
        seen, waiting = self._done, self._waiting
        added: dict[str, list[Entry]] = {}
        starting = [n for n, first in enumerate(self._firsts) if first in new]
        woken = [n for key in new & waiting.keys() for n in waiting.pop(key)]
        for n in starting:
            if n in self._parsed:
                continue
            keys = tuple(self._texts[n].casefold().split(" "))
            if len(keys) == 1 or keys[1] in seen or self._joined(keys) in seen:
                self._build(n, keys, added)
            else:  # its second word is in no posting yet: built when one has it
                waiting.setdefault(keys[1], []).append(n)
                if len(keys) <= 3:
                    waiting.setdefault("-".join(keys), []).append(n)
        for n in woken:
            if n not in self._built:
                self._build(n, tuple(self._texts[n].casefold().split(" ")), added)
        index = self._index
        for key, entries in added.items():  # published whole: see `_build`
            index[key] = _settled([*index.get(key, ()), *entries])

    @staticmethod
    def _joined(keys: tuple[str, ...]) -> str | None:
        """The one-token form of a name of two or three words ("map-reduce"), if it has one."""
        return "-".join(keys) if len(keys) <= 3 else None

    def _build(self, n: int, keys: tuple[str, ...], added: dict[str, list[Entry]]) -> None:
        """The entries of plain name n (its words `keys`) and of its hyphenated form, into
        `added`, not into the index: a match on another thread (the app's export worker)
        reads the index without the lock, so a word's list is replaced whole, never changed
        where it may be read."""
        self._built.add(n)
        target, skill = self._owner(n)
        written = tuple(self._texts[n].split(" "))
        first = keys[0]
        if len(written) == 1:  # a one-word name: maybe short or everyday (R, Spark)
            kind = _kind(keys, written)
            if len(first) > 1 and kind != CONCEPT:
                self.tech_words.add(first)
            if skill:
                self.skill_names.add(first)
        else:
            kind = PLAIN
            if len(written) <= 3:  # "problem-solving" is also "problem solving"
                joined = "-".join(keys)
                added.setdefault(joined, []).append(_new(Entry, (
                    (joined,), ("-".join(written),), target, skill, PLAIN)))
        added.setdefault(first, []).append(_new(Entry, (keys, written, target, skill, kind)))

    @property
    def lookup(self) -> Callable[[str], list[Entry] | None]:
        """The names starting with a word (after `prepare` saw it), in match order, or None:
        the index's own get, since a posting's every word is looked up (5,000 calls of a
        method that wrapped it were ~2 ms of a match)."""
        return self._index.get


_LEXICONS: weakref.WeakKeyDictionary[Roadmap, Lexicon] = weakref.WeakKeyDictionary()

KEEP_FROM = 2_000
"""Names (titles and aliases) from which a template's lexicon is worth keeping with it in the
parse cache: building one takes ~30 ms at 30,000 names, loading it ~10; under a few thousand
both take a few milliseconds."""


def kept(roadmap: Roadmap) -> bytes:
    """The template's lexicon, new and pickled, for the parse cache to keep with the template
    (`Roadmap.names_index`); empty for a template small enough to build it each time."""
    names = sum(1 + len(item.aliases) for group in roadmap.skill_groups for item in group.items)
    if names < KEEP_FROM:
        return b""
    made = _LEXICONS[roadmap] = Lexicon(roadmap)  # this process uses it too
    return pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)


def lexicon(roadmap: Roadmap) -> Lexicon:
    """The roadmap's lexicon, made once per roadmap value (saved postings are re-scored on
    every change in the app): the template's own when the user's own items add no skill;
    else the one the parse cache kept with the template; else built now."""
    found = _LEXICONS.get(roadmap)
    if found is not None:
        return found
    base = roadmap.base
    if base is not None and base.skill_groups == roadmap.skill_groups:
        found = lexicon(base)
    else:
        found = _unpickled(roadmap.names_index) or Lexicon(roadmap)
    _LEXICONS[roadmap] = found
    return found


def _unpickled(blob: bytes) -> Lexicon | None:
    """The lexicon kept in the parse cache (an entry only its user can write: see
    roadmap.storage.cache), or None when there is none or it does not load."""
    if not blob:
        return None
    try:
        found = pickle.loads(blob)
    except Exception:  # a kept copy that does not load only means building it now
        return None
    return found if isinstance(found, Lexicon) else None
