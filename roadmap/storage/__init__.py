"""Storage: the one per-user state file and every other file roadmap reads or writes.

The front ends and the application layer import from here only; the modules behind this
API are storage's own business (see the README's "How the code is laid out").

The names load on first use, so `roadmap validate` (which reads a template through
`storage.files` and `storage.cache`) does not pay for the store, the lock and the reader.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap.storage.atomic import free_name, stamp, write_new
    from roadmap.storage.files import read_bytes
    from roadmap.storage.lock import StateLock, command_wait
    from roadmap.storage.reading import read_state, state_target
    from roadmap.storage.statefile import (
        StateFile,
        read_state_file,
        state_from_bytes,
        write_state_file,
    )
    from roadmap.storage.store import LockedError, SaveError, Store

__all__ = ["LockedError", "SaveError", "StateFile", "StateLock", "Store", "command_wait",
           "free_name", "read_bytes", "read_state", "read_state_file", "stamp",
           "state_from_bytes", "state_target", "write_new", "write_state_file"]

_HOME = {"LockedError": "store", "SaveError": "store", "Store": "store", "command_wait": "lock",
         "read_state": "reading", "state_target": "reading",
         # a new file under a fresh stamped name (the TUI's crash reports)
         "free_name": "atomic", "stamp": "atomic", "write_new": "atomic",
         # a state file at any path, no lock or backup (git's merge driver)
         "StateFile": "statefile", "read_state_file": "statefile",
         "write_state_file": "statefile", "state_from_bytes": "statefile",
         # the home's lock on its own, for `sync` (git writes state.toml, not a Store)
         "StateLock": "lock",
         # any user file read safely: regular files only, a size cap (job postings)
         "read_bytes": "files"}
"""Which module of the package defines each public name."""


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later uses skip this function
    return value
