"""Hand-edited state files: after each save the whole file parses and holds exactly the state.

Saves edit sections in place, so every layout a person might write by hand (one-key tables,
literal strings, escaped quotes, `#` inside strings, arrays over several lines, multi-line
notes with backslashes, dotted keys, comments between keys, CRLF) is a chance to cut the file
wrong. Each layout is opened, edited the same way, saved twice and read back in full.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta

import pytest

from roadmap import model
from roadmap.model import Project, Status, UserState
from roadmap.paths import Paths
from roadmap.storage import Store
from roadmap.storage.reading import to_state

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
R = "ml-engineer"
HEAD = 'schema = 1\ncurrent = "ml-engineer"\n\n'
ITEMS = "[roadmaps.ml-engineer.items."
NOTE = 'new \\ note with a "quote" and # hash\n"""three quotes"""\n\\n is not a newline\\'

LAYOUTS: dict[str, str] = {
    "one-key tables": HEAD + f'{ITEMS}a]\nstatus = "done"\n{ITEMS}b]\nstatus = "todo"\n',
    "one-key tables, no newline at the end": HEAD + f'{ITEMS}a]\nstatus = "done"',
    "literal strings": HEAD + f"{ITEMS}a]\nstatus = 'done'\nnote = 'C:\\path\\no escapes'\n"
                       f"{ITEMS}b]\nnote = '''\nliteral \"\"\" lines\n'''\n",
    "escaped quotes": HEAD + f'{ITEMS}a]\nstatus = "done"\nnote = "say \\"hi\\" [x] # no"\n'
                      f'{ITEMS}b]\nnote = "\\"quoted\\""\n',
    "hash inside strings": HEAD + f'{ITEMS}a]\nnote = "C# and F# # not a comment"  # one\n'
                           f'status = "in-progress"  # two\n',
    "arrays over several lines": HEAD + f'{ITEMS}a]\nstatus = "done"\n\n'
                                 '[roadmaps.ml-engineer.projects.p]\ntitle = "P"\nurls = [\n'
                                 '  "https://a.example/",  # first\n  # between\n'
                                 '  "https://b.example/[x]",\n]\nskills = [\n  "a",\n  "b"\n]\n'
                                 'summary = "after the arrays"\n',
    "multi-line notes with backslashes": HEAD + f'{ITEMS}a]\nstatus = "done"\nnote = """\n'
                                         'line one \\\\ with a backslash\nfolded \\\n'
                                         '   continued\nends with a quote\\""""\n'
                                         f'{ITEMS}b]\nnote = """[roadmaps.ml-engineer.items.c]\n'
                                         '[roadmaps.ml-engineer.items.d]\nstatus = "done"\n"""\n'
                                         f"{ITEMS}e]\nnote = '''\n[roadmaps.ml-engineer.items.f]\n"
                                         "'''\n",
    "dotted keys in a table": HEAD + "[roadmaps.ml-engineer]\nitems.a.status = \"done\"\n"
                              "items.b.note = \"n\"\n",
    "inline tables": HEAD + '[roadmaps.ml-engineer.items]\na = { status = "done" }\n'
                     'b = { status = "skipped", note = "x" }\n',
    "comments between keys": HEAD + f'# before\n{ITEMS}a]  # header comment\n# between\n'
                             'status = "done"\n\n# between keys\nnote = "n"\n# after\n\n'
                             f'{ITEMS}b]\n\n# only comments\n\nstatus = "todo"\n',
    "quoted keys and spaced headers": HEAD + f'{ITEMS}"a"]\nstatus = "done"\n'
                                      '[ roadmaps . ml-engineer . items . "b" ]\n'
                                      '"status" = "skipped"\n',
    "indentation and trailing spaces": HEAD + f'  {ITEMS}a]  \n\tstatus = "done"   \n'
                                       f'    note = "indented"\t\n{ITEMS}b]\n  status="todo"\n',
    "hand-written history": HEAD + f'{ITEMS}a]\nstatus = "done"\n\n'
                            '[[roadmaps.ml-engineer.history]]  # mine\nitem = "a"\n'
                            'from = "todo"\nto = "done"\nat = 2026-01-01T00:00:00Z\n',
    "CRLF line endings": (HEAD + f'{ITEMS}a]\nstatus = "done"\nnote = """\ntwo\nlines"""\n'
                          f'{ITEMS}b]\nstatus = "todo"\n').replace("\n", "\r\n"),
    "triple quotes closed on the same line": HEAD + ITEMS + 'a]\nstatus = """done"""\n'
                                             'note = """x""""  # four quotes: x and a quote\n'
                                             '[roadmaps.ml-engineer.projects.p]\ntitle = "P"\n'
                                             'urls = ["""https://a.example/""", '
                                             "'''https://b.example/['''] # [\n"
                                             + ITEMS + 'b]\nstatus = "todo"\n',
    "brackets and quotes inside strings": HEAD + ITEMS + 'a]\nnote = "[ { \\" \' ]"\n'
                                          "status = 'done' # ]\n"
                                          '[roadmaps.ml-engineer.projects.p]\ntitle = "P"\n'
                                          'skills = ["a]", \'b[\', "c\\"]",\n  "d"]\n'
                                          + ITEMS + 'b]\nstatus = "todo"\n',
    "no preamble, empty tables": f'{ITEMS}a]\n{ITEMS}b]\nstatus = "done"\n{ITEMS}c]\n',
    "an escaped quote before a bracket": HEAD + ITEMS + 'a]\nnote = "open \\" [ bracket"\n'
                                         + ITEMS + 'b]\nstatus = "todo"\n',
    "unknown tables and keys": HEAD + 'mine = "kept"\n[extra]\nx = [1, 2,\n 3]\n'
                               f'{ITEMS}a]\nstatus = "done"\nmood = "happy"\n'
                               'matrix = [\n  [1, 2],\n  [3, 4],\n]\n'
                               f'{ITEMS}b]\nstatus = "todo"\n',
}


