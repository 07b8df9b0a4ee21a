"""A job posting read against the roadmap: which skills it asks for and where the user stands.

Precision first: a wrong "you are missing R" costs more trust than a skill not found. Names
match on word boundaries, as whole token runs; names that are also everyday words or one or
two letters (R, C, Go, Spark, Excel) match only as written and only where the sentence reads
as technology (a list of tools, "R programming", "fluent in Go."). Pure: text in, values out.
"""

from __future__ import annotations

import html
import re
import weakref
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
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
from roadmap.model import Roadmap, RoadmapState, Status

CLASSES = ("proven", "unproven", "in-progress", "todo")
"""How far along the user is on a skill a posting asks for, best first."""

SUGGEST_LIMIT = 5
"""Milestones suggested at most: the next few steps, not a plan."""

# --------------------------------------------------------------------------- text

_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|div|p|ul|ol|li|br|span|h[1-6]|table|tr|td|section|article|"
    r"strong|b|em|i|a|main|header|footer|script|style)\b[^>]*>", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                         "h6", "tr", "table", "section", "article", "header", "footer",
                         "main", "dd", "dt", "dl", "blockquote", "pre", "hr", "td", "th"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe",
                        "object"})
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e"
                      r"\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")


class _TextOf(HTMLParser):
    """The visible text of an HTML page: tags gone, entities decoded, scripts and styles
    dropped, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def posting_text(raw: str) -> str:
    """Plain text from a posting given as plain text, Markdown or HTML.

    HTML loses its tags, scripts and styles and has its entities decoded; Markdown links
    keep their words; addresses (URLs, e-mail) go, so a link's path is never read as a
    skill. Control characters go too, and blank-line runs become one.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    markup = bool(_HTML_HINT.search(text))
    if markup:
        parser = _TextOf()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    else:
        text = html.unescape(_MD_LINK.sub(r"\1", text))
    text = _CONTROL.sub("", _URL.sub(" ", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1] and not markup):  # HTML: every block is its own line
            out.append(line)
    return "\n".join(out).strip("\n")


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"(?<![^\W_])\.?[^\W_](?:[^\W_]|[.'’\-](?=[^\W_]))*(?:\+\+|#(?![^\W_]))?")
_PLAIN, _CASEFUL, _EVERYDAY, _SHORT, _CONCEPT = range(5)

CONCEPT_WORDS = frozenset({"likelihood", "variance", "regression", "optimization",
                           "optimisation"})
