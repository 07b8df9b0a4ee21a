"""Subcommand families; each module registers its parsers and handlers.

Keeping families apart keeps cli.py small and lets a command import only what it needs
(none of them import textual, so scripted use starts fast).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import TextIO

from roadmap.commands import config, export, project, state, templates
from roadmap.paths import Paths

COMMAND_MODULES = [templates, config, state, project, export]


@dataclass
class Context:
    """What every command needs: where the data lives and where to print."""

    paths: Paths
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(Paths.resolve(getattr(args, "home", None)))
