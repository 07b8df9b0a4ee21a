"""Save and load times of the state file at 100 / 1,000 / 10,000 items and with a 64 KiB note.

Run: python tests/bench/bench_store.py   (prints median and p90 of several runs, in ms).
Each save changes one item (the common case: one tick in the app) and goes through the whole
path: diff, render, encode, conflict check, temp file, fsync, rename, backup, folder fsync.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from roadmap import model
from roadmap.paths import Paths
from roadmap.storage import Store, read_state
from roadmap.storage.atomic import replace_durably
from roadmap.storage.encode import render_state

RUNS = 15
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def seeded(n: int, note: str = "") -> model.UserState:
    """A state with n items (every tenth with a short note) and n history entries."""
    state = model.UserState()
    rs = state.of("ml-engineer")
    for i in range(n):
        at = NOW + timedelta(minutes=i)
        rs.items[f"item-{i}"] = model.ItemState(
            model.Status.DONE, at, f"Note {i}\nwith two lines" if i % 10 == 0 else "")
        rs.history.append(model.Change(f"item-{i}", model.Status.TODO, model.Status.DONE, at))
    if note:
        rs.items["item-0"] = model.ItemState(model.Status.DONE, NOW, note)
    for i in range(min(n // 20, 200)):
        rs.projects[f"project-{i}"] = model.Project(
            f"project-{i}", f"Project {i}", ("https://example.org/p",), skills=("python",))
    return state


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p90 = samples[min(len(samples) - 1, int(len(samples) * 0.9))]
    print(f"{label:<44} median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms")


def bench(n: int, note: str = "", label: str = "") -> None:
    home = Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    paths = Paths(home)
    paths.ensure_home()
    text = render_state(seeded(n, note))
    replace_durably(paths.state, text.encode())
    size = len(text.encode()) // 1024
    label = label or f"{n:>6,} items ({size:,} KiB)"
    opens: list[float] = []
    reads: list[float] = []
    for _ in range(5):
        reads.append(timed(lambda: read_state(paths)))
        opens.append(timed(lambda: Store.open(paths).close()))
    saves: list[float] = []
    note_saves: list[float] = []
    with Store.open(paths) as store:
        rs = store.state.of("ml-engineer")
        for run in range(RUNS):
            model.toggle_done(rs, f"item-{run % max(n, 1)}", NOW + timedelta(hours=run))
            saves.append(timed(store.save))
            if note:
                model.set_note(rs, "item-0", note[: len(note) - run - 1], NOW)
                note_saves.append(timed(store.save))
    report(f"{label} read_state", reads)
    report(f"{label} Store.open", opens)
    report(f"{label} save (one tick)", saves)
    if note_saves:
        report(f"{label} save (64 KiB note edited)", note_saves)


def main() -> None:
    for n in (100, 1_000, 10_000):
        bench(n)
    line = "A line of a long note, with *Markdown*, \"quotes\", emoji 🚀 and 中文.\n"
    note = (line * (model.NOTE_LIMIT // len(line.encode())))[: model.NOTE_LIMIT // 2]
    while len(note.encode()) < model.NOTE_LIMIT - 100:
        note += line
    bench(100, note, f"   100 items + {len(note.encode()) // 1024} KiB note")


if __name__ == "__main__":
    main()
