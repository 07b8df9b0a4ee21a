"""`roadmap completion SHELL` and `roadmap man`: fitting into the user's shell and man pages.

Both are generated from the argument parser, so they list exactly the commands that exist.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap.commands import Context

SHELLS = ("bash", "zsh", "fish")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "completion",
        help="print the shell completion script for bash, zsh or fish",
        description="Print a script that completes roadmap's commands, options, statuses, "
        "formats, config keys and the ids of the roadmap in use. The script's first lines "
        "say where to save it.",
        epilog="bash: source <(roadmap completion bash); zsh: roadmap completion zsh > "
        "~/.zfunc/_roadmap (with fpath+=(~/.zfunc) before compinit); fish: roadmap "
        "completion fish > ~/.config/fish/completions/roadmap.fish",
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="one of: " + ", ".join(SHELLS))
    p.set_defaults(func=cmd_completion)

    p = sub.add_parser(
        "man",
        help="print the manual page (roff), made from this help",
        description="Print roadmap(1) in roff, generated from the same parser as --help. "
        "Read it with: roadmap man | man -l -",
    )
    p.set_defaults(func=cmd_man)


def cmd_completion(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.completion import SCRIPTS

    ctx.out.write(SCRIPTS[args.shell])
    return 0


def cmd_man(args: argparse.Namespace, ctx: Context) -> int:
    from roadmap.cli import build_parser
    from roadmap.manpage import manpage

    ctx.out.write(manpage(build_parser()))
    return 0
