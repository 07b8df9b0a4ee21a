"""Saved job postings in the state file: `[postings.NAME]`, kept and edited like any record."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap import model
from roadmap.cli import main
from roadmap.errors import RoadmapError
from roadmap.model import ItemState, Posting, Status, TextError, check_posting
from roadmap.paths import Paths
from roadmap.storage import Store, read_state

DAY = date(2026, 12, 1)


def test_postings_round_trip_and_a_save_touches_only_their_tables(paths: Paths) -> None:
    with Store.open(paths) as store:
        store.state.of("ml-engineer").items["python"] = ItemState(Status.DONE)
        store.state.postings["acme"] = Posting("acme", 'Python\n"""quoted"""\n\\', DAY)
        store.save()
    text = paths.state.read_text()
    assert '[postings.acme]\ntext = """\nPython\n\\"\\"\\"quoted\\"\\"\\"\n\\\\"""\n' in text
    paths.state.write_text(text.replace("[roadmaps.ml-engineer.items.python]",
                                        "# my comment\n[roadmaps.ml-engineer.items.python]"))
    assert read_state(paths).postings == {"acme": Posting("acme", 'Python\n"""quoted"""\n\\',
                                                          DAY)}
    with Store.open(paths) as store:
        store.state.postings["beta"] = Posting("beta", "SQL", DAY)
        del store.state.postings["acme"]
        store.save()
    text = paths.state.read_text()
    assert "# my comment\n[roadmaps.ml-engineer.items.python]" in text
    assert "[postings.acme]" not in text
    assert text.rstrip("\n").endswith('[postings.beta]\ntext = "SQL"\nsaved = 2026-12-01')
    assert read_state(paths).postings == {"beta": Posting("beta", "SQL", DAY)}


@pytest.mark.parametrize(("table", "message"), [
    ('[postings."Acme ML"]\ntext = "x"\n',
     "3:1: posting name 'Acme ML' is not kebab-case (a-z, 0-9 and '-')"),
    ("[postings.acme]\ntext = 3\n", "4:8: 'text' must be a string"),
    ("[postings]\nacme = 3\n", "4:8: a posting must be a table (text, saved)"),
    ('[postings.acme]\nsaved = "yesterday"\n', "4:9: 'saved' must be a date"),
])
def test_a_hand_edit_the_reader_cannot_use_names_its_line(
        paths: Paths, capsys: pytest.CaptureFixture[str], table: str, message: str) -> None:
    paths.home.mkdir(parents=True)
    paths.state.write_text(f'schema = 1\n\n{table}')
    before = paths.state.read_bytes()
    with pytest.raises(RoadmapError) as caught:
        read_state(paths)
    assert str(caught.value) == f"{paths.state}:{message}"
    assert main(["gap", "--list"]) == 2
    assert capsys.readouterr().err == f"roadmap: {paths.state}:{message}\n"
    assert paths.state.read_bytes() == before


def test_what_a_posting_may_be() -> None:
    assert check_posting("acme-ml", "a\r\nb\rc") == Posting("acme-ml", "a\nb\nc")
    for name, text, why in (
            ("Acme", "x", "posting name 'Acme' is not a name roadmap can keep (kebab-case: "
                          "a-z, 0-9 and '-', such as 'acme')"),
            ("acme", " \n", "posting is empty"),
            ("acme", "x" * (model.POSTING_LIMIT + 1), "posting is 262,145 bytes; the limit is "
                                                       "262,144 (256 KiB)"),
            ("acme", "bad \udc80", "posting contains an invalid character (lone surrogate "
                                   "U+DC80 at position 4); it cannot be saved as UTF-8")):
        with pytest.raises(TextError) as caught:
            check_posting(name, text)
        assert str(caught.value) == why
