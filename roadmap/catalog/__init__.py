"""Templates: finding them (bundled and the user's own), validating them, building the model.

`find` decides which file a roadmap id means and loads it (through the parse cache);
`validate` checks a parsed template against `format`, every problem with its line.
"""

from roadmap.catalog.find import (
    DEFAULT_ROADMAP,
    RoadmapError,
    TemplateInfo,
    check_id,
    discover,
    load_roadmap,
    load_template,
    parse_template,
    template_files,
)

__all__ = [
    "DEFAULT_ROADMAP", "RoadmapError", "TemplateInfo", "check_id", "discover", "load_roadmap",
    "load_template", "parse_template", "template_files",
]