def _check(paths: Paths, expected: UserState) -> str:
    """The whole file parses (not only the sections just written) and holds `expected`."""
    text = paths.state.read_bytes().decode("utf-8")
    data = tomllib.loads(text)
    assert to_state(text, "state.toml", data) == expected
    return text


def _edit(state: UserState, n: int) -> None:
    """The same kinds of edit on every layout: status moves, a new note, a new record, and a
    project edited or added."""
    rs = state.of(R)
    at = NOW + timedelta(minutes=n)
    for iid in sorted(rs.items):
        model.toggle_done(rs, iid, at)
    first = sorted(rs.items)[0] if rs.items else "a"
    model.set_note(rs, first, f"{NOTE} {n}", at)
    model.mark(rs, f"fresh-{n}", Status.IN_PROGRESS, at)
    old = rs.projects.get("p")
    if old is not None:
        model.put_project(rs, old._replace(urls=(*old.urls, f"https://c.example/{n}")), at)
    model.put_project(rs, Project(f"new-{n}", "New [b]", ("https://n.example/",),
                                  summary="two\n\nparagraphs"), at)


REWRITTEN = {"dotted keys in a table", "inline tables"}
"""Layouts roadmap cannot edit in place: rewritten in the standard layout, the original kept."""


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_a_hand_edited_file_survives_two_saves_exactly(paths: Paths, name: str) -> None:
    layout = LAYOUTS[name]
    paths.ensure_home()
    paths.state.write_bytes(layout.encode("utf-8"))
    with Store.open(paths) as store:
        assert store.moved_aside is None
        before = store.state.copy()
        for n in range(2):
            _edit(store.state, n)
            store.save()
            text = _check(paths, store.state)
        expected = store.state.copy()
    assert before != expected
    if name in REWRITTEN:
        assert [n.split(" (")[0].split(" was kept as ")[0] for n in store.notices] == [
            "state.toml is laid out in a way roadmap cannot edit in place",
            "your hand-edited layout"]
        kept = [p for p in paths.home.iterdir() if p.name.startswith("state.toml.hand-edited-")]
        assert [p.read_bytes() for p in kept] == [layout.encode("utf-8")]
    else:
        assert store.notices == []  # edited in place, so the user's extras survive:
        for extra in ("# before", "# header comment", "# between keys", "# only comments",
                      "# two", "mine", "mood"):
            assert (extra in text) == (extra in layout), extra
    with Store.open(paths) as store:  # and the next start reads exactly that
        assert (store.state, store.moved_aside, store.notices) == (expected, None, [])
        _edit(store.state, 2)
        store.save()
        _check(paths, store.state)


