"""Edit a note in the user's own editor, with the terminal handed over through App.suspend()."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


def edit_externally(app: App[None], note: str) -> str | None:
    """The edited text, or None (with the reason shown) when nothing should change."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify("Neither $VISUAL nor $EDITOR is set; press n to edit the note here.",
                   severity="warning", timeout=6)
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False,
                                     encoding="utf-8") as handle:
        handle.write(note)
        path = Path(handle.name)
    try:
        with app.suspend():
            result = subprocess.run([*shlex.split(editor), str(path)], check=False)
        if result.returncode != 0:
            app.notify(f"{editor} exited with code {result.returncode}; note unchanged.",
                       severity="warning")
            return None
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except SuspendNotSupported:
        app.notify("An external editor cannot take over this terminal (a web or "
                   "headless session); press n to edit the note here.",
                   severity="warning", timeout=6)
        return None
    except (OSError, ValueError) as exc:
        app.notify(f"Could not run {editor}: {exc}", severity="error")
        return None
    finally:
        path.unlink(missing_ok=True)
    if text.endswith("\n") and not note.endswith("\n"):
        text = text[:-1]
    return text
