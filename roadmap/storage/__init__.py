"""Storage: the one per-user state file and every other file roadmap reads or writes.

The front ends and the application layer import from here only; the modules behind this
API are storage's own business (see the README's "How the code is laid out").
"""

from roadmap.storage.lock import command_wait
from roadmap.storage.reading import read_state, state_target
from roadmap.storage.store import LockedError, SaveError, Store

__all__ = ["LockedError", "SaveError", "Store", "command_wait", "read_state", "state_target"]