"""Skill names that are also everyday words with another meaning ("the likelihood of",
"regression testing", "cost optimization"): they need a technical neighbour."""
_CONCEPT_NEIGHBOURS = frozenset({
    "analysis", "models", "model", "modeling", "modelling", "theory", "estimation", "methods",
    "techniques", "algorithms", "problems", "linear", "logistic", "statistical", "numerical",
    "convex", "mathematical", "maximum", "bias", "hyperparameter", "bayesian", "stochastic",
    "polynomial", "ridge", "lasso", "gradient", "log", "sample", "population",
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


class Lexicon:
    """Every name a posting may use for a skill (titles and aliases) or a technology term,
    indexed by first word: a 5,000-word posting against 10,000 skills is one dict lookup
    per word."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.index: dict[str, list[_Entry]] = {}
        self.tech_words: set[str] = set()
        skill_keys: set[tuple[str, ...]] = set()
        for group in roadmap.skill_groups:
            for item in group.items:
                for name in (item.title, *item.aliases):
                    for keys, words in _name_variants(name):
                        skill_keys.add(keys)
                        self._add(_Entry(keys, words, item.id, True, _kind(keys, words)))
        self.skill_names = frozenset(k[0] for k in skill_keys if len(k) == 1)
        for term in TECH_TERMS:
            for keys, words in _name_variants(term):
                if keys not in skill_keys:
                    self._add(_Entry(keys, words, term, False, _kind(keys, words)))
        for entries in self.index.values():
            entries.sort(key=lambda e: (-len(e.keys), not e.skill))

    def _add(self, entry: _Entry) -> None:
        self.index.setdefault(entry.keys[0], []).append(entry)
        if len(entry.keys) == 1 and len(entry.keys[0]) > 1 and entry.kind != _CONCEPT:
            self.tech_words.add(entry.keys[0])


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


class _Reader:
    """One pass over a posting's tokens with the rules for ambiguous names."""

    def __init__(self, tokens: Tokens, lex: Lexicon) -> None:
        self.t = tokens
        self.lex = lex

    def hits(self) -> list[Hit]:
        t, index = self.t, self.lex.index
        keys, n = t.keys, len(t)
        out: list[Hit] = []
        i = 0
        while i < n:
            entries = index.get(keys[i])
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


# --------------------------------------------------------------------------- the match


class SkillMatch(NamedTuple):
    """A roadmap skill the posting asks for, and where the user stands on it."""

    id: str
    title: str
    cls: str
    """One of CLASSES."""
    evidence: tuple[str, ...]
    """Ids of the projects that list the skill."""
    found: tuple[str, ...]
    """The posting's words for it, as written, first occurrence first."""


class Suggestion(NamedTuple):
    id: str
    title: str


class PostingMatch(NamedTuple):
    """What a posting asks for against the roadmap: classes, unknown terms, score, next."""

    skills: tuple[SkillMatch, ...]
    unknown: tuple[str, ...]
    suggest: tuple[Suggestion, ...]

    @property
    def asked(self) -> int:
        return len(self.skills)

    @property
    def matched(self) -> int:
        """Skills asked for that are done (proven or not)."""
        return sum(1 for s in self.skills if s.cls in ("proven", "unproven"))

    @property
    def percent(self) -> int:
        """Done over asked, rounded down; 0 when the posting asks for no roadmap skill."""
        return self.matched * 100 // self.asked if self.asked else 0

    def of_class(self, cls: str) -> list[SkillMatch]:
        return [s for s in self.skills if s.cls == cls]


_CAMEL = re.compile(r"^(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z]|[A-Z]{2,}[a-z]{2,})[A-Za-z0-9]*$")


def _shape_terms(reader: _Reader, covered: set[int]) -> Iterator[tuple[int, str]]:
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


def match_posting(text: str, roadmap: Roadmap, state: RoadmapState) -> PostingMatch:
    """Read a posting (plain text, Markdown or HTML) against the roadmap and the user's state."""
    tokens = Tokens(posting_text(text))
    reader = _Reader(tokens, lexicon(roadmap))
    hits = reader.hits()
    found: dict[str, list[str]] = {}
    unknown: dict[str, str] = {}
    covered: set[int] = set()
    for hit in hits:
        covered.update(range(hit.first, hit.last + 1))
        if hit.skill:
            words = found.setdefault(hit.target, [])
            surface = tokens.surface(hit.first, hit.last)
            if surface not in words:
                words.append(surface)
        else:
            unknown.setdefault(hit.target.casefold(), hit.target)
    for _, word in _shape_terms(reader, covered):
        unknown.setdefault(word.casefold(), word)
    evidence = _evidence_index(state)
    skills = [_classify(roadmap, state, sid, words, evidence.get(sid, ()))
              for sid, words in found.items()]
    skills.sort(key=lambda s: CLASSES.index(s.cls))
    missing = {s.id for s in skills if s.cls in ("in-progress", "todo")}
    return PostingMatch(tuple(skills), tuple(unknown.values()),
                        suggest_milestones(roadmap, state, missing))


def _evidence_index(state: RoadmapState) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for project in state.projects.values():
        for sid in dict.fromkeys(project.skills):
            out.setdefault(sid, []).append(project.id)
    return {k: tuple(v) for k, v in out.items()}


def _classify(roadmap: Roadmap, state: RoadmapState, skill_id: str, words: list[str],
              evidence: tuple[str, ...]) -> SkillMatch:
    item = roadmap.item(skill_id)
    status = state.status(skill_id)
    if status is Status.DONE:
        cls = "proven" if evidence else "unproven"
    else:
        cls = "in-progress" if status is Status.IN_PROGRESS else "todo"
    return SkillMatch(skill_id, item.title if item else skill_id, cls, evidence, tuple(words))


def suggest_milestones(roadmap: Roadmap, state: RoadmapState, missing: Iterable[str],
                       limit: int = SUGGEST_LIMIT) -> tuple[Suggestion, ...]:
    """Milestones still open that exercise the most missing skills, in roadmap order on ties."""
    wanted = set(missing)
    if not wanted:
        return ()
    ranked: list[tuple[int, int, Suggestion]] = []
    order = 0
    for step in roadmap.steps:
        for item in step.items:
            order += 1
            if state.status(item.id) in (Status.DONE, Status.SKIPPED):
                continue
            count = len(wanted.intersection(item.skills))
            if count:
                ranked.append((-count, order, Suggestion(item.id, item.title)))
    ranked.sort()
    return tuple(s for _, _, s in ranked[:limit])


def match_json(match: PostingMatch) -> dict[str, object]:
    """The `gap --json` document (schema 1), shared by the CLI and the tests."""
    return {
        "schema": 1,
        "skills": [{"id": s.id, "title": s.title, "class": s.cls, "evidence": list(s.evidence),
                    "found": list(s.found)} for s in match.skills],
        "unknown": list(match.unknown),
        "score": {"matched": match.matched, "asked": match.asked, "percent": match.percent},
        "suggest": [{"id": s.id, "title": s.title} for s in match.suggest],
    }
