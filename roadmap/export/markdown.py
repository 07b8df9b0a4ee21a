"""GitHub-flavoured Markdown: reads well pasted into a profile README, a gist or a CV draft.

Every piece of user text goes through `md()`, which backslash-escapes the characters that
could start markup, so a title cannot become a heading, a link, HTML, a table cell break,
a code fence or maths. Only links we build ourselves, from checked URLs, are clickable.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from roadmap.export.portfolio import (
    Counts,
    Link,
    Portfolio,
    ProfileView,
    ProjectView,
    SkillView,
    date_range,
)
from roadmap.model import Status

_INLINE = re.compile(r"([\\`*_\[\]<>|~#$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^([+=-]|\d{1,9}(?=[.)]))")

STATUS_LABEL = {
    Status.DONE: "Done",
    Status.IN_PROGRESS: "In progress",
    Status.TODO: "Not started",
    Status.SKIPPED: "Skipped",
}


def md(text: str) -> str:
    """One line of user text made inert: escaped inline markup, no block syntax at its start."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text.strip()))
    match = _BLOCK_START.match(text)
    if match:
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group(1)[0].isdigit() else "\\" + text
    return text


def md_block(text: str) -> str:
    """Multi-line user text: blank lines separate paragraphs, single newlines become hard
    breaks, and leading indentation is dropped so nothing turns into a code block."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(md(line))
        elif current:
            paragraphs.append("\\\n".join(current))
            current = []
    if current:
        paragraphs.append("\\\n".join(current))
    return "\n\n".join(paragraphs)


def md_link(link: Link, text: str | None = None) -> str:
    """A link whose destination cannot break out of the parentheses or spell markup."""
    dest = quote(link.url, safe="/:?#@!$&'*+,;=%-._~")
    return f"[{md(text if text is not None else link.display)}]({dest})"


def _step_status(status: Status, counts: Counts) -> str:
    if status is Status.IN_PROGRESS:
        return f"In progress ({counts.done} of {counts.total})"
    return STATUS_LABEL[status]


def _project(project: ProjectView) -> list[str]:
    out = [f"### {md(project.title)}", ""]
    meta = [date_range(project.started, project.finished)] if project.started or project.finished \
        else []
    meta += [md_link(link) for link in project.links]
    if meta:
        out += [" · ".join(m for m in meta if m), ""]
    if project.summary:
        out += [md_block(project.summary), ""]
    facts = []
    if project.skills:
        facts.append("**Skills shown:** " + " · ".join(md(s.title) for s in project.skills))
    if project.milestones:
        served = "; ".join(md(m.title) for m in project.milestones)
        facts.append(f"**Roadmap milestones:** {served}")
    if facts:
        out += ["\\\n".join(facts), ""]
    if project.notes:
        out += ["**Notes**", "", md_block(project.notes), ""]
    return out


def profile_lines(prof: ProfileView) -> list[str]:
    """The heading block: name, headline and place, contact links, summary."""
    out: list[str] = [f"# {md(prof.name) if prof.name else 'Portfolio'}", ""]
    tagline = [f"**{md(prof.headline)}**"] if prof.headline else []
    tagline += [md(prof.location)] if prof.location else []
    if tagline:
        out += [" · ".join(tagline), ""]
    contact = [md_link(link) for link in prof.contact]
    if contact:
        out += [" · ".join(contact), ""]
    if prof.summary:
        out += [md_block(prof.summary), ""]
    return out


def skill_line(skill: SkillView, learning: str = "*(in progress)*") -> str:
    """One skill as a list item: its title, `learning` if in progress, its projects, a note."""
    line = f"- {md(skill.title)}"
    if skill.status is Status.IN_PROGRESS:
        line += f" {learning}"
    if skill.evidence:
        line += " — shown in: " + " · ".join(md(e.title) for e in skill.evidence)
    if skill.note:
        line += " — note: " + md(" ".join(skill.note.split()))
    return line


def to_markdown(p: Portfolio) -> str:
    """The portfolio as GitHub-flavoured Markdown, ending in exactly one newline."""
    out = profile_lines(p.profile)

    o = p.overall
    out += ["## Roadmap progress", ""]
    facts = [
        f"**{o.percent}%** of the *{md(p.roadmap.title)}* roadmap ({o.done} of {o.total} items)",
        f"{p.steps_done} of {len(p.steps)} steps complete",
        f"{p.skills_done} skills done" + (
            f", {p.skills_in_progress} in progress" if p.skills_in_progress else ""),
        f"{len(p.projects)} project{'s' if len(p.projects) != 1 else ''}",
    ]
    out += [" · ".join(facts), ""]
    out += ["| # | Step | Status | Completed |", "| --: | --- | --- | --- |"]
    for step in p.steps:
        done = step.completed.isoformat() if step.completed else ""
        out.append(f"| {step.number} | {md(step.title)} | "
                   f"{_step_status(step.status, step.counts)} | {done} |")
    out.append("")

    if p.skills:
        out += ["## Skills", "",
                "Each skill lists the projects that demonstrate it; *in progress* marks skills "
                "still being learned.", ""]
        for group in p.skills:
            out += [f"### {md(group.title)}", ""]
            out += [skill_line(skill) for skill in group.skills]
            out.append("")

    if p.projects:
        out += ["## Projects", ""]
        for project in p.projects:
            out += _project(project)

    done_checks = [r for r in p.readiness if r.done]
    if done_checks:
        out += ["## Job readiness", ""]
        for check in done_checks:
            out += [f"### {md(check.title)} ({len(check.done)} of {check.total})", ""]
            out += [f"- {md(ref.title)}" for ref in check.done]
            out.append("")

    footer = f"*Tracked with roadmap against the {md(p.roadmap.title)} roadmap"
    footer += f"; generated {md(p.generated)}.*" if p.generated else ".*"
    out += ["---", "", footer]
    return "\n".join(out) + "\n"
