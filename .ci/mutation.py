"""Mutation testing of the modules that keep or show a user's data (README, "Test strength").

    python .ci/mutation.py                 # every group, then the score table
    python .ci/mutation.py storage model   # some groups
    python .ci/mutation.py --report        # only the table, from the last runs
    python .ci/mutation.py --survivors     # run again only what survived last time

Runs mutmut (configured in pyproject.toml, [tool.mutmut]) on a fixed sample of each module's
mutants: those whose number ends in 0 or 5, a fifth, the same fifth on every run. Scores
leave out mutants that only change the text of a message (an error, a notice, a validation
problem): rewording one is not a bug a test should catch. Not part of .ci/run: too slow.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

GROUPS: dict[str, tuple[list[str], float]] = {
    "storage": (["storage.store", "storage.atomic", "storage.document", "storage.reading",
                 "storage.decode", "storage.encode", "storage.sections", "storage.recovery",
                 "storage.files", "storage.scan"], 0.85),
    "model": (["model.progress", "model.state", "model.template", "model.text"], 0.90),
    "exports": (["export", "export.html", "export.markdown", "export.jsonout",
                 "export.portfolio"], 0.90),
    "validate": (["catalog.validate"], 0.85),
}
SAMPLE = "[05]"
"""fnmatch suffix of the mutant names run: numbers ending in 0 or 5."""
MESSAGE_CALLS = ("Error(", "notices.append(", ".notify(", "self.add(", "self.fail(",
                 "Problem(", "print(")
KILLED = {1, 3, 36, 24, -24, 152, 255, 37}  # a failing test, a timeout, mypy: all caught

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = str(Path(sys.executable).with_name("mutmut"))


def module_of(name: str) -> str:
    """`roadmap.export.html.x_render__mutmut_5` -> `export.html` (a package's own mutants
    are named after the package: `roadmap.export.x_...` -> `export`)."""
    parts = name.split(".")
    return ".".join(p for p in parts[1:] if not p.startswith(("x_", "x\u01c1")))


def _strings_only(removed: list[str], added: list[str]) -> bool:
    """The two versions differ only inside string literals."""
    def tokens(lines: list[str]) -> list[tuple[int, str]] | None:
        found: list[tuple[int, str]] = []
        skip = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        try:  # a diff line is often part of a statement: brackets need not balance
            for t in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
                if t.type not in skip:
                    found.append((t.type, t.string if t.type != tokenize.STRING else ""))
        except tokenize.TokenError:
            pass
        except (SyntaxError, IndentationError):
            return None
        return found
    before, after = tokens([ln.strip() for ln in removed]), tokens([ln.strip() for ln in added])
    return before is not None and before == after and removed != added


_DROPPED = re.compile(r"\b(\w*Error|Problem|append|notify|add|fail|print)\("
                      r"([^()]*,\s*)?(None)?\)")
"""A message call whose message argument the mutant replaced with None or left out."""


def message_only(diff: str) -> bool:
    """The mutant changes only the text of a message: string text (or the message replaced by
    None) in a statement that raises, reports or prints it."""
    lines = diff.splitlines()
    removed = [ln[1:] for ln in lines if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:] for ln in lines if ln.startswith("+") and not ln.startswith("+++")]
    if not removed:
        return False
    if _DROPPED.search(" ".join(a.strip() for a in added)) and not _DROPPED.search(
            " ".join(r.strip() for r in removed)):
        return True
    if not _strings_only(removed, added):
        return False
    start = next(i for i, ln in enumerate(lines) if ln.startswith("-")
                 and not ln.startswith("---"))
    context = "\n".join(lines[max(0, start - 4):start + len(removed) + 3])
    return any(call in context for call in MESSAGE_CALLS)


def results() -> dict[str, tuple[int | None, str]]:
    """Every mutant run so far: name -> (exit code, diff)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.utils.file_utils import walk_mutatable_files

    out: dict[str, tuple[int | None, str]] = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in data.exit_code_by_key.items():
            if code is not None:
                out[name] = (code, get_diff_for_mutant(name, path=path))
    return out


def report(groups: list[str]) -> int:
    done = results()
    print(f"{'module':22} {'run':>5} {'message':>8} {'killed':>7} {'survived':>9} {'score':>7}")
    failed = 0
    survivors: list[str] = []
    for group in groups:
        modules, target = GROUPS[group]
        total_killed = total_counted = 0
        for module in modules:
            mine = {n: v for n, v in done.items() if module_of(n) == module}
            messages = {n for n, (_, diff) in mine.items() if message_only(diff)}
            counted = {n: v for n, v in mine.items() if n not in messages}
            killed = sum(1 for code, _ in counted.values() if code in KILLED)
            survivors += [n for n, (code, _) in counted.items() if code not in KILLED]
            total_killed += killed
            total_counted += len(counted)
            score = f"{100 * killed / len(counted):.1f}%" if counted else "-"
            print(f"{module:22} {len(mine):5} {len(messages):8} {killed:7} "
                  f"{len(counted) - killed:9} {score:>7}")
        score = total_killed / total_counted if total_counted else 0.0
        verdict = "pass" if score >= target else "FAIL"
        failed += verdict == "FAIL"
        print(f"{'= ' + group:22} {'':5} {'':8} {total_killed:7} "
              f"{total_counted - total_killed:9} {100 * score:6.1f}%  target {target:.0%} "
              f"{verdict}\n")
    if survivors:
        print("survivors (mutmut show NAME):")
        print("\n".join(f"  {n}" for n in sorted(survivors)))
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    os.chdir(ROOT)  # mutmut reads pyproject.toml and mutants/ from the current folder
    only_report = "--report" in argv
    groups = [a for a in argv if not a.startswith("--")] or list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        print(f"unknown group(s): {', '.join(unknown)} (known: {', '.join(GROUPS)})")
        return 2
    if "--survivors" in argv:
        last = results()
        for group in groups:
            names = sorted(n for n, (code, diff) in last.items()
                           if module_of(n) in GROUPS[group][0] and code not in KILLED
                           and not message_only(diff))
            if names:
                subprocess.run([MUTMUT, "run", "--max-children", "2", *names], check=False)
    elif not only_report:
        for group in groups:
            patterns = [f"roadmap.{m}.x*{SAMPLE}" for m in GROUPS[group][0]]
            subprocess.run([MUTMUT, "run", "--max-children", "2", *patterns], check=False)
    return report(groups)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
