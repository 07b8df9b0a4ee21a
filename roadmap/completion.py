"""Shell completion: the scripts `roadmap completion SHELL` prints, and the engine they call.

The scripts are thin: on every TAB they run `roadmap __complete SHELL INDEX WORD...` and show
what it prints. The engine walks the same argparse parser the commands use, so commands,
options and choices can never drift from the real ones, and ids (items, skills, projects,
roadmaps, config keys) come from the roadmap in use at that moment. Only a TAB imports this
module; ordinary commands never do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TextIO

from roadmap.commands import COMPLETES
from roadmap.commands.shell import SHELLS

if TYPE_CHECKING:
    from roadmap.paths import Paths

FILES = "::files"
"""Printed alone when the value is a path: the shell's own file completion takes over."""
DIRS = "::dirs"
DESCRIPTION_WIDTH = 60


class Candidate(NamedTuple):
    value: str
    help: str = ""


class Position(NamedTuple):
    """Where the cursor is in the parser tree: what the word being completed can be."""

    parser: argparse.ArgumentParser
    pending: argparse.Action | None  # an option waiting for its value
    positionals: list[argparse.Action]  # what a plain word here may fill
    used: set[argparse.Action]
    values: dict[str, str]  # option values seen so far (--home, --roadmap)
    options_only: bool  # after `--` nothing but positionals


def _positionals(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if not a.option_strings]


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def walk(parser: argparse.ArgumentParser, before: list[str]) -> Position:
    """Follow the words before the cursor through the parser, as argparse would."""
    slots = _positionals(parser)
    index = filled = 0
    pending: argparse.Action | None = None
    used: set[argparse.Action] = set()
    values: dict[str, str] = {}
    after_dashes = False
    for word in before:
        if pending is not None:
            values[pending.dest] = word
            pending = None
            continue
        if word == "--" and not after_dashes:
            after_dashes = True
            continue
        if word.startswith("-") and word != "-" and not after_dashes:
            name, eq, value = word.partition("=")
            action = parser._option_string_actions.get(name)
            if action is not None:
                used.add(action)
                if _takes_value(action):
                    if eq:
                        values[action.dest] = value
                    else:
                        pending = action
            continue
        if index >= len(slots):
            continue
        slot = slots[index]
        if isinstance(slot, argparse._SubParsersAction):
            sub = slot.choices.get(word)
            if sub is None:
                index += 1
                continue
            parser, slots, index, filled, used = sub, _positionals(sub), 0, 0, set()
            continue
        filled += 1
        if slot.nargs not in ("+", "*") and filled >= (slot.nargs if isinstance(slot.nargs, int)
                                                      else 1):
            index, filled = index + 1, 0
    here = slots[index:index + 1]
    if here and here[0].nargs in ("+", "*") and (filled or here[0].nargs == "*"):
        here = slots[index:index + 2]  # `mark ITEM... STATUS`: another item, or the status
    return Position(parser, pending, here, used, values, after_dashes)


def _options(position: Position) -> list[Candidate]:
    out = []
    for action in position.parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        if action in position.used and not isinstance(action, argparse._AppendAction):
            continue
        out += [Candidate(name, action.help or "") for name in action.option_strings]
    return out


def _for_action(action: argparse.Action, position: Position) -> list[Candidate] | str:
    if isinstance(action, argparse._SubParsersAction):
        return [Candidate(choice.dest, choice.help or "") for choice in action._choices_actions]
    if action.choices is not None:
        return [Candidate(str(choice)) for choice in action.choices]
    kind = getattr(action, COMPLETES, None)
    if kind == "file":
        return FILES
    if kind == "dir":
        return DIRS
    source = SOURCES.get(kind or "")
    if source is None:
        return []
    try:
        return source(position.values)
    except Exception:
        return []


