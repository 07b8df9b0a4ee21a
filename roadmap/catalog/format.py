"""The template format as data: which keys each kind of table takes, their types, and
whether they are required. `validate.py` checks a parsed template against it; the README's
"Template format" section documents the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping

TEMPLATE_SCHEMA = 1
"""The template format version this code reads."""

# key -> (type, required). Types: "str", "text" (may hold newlines), "int", "ids", "source",
# "resources", "aliases", "estimate", or the name of a nested table kind for arrays of tables.
Spec = Mapping[str, tuple[str, bool]]

_ITEM: Spec = {
    "id": ("str", True),
    "title": ("str", True),
    "summary": ("text", False),
    "source": ("source", False),
    "resources": ("resources", False),
    "replaces": ("ids", False),
}
SPECS: Mapping[str, Spec] = {
    "template": {
        "schema": ("int", True),
        "id": ("str", True),
        "title": ("str", True),
        "summary": ("text", False),
        "version": ("str", False),
        "estimate": ("estimate", False),
        "sources": ("source-table", False),
        "steps": ("step", True),
        "skill_groups": ("skill-group", False),
        "readiness": ("readiness-group", False),
    },
    "source-table": {
        "id": ("str", True),
        "title": ("str", True),
        "publisher": ("str", False),
        "author": ("str", False),
        "published": ("str", False),
        "url": ("url", False),
    },
    "step": {
        "id": ("str", True),
        "title": ("str", True),
        "summary": ("text", False),
        "source": ("source", False),
        "resources": ("resources", False),
        "estimate": ("estimate", False),
        "milestones": ("milestone", False),
    },
    "milestone": {**_ITEM, "skills": ("ids", False), "evidence": ("str", False)},
    "skill-group": {
        "id": ("str", True),
        "title": ("str", True),
        "summary": ("text", False),
        "skills": ("skill", False),
    },
    "skill": {**_ITEM, "aliases": ("aliases", False)},
    "readiness-group": {
        "id": ("str", True),
        "title": ("str", True),
        "summary": ("text", False),
        "items": ("check", False),
    },
    "check": {**_ITEM, "skills": ("ids", False)},
}
ESTIMATE_KEYS = ("min_weeks", "max_weeks", "basis")
"""An estimate is `{ min_weeks = 4, max_weeks = 6, basis = "..." }`; basis is optional."""
_NONEMPTY = ("title", "evidence", "basis")
"""One-line keys that must say something when present."""

_NOUN = {
    "source-table": "source",
    "step": "step",
    "milestone": "milestone",
    "skill-group": "skill group",
    "skill": "skill",
    "readiness-group": "readiness group",
    "check": "readiness item",
}
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    list: "an array",
    dict: "a table",
}
