"""Finding names in a posting's words, and the rules that keep short and everyday names
(R, C, Go, Spark, Excel) from matching where they are not meant.

Names match on word boundaries as whole token runs, longest first; a skill's name wins over
the technology-term list. See `roadmap.insights.posting` for what the hits mean to a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from roadmap.insights.lexicon import (
    CASEFUL,
    CONCEPT,
    CONCEPT_NEIGHBOURS,
    PLAIN,
    SHORT,
    Entry,
    Lexicon,
    Tokens,
)
from roadmap.insights.terms import (
    CLAUSE_LEADERS,
    LIST_WORDS,
    SHAPE_STOP,
    STOP_ACRONYMS,
    TECH_FOLLOWERS,
)

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
        t, entries_for = self.t, self.lex.lookup  # one dict lookup a word, no method call
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
                    if e.kind != PLAIN and not self._allowed(e, i, size):
                        continue
                    out.append(Hit(i, i + size - 1, e.target, e.skill))
                    step = size
                    break
            i += step
        return out

    def _as_written(self, e: Entry, i: int) -> bool:
        t = self.t
        return all(t.text[t.starts[i + k]:t.ends[i + k]] == w for k, w in enumerate(e.words))

    def _allowed(self, e: Entry, i: int, size: int) -> bool:
        last = i + size - 1
        if e.kind == CONCEPT:
            return self._listed(i, last) or self._concept_neighbour(i, last)
        if not self._as_written(e, i):
            return False
        if e.kind == CASEFUL:
            return True
        if e.kind == SHORT:
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
        return ((first > 0 and t.keys[first - 1] in CONCEPT_NEIGHBOURS)
                or (last + 1 < len(t) and t.keys[last + 1] in CONCEPT_NEIGHBOURS))

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
