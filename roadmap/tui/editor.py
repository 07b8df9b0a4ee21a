"""Edit a note in the user's own editor, with the terminal handed over through App.suspend().

The command is checked before the terminal is handed over, and nothing raised while the editor
runs may escape the suspended block: Textual only resumes when the block ends normally, so an
error there would leave the user on a blank screen with the app frozen behind it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from roadmap.model import visible


class EditorProblem(Exception):
    """The editor command cannot be run; the message says why, for "Could not run ..."."""


def editor_command(editor: str) -> list[str]:
    """$VISUAL/$EDITOR as an argument list whose program exists, or EditorProblem."""
    try:
        argv = shlex.split(editor)
    except ValueError as exc:  # an unbalanced quote
        raise EditorProblem(str(exc)) from None
    if not argv:
        raise EditorProblem("the command is empty")
    program = shutil.which(argv[0])
    if program is None:
        missing = "not an executable file" if os.path.exists(argv[0]) else "not found"
        if argv[0] != editor.strip():  # "vim -f": say which word is the program
            missing = f"{argv[0]}: {missing}"
        raise EditorProblem(missing)
    return [program, *argv[1:]]


def edit_externally(app: App[None], note: str) -> str | None:
    """The edited text, or None (with the reason shown) when nothing should change."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify("Neither $VISUAL nor $EDITOR is set; press n to edit the note here.",
                   severity="warning", timeout=6)
        return None
    shown = visible(editor, keep_newlines=False)
    try:
        argv = editor_command(editor)
    except EditorProblem as exc:
        _could_not_run(app, shown, visible(str(exc), keep_newlines=False))
        return None
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False,
                                         encoding="utf-8") as handle:
            handle.write(note)
            path = Path(handle.name)
    except OSError as exc:
        app.notify(f"Could not make a temporary copy of the note: {exc.strerror or exc}",
                   severity="error", timeout=8, markup=False)
        return None
    try:
        returncode, failure = _run_suspended(app, [*argv, str(path)])
        if failure is not None:
            _could_not_run(app, shown, failure)
            return None
        if returncode != 0:
            app.notify(f"{shown} exited with code {returncode}; note unchanged.",
                       severity="warning", markup=False)
            return None
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except SuspendNotSupported:
        app.notify("An external editor cannot take over this terminal (a web or "
                   "headless session); press n to edit the note here.",
                   severity="warning", timeout=6)
        return None
    except OSError as exc:
        app.notify(f"Could not read the edited note back: {exc.strerror or exc}",
                   severity="error", timeout=8, markup=False)
        return None
    finally:
        path.unlink(missing_ok=True)
    if text.endswith("\n") and not note.endswith("\n"):
        text = text[:-1]
    return text


def _run_suspended(app: App[None], argv: list[str]) -> tuple[int, str | None]:
    """(exit code, why it could not start); the suspended block never raises, so the app
    always comes back."""
    with app.suspend():
        try:
            return subprocess.run(argv, check=False).returncode, None
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return -1, visible(reason, keep_newlines=False)


def _could_not_run(app: App[None], editor: str, reason: str) -> None:
    app.notify(f"Could not run {editor}: {reason}", title="Editor", severity="error",
               timeout=10, markup=False)
