"""Ask where and how to export the portfolio summary; the app does the writing.

The dialog only checks what it can see (empty path, a folder, a missing parent folder) and asks
before overwriting; it posts ExportRequested and the app runs the exporter, then calls
`export_finished`: the dialog closes on success and shows any failure in one line, staying
open so the user can fix the path. It never fails silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from roadmap.errors import RoadmapError
from roadmap.export import SUFFIXES, check_target
from roadmap.model import Posting, visible
from roadmap.paths import Paths
from roadmap.tui.messages import ExportRequested
from roadmap.tui.screens.confirm import ConfirmScreen
from roadmap.tui.screens.dialog import Dialog

LABELS: dict[str, str] = {
    "markdown": "Markdown — GitHub README, notes",
    "html": "HTML — a web page",
    "json": "JSON — everything, for scripts",
    "json-resume": "JSON Resume — the projects section of a CV",
}
"""Format id → what the dialog calls it; suffixes come from roadmap.export.SUFFIXES."""

NAMES: dict[str, str] = {"markdown": "Markdown", "html": "HTML", "json": "JSON",
                         "json-resume": "JSON Resume"}
"""How messages name a format ("Exported HTML to ...")."""
AUDIENCE_LABELS = (("Your portfolio — progress, skills, projects", "portfolio"),
                   ("An employer — projects first, skills with their evidence", "employer"))
NO_POSTING = "(no posting: your own order)"

KNOWN_SUFFIXES = (".resume.json", ".markdown", ".md", ".html", ".htm", ".json")


def with_suffix(path: str, fmt: str) -> str:
    """`path` with its export suffix swapped for the one `fmt` writes."""
    suffix = SUFFIXES.get(fmt, "")
    lowered = path.lower()
    for known in KNOWN_SUFFIXES:
        if lowered.endswith(known) and len(path) > len(known):
            path = path[: -len(known)]
            break
    return path + suffix if path else path


class ExportScreen(Dialog[None]):
    """Posts ExportRequested (force=True only after "Overwrite?" got a yes), then closes."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen > #export-dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ExportScreen .field-label {
        margin-top: 1;
        text-style: bold;
        color: $text-primary;
    }
    ExportScreen #export-error {
        color: $text-error;
        background: $error-muted;
        height: auto;
    }
    ExportScreen #export-error.-empty {
        display: none;
    }
    ExportScreen #export-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ExportScreen #export-buttons Button {
        margin-left: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", id="export.run", priority=True,
                tooltip="Write the file"),
        Binding("escape", "cancel", "Cancel", id="export.cancel",
                tooltip="Close without exporting"),
    ]

    def __init__(
        self,
        default_dir: Path,
        formats: Sequence[str] = ("markdown", "html", "json", "json-resume"),
        paths: Paths | None = None,
        last: ExportRequested | None = None,
        postings: Mapping[str, Posting] | None = None,
    ) -> None:
        """`last`: the previous export of this session, whose format, file and notes choice
        the dialog starts from."""
        super().__init__()
        self.default_dir = default_dir
        self.last = last if last is not None and last.fmt in formats else None
        self.paths = paths
        """The roadmap home, so its own data files are refused before "Overwrite?"."""
        self.postings = postings or {}
        """Saved job postings; the employer export may be ordered by one."""
        self.formats = tuple(formats)
        self._pending: ExportRequested | None = None
        """The request the app is working on; the dialog waits for its outcome."""

    def compose(self) -> ComposeResult:
        last = self.last
        first = last.fmt if last is not None else self.formats[0]
        path = str(last.path) if last is not None else with_suffix(
            str(self.default_dir / "portfolio"), first)
        with VerticalScroll(id="export-dialog") as dialog:
            dialog.border_title = "Export portfolio summary"
            dialog.border_subtitle = "enter exports · escape cancels"
            yield Label("Format", classes="field-label")
            yield Select(
                [(LABELS.get(f, f), f) for f in self.formats],
                value=first, allow_blank=False, id="export-format",
            )
            yield Label("For", classes="field-label")
            yield Select(AUDIENCE_LABELS, value=last.audience if last is not None else "portfolio",
                         allow_blank=False,
                         id="export-audience")
            yield Label("Order by a saved job posting", classes="field-label",
                        id="export-posting-label")
            yield Select([(NO_POSTING, ""), *((visible(name, keep_newlines=False), name)
                                              for name in sorted(self.postings))],
                         value="", allow_blank=False, id="export-posting")
            yield Label("File", classes="field-label")
            yield Input(path, id="export-path")
            yield Checkbox("Include notes", value=last is not None and last.include_notes,
                           id="export-notes")
            yield Static("", id="export-error", classes="-empty", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._show_posting(self.last is not None and self.last.audience == "employer")
        self.query_one("#export-path", Input).focus()

    def _show_posting(self, shown: bool) -> None:
        """The posting choice is for the employer export, and only when postings are saved."""
        for widget in self.query("#export-posting-label, #export-posting"):
            widget.display = shown and bool(self.postings)

    @on(Select.Changed, "#export-audience")
    def _audience_changed(self, event: Select.Changed) -> None:
        self._show_posting(event.value == "employer")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        if isinstance(event.value, str):
            path_input.value = with_suffix(path_input.value, event.value)

    def _fail(self, message: str) -> None:
        """Show one line (the first, control characters made visible) under the fields."""
        line = message.splitlines()[0] if message.strip() else message
        error = self.query_one("#export-error", Static)
        error.update(Content(visible(line, keep_newlines=False)))
        error.remove_class("-empty")
        self.query_one("#export-path", Input).focus()

    def target(self) -> Path | None:
        """The file to write, or None after showing why the path cannot be used."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._fail("Type a file name to export to.")
            return None
        if "\0" in text:  # no file name can hold one; pathlib's checks would say "no file"
            self._fail("The file name contains a NUL character.")
            return None
        try:
            return self._checked(Path(text).expanduser())
        except RuntimeError:  # ~name for a user this system does not have
            user = text.split("/", 1)[0]
            self._fail(f"Cannot expand '{user}': there is no such user.")
        except OSError as exc:  # a name too long, a folder we may not look into
            self._fail(f"'{text}': {exc.strerror or exc}")
        return None

    def _checked(self, path: Path) -> Path | None:
        if not path.is_absolute():
            path = self.default_dir / path
        shown = visible(str(path), keep_newlines=False)
        if path.is_dir():
            self._fail(f"'{shown}' is a folder; type a file name.")
            return None
        if not path.parent.is_dir():
            self._fail(f"Folder '{visible(str(path.parent), keep_newlines=False)}' "
                       "does not exist.")
            return None
        if self.paths is not None:
            try:
                check_target(path, force=True, paths=self.paths)
            except RoadmapError as exc:
                self._fail(str(exc))
                return None
        return path

    def action_export(self) -> None:
        if self._pending is not None:
            return  # one export at a time; its outcome arrives in export_finished
        path = self.target()
        if path is None:
            return
        fmt = self.query_one("#export-format", Select).value
        assert isinstance(fmt, str)
        notes = self.query_one("#export-notes", Checkbox).value
        audience = str(self.query_one("#export-audience", Select).value)
        chosen = self.query_one("#export-posting", Select).value
        posting = (self.postings[chosen].text if audience == "employer"
                   and isinstance(chosen, str) and chosen in self.postings else None)
        if not path.exists():
            self._request(ExportRequested(fmt, path, notes, force=False, audience=audience,
                                          posting=posting))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._request(ExportRequested(fmt, path, notes, force=True,
                                              audience=audience, posting=posting))

        name = visible(str(path), keep_newlines=False)
        self.app.push_screen(ConfirmScreen(f"Overwrite {name}?"), answered)

    def _request(self, message: ExportRequested) -> None:
        self._pending = message
        self.query_one("#export", Button).disabled = True
        self.post_message(message)

    def export_finished(self, request: ExportRequested, error: str | None) -> bool:
        """The app's answer to `request`: close, or show why it failed and stay open.
        False when this dialog did not ask for it (it was cancelled, or another one did)."""
        if request is not self._pending:
            return False
        self._pending = None
        self.query_one("#export", Button).disabled = False
        if error is None:
            self.dismiss(None)
        else:
            self._fail(f"Export failed: {error}")
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
