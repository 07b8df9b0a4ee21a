"""Command-line entry point: argparse subcommands, the TUI when none is given.

Every user mistake becomes one line on stderr and exit code 2; tracebacks are for our bugs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from roadmap import __version__
from roadmap.errors import RoadmapError

if TYPE_CHECKING:
    import argparse

    from roadmap.paths import Paths


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command word, only its family registers (and is imported).

    argparse is imported here, not at the top: the app (no command) never needs it (~4 ms).
    """
    import argparse

    from roadmap.commands import command_modules, completes

    class _Parser(argparse.ArgumentParser):
        """argparse, but errors are one line that points at --help."""

        def error(self, message: str) -> NoReturn:
            from roadmap.model.text import visible  # the message quotes the user's words

            self.exit(2, visible(f"{self.prog}: error: {message} (see '{self.prog} --help')",
                                 keep_newlines=False) + "\n")

    parser = _Parser(
        prog="roadmap",
        description="Track your path to a machine-learning-engineer job: the seven-step "
        "roadmap, a skills checklist and your portfolio projects. With no command, "
        "opens the interactive app.",
        epilog="Exit status: 0 on success; 1 when 'config get' finds no value; 2 for a mistake "
        "(an unknown command or id, a broken file), with one line saying what and where, and "
        "your data left as it was. Output is plain text, never coloured (NO_COLOR is "
        "honoured by design); every --json output carries a \"schema\" version. Completion: "
        "'roadmap completion --help'; the manual: 'roadmap man'.",
    )
    parser.add_argument("--version", action="version", version=f"roadmap {__version__}")
    completes(parser.add_argument(
        "--home",
        metavar="DIR",
        help="folder holding your data and own templates (default: $ROADMAP_HOME, "
        "else the per-user data folder; see 'roadmap where')",
    ), "dir")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules(command):
        module.register(sub)
    return parser


def _scan(argv: list[str]) -> tuple[bool, str | None, str | None]:
    """(no command and no other option, the command word, --home's value), argparse-free.

    With no command the app opens without building every subcommand's parser, which would
    import the exporters, the profile config and more (~50 ms of a ~300 ms start).
    """
    home: str | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--home" and rest and not rest[0].startswith("-"):
            home = rest.pop(0)
        elif arg.startswith("--home="):
            home = arg.partition("=")[2]
        else:
            return False, None if arg.startswith("-") else arg, home
    return True, None, home


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["__complete"]:  # the shell asking for candidates: see roadmap.completion
        from roadmap.completion import run

        return run(words[1:], sys.stdout)
    tui, command, home = _scan(words)
    if tui:
        import gc

        gc.disable()  # until the first frame is drawn: see roadmap.tui.launch.run
        from roadmap.paths import Paths

        return _guarded(lambda: _run_app(Paths.resolve(home)))
    from roadmap.commands import Context

    parser = build_parser(command)
    args = parser.parse_args(words)
    if args.command is None:
        from roadmap.commands.tui import run_tui

        return _guarded(lambda: run_tui(args, Context.from_args(args)))
    return _guarded(lambda: int(args.func(args, Context.from_args(args))))


def _run_app(paths: Paths) -> int:
    from roadmap.tui.launch import run

    return run(paths)


def _guarded(command: Callable[[], int]) -> int:
    """Run a command; a user mistake becomes one line on stderr and its exit code."""
    try:
        return command()
    except RoadmapError as exc:
        from roadmap.model.text import visible

        prefix = "roadmap: " if exc.prefixed else ""
        for line in str(exc).splitlines() or [""]:
            print(visible(prefix + line), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
