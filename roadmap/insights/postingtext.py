"""A job posting's words, whatever it was written in: plain text, Markdown or HTML.

HTML loses its tags, scripts and styles and has its entities decoded (the stdlib's parser);
Markdown keeps its links' words; addresses and control characters go. Pure: text in, text out.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

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
