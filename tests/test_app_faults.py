"""The app in a real terminal when a session ends badly (issue 10): a stop signal right after a
tick, a crash in our code, an editor that cannot run. Real processes, real signals, a pty."""

from __future__ import annotations

import re
import signal
import stat
import tomllib
from pathlib import Path

import pytest

from tests.pty_app import ALT_SCREEN_OFF, ALT_SCREEN_ON, FIRST_FRAME, MOUSE_OFF, PtyApp
from tests.tui.screen_host import ml_roadmap

DOWN, SPACE = b"\x1b[B", b" "
ITEM = ml_roadmap().steps[0].items[1].id
"""The second row of the default roadmap (ml-engineer): one `down` from the top."""
NOTE = "my private diary entry SECRET-7f3a"
STATE_WITH_NOTE = f"""schema = 1
current = "ml-engineer"

[roadmaps.ml-engineer.items.{ITEM}]
status = "todo"
changed = 2026-11-21T10:00:00Z
note = "{NOTE}"
"""


def items(home: Path) -> dict[str, dict[str, object]]:
    state = tomllib.loads((home / "state.toml").read_text(encoding="utf-8"))
    found: dict[str, dict[str, object]] = state["roadmaps"]["ml-engineer"]["items"]
    return found


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp"))


def started(app: PtyApp) -> bytes:
    """Wait for the first frame; returns what the header shows after one tick ("1/165")."""
    total = app.wait_for(FIRST_FRAME)[1]
    app.settle()  # the lock is taken and the keys are read once the first frame has settled
    return b"1/" + total


def shim(tmp_path: Path, sitecustomize: str) -> Path:
    """A folder for the child's PYTHONPATH whose sitecustomize.py plants a bug at start-up."""
    folder = tmp_path / "shim"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(sitecustomize, encoding="utf-8")
    return folder


def after_leaving(app: PtyApp) -> str:
    """What the terminal shows after the app left the alternate screen for the last time."""
    end = app.output.rfind(ALT_SCREEN_OFF)
    assert end >= 0, "the alternate screen was never left"
    return app.screen_text(end + len(ALT_SCREEN_OFF)).strip()


# --------------------------------------------------------------------------- case 7: signals


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=["TERM", "HUP", "INT"])
def test_a_signal_right_after_a_tick_keeps_it_and_restores_the_terminal(
        signum: int, isolated_home: Path) -> None:
    with PtyApp() as app:
        ticked = started(app)
        mark = app.send(DOWN + SPACE)
        app.wait_for(ticked, since=mark)  # the tick is on screen; its save may not have run
        at = app.kill(signum)
        code = app.wait_exit()
    assert code == 128 + signum
    assert items(isolated_home)[ITEM]["status"] == "done"
    assert leftovers(isolated_home) == []
    assert ALT_SCREEN_OFF in app.output[at:]
    assert MOUSE_OFF in app.output[at:]
    assert after_leaving(app) == ""  # no traceback, no message: the user asked for this


def test_a_signal_while_the_app_starts_exits_cleanly(isolated_home: Path) -> None:
    with PtyApp() as app:
        app.wait_for(ALT_SCREEN_ON)  # the terminal is taken; the first frame may not be drawn
        at = app.kill(signal.SIGTERM)
        code = app.wait_exit()
    assert code == 128 + signal.SIGTERM
    assert ALT_SCREEN_OFF in app.output[at:]
    assert leftovers(isolated_home) == []
    assert after_leaving(app) == ""


# --------------------------------------------------------------------------- case 10: a crash

CRASHING_PERFORM = f'''
"""Loaded by the test's child only (sitecustomize on PYTHONPATH): a bug in perform()."""
import roadmap.tui.app as app_module

_real = app_module.RoadmapApp.perform


def perform(self, change):
    action = _real(self, change)  # the change is made, its save not yet run
    note = self.session.state.get({ITEM!r}).note  # a local a traceback with locals would show
    raise ValueError("test bug after a change; the note was " + note)


app_module.RoadmapApp.perform = perform
'''


