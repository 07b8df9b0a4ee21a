"""Merging two states of 10,000 items each (issue 19: under 1 s).

Run: python tests/bench/bench_merge.py [--quick]   (median and p90 in ms).
A shared base of 10,000 items and 10,000 history entries; each machine then changes 3,000
items (statuses, notes), 1,000 of them the same items, with 300 notes changed on both sides
(kept between markers), and adds history. Timed twice: the pure merge over model values
(roadmap.insights.merge), and the whole driver as git runs it: three files read and parsed,
merged, OURS written section by section.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import NOW, seeded  # noqa: E402
from common import Row, Table  # noqa: E402

from roadmap import model  # noqa: E402
from roadmap.application.merging import merge_files  # noqa: E402
from roadmap.insights.merge import merge_states  # noqa: E402
from roadmap.storage.encode import render_state  # noqa: E402

N = 10_000


def sides(n: int = N) -> tuple[model.UserState, model.UserState, model.UserState]:
    base = seeded(n)
    ours, theirs = base.copy(), base.copy()
    later = NOW + timedelta(days=30)
    for k in range(3_000):
        mine, other = ours.of("ml-engineer"), theirs.of("ml-engineer")
        model.mark(mine, f"item-{k}", model.Status.IN_PROGRESS, later + timedelta(seconds=k))
        model.mark(other, f"item-{k + 2_000}", model.Status.SKIPPED,
                   later + timedelta(seconds=k, milliseconds=500))
        if k % 10 == 0:
            model.set_note(mine, f"item-{k + 2_000}", f"laptop {k}", later)
            model.set_note(other, f"item-{k + 2_000}", f"desktop {k}", later)
    return base, ours, theirs


def pure(runs: int) -> list[float]:
    base, ours, theirs = sides()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        merged = merge_states(base, ours, theirs)
        samples.append((time.perf_counter() - start) * 1000)
    assert len(merged.conflicts) == 300, len(merged.conflicts)
    return samples


def driver(runs: int) -> list[float]:
    base, ours, theirs = sides()
    folder = Path(tempfile.mkdtemp(prefix="roadmap-bench-merge-"))
    texts = {name: render_state(s).encode()
             for name, s in (("base", base), ("ours", ours), ("theirs", theirs))}
    samples = []
    try:
        for _ in range(runs):
            for name, data in texts.items():
                (folder / f"{name}.toml").write_bytes(data)
            start = time.perf_counter()
            merge_files(folder / "base.toml", folder / "ours.toml", folder / "theirs.toml")
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return samples


def rows(table: Table, runs: int) -> None:
    table.add(Row(f"merge two states of {N:,} items (pure)", pure(runs), 1000))
    table.add(Row(f"merge-driver on files, {N:,} items (parse 3, write)", driver(runs), None))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    runs = 3 if parser.parse_args().quick else 7
    table = Table()
    rows(table, runs)
    print(table.render())


if __name__ == "__main__":
    main()
