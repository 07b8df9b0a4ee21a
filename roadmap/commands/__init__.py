"""Subcommand families; each module registers its parsers and handlers.

Keeping families apart keeps cli.py small and lets a command import only what it needs
(none of them import textual, so scripted use starts fast).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType
from typing import TextIO

from roadmap.model.text import visible
from roadmap.paths import Paths

FAMILIES = ("templates", "config", "state", "items", "time", "project", "proof", "export",
            "sync", "shell")
"""Modules under roadmap.commands, in --help order."""

OWNERS = {"templates": "templates", "validate": "templates", "config": "config",
          "where": "state", "status": "state", "mark": "state", "note": "state", "use": "state",
          "restore-backup": "state", "item": "items", "link": "items",
          "next": "time", "history": "time", "pace": "time", "target": "time",
          "project": "project", "export": "export",
          "completion": "shell", "man": "shell",
          "sync": "sync", "merge-driver": "sync"}
OWNERS |= {"evidence": "proof", "gap": "proof"}
"""Which family registers each command, so `roadmap status` imports the state commands only
(all five pull in the exporters, the profile config and more: ~60 ms of a ~150 ms run)."""


def command_modules(command: str | None = None) -> list[ModuleType]:
    """The family that owns `command`, or every family (for --help and unknown words)."""
    names = [OWNERS[command]] if command in OWNERS else FAMILIES
    return [importlib.import_module(f"roadmap.commands.{name}") for name in names]


COMPLETES = "roadmap_completes"
"""The attribute `completes` sets on an argument: what kind of value it takes."""


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Tag an argument with the kind of value it takes, for shell completion.

    Kinds: item, skill, milestone, group, own-item, project, posting, roadmap, config-key
    (ids from the roadmap in use or your config), file, dir (left to the shell). Choices
    complete without a tag.
    """
    setattr(action, COMPLETES, kind)
    return action


class Context:
    """What every command needs: where the data lives and where to print.

    A plain class: `dataclasses` would cost a command ~20 ms of start-up."""

    __slots__ = ("err", "out", "paths")

    def __init__(self, paths: Paths, out: TextIO | None = None,
                 err: TextIO | None = None) -> None:
        self.paths = paths
        self.out = sys.stdout if out is None else out
        self.err = sys.stderr if err is None else err

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(Paths.resolve(getattr(args, "home", None)))

    def say(self, line: str = "") -> None:
        """Print a line for a person. Everything in it that came from a file or an argument
        (titles, ids, notes, paths) is made visible text: it can never drive the terminal."""
        print(visible(line), file=self.out)

    def warn(self, line: str) -> None:
        """A notice on stderr, `roadmap: ` first, made visible like `say`."""
        print(visible(f"roadmap: {line}"), file=self.err)
