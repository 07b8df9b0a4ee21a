"""What own items cost: composing them into a 10,000-item roadmap, and saving one more.

python tests/bench/bench_own.py [--quick]

Composition runs on every open (app start, every command), so it must stay small next to the
~300 ms first frame at 10,000 items; with no own items it must cost nothing (the template
itself comes back). Prints median and p90 in ms.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import cleanup, make_home, median, p90, sized_template, timed_ms  # noqa: E402

from roadmap import catalog, model  # noqa: E402
from roadmap.model import OwnItem, RoadmapState  # noqa: E402
from roadmap.paths import Paths  # noqa: E402
from roadmap.storage import Store  # noqa: E402

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def own_state(roadmap: model.Roadmap, count: int) -> RoadmapState:
    """`count` own items spread over the roadmap's groups, each ticked."""
    rs = RoadmapState()
    groups = roadmap.groups()
    for n in range(count):
        own = OwnItem(f"own-{n}", groups[n % len(groups)].id, f"Own item {n}", added=NOW)
        model.put_own(rs, own, NOW)
        model.mark(rs, own.id, model.Status.DONE, NOW)
    return rs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    repeats = 5 if parser.parse_args().quick else 20
    home = make_home("bench-own", sized_template("bench-own", 10_000))
    try:
        paths = Paths(home)
        roadmap = catalog.load_roadmap(paths, "bench-own")
        print(f"{'figure':<58}{'median':>9}{'p90':>9}")
        for count in (0, 10, 100, 1000):
            rs = own_state(roadmap, count)

            def compose(rs: RoadmapState = rs) -> None:
                composed = model.with_own(roadmap, rs)
                composed.item_ids()  # what every reader asks first: builds the index

            samples = [timed_ms(compose) for _ in range(repeats)]
            print(f"{f'compose 10,000 items + {count:,} own (and index them)':<58}"
                  f"{median(samples):>7.2f}ms{p90(samples):>7.2f}ms")
        with Store.open(paths) as store:
            rs = store.state.of("bench-own")
            for n in range(100):
                model.put_own(rs, OwnItem(f"own-{n}", "step-0", f"Own {n}", added=NOW), NOW)
            store.save()
            samples = []
            for n in range(repeats):
                model.put_own(rs, OwnItem(f"more-{n}", "step-0", f"More {n}", added=NOW), NOW)
                samples.append(timed_ms(store.save))
        print(f"{'save one more own item (100 in the file)':<58}"
              f"{median(samples):>7.2f}ms{p90(samples):>7.2f}ms")
    finally:
        cleanup(home)


if __name__ == "__main__":
    main()