def candidates(words: list[str], index: int) -> list[Candidate] | str:
    """What may replace words[index] (words[0] is the program), prefix-filtered.

    A list of candidates, or FILES / DIRS when the shell should complete a path itself.
    """
    from roadmap.cli import _scan, build_parser

    before = words[1:index]
    current = words[index] if index < len(words) else ""
    _, command, _ = _scan(before)
    position = walk(build_parser(command), before)
    prefix = ""
    found: list[Candidate] | str
    if position.pending is not None:
        found = _for_action(position.pending, position)
    elif current.startswith("--") and "=" in current and not position.options_only:
        name, _, current = current.partition("=")
        action = position.parser._option_string_actions.get(name)
        prefix = name + "="
        found = _for_action(action, position) if action and _takes_value(action) else []
    elif current.startswith("-") and not position.options_only:
        found = _options(position)
    else:
        found = []
        for slot in position.positionals:
            more = _for_action(slot, position)
            if isinstance(more, str):
                return more
            found += more
        if not position.positionals and not current:
            found = _options(position)
    if isinstance(found, str):
        return found
    seen: set[str] = set()
    out = []
    for candidate in found:
        if candidate.value.startswith(current) and candidate.value not in seen:
            seen.add(candidate.value)
            out.append(Candidate(prefix + candidate.value, candidate.help))
    return out


# --------------------------------------------------------------------------- dynamic values


def _paths(values: dict[str, str]) -> Paths:
    from roadmap.paths import Paths

    return Paths.resolve(values.get("home"))


def _roadmap_items(values: dict[str, str], section: str) -> list[Candidate]:
    from roadmap.application.opening import open_reading

    roadmap = open_reading(_paths(values), values.get("roadmap")).roadmap
    groups = {"steps": roadmap.steps, "skills": roadmap.skill_groups}.get(section)
    if groups is None:
        return [Candidate(item.id, item.title) for item in roadmap.items()]
    return [Candidate(item.id, item.title) for group in groups for item in group.items]


def _groups(values: dict[str, str]) -> list[Candidate]:
    from roadmap.application.opening import open_reading

    roadmap = open_reading(_paths(values), values.get("roadmap")).roadmap
    return [Candidate(group.id, group.title) for group in roadmap.groups()]


def _own_items(values: dict[str, str]) -> list[Candidate]:
    from roadmap.application.opening import open_reading

    opened = open_reading(_paths(values))
    return [Candidate(o.id, o.title) for o in opened.rs.own.values()
            if o.id in opened.roadmap.own_ids]


def _projects(values: dict[str, str]) -> list[Candidate]:
    from roadmap.application.opening import open_reading

    projects = open_reading(_paths(values)).rs.projects
    return [Candidate(p.id, p.title) for p in projects.values()]


def _postings(values: dict[str, str]) -> list[Candidate]:
    from roadmap.storage import read_state

    postings = read_state(_paths(values)).postings
    return [Candidate(name, f"saved {p.saved or ''}".strip()) for name, p in postings.items()]


def _roadmaps(values: dict[str, str]) -> list[Candidate]:
    from roadmap import catalog

    return [Candidate(info.id, info.roadmap.title)
            for info in catalog.discover(_paths(values)) if info.roadmap is not None]


def _config_keys(values: dict[str, str]) -> list[Candidate]:
    from roadmap import config

    return ([Candidate(key.key, key.help) for key in config.KEYS]
            + [Candidate(key, help) for key, help in config.SETTINGS.items()])


SOURCES: dict[str, Callable[[dict[str, str]], list[Candidate]]] = {
    "item": lambda values: _roadmap_items(values, "all"),
    "skill": lambda values: _roadmap_items(values, "skills"),
    "milestone": lambda values: _roadmap_items(values, "steps"),
    "group": _groups,
    "own-item": _own_items,
    "project": _projects,
    "posting": _postings,
    "roadmap": _roadmaps,
    "config-key": _config_keys,
}


# --------------------------------------------------------------------------- the protocol


def _description(text: str) -> str:
    from roadmap.model import visible

    line = " ".join(visible(text, keep_newlines=False).split())
    return line if len(line) <= DESCRIPTION_WIDTH else line[:DESCRIPTION_WIDTH - 1] + "…"


