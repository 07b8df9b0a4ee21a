"""Template drift: a template that renamed or dropped items since the user's records were made.

Records follow `replaces` to their new id; records of dropped items stay, archived. Both
front ends call this right after opening, and show what it says.
"""

from __future__ import annotations

from roadmap.model import Roadmap, UserState, archived_ids, follow_renames


def follow_template(roadmap: Roadmap, state: UserState) -> list[str]:
    """Follow template renames for `roadmap` and say what moved or is archived."""
    rs = state.of(roadmap.id)
    notices = [f"'{old}' is now '{new}' in the template; your status and note moved with it"
               for old, new in follow_renames(roadmap, rs)]
    # own items removed on purpose are not news; own items left without their group are told
    # by application.own.compose, in their own words
    archived = [i for i in archived_ids(roadmap, rs) if i not in rs.own]
    if archived:
        shown = ", ".join(archived[:5]) + (f" and {len(archived) - 5} more" if len(archived) > 5
                                           else "")
        notices.append(f"{len(archived)} recorded item(s) are no longer in '{roadmap.id}' and "
                       f"are kept as archived: {shown}")
    return notices
