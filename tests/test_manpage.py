"""`roadmap man`: the manual page, generated from the parser, lists exactly what exists."""

from __future__ import annotations

import re
import subprocess
import sys

from roadmap import __version__
from roadmap.manpage import roff

SECTIONS = ["templates", "validate", "config", "config set", "config get", "config unset",
            "config show", "config keys", "where", "status", "mark", "note", "use",
            "restore-backup", "item", "item add", "item edit", "item remove", "item list",
            "link", "link add", "link remove", "link list", "next", "history", "pace", "target",
            "project", "project add", "project list", "project edit", "project remove",
            "evidence", "gap", "export", "sync", "sync init", "sync status", "merge-driver",
            "completion", "man"]
REQUESTS = {".TH", ".SH", ".SS", ".TP", ".PP", ".RS", ".RE", ".nf", ".fi"}


def page() -> str:
    result = subprocess.run([sys.executable, "-m", "roadmap", "man"], capture_output=True,
                            text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def test_every_command_has_its_section_in_help_order() -> None:
    text = page()
    assert text.startswith(f'.TH ROADMAP 1 "" "roadmap {__version__}" "User Commands"\n'
                           ".SH NAME\nroadmap \\- a terminal tracker for the path to a "
                           "machine\\-learning\\-engineer job\n.SH SYNOPSIS\n"
                           "\\fBroadmap [\\-h] [\\-\\-version] [\\-\\-home DIR] COMMAND ...\\fR\n")
    assert re.findall(r'^\.SS "roadmap (.*)"$', text, re.M) == [
        roff(name) for name in SECTIONS]
    assert {line.split()[0] for line in text.splitlines() if line.startswith(".")} <= REQUESTS


def test_options_help_and_epilogs_come_from_the_parser() -> None:
    text = page()
    status = text.split('.SS "roadmap status"\n')[1].split(".SS")[0]
    assert status.splitlines()[:2] == [
        "\\fBroadmap status [\\-h] [\\-\\-json] [\\-\\-ids] [\\-\\-roadmap ID]\\fR", ".PP"]
    assert ".TP\n\\fB\\-\\-json\\fR\nprint JSON (shape in the README)\n" in status
    assert ".TP\n\\fB\\-\\-roadmap ID\\fR\na roadmap other than the one in use\n" in status
    keys = text.split('.SS "roadmap config keys"')[0].split('.SS "roadmap config"\n')[1]
    assert ".nf\nprofile keys:\n  name         your name, as it should appear at the top\n" in keys
    assert ".SH NOTES\nExit status: 0 on success;" in text


def test_roff_escapes_user_visible_text() -> None:
    assert roff(".starts a request\n'so does this\nback\\slash and -dash") == (
        "\\&.starts a request\n\\&'so does this\nback\\eslash and \\-dash")
