"""Which links roadmap stores and exports: one rule for the CLI, the TUI and every exporter."""

from __future__ import annotations

LINK_SCHEMES = ("http", "https", "mailto")


def link_problem(url: str) -> str | None:
    """Why `url` is not a link roadmap keeps (None when it is fine).

    Absolute http(s) links with a host, or mailto with an address. No spaces or controls,
    and no user name or password before the host: `https://github.com@evil.example/` reads
    as GitHub but leads elsewhere, so it is refused on input and dropped on export.
    """
    if not url:
        return "is empty"
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return "contains spaces or control characters"
    from urllib.parse import urlsplit  # not at import: `status` never checks a link

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "is not a valid link"
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return "must start with http://, https:// or mailto:"
    if scheme == "mailto":
        return None if parts.path else "has no address"
    if not parts.hostname:
        return "has no host"
    if "@" in parts.netloc:
        return ("has a user name or password before the host ('user@host'), which can hide "
                "where it leads")
    return None


def safe_link(url: str) -> str | None:
    """`url` (scheme lower-cased) when `link_problem` finds nothing, else None: exporters
    call this, so a link that slipped in by a hand edit is dropped, never made clickable."""
    url = url.strip()
    if link_problem(url) is not None:
        return None
    from urllib.parse import urlsplit

    scheme = urlsplit(url).scheme
    return scheme.lower() + url[len(scheme):]
