"""Text colours every theme can be read in: WCAG 2 contrast, and a nudge where a theme falls
short.

Status colours come from the theme ($text-success, $text-warning, $foreground...), but no
theme variable reaches 4.5:1 against the tree's background in every built-in theme (green on
textual-light's near-white is 3.5:1; solarized-dark's own foreground is 4.1:1). `readable`
keeps the theme's hue and moves it toward black or white just far enough to pass.
"""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color

MINIMUM = 4.5
"""WCAG 2 AA for normal-size text."""


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour (0 black .. 1 white)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(first: Color, second: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, background: Color, minimum: float = MINIMUM) -> Color:
    """`color` over `background` (alpha blended), moved toward black or white (whichever the
    background contrasts with more) in small steps until the ratio is at least `minimum`."""
    color = background.blend(color, color.a) if color.a < 1 else color
    target = Color(0, 0, 0) if contrast(background, Color(0, 0, 0)) >= contrast(
        background, Color(255, 255, 255)) else Color(255, 255, 255)
    step = 0
    while contrast(color, background) < minimum and step < 20:
        step += 1
        color = color.blend(target, 0.1)
    return color if contrast(color, background) >= minimum else target


def readable_style(style: Style, background: Color, minimum: float = MINIMUM) -> Style:
    """A Rich style with its foreground made `readable` on `background` (no colour: as is)."""
    if style.color is None or style.color.is_default:
        return style
    fixed = readable(Color.from_rich_color(style.color), background, minimum)
    return style + Style(color=RichColor.from_rgb(fixed.r, fixed.g, fixed.b))
