"""Every performance figure of issue 6 in one table: python tests/bench/run_all.py

Takes about 90 s on 2 cores (--quick skips the test-suite run and uses fewer repeats).
Each figure is measured several times; ratios compare against a bare Textual app measured in
the same loop, so the noise of a shared machine hits both sides. Targets are the issue's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_export  # noqa: E402
import bench_merge  # noqa: E402
import bench_posting  # noqa: E402
import bench_store  # noqa: E402
import bench_time  # noqa: E402
import bench_tui  # noqa: E402
from common import (  # noqa: E402
    PYTHON,
    REPO,
    Row,
    Table,
    child_env,
    cleanup,
    compile_package,
    make_home,
    median,
    run_ms,
)

from roadmap import export, model  # noqa: E402
from roadmap.paths import Paths  # noqa: E402
from roadmap.storage import Store  # noqa: E402


def status_json(table: Table, runs: int) -> None:
    """`roadmap status --json` against `python -c "import tomllib"`, alternating."""
    home = make_home()
    env = child_env(home)
    ours, floor = [], []
    try:
        run_ms([PYTHON, "-m", "roadmap", "status", "--json"], env)
        for _ in range(runs):
            floor.append(run_ms([PYTHON, "-c", "import tomllib"], env))
            ours.append(run_ms([PYTHON, "-m", "roadmap", "status", "--json"], env))
        check = subprocess.run([PYTHON, "-c", "import sys, roadmap.cli\n"
                                "sys.argv = ['roadmap', 'status', '--json']\n"
                                "import contextlib, io\n"
                                "with contextlib.redirect_stdout(io.StringIO()): "
                                "roadmap.cli.main()\n"
                                "print('textual' in sys.modules)"],
                               env=env, capture_output=True, text=True, check=True)
    finally:
        cleanup(home)
    table.add(Row('python -c "import tomllib"', floor))
    table.add(Row("roadmap status --json", ours, 3.0, value=median(ours) / median(floor),
                  note="imports textual!" if check.stdout.strip() == "True" else ""))


def saves(table: Table, runs: int) -> None:
    """One tick saved through the whole path (render, fsync, rename, backup) at 1k / 10k items,
    and a 64 KiB note edited; the state comes from bench_store.seeded."""
    line = "A line of a long note, with *Markdown*, \"quotes\", emoji 🚀 and 中文.\n"
    note = ""
    while len((note + line).encode()) < model.NOTE_LIMIT - 100:
        note += line
    for n, limit, label in ((100, None, "100 items"), (1_000, 50, "1,000 items"),
                            (10_000, 250, "10,000 items")):
        samples = _save_samples(n, "", runs)
        table.add(Row(f"save one tick, {label}", samples, limit))
    table.add(Row(f"save a {len(note.encode()) // 1024} KiB note (100 items)",
                  _save_samples(100, note, runs), 100))


def _save_samples(n: int, note: str, runs: int) -> list[float]:
    from roadmap.storage.atomic import replace_durably
    from roadmap.storage.encode import render_state

    home = make_home()
    try:
        paths = Paths(home)
        replace_durably(paths.state, render_state(bench_store.seeded(n)).encode())
        samples = []
        with Store.open(paths) as store:
            rs = store.state.of("ml-engineer")
            for run in range(runs):
                at = bench_store.NOW + timedelta(hours=run)
                if note:
                    model.set_note(rs, "item-0", note[: len(note) - run - 1], at)
                else:
                    model.toggle_done(rs, f"item-{run % n}", at)
                samples.append(bench_store.timed(store.save))
        return samples
    finally:
        cleanup(home)


def exports(table: Table, runs: int) -> None:
    roadmap, state, profile = bench_export.build()
    for fmt in export.FORMATS:
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            export.render(fmt, roadmap, state, profile, include_notes=True)
            samples.append((time.perf_counter() - start) * 1000)
        table.add(Row(f"export {fmt}, 10,000 items + 500 projects", samples, 500))


def growth(table: Table, runs: int) -> None:
    """How start-up grows with size: first frame at 100 / 1,000 / 10,000 items."""
    from common import first_frame, warm_start

    for items in (100, 1_000, 10_000):
        home, marker = bench_tui.home_with_items(items)
        try:
            warm_start(bench_tui.ROADMAP, child_env(home), marker)
            samples = [first_frame(bench_tui.ROADMAP, child_env(home), marker)
                       for _ in range(runs)]
        finally:
            cleanup(home)
        table.add(Row(f"growth: first frame, {items:,} items", samples))


def test_suite(table: Table) -> None:
    start = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "pytest", "-q", "-n", "2", "-p", "no:randomly"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    tail = done.stdout.strip().splitlines()[-1:] or ["?"]
    table.add(Row("whole pytest run (-n 2)", [seconds], 60, unit="s", note=tail[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no pytest run")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    compile_package()
    table = Table()
    started = time.perf_counter()
    bench_tui.startup(table, runs=runs)
    bench_tui.cold_start(table, runs=max(3, runs // 2))
    bench_tui.keys(table, presses=20 if args.quick else 40)
    status_json(table, runs=runs * 2)
    bench_time.commands(table, runs=runs * 2)
    bench_time.progress_screen(table, presses=8 if args.quick else 20)
    saves(table, runs=runs * 2)
    exports(table, runs=max(3, runs // 2))
    bench_merge.rows(table, runs=max(3, runs // 2))
    bench_posting.postings(table, runs=runs)
    bench_tui.memory(table, runs=1 if args.quick else 3)
    growth(table, runs=runs // 2 + 1)
    if not args.quick:
        test_suite(table)
    print(table.render())
    print(f"\n({time.perf_counter() - started:.0f} s; {sys.version.split()[0]}, "
          f"median/p90 of the repeats; ratios are median / median of the baseline row above)")


if __name__ == "__main__":
    main()
