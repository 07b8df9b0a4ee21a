"""Your profile (the top of every export) in a form: the keys `roadmap config set` takes,
checked by the same rules (config.clean_value), written by the app to config.toml.

The form returns only the keys that changed, as they will be stored; the app writes each
with config.set_profile_field, which edits that one key and keeps the rest of the file.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Static, TextArea

from roadmap import config
from roadmap.errors import RoadmapError
from roadmap.model import visible
from roadmap.tui.screens.form import FormDialog


class ProfileForm(FormDialog[dict[str, str] | None]):
    """Returns {key: value to store} for the keys that changed ('' removes one), or None."""

    DEFAULT_CSS = """
    ProfileForm > #profile-dialog {
        width: 90;
    }
    ProfileForm #profile-summary {
        height: 5;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save profile", id="profile.save", priority=True,
                tooltip="Check every field and write config.toml"),
        Binding("escape", "cancel", "Close", id="profile.cancel",
                tooltip="Close; asks to save, discard or keep editing if you changed it"),
    ]

    WHAT = "your profile"

    def __init__(self, profile: config.Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(id="profile-dialog", classes="form-box") as dialog:
            dialog.border_title = "Your profile"
            dialog.border_subtitle = "ctrl+s saves · escape closes"
            with VerticalScroll(id="profile-fields", classes="form-fields"):
                yield Static(Content("The top of every export. Empty fields are left out."),
                             classes="hint", markup=False)
                for info in config.KEYS:
                    value = getattr(self.profile, info.key)
                    yield Label(info.label, classes="field-label")
                    yield Static(Content(info.help), classes="hint", markup=False)
                    if info.kind == "text":
                        yield TextArea(visible(value), id=f"profile-{info.key}",
                                       soft_wrap=True, show_line_numbers=False)
                    else:
                        yield Input(visible(value, keep_newlines=False),
                                    id=f"profile-{info.key}")
            yield from self.error_and_buttons("profile")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    def _typed(self, key: str) -> str:
        widget = self.query_one(f"#profile-{key}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def changes(self) -> tuple[dict[str, str], list[tuple[str, str]]]:
        """The keys whose typed value differs from the stored one, cleaned as they will be
        stored, and the problems as (key, message), in the form's order."""
        changed: dict[str, str] = {}
        problems: list[tuple[str, str]] = []
        for info in config.KEYS:
            typed = self._typed(info.key)
            old = getattr(self.profile, info.key)
            if typed == visible(old, keep_newlines=info.kind == "text"):
                continue  # shown as stored (control characters made visible): unchanged
            try:
                stored = config.clean_value(info.key, typed)
            except RoadmapError as exc:
                problems.append((info.key, f"{info.label}: {str(exc).split(': ', 1)[-1]}"))
                continue
            if stored != old:
                changed[info.key] = stored
        return changed, problems

    def action_save(self) -> None:
        changed, problems = self.changes()
        if not self.show_problems(problems, lambda key: self.query_one(f"#profile-{key}")):
            self.dismiss(changed)

    def unchanged(self) -> bool:
        changed, problems = self.changes()
        return not changed and not problems

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        """Enter in a one-line field goes to the next field, as in most forms."""
        event.stop()
        self.focus_next()
