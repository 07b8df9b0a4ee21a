"""Every theme the palette offers draws the tree's text at WCAG AA contrast (4.5:1).

How the colours are got: the tree is rendered (Tree.render_line, the Strips Textual paints)
and every segment with visible text is read back with its final foreground and background
(Rich styles resolved from the theme's CSS, cursor and focus included). The guide lines
(├ │ └) are drawing, not text, and are left out. The `ansi-*` themes are left out too: they
draw in the terminal's own 16 colours, which only the terminal knows (Rich's stand-in values
for "default" would be measured instead).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color

from roadmap import model
from roadmap.model import GLYPHS, RoadmapState, Status
from roadmap.tui.contrast import contrast, readable
from roadmap.tui.widgets.detail import DetailPane
from tests.tui.conftest import NOW, SIZE, AppFactory, tree

GUIDES = set("├│└─ ")


def seed(rs: RoadmapState) -> None:
    """One item of each status in the open step, so every status colour is on screen."""
    for item, status in (("take-prep-course-if-new", Status.DONE),
                         ("check-math-level", Status.IN_PROGRESS),
                         ("choose-ml-fundamentals-course", Status.SKIPPED)):
        model.mark(rs, item, status, NOW)


def worst(segments: list[Segment]) -> dict[str, float]:
    """The lowest contrast per segment text seen (its first visible character as the key)."""
    found: dict[str, float] = {}
    for segment in segments:
        text = "".join(ch for ch in segment.text if ch not in GUIDES)
        style = segment.style
        if not text or style is None or style.color is None or style.bgcolor is None:
            continue
        ratio = contrast(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))
        found[segment.text] = min(found.get(segment.text, 99.0), ratio)
    return found


async def test_tree_and_details_text_reach_4_5_to_1_in_every_theme(make_app: AppFactory) -> None:
    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        themes = sorted(t for t in app.available_themes if not t.startswith("ansi"))
        assert len(themes) >= 18 and "textual-light" in themes and "solarized-light" in themes
        failures = []
        for theme in themes:
            app.theme = theme
            # the cursor is drawn differently without focus: checked in the light themes and
            # solarized, whose cursors needed a nudge (each theme switch restyles the screen,
            # ~1 s on a busy machine)
            blurred = ("#detail",) if "light" in theme or "solarized" in theme else ()
            for focus in ("#tree", *blurred):
                app.screen.query_one(focus).focus()
                await pilot.pause()
                shown = tree(app)
                segments = [s for y in range(shown.size.height) for s in shown.render_line(y)]
                pane = app.screen.query_one(DetailPane)
                segments += [s for y in range(pane.size.height) for s in pane.render_line(y)]
                seen = worst(segments)
                glyphs = {GLYPHS[s] for s in Status}
                assert glyphs <= {ch for text in seen for ch in text}, (theme, "a status missing")
                failures += [(theme, focus, text, round(r, 2)) for text, r in seen.items()
                             if r < 4.5]
        assert failures == []


def test_readable_keeps_a_colour_that_passes_and_nudges_one_that_does_not() -> None:
    white, green = Color(250, 250, 250), Color(0, 160, 0)
    assert round(contrast(Color(0, 0, 0), Color(255, 255, 255)), 1) == 21.0
    assert contrast(green, white) < 4.5
    fixed = readable(green, white)
    assert 4.5 <= contrast(fixed, white) < 6  # just far enough
    assert fixed.g > fixed.r and fixed.g > fixed.b  # still green
    navy = Color(0, 0, 128)
    assert readable(navy, white) == navy