def test_a_section_cut_short_is_caught_before_anything_is_written(paths: Paths) -> None:
    """The check behind every in-place save: if the sectioning ever left one of a section's
    keys after its cut (an off-by-one in the splitter), the save refuses with a plain error
    instead of writing `status` twice, which the next start would move aside as corrupt."""
    from roadmap.storage.document import RenderError

    original = HEAD + f'{ITEMS}a]\nstatus = "todo"\n{ITEMS}b]\nstatus = "todo"\n'
    paths.ensure_home()
    paths.state.write_text(original)
    with Store.open(paths) as store:
        model.mark(store.state.of(R), "a", Status.DONE, NOW)
        doc = store._document()
        chunk = next(c for c in doc.chunks if c.ident == "a")
        chunk.body, chunk.tail = chunk.body.replace('status = "todo"\n', ""), (
            'status = "todo"\n' + chunk.tail)  # what a cut one line too early looks like
        with pytest.raises(RenderError, match=r"could not render state\.toml correctly"):
            store.save()
    assert paths.state.read_text() == original


def _wrong_item(st: model.ItemState) -> dict[str, object | None]:
    return {"status": "skipped", "changed": st.changed, "note": st.note or None}


def _wrong_project(p: Project) -> dict[str, object | None]:
    return {"title": p.title, "urls": None}


def _wrong_change(c: model.Change) -> dict[str, object | None]:
    return {"item": c.item, "from": c.old.value, "to": "skipped", "at": c.at}


@pytest.mark.parametrize("name", ["item_fields", "project_fields", "change_fields"])
def test_a_section_rendered_wrong_is_refused_before_anything_is_written(
        paths: Paths, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Every section a save writes is read back and compared with the state: a renderer that
    drops or changes a value (here made to, on purpose) fails the save and writes nothing."""
    from roadmap.storage import document as statedoc
    from roadmap.storage.document import RenderError

    paths.ensure_home()
    original = HEAD + f'{ITEMS}a]\nstatus = "todo"\n'
    paths.state.write_text(original)
    wrong = {"item_fields": _wrong_item, "project_fields": _wrong_project,
             "change_fields": _wrong_change}[name]
    monkeypatch.setattr(statedoc, name, wrong)
    with Store.open(paths) as store:
        rs = store.state.of(R)
        model.mark(rs, "a", Status.DONE, NOW)
        model.put_project(rs, Project("p", "P", ("https://p.example/",)), NOW)
        with pytest.raises(RenderError, match=r"could not render state\.toml faithfully"):
            store.save()
    assert paths.state.read_text() == original


def test_history_that_lost_its_newest_entries_is_saved_as_it_is(paths: Paths) -> None:
    """History normally only grows at the end and is trimmed at the front; any other change
    (here the newest entries dropped) is written in full, never merged with the old file."""
    with Store.open(paths) as store:
        rs = store.state.of(R)
        for n in range(3):
            model.toggle_done(rs, "a", NOW + timedelta(minutes=n))
        store.save()
        del rs.history[1:]
        store.save()
        _check(paths, store.state)
        assert len(store.state.of(R).history) == 1