def _bash_words(words: list[str], index: int) -> tuple[list[str], int, int]:
    """Glue `--opt`, `=`, `value` back together (bash splits at `=`).

    Returns the words, the cursor's word index in them, and how many leading characters of
    that word bash does not replace (the `--opt` part), which each answer must leave out.
    """
    out: list[str] = []
    cursor, cut = index, 0
    for i, word in enumerate(words):
        glue = bool(out) and (
            (word == "=" and out[-1].startswith("--") and "=" not in out[-1])
            or (i > 0 and words[i - 1] == "=" and out[-1].endswith("=")))
        if glue and i <= index:
            out[-1] += word
            if i == index:
                cut = len(out[-1]) - len(word)
            cursor -= 1
        else:
            out.append(word)
    if index >= len(words):
        cursor = len(out) + index - len(words)
    return out, cursor, cut


def run(args: list[str], out: TextIO) -> int:
    """`roadmap __complete SHELL INDEX WORD...`: one candidate a line, in the shell's format."""
    if len(args) < 2 or args[0] not in SHELLS or not args[1].isdigit():
        print("roadmap: usage: roadmap __complete bash|zsh|fish INDEX WORD... (what the "
              "scripts of 'roadmap completion' call)", file=sys.stderr)
        return 2
    shell, index, words = args[0], int(args[1]), args[2:]
    cut = 0
    if shell == "bash":
        words, index, cut = _bash_words(words, index)
    found = candidates(words, index)
    if isinstance(found, str):
        print(found, file=out)
        return 0
    for value, text in found:
        text = _description(text)
        if shell == "bash":
            print(value[cut:], file=out)
        elif shell == "zsh":
            escaped = value.replace("\\", "\\\\").replace(":", "\\:")
            print(f"{escaped}:{text}" if text else escaped, file=out)
        else:
            print(f"{value}\t{text}" if text else value, file=out)
    return 0


# --------------------------------------------------------------------------- the scripts

BASH = r"""# roadmap completion for bash: commands, options, statuses, formats, config keys and the
# ids of the roadmap in use. Load it now with: source <(roadmap completion bash)
# or for good: roadmap completion bash > ~/.local/share/bash-completion/completions/roadmap
_roadmap() {
    local cur=${COMP_WORDS[COMP_CWORD]} line
    local -a found=()
    while IFS= read -r line; do found+=("$line"); done \
        < <(roadmap __complete bash "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null)
    COMPREPLY=()
    case ${found[0]-} in
        ::files | ::dirs)
            [[ ${found[0]} == ::dirs ]] && set -- -d || set -- -f
            while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen "$@" -- "$cur")
            compopt -o filenames 2>/dev/null ;;
        *) COMPREPLY=("${found[@]}") ;;
    esac
}
complete -F _roadmap roadmap
"""

ZSH = r"""#compdef roadmap
# roadmap completion for zsh: commands, options, statuses, formats, config keys and the ids
# of the roadmap in use. Save it as _roadmap in a folder on $fpath (before compinit), e.g.
# roadmap completion zsh > ~/.zfunc/_roadmap, with fpath+=(~/.zfunc) in ~/.zshrc;
# or load it after compinit with: source <(roadmap completion zsh)
_roadmap() {
    local -a found
    found=("${(@f)$(roadmap __complete zsh $((CURRENT - 1)) "${words[@]}" 2>/dev/null)}")
    case ${found[1]-} in
        ::files) _files ;;
        ::dirs) _files -/ ;;
        '') return 1 ;;
        *) _describe -t values roadmap found ;;
    esac
}
if [[ ${funcstack[1]-} == _roadmap ]]; then _roadmap "$@"; else compdef _roadmap roadmap; fi
"""

FISH = r"""# roadmap completion for fish: commands, options, statuses, formats, config keys and the
# ids of the roadmap in use. Save it:
# roadmap completion fish > ~/.config/fish/completions/roadmap.fish
function __roadmap_complete
    set -l before (commandline -opc)
    set -l current (commandline -ct)
    set -l found (roadmap __complete fish (count $before) $before "$current" 2>/dev/null)
    switch "$found[1]"
        case ::files
            __fish_complete_path "$current"
        case ::dirs
            __fish_complete_directories "$current"
        case '*'
            printf '%s\n' $found
    end
end
complete -c roadmap -f -a '(__roadmap_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
