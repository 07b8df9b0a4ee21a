"""A large template's lexicon of names is built once, when the template is parsed, and kept
with it in the parse cache: later processes load it. What it finds must not depend on where
it came from, and a kept copy that is missing, stale or damaged only means building it."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap import catalog
from roadmap.insights import lexicon as lexicon_module
from roadmap.insights.lexicon import KEEP_FROM, lexicon
from roadmap.insights.posting import match_json, match_posting
from roadmap.model import OwnItem, Roadmap, RoadmapState, with_own
from roadmap.paths import Paths

SKILLS = 700
"""With two aliases each: 2,100 names, past KEEP_FROM."""
POSTING = "We want Skill 5 alpha, kit 10, Python, Go and Docker; Skill 699 alpha is a plus."


def template(skills: int = SKILLS) -> str:
    out = ['schema = 1\nid = "big"\ntitle = "Big"\n\n[[steps]]\nid = "s"\ntitle = "S"\n\n'
           '[[steps.milestones]]\nid = "m"\ntitle = "M"\nskills = ["skill-5"]\n\n'
           '[[skill_groups]]\nid = "g"\ntitle = "G"\n']
    for n in range(skills):
        out.append(f'\n[[skill_groups.skills]]\nid = "skill-{n}"\ntitle = "Skill {n} alpha"\n'
                   f'aliases = ["kit {n}", "Skill {n} alpha beta"]\n')
    return "".join(out)


@pytest.fixture
def big(paths: Paths) -> Path:
    paths.templates.mkdir(parents=True)
    path = paths.templates / "big.toml"
    path.write_text(template(), encoding="utf-8")
    return path


def load(paths: Paths, path: Path) -> Roadmap:
    return catalog.load_template(path, paths.cache)


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("built the lexicon instead of loading the kept one")

    monkeypatch.setattr(lexicon_module.Lexicon, "__init__", refuse)


def test_a_large_template_from_the_cache_matches_with_the_kept_lexicon(
        paths: Paths, big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load(paths, big)  # parses, builds the lexicon once, caches both
    assert len(parsed.names_index) > 0
    fresh = Roadmap(parsed.id, parsed.title, steps=parsed.steps,
                    skill_groups=parsed.skill_groups)  # no kept copy: built on first use
    expected = match_json(match_posting(POSTING, fresh, RoadmapState()))
    assert [s["id"] for s in expected["skills"]] == ["skill-5", "skill-10", "skill-699"]
    no_building(monkeypatch)
    cached = load(paths, big)  # another process: the template from the parse cache
    assert cached is not parsed and cached.names_index == parsed.names_index
    assert match_json(match_posting(POSTING, cached, RoadmapState())) == expected


def test_own_milestones_share_the_templates_lexicon_own_skills_get_their_own(
        paths: Paths, big: Path) -> None:
    roadmap = load(paths, big)
    state = RoadmapState()
    state.own["my-step"] = OwnItem("my-step", "s", "Ship a thing", skills=("skill-5",))
    with_step = with_own(roadmap, state)
    assert with_step is not roadmap and lexicon(with_step) is lexicon(roadmap)
    state.own["my-skill"] = OwnItem("my-skill", "g", "Quantum knitting", aliases=("qk",))
    with_skill = with_own(roadmap, state)
    assert lexicon(with_skill) is not lexicon(roadmap)
    found = match_posting("Quantum knitting and Skill 5 alpha", with_skill, state)
    assert [s.id for s in found.skills] == ["my-skill", "skill-5"]


@pytest.mark.parametrize("blob", [b"not a pickle", b"\x80\x05N."], ids=["damaged", "not one"])
def test_a_kept_copy_that_does_not_load_is_built_instead(paths: Paths, big: Path,
                                                         blob: bytes) -> None:
    roadmap = load(paths, big)
    damaged = Roadmap(roadmap.id, roadmap.title, steps=roadmap.steps,
                      skill_groups=roadmap.skill_groups)
    damaged.names_index = blob
    assert [s.id for s in match_posting(POSTING, damaged, RoadmapState()).skills] == [
        "skill-5", "skill-10", "skill-699"]


def test_a_small_template_keeps_no_copy(paths: Paths) -> None:
    """The bundled template's lexicon builds in a few milliseconds: nothing is kept."""
    assert catalog.load_roadmap(paths, "ml-engineer").names_index == b""
    small = Path(paths.home, "small.toml")
    paths.ensure_home()
    small.write_text(template(KEEP_FROM // 3 - 1), encoding="utf-8")
    assert load(paths, small).names_index == b""
