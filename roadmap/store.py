"""The one per-user state file: load, lock, save atomically, and never lose a tick.

One process writes at a time (an OS lock on `state.lock` that frees itself when the holder
dies). Saves are atomic and durable, keep the previous file as `state.toml.bak`, and refuse
to overwrite a file someone else changed. A file that does not parse is moved aside, not
overwritten. Nothing here imports textual: the CLI uses it for quick scripted commands.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from roadmap import atomic, cache
from roadmap.errors import RoadmapError
from roadmap.locking import StateLock
from roadmap.model import Roadmap, UserState, archived_ids, follow_renames
from roadmap.paths import Paths
from roadmap.stateread import (
    SCHEMA,
    Unreadable,
    check_schema,
    from_cache,
    looks_canonical,
    newer_schema,
    parse,
    read_bytes,
    read_state,
    state_target,
    to_state,
)

if TYPE_CHECKING:
    # Imported when first needed: `status` and `export` never save.
    from roadmap.statedoc import StateDocument

__all__ = ["LockedError", "SaveError", "Store", "prepare", "read_state", "state_target"]


class LockedError(RoadmapError):
    """Another roadmap process holds the state lock."""


class SaveError(RoadmapError):
    """A save did not happen; the files on disk are as they were and the changes are in memory."""


def prepare(roadmap: Roadmap, state: UserState) -> list[str]:
    """Follow template renames for `roadmap` and say what moved or is archived."""
    rs = state.of(roadmap.id)
    notices = [f"'{old}' is now '{new}' in the template; your status and note moved with it"
               for old, new in follow_renames(roadmap, rs)]
    archived = archived_ids(roadmap, rs)
    if archived:
        shown = ", ".join(archived[:5]) + (f" and {len(archived) - 5} more" if len(archived) > 5
                                           else "")
        notices.append(f"{len(archived)} recorded item(s) are no longer in '{roadmap.id}' and "
                       f"are kept as archived: {shown}")
    return notices


class Store:
    """The open state file: `state` to edit, `save()` to persist, `close()` to release the lock."""

    paths: Paths
    state: UserState
    read_only: str | None
    notices: list[str]

    def __init__(self, paths: Paths, lock: StateLock, read_only: str | None = None) -> None:
        self.paths = paths
        self._lock = lock
        self._save_lock = threading.RLock()  # take_lock runs inside save() too
        self.reloaded = False
        """`take_lock` found the file changed since it was read (another process wrote it in
        between) and read it again: whoever shows `state` must show it afresh."""
        self._forget(read_only)

    def _forget(self, read_only: str | None) -> None:
        """What the store knows of the file: nothing yet (then `_load` reads it)."""
        self.state = UserState()
        self.read_only = read_only
        self.notices = []
        self.moved_aside: Path | None = None
        """Where a state file that did not parse went (then `restore_backup` is worth offering)."""
        self._doc: StateDocument | None = None
        """The file cut into sections for in-place saves; built by the first save, not at open."""
        self._text = ""
        self._saved = UserState()
        self.from_cache = False
        """The state came from the parse cache (so there is no need to `remember()` it)."""
        self._disk: bytes | None = None
        """The bytes on disk as we last read or wrote them: any other bytes there at save
        time mean someone else changed the file (compared in full; no hash to import)."""
        self._conflict: Path | None = None
        self._keep_original = False
        self._cached: bytes | None = None
        """The bytes the cache entry was made from, if we know it is current."""

    # ----------------------------------------------------------------------- opening

    @classmethod
    def open(cls, paths: Paths, *, allow_read_only: bool = False,
             lock_now: bool = True) -> Store:
        """Load the state and lock it; read-only (with a reason) if another process has it.

        With `lock_now=False` (the TUI) the lock is taken by `take_lock()`, after the first
        frame, or by the first save, whichever comes first.
        """
        try:
            paths.ensure_home()
        except OSError as exc:
            raise RoadmapError(f"cannot create {paths.home}: {exc.strerror or exc}") from None
        lock = StateLock(paths.lock)
        reason = None
        if lock_now and not lock.acquire():
            if not allow_read_only:
                raise LockedError(f"another roadmap is using this data (it holds the lock "
                                  f"{paths.lock}); close it and try again") from None
            reason = lock.refused
        store = cls(paths, lock, reason)
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def locked(self) -> bool:
        """This process holds the lock (so only it may write)."""
        return self._lock.held

    def take_lock(self) -> str | None:
        """Take the lock if nobody tried yet; the read-only reason if another process has it.

        Taken late (the TUI), the file may have changed since it was read without the lock
        (a `roadmap mark` just before, or another app saving on its way out): it is read
        again, so the first save does not find a conflict that is not one, and `reloaded`
        tells the caller. Nothing can have been edited yet: edits take the lock first.
        """
        with self._save_lock:
            if self._lock.tried:
                return None
            try:
                if self._lock.acquire():
                    self._sweep()
                    if read_bytes(state_target(self.paths)) != self._disk:
                        self._forget(None)
                        self._load()
                        self.reloaded = True
                    return None
                reason = self._lock.refused
            except RoadmapError as exc:  # an unusable lock file: view, never write unlocked
                reason = f"{exc}; changes made here are not saved"
            if self.read_only is None:
                self.read_only = reason
            return reason

    def _sweep(self) -> None:
        """Remove temp files a killed save left behind (only ever under the lock)."""
        target = state_target(self.paths)
        for stray in atomic.stray_temps(target) + atomic.stray_temps(self.paths.backup):
            with contextlib.suppress(OSError):
                stray.unlink()

    def _load(self) -> None:
        target = state_target(self.paths)
        if self._lock.held:
            self._sweep()
        raw = read_bytes(target)
        if raw is None:
            return
        cached = from_cache(self.paths, raw)
        self.from_cache = cached is not None
        self._cached = raw if cached is not None else None
        if cached is not None:
            self.state, canonical = cached
            text = raw.decode("utf-8")
        else:
            try:
                text, data = parse(raw, target)
            except Unreadable as exc:
                self._unreadable(target, str(exc))
                return
            schema = check_schema(data, target)
            if schema > SCHEMA:
                self.read_only = newer_schema(schema, target)
                self.notices.append(self.read_only)
            self.state = to_state(text, str(target), data)
            canonical = looks_canonical(text, self.state)
        self._text, self._saved = text, self.state.copy()
        self._disk = raw
        if not canonical:
            self._document()

    @property
    def parsed_cold(self) -> bool:
        """The state file was parsed at open (no cache entry for it yet)."""
        return self._disk is not None and not self.from_cache

    def remember(self) -> None:
        """Cache the parse of the file as it is on disk now, so the next start skips it.

        The TUI calls this as it exits. The object cached is the state last read or saved,
        which is exactly what the file holds; a read-only or unusual file is not cached.
        """
        with self._save_lock:
            if self._disk is None or self.read_only is not None or self._keep_original:
                return
            if self._doc is not None and not self._doc.canonical:
                return
            if self._cached is self._disk:  # the entry is already these bytes (a quit with
                return                      # no change: ~40 ms of pickling saved at 10k)
            saved = self._doc.saved if self._doc is not None else self._saved
            cache.save(self.paths.cache, "state", str(state_target(self.paths)), self._disk,
                       (saved, True))
            self._cached = self._disk

    def _document(self) -> StateDocument:
        """The sectioned file, built on first use (a save, usually in a worker thread)."""
        if self._doc is None:
            from roadmap.statedoc import StateDocument

            self._doc = StateDocument(self._text, self._saved)
            self._text = ""
            if not self._doc.canonical and self.read_only is None:
                self._keep_original = True
                name = state_target(self.paths).name
                self.notices.append(f"{name} is laid out in a way roadmap cannot "
                                    "edit in place (dotted keys or inline tables); the next save "
                                    "rewrites it in the standard layout and keeps your version "
                                    "next to it")
        return self._doc

    def _unreadable(self, target: Path, reason: str) -> None:
        self.take_lock()  # moving the file aside is a write
        if self.reloaded:  # taking the lock read the file again, and that read dealt with it
            return
        if self.read_only is not None:
            self.notices.append(f"{reason}; showing nothing until it is fixed")
            return
        moved = atomic.free_name(target.parent, f"{target.name}.corrupt")
        try:
            os.replace(target, moved)
        except OSError as exc:
            raise RoadmapError(f"{reason}, and it could not be moved aside: "
                               f"{exc.strerror or exc}") from None
        atomic.fsync_dir(target.parent)
        self.moved_aside = moved
        backup = " No backup (state.toml.bak) exists, so roadmap starts afresh."
        if self._backup_state() is not None:
            backup = (f" {self.paths.backup} holds the last good copy: restore it with "
                      "'roadmap restore-backup' (the app offers to).")
        self.notices.append(f"{reason}. It was moved to {moved} and nothing in it was "
                            f"changed.{backup}")

    def _backup_state(self) -> tuple[str, bytes, UserState] | None:
        raw = read_bytes(self.paths.backup)
        if raw is None:
            return None
        try:
            text, data = parse(raw, self.paths.backup)
            if check_schema(data, self.paths.backup) > SCHEMA:
                return None
            return text, raw, to_state(text, str(self.paths.backup), data)
        except (Unreadable, RoadmapError):
            return None

    # ----------------------------------------------------------------------- saving

    def save(self, snapshot: UserState | None = None) -> None:
        """Write `snapshot` (default: a copy of `state`) atomically; SaveError if not saved.

        Safe from a worker thread with a snapshot while the UI keeps editing `state`.
        """
        snap = snapshot if snapshot is not None else self.state.copy()
        with self._save_lock:
            self.take_lock()
            if self.read_only is not None:
                raise SaveError(f"not saved: {self.read_only}")
            rendered = self._document().render(snap)
            if rendered is None:
                return
            text, chunks = rendered
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = ord(text[exc.start])
                raise SaveError(f"not saved: the text contains an invalid character (lone "
                                f"surrogate U+{bad:04X}); state.toml is unchanged") from None
            self._write(data)
            self._document().commit(chunks, snap)

    def _write(self, data: bytes) -> None:
        target = state_target(self.paths)
        try:
            old = read_bytes(target)
        except RoadmapError as exc:
            raise SaveError(f"not saved: {exc}") from None
        if old is not None and old != self._disk:
            self._save_conflict(target, data)
        try:
            if self._keep_original and old is not None:
                keep = atomic.free_name(target.parent, f"{target.name}.hand-edited")
                atomic.write_new(keep, old, 0o600)
                self.notices.append(f"your hand-edited layout was kept as {keep}")
            atomic.replace_durably(target, data, backup=self.paths.backup, old=old)
        except OSError as exc:
            why = exc.strerror.lower() if exc.strerror else str(exc)
            raise SaveError(f"not saved: {why} while writing {target}; the file and its "
                            "backup are unchanged and your changes are kept in memory") from None
        self._keep_original = False
        self._disk = data

    def _save_conflict(self, target: Path, data: bytes) -> None:
        """Someone else changed the file since we read it: keep both, overwrite neither."""
        try:
            if self._conflict is None:
                self._conflict = atomic.free_name(target.parent, "state.conflict", ".toml")
                atomic.write_new(self._conflict, data, 0o600)
            else:
                atomic.replace_durably(self._conflict, data)
        except OSError as exc:
            raise SaveError(f"not saved: {target} was changed by another program since roadmap "
                            f"read it, and your version could not be written aside either "
                            f"({exc.strerror or exc})") from None
        raise SaveError(f"not saved: {target} was changed by another program since roadmap read "
                        f"it, so it was left alone; your version is in {self._conflict}")

    # ----------------------------------------------------------------------- recovery, closing

    def restore_backup(self) -> None:
        """Make `state.toml.bak` the state again; a current file is kept aside, not lost."""
        with self._save_lock:
            self.take_lock()
            if self.read_only is not None:
                raise SaveError(f"not restored: {self.read_only}")
            found = self._backup_state()
            if found is None:
                raise RoadmapError(f"no usable backup: {self.paths.backup} is missing or does "
                                   "not parse")
            text, raw, state = found
            target = state_target(self.paths)
            try:
                if target.exists():
                    aside = atomic.free_name(target.parent, f"{target.name}.before-restore")
                    os.replace(target, aside)
                    self.notices.append(f"the state file before the restore was kept as {aside}")
                atomic.replace_durably(target, raw)
            except OSError as exc:
                raise SaveError(f"not restored: {exc.strerror or exc} ({target})") from None
            self.state = state
            self._doc, self._text, self._saved = None, text, state.copy()
            self._disk = raw
            self._keep_original = False  # until the first save finds the layout unusual
            self.moved_aside = None

    def close(self) -> None:
        """Release the lock (idempotent)."""
        self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
