"""A job posting read against the roadmap: which skills it asks for and where the user stands.

Precision first: a wrong "you are missing R" costs more trust than a skill not found. The
words come from `postingtext` (plain text, Markdown, HTML), the names from `matching` (word
boundaries; short and everyday names only where the sentence reads as technology); here they
become classes, a score and the next milestones. Pure: text in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from roadmap.insights.evidence import projects_by
from roadmap.insights.lexicon import Tokens, lexicon, no_collection
from roadmap.insights.matching import Reader, shape_terms
from roadmap.insights.postingtext import posting_text
from roadmap.model import Roadmap, RoadmapState, Status

__all__ = ["CLASSES", "PostingMatch", "SkillMatch", "Suggestion", "match_json",
           "match_posting", "posting_text", "suggest_milestones"]

CLASSES = ("proven", "unproven", "in-progress", "todo")
"""How far along the user is on a skill a posting asks for, best first."""

SUGGEST_LIMIT = 5
"""Milestones suggested at most: the next few steps, not a plan."""


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


def match_posting(text: str, roadmap: Roadmap, state: RoadmapState) -> PostingMatch:
    """Read a posting (plain text, Markdown or HTML) against the roadmap and the user's state.

    The collector is paused throughout: a first match makes tens of thousands of objects
    that live on (the lexicon, the roadmap's id index), and each full collection they set off
    walks every object of a 10,000-skill roadmap, ~30% of the match."""
    with no_collection():
        return _match(text, roadmap, state)


def _match(text: str, roadmap: Roadmap, state: RoadmapState) -> PostingMatch:
    tokens = Tokens(posting_text(text))
    lex = lexicon(roadmap)
    lex.prepare(tokens.keys)
    reader = Reader(tokens, lex)
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
    for _, word in shape_terms(reader, covered):
        unknown.setdefault(word.casefold(), word)
    evidence = projects_by(state, "skills")
    skills = [_classify(roadmap, state, sid, words, evidence.get(sid, ()))
              for sid, words in found.items()]
    skills.sort(key=lambda s: CLASSES.index(s.cls))
    missing = {s.id for s in skills if s.cls in ("in-progress", "todo")}
    return PostingMatch(tuple(skills), tuple(unknown.values()),
                        suggest_milestones(roadmap, state, missing))


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
