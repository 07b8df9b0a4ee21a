"""The TUI in a real pseudo-terminal: cold start to first frame, key press to repaint, memory.

Run: python tests/bench/bench_tui.py   (or tests/bench/run_all.py for every figure)

First frame: the time from spawning the process until a known string of the first frame (the
roadmap title in the header; "bench-first-frame" for the bare app) has been written to the
terminal. A bare Textual app showing one Static is measured in the same loop, alternating, so
machine noise hits both and the ratio is what counts.

Key press: after the app has drawn and gone quiet, one key is written to the terminal and we
time until the repaint it causes has fully arrived (the last byte before 50 ms of silence,
minus nothing: the silence itself is not counted).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BARE_MARKER,
    ROADMAP,
    PtyApp,
    Row,
    Table,
    bare_argv,
    child_env,
    cleanup,
    compile_package,
    first_frame,
    make_home,
    median,
    sized_template,
    template_ids,
    template_text,
    warm_start,
    widgets_argv,
)


def home_with_items(items: int, projects: int = 0) -> tuple[Path, bytes]:
    rid = f"bench-{items}"
    text = sized_template(rid, items)
    return (make_home(rid, text, template_ids(text), projects),
            f"Benchmark roadmap {rid}".encode())


def startup(table: Table, runs: int = 7) -> None:
    """Bare Textual vs roadmap with the ML template, 1,000 items + 50 projects, 10,000 items."""
    empty = make_home()
    k1, k1_marker = home_with_items(1_000, 50)
    k10, k10_marker = home_with_items(10_000)
    cases = [
        ("ML template, empty state", empty, b"Machine learning engineer", 1.15),
        ("1,000 items + 50 projects", k1, k1_marker, 1.3),
        ("10,000 items", k10, k10_marker, 2.0),
    ]
    bare: list[float] = []
    same: list[float] = []
    ours: dict[str, list[float]] = {name: [] for name, *_ in cases}
    keys_drawn: list[float] = []
    try:
        for _name, home, marker, _limit in cases:  # one unmeasured start each: .pyc, caches
            warm_start(ROADMAP, child_env(home), marker)
        first_frame(bare_argv(), child_env(), BARE_MARKER)
        for _ in range(runs):
            bare.append(first_frame(bare_argv(), child_env(), BARE_MARKER))
            same.append(first_frame(widgets_argv(), child_env(), BARE_MARKER))
            for name, home, marker, _limit in cases[1:]:
                ours[name].append(first_frame(ROADMAP, child_env(home), marker))
            app = PtyApp(ROADMAP, child_env(empty))
            try:
                ours[cases[0][0]].append(app.wait_for(cases[0][2]) * 1000)
                keys_drawn.append(app.wait_for(b" palette") * 1000)
            finally:
                app.stop()
    finally:
        for home in (empty, k1, k10):
            cleanup(home)
    table.add(Row("first frame: bare Textual app (one Static)", bare))
    table.add(Row("first frame: Textual, roadmap's widgets, no data", same,
                  value=median(same) / median(bare), note="(reference, no target)"))
    for name, _home, _marker, limit in cases:
        samples = ours[name]
        table.add(Row(f"first frame: roadmap, {name}", samples, limit,
                      value=median(samples) / median(bare)))
    table.add(Row("  ... and the key bar drawn too (Footer's keys come later)", keys_drawn,
                  value=median(keys_drawn) / median(bare), note="(reference, no target)"))


def cold_start(table: Table, runs: int = 5) -> None:
    """The first start after the state file changed elsewhere (a CLI command, a hand edit):
    no parse-cache entry matches, so the whole file is parsed before the first frame."""
    home, marker = home_with_items(10_000)
    try:
        warm_start(ROADMAP, child_env(home), marker)
        samples = []
        for _ in range(runs):
            for entry in (home / ".cache").rglob("state.pickle"):
                entry.unlink()
            samples.append(first_frame(ROADMAP, child_env(home), marker))
    finally:
        cleanup(home)
    table.add(Row("first frame, 10,000 items, state changed since (cache miss)", samples,
                  note="(reference, no target)"))


def keys(table: Table, presses: int = 40) -> None:
    """Key press to screen with a 5,000-milestone template: the time until the text that only
    the repaint contains (the next milestone's summary in the details pane; "✔ done") arrives."""
    rid = "bench-keys"
    text = template_text(rid, 5_000)
    home = make_home(rid, text, [], 0)
    app = PtyApp(ROADMAP, child_env(home))
    try:
        app.wait_for(f"Benchmark roadmap {rid}".encode())
        app.settle(0.5)
        down: list[float] = []
        tick: list[float] = []
        for n in range(1, presses + 1):  # the cursor starts on m-0-0, the first open item
            down.append(app.press(b"j", f"Why milestone 0.{n} matters.".encode()) * 1000)
            app.settle(0.08)
        for n in range(presses):
            tick.append(app.press(b" ", "✔ done".encode()) * 1000)
            app.settle(0.08)
            app.press(b"j", f"Why milestone 0.{presses + n + 1} matters.".encode())
            app.settle(0.08)
        table.add(Row("key to screen, 5,000 milestones: j (cursor down)", down, 16, p90_limit=33))
        table.add(Row("key to screen, 5,000 milestones: space (tick, saves)", tick, 16,
                      p90_limit=33))
    finally:
        app.stop()
        cleanup(home)


def memory(table: Table, runs: int = 3) -> None:
    """Peak resident memory of the TUI with 10,000 items, after first frame and some keys."""
    home, marker = home_with_items(10_000)
    samples: list[float] = []
    try:
        for _ in range(runs):
            app = PtyApp(ROADMAP, child_env(home))
            try:
                app.wait_for(marker)
                app.settle(0.5)
                for key in (b"j", b" ", b"j", b"j"):
                    app.burst_after(key)
                app.settle(0.5)
                samples.append(app.peak_rss_mb())
            finally:
                app.stop()
    finally:
        cleanup(home)
    table.add(Row("peak RSS: TUI with 10,000 items", samples, 150, unit="MB"))


def main() -> None:
    compile_package()
    table = Table()
    startup(table)
    cold_start(table)
    keys(table)
    memory(table)
    print(table.render())


if __name__ == "__main__":
    main()
