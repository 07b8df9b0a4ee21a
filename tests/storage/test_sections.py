"""Cutting the state file into sections, with the one TOML scanner the error positions use."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap import model
from roadmap.model import Status
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.storage.scan import Locator
from roadmap.storage.sections import split

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)

HAND_EDITED = '''schema = 1
current = "r"

[roadmaps.r.items.a]
status = "done"
"odd=[key" = """
[roadmaps.r.items.fake]
"""

[roadmaps.r.items.b]
status = "todo"
'''
"""A quoted key holding `=` and `[`, and a multi-line value with a header-like line in it."""


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    return Paths(isolated_home)


def test_a_multiline_value_after_an_odd_quoted_key_stays_in_its_section() -> None:
    chunks = split(HAND_EDITED)
    assert [(c.kind, c.ident) for c in chunks] == [(None, ""), ("items", "a"), ("items", "b")]
    assert "".join(c.text for c in chunks) == HAND_EDITED  # lossless
    assert chunks[1].body.endswith('[roadmaps.r.items.fake]\n"""\n')
    # the error positions come from the same scanner: the value starts after the key's `=`
    assert Locator(HAND_EDITED).value(("roadmaps", "r", "items", "a", "odd=[key")) == (6, 14)


def test_saving_next_to_an_odd_hand_edit_edits_in_place(paths: Paths) -> None:
    """The hand-added key survives a save of another item, with no 'cannot edit in place'
    notice and no copy of the file (the layout is the standard one)."""
    paths.ensure_home()
    paths.state.write_text(HAND_EDITED, encoding="utf-8")
    with Store.open(paths) as store:
        model.mark(store.state.of("r"), "b", Status.DONE, NOW)
        store.save()
        assert store.notices == []
    assert paths.state.read_text(encoding="utf-8") == HAND_EDITED.replace(
        'status = "todo"\n', 'status = "done"\nchanged = 2026-11-21T10:00:00Z\n'
    ) + ('\n[[roadmaps.r.history]]\nitem = "b"\nfrom = "todo"\nto = "done"\n'
         'at = 2026-11-21T10:00:00Z\n\n')  # a new section ends with a blank line
    assert sorted(p.name for p in paths.home.iterdir()) == [
        "state.lock", "state.toml", "state.toml.bak"]
