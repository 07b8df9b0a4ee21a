"""The time views at 10,000 history entries: `pace --json` and `next --json` against
`python -c "import tomllib"` (as `status --json` is measured), and the Progress screen from
the `T` key to its heatmap on a real pseudo-terminal (p50 target 50 ms).

Run: python tests/bench/bench_time.py [--quick]   (run_all.py runs it too)
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PYTHON,
    ROADMAP,
    PtyApp,
    Row,
    Table,
    child_env,
    cleanup,
    compile_package,
    make_home,
    median,
    run_ms,
)

HISTORY = 10_000
SPAN_DAYS = 300
"""The history's 10,000 changes spread over this many days up to now."""


def home_with_history() -> Path:
    """The ML template in use and a state whose history holds 10,000 status changes: items
    ticked, taken back, started and done again over ~10 months, some left in progress."""
    from roadmap import catalog, model
    from roadmap.paths import Paths
    from roadmap.storage.encode import render_state

    home = make_home()
    roadmap = catalog.load_roadmap(Paths(home), "ml-engineer")
    ids = roadmap.item_ids()
    state = model.UserState("ml-engineer")
    rs = state.of("ml-engineer")
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=SPAN_DAYS)
    cycle = (model.Status.IN_PROGRESS, model.Status.DONE, model.Status.TODO,
             model.Status.DONE)
    for n in range(HISTORY):
        item_id = ids[(n * 7) % len(ids)]
        at = start + timedelta(seconds=n * SPAN_DAYS * 86_400 // HISTORY)
        new = cycle[(n // len(ids)) % len(cycle)]
        model.mark(rs, item_id, new, at)
    assert len(rs.history) == HISTORY, len(rs.history)
    (home / "state.toml").write_text(render_state(state), encoding="utf-8")
    from roadmap.storage import Store

    # as after any session of the app or a `mark`: the parse of these bytes is cached (the
    # cache folder goes with the home: see common.child_env)
    saved = {k: os.environ.get(k) for k in ("ROADMAP_HOME", "XDG_CACHE_HOME")}
    os.environ.update(child_env(home))  # where the child processes will look
    try:
        with Store.open(Paths.resolve()) as store:
            store.remember()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return home


def commands(table: Table, runs: int) -> None:
    """`pace --json` and `next --json`, alternating with the floor, on a warm parse cache."""
    home = home_with_history()
    env = child_env(home)
    floor: list[float] = []
    found: dict[str, list[float]] = {"pace": [], "next": []}
    try:
        for name in found:
            run_ms([PYTHON, "-m", "roadmap", name, "--json"], env)  # fills the parse cache
        for _ in range(runs):
            floor.append(run_ms([PYTHON, "-c", "import tomllib"], env))
            for name, samples in found.items():
                samples.append(run_ms([PYTHON, "-m", "roadmap", name, "--json"], env))
    finally:
        cleanup(home)
    table.add(Row('python -c "import tomllib"', floor))
    for name, samples in found.items():
        table.add(Row(f"roadmap {name} --json, 10,000 history entries", samples, 3.0,
                      value=median(samples) / median(floor)))


def progress_screen(table: Table, presses: int) -> None:
    """`T` to the Progress screen drawn (its heatmap's legend on the terminal), at 10,000
    history entries; escape back to the roadmap between presses."""
    home = home_with_history()
    app = PtyApp(ROADMAP, child_env(home))
    samples: list[float] = []
    try:
        app.wait_for(b"Machine learning engineer")
        app.settle(0.5)
        for _ in range(presses):
            samples.append(app.press(b"T", b"more") * 1000)  # "less ■ ■ ■ ■ ■ more"
            app.settle(0.1)
            app.press(b"\x1b", b"Job readiness")  # the main screen's tree again
            app.settle(0.2)
    finally:
        app.stop()
        cleanup(home)
    table.add(Row("T to the Progress screen, 10,000 history entries", samples, 50))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    compile_package()
    table = Table()
    commands(table, runs=5 if args.quick else 12)
    progress_screen(table, presses=8 if args.quick else 20)
    print(table.render())


if __name__ == "__main__":
    main()
