"""The base of every dialog: it closes once, however fast the keys come.

Textual's `dismiss` pops whatever screen is on top. A second Enter, a button press or an
option pick queued before the first one closed the dialog would otherwise run the result
callback again and pop the screen underneath (or crash on the last one).
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A ModalScreen whose dismiss does nothing once it is no longer the screen on top."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self.app.screen is not self:  # closed already, or covered by a dialog it opened
            return AwaitComplete()
        return super().dismiss(result)
