"""Opening a roadmap for reading or writing: the state, the roadmap, template drift, notices.

Written once for both front ends. Commands read without the lock (`open_reading`) or take it
for one change (`open_writing`); the app opens without it and locks after its first frame
(`open_app`). Storage names are looked up when used, so `status` never loads the store.
Each says what the user must know as `notices`, through `warn` as they arise
(a refusal may follow, and the notices must be seen before it) and in the result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from roadmap import catalog, storage
from roadmap.application.drift import follow_template
from roadmap.application.own import compose
from roadmap.errors import RoadmapError
from roadmap.model import Roadmap, RoadmapState, UserState
from roadmap.paths import Paths

if TYPE_CHECKING:
    from roadmap.storage import Store

Warn = Callable[[str], None]


class Reading:
    """A roadmap and the user's state, read without the lock (nothing here may be saved)."""

    def __init__(self, state: UserState, roadmap: Roadmap, notices: list[str]) -> None:
        self.state = state
        self.roadmap = roadmap
        self.notices = notices
        """What the user must be told: renames followed, records archived, files missing."""

    @property
    def rs(self) -> RoadmapState:
        """The user's records for this roadmap."""
        return self.state.of(self.roadmap.id)


class Writing(Reading):
    """A roadmap opened on the store: change `state` (or `rs`), then `store.save()`."""

    def __init__(self, store: Store, roadmap: Roadmap, notices: list[str],
                 unsaved: bool = False) -> None:
        super().__init__(store.state, roadmap, notices)
        self.store = store
        self.unsaved = unsaved
        """Opening changed the state (a clash marked as told): the caller saves it."""


def _composed(roadmap: Roadmap, state: UserState, *, remember: bool
              ) -> tuple[Roadmap, list[str], bool]:
    """The roadmap with the user's own items, what to tell about them and about template
    renames, and whether the state was marked (a clash told once: the caller saves it)."""
    roadmap, told, marked = compose(roadmap, state.of(roadmap.id), remember=remember)
    return roadmap, [*told, *follow_template(roadmap, state)], marked


def _say(notices: list[str], warn: Warn | None, *lines: str) -> None:
    for line in lines:
        notices.append(line)
        if warn is not None:
            warn(line)


def open_reading(paths: Paths, roadmap_id: str | None = None, *,
                 warn: Warn | None = None) -> Reading:
    """The roadmap (the one in use unless named) and the state, read without the lock.

    Template renames are followed in memory and reported, exactly as writers do; nothing is
    written, so this is safe while the app is open.
    """
    notices: list[str] = []
    state = storage.read_state(paths)
    if not os.path.lexists(paths.state) and os.path.lexists(paths.backup):
        _say(notices, warn, f"{paths.state.name} is missing; {paths.backup} holds your last "
             "saved progress ('roadmap restore-backup' puts it back)")
    roadmap, told, _ = _composed(catalog.load_roadmap(paths, roadmap_id or state.current),
                                 state, remember=False)
    _say(notices, warn, *told)
    return Reading(state, roadmap, notices)


@contextmanager
def open_writing(paths: Paths, roadmap_id: str | None = None, *,
                 warn: Warn | None = None) -> Iterator[Writing]:
    """Lock the state for one change and open the roadmap in use (or `roadmap_id`, loaded
    before the lock is asked for: `use` names it); release the lock on the way out.

    Refused, with nothing changed, while the state is read-only, while a backup waits to be
    restored, or right after an unreadable file was moved aside. The store's notices come
    first, so the user sees why before the refusal.
    """
    chosen = catalog.load_roadmap(paths, roadmap_id) if roadmap_id is not None else None
    with storage.Store.open(paths, wait=storage.command_wait()) as store:
        notices: list[str] = []
        _say(notices, warn, *store.notices)
        if store.read_only:
            raise RoadmapError(f"nothing was changed: {store.read_only}")
        if store.backup_pending:
            raise RoadmapError(f"nothing was changed: {store.pending_message()}")
        if store.moved_aside is not None:
            raise RoadmapError("nothing was changed; run the command again to start afresh")
        roadmap = (chosen if chosen is not None
                   else catalog.load_roadmap(paths, store.state.current))
        roadmap, told, marked = _composed(roadmap, store.state, remember=True)
        _say(notices, warn, *told)
        yield Writing(store, roadmap, notices)
        if marked:
            store.save()  # a clash is told once: the mark that it was is saved now
        store.remember()  # the next start, the app's or a command's, skips the parse


def open_app(paths: Paths) -> Writing:
    """The app's start: the store opened without the lock (taken after the first frame, or
    read-only if another process has it) and the roadmap in use, or the default one with a
    notice when the one in use no longer loads. The caller closes the store.

    `notices` is the store's own list, so what opening found is shown with what it knew.
    """
    store = storage.Store.open(paths, allow_read_only=True, lock_now=False)
    try:
        try:
            roadmap = catalog.load_roadmap(paths, store.state.current)
        except RoadmapError as exc:
            if store.state.current == catalog.DEFAULT_ROADMAP:
                raise
            store.notices.append(f"{str(exc).splitlines()[0]}; showing the default roadmap")
            roadmap = catalog.load_roadmap(paths, catalog.DEFAULT_ROADMAP)
        roadmap, told, marked = _composed(roadmap, store.state,
                                          remember=store.read_only is None)
        store.notices.extend(told)
    except BaseException:
        store.close()
        raise
    return Writing(store, roadmap, store.notices, marked)


def reopen(paths: Paths, store: Store, roadmap_id: str, *,
           fallback: Roadmap | None = None) -> Writing:
    """Show `roadmap_id` on an open store (a switch, or the state read again after a restore);
    with `fallback`, that roadmap is shown when `roadmap_id` no longer loads."""
    try:
        roadmap = catalog.load_roadmap(paths, roadmap_id)
    except RoadmapError:
        if fallback is None:
            raise
        roadmap = fallback
    return Writing(store, *_composed(roadmap, store.state, remember=True))
