"""roadmap(1) in roff, generated from the argument parser: no text here to keep in step.

Every command, option, metavar, help line, description and epilog comes from the parser that
`--help` prints, so the manual cannot drift from the program.
"""

from __future__ import annotations

import argparse

import roadmap


def roff(text: str) -> str:
    """Text as roff: backslashes and dashes escaped, no line starting a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line
                     for line in text.splitlines())


def _raw(parser: argparse.ArgumentParser) -> bool:
    kind = parser.formatter_class
    return isinstance(kind, type) and issubclass(kind, argparse.RawDescriptionHelpFormatter)


def _prose(text: str | None, raw: bool) -> list[str]:
    if not text:
        return []
    if raw:  # laid out by hand in --help (a table of keys): keep its lines
        return [".PP", ".nf", roff(text), ".fi"]
    return [".PP", roff(" ".join(text.split()))]


def _usage(parser: argparse.ArgumentParser) -> str:
    usage = " ".join(parser.format_usage().split())
    return usage.removeprefix("usage: ")


def _arguments(parser: argparse.ArgumentParser) -> list[str]:
    formatter = parser._get_formatter()
    lines: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
            continue
        if isinstance(action, argparse._HelpAction) and parser.prog != "roadmap":
            continue  # every command has -h; the page says it once, under OPTIONS
        invocation = formatter._format_action_invocation(action)
        lines += [".TP", f"\\fB{roff(invocation)}\\fR"]
        lines.append(roff(formatter._expand_help(action)) if action.help else "")
    return lines


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    """(name, parser) of each listed subcommand, in --help order, nested ones depth first."""
    found: list[tuple[str, argparse.ArgumentParser]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                sub = action.choices[choice.dest]
                found.append((choice.dest, sub))
                found += [(f"{choice.dest} {name}", p) for name, p in _subcommands(sub)]
    return found


def manpage(parser: argparse.ArgumentParser) -> str:
    """The whole page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS and the epilog."""
    summary = (roadmap.__doc__ or "").partition(": ")[2].strip().rstrip(".")
    lines = [
        f'.TH ROADMAP 1 "" "roadmap {roadmap.__version__}" "User Commands"',
        ".SH NAME", f"roadmap \\- {roff(summary)}",
        ".SH SYNOPSIS", f"\\fB{roff(_usage(parser))}\\fR",
        ".SH DESCRIPTION", *_prose(parser.description, raw=False),
        ".SH OPTIONS", *_arguments(parser),
        ".SH COMMANDS",
    ]
    for name, sub in _subcommands(parser):
        lines += [f'.SS "roadmap {roff(name)}"', f"\\fB{roff(_usage(sub))}\\fR"]
        lines += _prose(sub.description, raw=False)
        arguments = _arguments(sub)
        if arguments:
            lines += [".RS", *arguments, ".RE"]
        lines += _prose(sub.epilog, raw=_raw(sub))
    if parser.epilog:
        lines += [".SH NOTES", *_prose(parser.epilog, raw=_raw(parser))[1:]]
    return "\n".join(lines) + "\n"
