"""One self-contained HTML page: inline CSS, no scripts, a strict Content-Security-Policy.

It reads as a one-page CV on screen (light or dark, following the reader's system) and
prints to one or two clean pages. Every piece of user text passes through `esc()`; links
come only from URLs the view-model already checked (http, https, mailto).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from roadmap.export.markdown import STATUS_LABEL
from roadmap.export.portfolio import (
    Link,
    Portfolio,
    ProfileView,
    ProjectView,
    SkillGroupView,
    StepView,
    date_range,
)
from roadmap.model import Status

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The page's CSS, kept in style.css so it can be edited as CSS; inlined in every page."""
    return (Path(__file__).with_name("style.css").read_text(encoding="utf-8")).strip()



def esc(text: str) -> str:
    """User text as HTML text or attribute value: &, <, >, " and ' all escaped."""
    return escape(text, quote=True)


def _a(link: Link, text: str | None = None) -> str:
    return (f'<a href="{esc(link.url)}" rel="noopener noreferrer nofollow">'
            f"{esc(text if text is not None else link.display)}</a>")


def _paras(text: str, cls: str = "") -> str:
    """Paragraphs of user text; single newlines become <br> (escaped first, then joined)."""
    attr = f' class="{cls}"' if cls else ""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    return "".join(
        f"<p{attr}>" + "<br>".join(esc(line) for line in b.strip("\n").split("\n")) + "</p>"
        for b in blocks
    )


_STATUS_CLASS = {Status.DONE: "done", Status.IN_PROGRESS: "doing", Status.TODO: "todo",
                 Status.SKIPPED: "skipped"}


def _step(step: StepView) -> str:
    if step.status is Status.DONE:
        label = f"Done {step.completed.isoformat()}" if step.completed else "Done"
    elif step.status is Status.IN_PROGRESS:
        label = f"In progress · {step.counts.done}/{step.counts.total}"
    else:
        label = STATUS_LABEL[step.status]
    return (f'<span class="n">{step.number}</span><span>{esc(step.title)}</span>'
            f'<span class="st {_STATUS_CLASS[step.status]}">{esc(label)}</span>')


def _project(project: ProjectView) -> str:
    when = date_range(project.started, project.finished)
    out = ['<article class="project"><div class="top">', f"<h3>{esc(project.title)}</h3>"]
    if when:
        out.append(f'<span class="when">{esc(when)}</span>')
    out.append("</div>")
    if project.links:
        out.append('<div class="links">' + "".join(_a(link) for link in project.links) + "</div>")
    if project.summary:
        out.append(_paras(project.summary))
    if project.skills:
        out.append('<ul class="chips" aria-label="Skills shown">'
                   + "".join(f"<li>{esc(s.title)}</li>" for s in project.skills) + "</ul>")
    if project.milestones:
        out.append('<p class="served">Roadmap milestones: '
                   + "; ".join(esc(m.title) for m in project.milestones) + "</p>")
    if project.notes:
        out.append('<div class="notes">' + _paras(project.notes) + "</div>")
    out.append("</article>")
    return "".join(out)


def page_head(title: str) -> list[str]:
    """Everything up to <body>: the CSP, the viewport, the title and the inline stylesheet."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="roadmap">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{stylesheet()}\n</style>",
        "</head>",
        "<body>",
    ]


def profile_header(prof: ProfileView) -> list[str]:
    """The <header>: name, headline, place, contact links, summary."""
    body = ["<header>", f"<h1>{esc(prof.name or 'Portfolio')}</h1>"]
    if prof.headline:
        body.append(f'<p class="headline">{esc(prof.headline)}</p>')
    if prof.location:
        body.append(f'<p class="meta">{esc(prof.location)}</p>')
    if prof.contact:
        body.append('<p class="contact">' + "".join(_a(link) for link in prof.contact) + "</p>")
    if prof.summary:
        body.append(_paras(prof.summary, "summary"))
    body.append("</header>")
    return body


def skill_groups(groups: tuple[SkillGroupView, ...]) -> list[str]:
    """One block per checklist group: each skill, "learning" if in progress, its projects."""
    out = []
    for group in groups:
        items = []
        for skill in group.skills:
            item = esc(skill.title)
            if skill.status is Status.IN_PROGRESS:
                item += '<span class="tag doing">learning</span>'
            if skill.evidence:
                item += (' <span class="by">('
                         + ", ".join(esc(e.title) for e in skill.evidence) + ")</span>")
            if skill.note:
                item += f' <span class="by">— {esc(" ".join(skill.note.split()))}</span>'
            items.append(f"<li>{item}</li>")
        out.append(f'<div class="skills"><h3>{esc(group.title)}</h3><ul class="flow">'
                   + "".join(items) + "</ul></div>")
    return out


def to_html(p: Portfolio) -> str:
    """The portfolio as a complete HTML5 document, ending in one newline."""
    prof = p.profile
    head = page_head(f"{prof.name} — portfolio" if prof.name
                     else f"Portfolio — {p.roadmap.title}")
    body = profile_header(prof)

    o = p.overall
    skills = f"{p.skills_done} skills done"
    if p.skills_in_progress:
        skills += f", {p.skills_in_progress} in progress"
    body += [
        '<section aria-labelledby="progress"><h2 id="progress">Roadmap progress</h2>',
        '<div class="progress">',
        f'<span class="big">{o.percent}%</span>',
        f'<span class="bar" role="img" aria-label="{o.percent}% done">'
        f'<span style="width:{o.percent}%"></span></span>',
        f'<span class="muted">{o.done} of {o.total} items of the '
        f"<em>{esc(p.roadmap.title)}</em> roadmap · {p.steps_done} of {len(p.steps)} steps"
        f" · {esc(skills)}</span>",
        "</div>",
        '<div class="steps">' + "".join(_step(s) for s in p.steps) + "</div>",
        "</section>",
    ]

    if p.skills:
        body.append('<section aria-labelledby="skills"><h2 id="skills">Skills</h2>'
                    '<p class="legend">Projects that demonstrate a skill follow it in '
                    'brackets; <span class="tag doing">learning</span> marks a skill still '
                    'being learned.</p>')
        body += skill_groups(p.skills)
        body.append("</section>")

    if p.projects:
        body.append('<section aria-labelledby="projects"><h2 id="projects">Projects</h2>'
                    '<div class="projects">')
        body += [_project(project) for project in p.projects]
        body.append("</div></section>")

    done_checks = [r for r in p.readiness if r.done]
    if done_checks:
        body.append('<section aria-labelledby="readiness"><h2 id="readiness">Job readiness'
                    '</h2><div class="groups">')
        for check in done_checks:
            body.append(
                f'<div class="group"><h3>{esc(check.title)} '
                f'<span class="muted">{len(check.done)} of {check.total}</span></h3><ul>'
                + "".join(f"<li>{esc(ref.title)}</li>" for ref in check.done) + "</ul></div>")
        body.append("</div></section>")

    footer = f"Tracked with roadmap against the {esc(p.roadmap.title)} roadmap"
    footer += f"; generated {esc(p.generated)}." if p.generated else "."
    body += [f"<footer>{footer}</footer>", "</body>", "</html>"]
    return "\n".join(head + body) + "\n"
