"""The default command: open the interactive app."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap.commands import Context


def run_tui(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.tui.launch import run

    return run(ctx.paths)
