"""The app matches postings on its UI thread while an employer export matches in a worker, on
the same lexicon: a match must never see a word's names half-updated by the other's prepare."""

from __future__ import annotations

import sys
import threading

from roadmap.insights.lexicon import Tokens, lexicon
from roadmap.insights.matching import Reader
from roadmap.model import Roadmap, Skill, SkillGroup


def test_a_match_never_misses_a_name_while_another_thread_adds_names() -> None:
    """Each prepare below wakes one waiting "data <word>" name, which joins the list of names
    starting with "data" that the reader is matching "data alpha" against meanwhile. When the
    list was sorted in place, the reader found it empty for a moment (461,027 misses in one
    run); now each list is replaced whole."""
    words = [f"w{i}x" for i in range(1500)]
    skills = (Skill("target", "data alpha"),
              *(Skill(f"s{i}", f"data {w}") for i, w in enumerate(words)))
    roadmap = Roadmap("t", "T", skill_groups=(SkillGroup("g", "G", items=skills),))
    lex = lexicon(roadmap)
    tokens = Tokens("data alpha")
    lex.prepare(tokens.keys)
    misses, reads, stop = [0], [0], threading.Event()

    def read() -> None:
        while not stop.is_set():
            reads[0] += 1
            if not any(h.target == "target" for h in Reader(tokens, lex).hits()):
                misses[0] += 1

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        reader = threading.Thread(target=read)
        reader.start()
        for word in words:
            lex.prepare([word])
        stop.set()
        reader.join()
    finally:
        sys.setswitchinterval(old)
    assert reads[0] > 100 and misses[0] == 0
