"""The roadmap and the user's progress as plain data, with pure operations on them.

Nothing in this package knows about files, TOML or Textual, so every rule (roll-up, progress,
undo) is tested in milliseconds and shared by the CLI, the TUI and the exporters alike.
Import from here; the submodules are an implementation detail.
"""

from roadmap.model.progress import (
    Progress,
    completed_on,
    group_progress,
    overall_progress,
    progress_of,
    section_progress,
)
from roadmap.model.state import (
    HISTORY_LIMIT,
    Change,
    Edit,
    ItemEdit,
    ItemState,
    Project,
    ProjectEdit,
    RoadmapState,
    UserState,
    apply_edit,
    archived_ids,
    follow_renames,
    mark,
    put_project,
    remove_project,
    set_note,
    toggle_done,
)
from roadmap.model.template import (
    ID_PATTERN,
    SECTION_TITLES,
    Check,
    Group,
    Item,
    Milestone,
    ReadinessGroup,
    Resource,
    Roadmap,
    Section,
    Skill,
    SkillGroup,
    Source,
    Status,
    Step,
)
from roadmap.model.text import (
    _BIDI,
    NOTE_LIMIT,
    TextError,
    check_encodable,
    clean_note,
    slugify,
    suggest,
    unique_id,
    visible,
)

__all__ = [
    "HISTORY_LIMIT", "ID_PATTERN", "NOTE_LIMIT", "SECTION_TITLES", "_BIDI", "Change", "Check",
    "Edit", "Group", "Item", "ItemEdit", "ItemState", "Milestone", "Progress", "Project",
    "ProjectEdit", "ReadinessGroup", "Resource", "Roadmap", "RoadmapState", "Section", "Skill",
    "SkillGroup", "Source", "Status", "Step", "TextError", "UserState", "apply_edit",
    "archived_ids", "check_encodable", "clean_note", "completed_on", "follow_renames",
    "group_progress", "mark", "overall_progress", "progress_of", "put_project",
    "remove_project", "section_progress", "set_note", "slugify", "suggest", "toggle_done",
    "unique_id", "visible",
]
