"""Command-line entry point: argparse subcommands, the TUI when none is given.

Every user mistake becomes one line on stderr and exit code 2; tracebacks are for our bugs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from roadmap import __version__
from roadmap.commands import COMMAND_MODULES, Context
from roadmap.errors import RoadmapError


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line that points at --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="roadmap",
        description="Track your path to a machine-learning-engineer job: the seven-step "
        "roadmap, a skills checklist and your portfolio projects. With no command, "
        "opens the interactive app.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="folder holding your data and own templates (default: $ROADMAP_HOME, "
        "else the per-user data folder; see 'roadmap where')",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context.from_args(args)
    try:
        if args.command is None:
            from roadmap.commands.tui import run_tui

            return run_tui(args, ctx)
        code: int = args.func(args, ctx)
        return code
    except RoadmapError as exc:
        prefix = "roadmap: " if exc.prefixed else ""
        for line in str(exc).splitlines() or [""]:
            print(prefix + line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