def test_a_crash_saves_reports_once_and_exits_70(isolated_home: Path, tmp_path: Path) -> None:
    isolated_home.mkdir()
    (isolated_home / "state.toml").write_text(STATE_WITH_NOTE, encoding="utf-8")
    with PtyApp(pythonpath=shim(tmp_path, CRASHING_PERFORM)) as app:
        started(app)
        at = app.send(DOWN + SPACE)
        code = app.wait_exit()
    assert code == 70
    assert ALT_SCREEN_OFF in app.output[at:]
    assert MOUSE_OFF in app.output[at:]
    line = after_leaving(app)
    found = re.fullmatch(r"roadmap: internal error: ValueError at roadmap/tui/screens/main\.py:"
                         r"\d+; your changes were saved; crash report: (/\S+)", line)
    assert found is not None, line
    report = Path(found[1])
    assert report.parent.parent == isolated_home.parent / "home" / ".xdg_cache_home" / "roadmap"
    assert re.fullmatch(r"crash-\d{8}T\d{6}Z\.txt", report.name)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in text
    assert "builtins.ValueError: test bug after a change; the note was <your text>" in text
    assert "SECRET" not in text and "diary" not in text
    assert "SECRET" not in app.screen_text(at)  # nor on the terminal: no locals printed
    record = items(isolated_home)[ITEM]  # the change made just before the crash is kept
    assert (record["status"], record["note"]) == ("done", NOTE)
    assert leftovers(isolated_home) == []


CRASHING_REMEMBER = '''
"""A bug on the way out, after the event loop has ended: Store.remember raises."""
import roadmap.storage


def remember(self):
    raise KeyError("cache entry")


roadmap.storage.Store.remember = remember
'''


def test_a_crash_after_the_app_closed_is_reported_the_same_way(
        isolated_home: Path, tmp_path: Path) -> None:
    with PtyApp(pythonpath=shim(tmp_path, CRASHING_REMEMBER)) as app:
        ticked = started(app)
        mark = app.send(DOWN + SPACE)
        app.wait_for(ticked, since=mark)
        app.send(b"q")
        code = app.wait_exit()
    assert code == 70
    line = after_leaving(app)
    assert re.fullmatch(r"roadmap: internal error: KeyError at roadmap/tui/launch\.py:\d+; "
                        r"your changes were saved; crash report: /\S+/crash-\d{8}T\d{6}Z\.txt",
                        line), line
    assert items(isolated_home)[ITEM]["status"] == "done"


# --------------------------------------------------------------------------- case 9: $EDITOR


@pytest.mark.parametrize(("editor", "reason"), [
    ("/no/such/editor", "not found"),
    ("'unbalanced", "No closing quotation"),
])
def test_an_editor_that_cannot_be_found_leaves_the_app_usable(
        editor: str, reason: str, isolated_home: Path) -> None:
    with PtyApp(env={"EDITOR": editor}) as app:
        ticked = started(app)
        mark = app.send(DOWN + b"e")
        app.wait_for(b"Could not run", since=mark)
        assert ALT_SCREEN_OFF not in app.output[mark:]  # the terminal was never handed over
        assert reason in app.screen_text(mark)
        mark = app.send(SPACE)
        app.wait_for(ticked, since=mark)  # keys still work
        app.send(b"q")
        assert app.wait_exit() == 0
    assert items(isolated_home)[ITEM]["status"] == "done"


def test_an_editor_that_fails_to_start_gives_the_terminal_back(
        isolated_home: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor"
    editor.write_text("#!/no/such/interpreter\n", encoding="utf-8")  # found, but exec fails
    editor.chmod(0o755)
    with PtyApp(env={"EDITOR": str(editor)}) as app:
        ticked = started(app)
        mark = app.send(DOWN + b"e")
        app.wait_for(b"Could not run", since=mark)
        back = app.output.find(ALT_SCREEN_OFF, mark)
        assert back >= 0 and app.output.find(ALT_SCREEN_ON, back) > back  # handed over, back
        mark = app.send(SPACE)
        app.wait_for(ticked, since=mark)
        app.send(b"q")
        assert app.wait_exit() == 0
