"""Hostile user text: nothing a user types can become markup, a script or a live bad link.

Every payload goes into every kind of user text (profile, project titles, summaries, notes,
links, skill notes) and each format is checked the way its reader would see it: Markdown
rendered by a CommonMark+tables parser, HTML parsed by html.parser, JSON walked string by
string and validated against its schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from roadmap import export
from roadmap.config import Profile
from roadmap.model import ItemState, Project, Roadmap, RoadmapState, Status
from tests.export.sample import sample_roadmap, sample_state

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '" onerror="alert(1)',
    "javascript:alert(1)",
    "# Heading injection",
    "---",
    "===",
    "```python\nprint('fence')\n```",
    "~~~\ncode\n~~~",
    "[click me](javascript:alert(1))",
    "![pixel](https://evil.example/x.png)",
    "<https://evil.example/autolink>",
    "a | b | c",
    "\x1b[31mred\x1b[0m \x07 bell",
    "&lt;script&gt; &#60;b&#62;",
    "1. ordered\n2) also",
    "- bullet\n+ plus\n* star",
    "> quote",
    "    indented code",
    "*bold* _em_ ~~strike~~ $x^2$ `tick`",
    "\u202eevil\u2066",
    "<!-- comment -->",
    "line\\",
]
BAD_URLS = ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
            "https://ok.example/a b", "https://ok.example/\x1b[31m")
GOOD_URL = 'https://ok.example/p?a=1&b=(2)"<x>'
SCHEMA_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "jsonresume-schema.json"


def hostile_inputs() -> tuple[RoadmapState, Profile]:
    state = sample_state()
    joined = "\n".join(PAYLOADS)
    for n, payload in enumerate(PAYLOADS):
        state.projects[f"p{n}"] = Project(
            f"p{n}", payload, urls=(*BAD_URLS, GOOD_URL), summary=payload, notes=joined,
            skills=("python", "classification"), milestones=("learn-python",),
            started=date(2024, 1, 1),
        )
    state.items["deep-learning"] = ItemState(Status.IN_PROGRESS, note=joined)
    profile = Profile(
        name="<script>alert('name')</script>", headline="# Not a heading | pipe",
        summary=joined, location="\x1b[2J`loc`", email='"><script>@evil.example',
        website="javascript:alert(1)", github="https://github.com/ok",
        linkedin="data:text/html,hi", kaggle=" javascript:x",
    )
    return state, profile


def render(fmt: str) -> str:
    state, profile = hostile_inputs()
    return export.render(fmt, sample_roadmap(), state, profile, include_notes=True)


def test_no_control_characters_in_any_format() -> None:
    for fmt in export.FORMATS:
        text = render(fmt)
        assert not any(ord(c) < 32 and c != "\n" for c in text), fmt
        assert "\x7f" not in text and "\u202e" not in text and "\u2066" not in text, fmt
        assert "\\u001b" not in text, fmt  # not even JSON-escaped


# --------------------------------------------------------------------------- markdown


def _markdown_html() -> str:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.render(render("markdown"))


def test_markdown_renders_no_injected_markup() -> None:
    html = _markdown_html()
    for tag in ("<script", "<img", "<pre", "<code", "<blockquote", "<ol", "<del", "<s>",
                "<!--", "<h4", "<h5", "<h6", "<em>bold", "<strong>bold", "<em>em"):
        assert tag not in html, tag
    assert html.count("<hr") == 1  # only our footer rule
    assert html.count("<table") == 1


def test_markdown_headings_are_only_ours() -> None:
    html = _markdown_html()
    h1 = html.count("<h1>")
    assert h1 == 1
    assert "<h1>&lt;script&gt;alert('name')&lt;/script&gt;</h1>" in html
    assert "Heading injection</h" not in html.replace("<h3># Heading injection</h3>", "")


def test_markdown_links_are_only_checked_urls() -> None:
    html = _markdown_html()
    hrefs = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert hrefs, "expected some links"
    for href in hrefs:
        assert href.startswith("https://"), href
        assert not any(bad in href.lower() for bad in ("javascript", "data:", "evil")), href
    assert "https://ok.example/p?a=1&amp;b=%282%29%22%3Cx%3E" in hrefs
    assert "https://github.com/ok" in hrefs


def test_markdown_table_rows_keep_their_cells() -> None:
    state, profile = hostile_inputs()
    roadmap = sample_roadmap()
    steps = (roadmap.steps[0]._replace(title="a | b | c \\| d"), *roadmap.steps[1:])
    roadmap = Roadmap(roadmap.id, roadmap.title, steps=steps, skill_groups=roadmap.skill_groups,
                      readiness=roadmap.readiness, sources=roadmap.sources)
    text = export.render("markdown", roadmap, state, profile)
    html = MarkdownIt("commonmark").enable("table").render(text)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    for row in body.split("<tr>")[1:]:
        assert row.count("<td") == 4, row
    assert "a | b | c \\| d" in body


# --------------------------------------------------------------------------- html


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"comment in output: {data!r}")


def _parse(text: str) -> _Collector:
    parser = _Collector()
    parser.feed(text)
    parser.close()
    return parser


def test_html_has_no_script_and_a_strict_csp() -> None:
    parsed = _parse(render("html"))
    names = [tag for tag, _ in parsed.tags]
    for banned in ("script", "img", "iframe", "object", "embed", "form", "base", "link",
                   "svg", "math"):
        assert banned not in names, banned
    metas = [dict(a) for t, a in parsed.tags if t == "meta"]
    csp = [m for m in metas if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(csp) == 1
    assert "default-src 'none'" in (csp[0]["content"] or "")
    assert "script-src" not in (csp[0]["content"] or "")
    assert names.count("style") == 1  # ours, in the head


def test_html_attributes_and_links_are_safe() -> None:
    parsed = _parse(render("html"))
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith(("https://", "mailto:")), value
            if name == "style":
                assert tag == "span" and value is not None and value.startswith("width:")
    hrefs = [dict(a)["href"] for t, a in parsed.tags if t == "a"]
    assert GOOD_URL in hrefs
    assert not any("javascript" in (h or "").lower() for h in hrefs)


def test_html_shows_user_text_as_text() -> None:
    parsed = _parse(render("html"))
    text = "".join(parsed.text)
    assert "<script>alert('name')</script>" in text  # visible, as typed, but inert
    assert '"><img src=x onerror=alert(1)>' in text
    assert "␛[31mred" in text  # ESC made visible


# --------------------------------------------------------------------------- json


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("fmt", ["json", "json-resume"])
def test_json_has_no_bad_links_or_controls(fmt: str) -> None:
    data = json.loads(render(fmt))
    for s in _strings(data):
        assert not any(ord(c) < 32 and c != "\n" for c in s)
    for url in _urls(data):
        assert url.startswith(("https://", "mailto:")), url
    assert GOOD_URL in _urls(data)


def _urls(value: Any) -> list[str]:
    """Values of every `url`/`urls` field, and the link inside "Also at ..." highlights."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("url", "urls"):
                found += v if isinstance(v, list) else [v]
            elif k == "highlights":
                found += [h.removeprefix("Also at ") for h in v if h.startswith("Also at ")]
            else:
                found += _urls(v)
    elif isinstance(value, list):
        for v in value:
            found += _urls(v)
    return found


def test_json_validates_against_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(export.EXPORT_SCHEMA)
    validator = jsonschema.Draft202012Validator(export.EXPORT_SCHEMA)
    validator.validate(json.loads(render("json")))
    validator.validate(json.loads(export.render("json", sample_roadmap(), RoadmapState(),
                                                Profile())))


def test_json_resume_validates_against_the_standard() -> None:
    schema = json.loads(SCHEMA_FIXTURE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    validator.validate(json.loads(render("json-resume")))
    validator.validate(json.loads(export.render("json-resume", sample_roadmap(),
                                                RoadmapState(), Profile())))
    data = json.loads(render("json-resume"))
    assert data["basics"]["profiles"] == [
        {"network": "GitHub", "username": "ok", "url": "https://github.com/ok"}]
    assert "email" not in data["basics"] and "url" not in data["basics"]
