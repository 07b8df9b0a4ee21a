"""A state file at any path (the merge driver's), and the fast re-render of untouched sections."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap.errors import RoadmapError
from roadmap.model import ItemState, RoadmapState, Status, UserState
from roadmap.storage import read_state_file, write_state_file
from roadmap.storage.document import _edited
from roadmap.storage.encode import header, item_fields, render_table
from roadmap.storage.sections import Chunk, edit_chunk

AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
PARTS = header("ml-engineer", "items", "python")


def chunk(record: ItemState, extra: str = "") -> Chunk:
    return Chunk(render_table(PARTS, item_fields(record)) + extra, "\n", "items",
                 "ml-engineer", "python", PARTS)


@pytest.mark.parametrize(("before", "after"), [
    (ItemState(Status.TODO, AT), ItemState(Status.DONE, AT.replace(hour=9))),
    (ItemState(Status.DONE, AT), ItemState(Status.DONE, AT, "a note\nover two lines")),
    (ItemState(Status.DONE, AT, "gone"), ItemState(Status.DONE, AT)),
    (ItemState(Status.DONE, None, "note"), ItemState(Status.DONE, AT, "note")),  # key order
])
def test_a_section_as_roadmap_wrote_it_renders_to_the_bytes_an_edit_gives(
        before: ItemState, after: ItemState) -> None:
    fast = _edited(chunk(before), before, after, item_fields)
    slow = edit_chunk(chunk(before), item_fields(after))
    assert fast.text == slow.text


def test_a_section_with_a_comment_or_a_key_of_the_users_is_edited_in_place() -> None:
    before = ItemState(Status.TODO, AT)
    own = chunk(before, "# mine\nmood = \"ok\"\n")
    out = _edited(own, before, before._replace(status=Status.DONE), item_fields)
    assert out.text == ("[roadmaps.ml-engineer.items.python]\nstatus = \"done\"\n"
                        "changed = 2026-01-02T03:04:05Z\n# mine\nmood = \"ok\"\n\n")


def test_a_state_file_anywhere_is_read_and_written_without_the_home(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "copy.toml"
    path.write_text("# kept\nschema = 1\ncurrent = \"ml-engineer\"\n")
    found = read_state_file(path, "the copy")
    assert found.state == UserState("ml-engineer")
    new = UserState("ml-engineer", {"ml-engineer": RoadmapState({"x": ItemState(Status.DONE,
                                                                                   AT)})})
    assert write_state_file(found, new) is True
    assert path.read_text() == ("# kept\nschema = 1\ncurrent = \"ml-engineer\"\n\n"
                                "[roadmaps.ml-engineer.items.x]\nstatus = \"done\"\n"
                                "changed = 2026-01-02T03:04:05Z\n\n")
    assert write_state_file(read_state_file(path, "the copy"), new) is False
    assert sorted(p.name for p in folder.iterdir()) == ["copy.toml"]  # no backup, no lock


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError, match=r"^the copy: .*nope\.toml does not exist$"):
        read_state_file(tmp_path / "nope.toml", "the copy")
