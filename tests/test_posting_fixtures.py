"""Job postings of different styles, each with the skills a person listed by hand.

Precision matters more than recall (a wrong "you are missing R" costs trust), so every
skill found must be on the hand-made list; what the matcher cannot find (a skill asked for
in words no name has) is listed in the fixture as `missed`, with why, and pinned here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from roadmap.catalog import load_roadmap
from roadmap.insights.posting import match_posting
from roadmap.model import RoadmapState
from roadmap.paths import Paths

FIXTURES = Path(__file__).parent / "fixtures" / "postings"
NAMES = ("bullets.md", "prose.txt", "jobboard.html", "ambiguous.txt")


def _expected(name: str) -> dict[str, list[str]]:
    return tomllib.loads((FIXTURES / name).with_suffix(".expected.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def roadmap():  # type: ignore[no-untyped-def]
    return load_roadmap(Paths.resolve(None), "ml-engineer")


@pytest.mark.parametrize("name", NAMES)
def test_each_posting_finds_exactly_the_hand_listed_skills(name: str, roadmap) -> None:  # type: ignore[no-untyped-def]
    expected = _expected(name)
    found = match_posting((FIXTURES / name).read_text("utf-8"), roadmap, RoadmapState())
    assert {s.id for s in found.skills} == set(expected["skills"]) - set(expected["missed"])
    assert list(found.unknown) == expected["unknown"]


def test_precision_and_recall_over_all_postings(roadmap) -> None:  # type: ignore[no-untyped-def]
    true_pos = false_pos = false_neg = 0
    for name in NAMES:
        expected = set(_expected(name)["skills"])
        got = {s.id for s in match_posting((FIXTURES / name).read_text("utf-8"), roadmap,
                                           RoadmapState()).skills}
        true_pos += len(got & expected)
        false_pos += len(got - expected)
        false_neg += len(expected - got)
    assert (true_pos, false_pos, false_neg) == (42, 0, 4)
    precision, recall = true_pos / (true_pos + false_pos), true_pos / (true_pos + false_neg)
    assert (round(precision, 3), round(recall, 3)) == (1.0, 0.913)
