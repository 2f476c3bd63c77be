"""Benchmark: each dashboard page's server-side run time on a warehouse, caches warm.

    python -m tests.benchmark_pages [--runs 20] [--warehouse PATH]

Without --warehouse the seeds are built and each page opened as pages.toml says (`opened_with`); on
another warehouse (a synthetic corpus of 100,000 articles, docs/scale.md) each page is opened with the
selection of that warehouse that makes it do the most work: the event with the most reports, the
comparison group with the most claimants, the busiest day, actor and document.

A benchmark, not a test: the numbers depend on the machine and are reported in docs/performance.md, never
asserted. Each page is run by Streamlit's AppTest (the script run the server does for a browser, without
the network and the browser's drawing); the first run fills the caches and is not counted.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import settings  # noqa: E402
from dashboard.pages import PAGES, Page  # noqa: E402
from etl.build import build  # noqa: E402
from etl.settings import REFERENCE_DIR, SEEDS_DIR  # noqa: E402

TARGET_MS = 300  # on the seeds
AT_SCALE_MS = 500  # on a warehouse of a million claims (docs/scale.md)


# The selection that makes each page do the most work, read from any warehouse.
BUSIEST = {
    "event": "SELECT event_id FROM event_overview ORDER BY reports DESC, event_id LIMIT 1",
    "day": "SELECT CAST(date_start AS VARCHAR) FROM events WHERE date_start IS NOT NULL "
           "GROUP BY date_start ORDER BY count(*) DESC, date_start LIMIT 1",
    "group": "SELECT comparison_group FROM comparisons ORDER BY claimants DESC, comparison_group LIMIT 1",
    "who": "SELECT actor_id FROM event_actors GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 1",
    "read": "SELECT doc_id FROM claims GROUP BY doc_id ORDER BY count(*) DESC, doc_id LIMIT 1",
    "q": "SELECT a.name FROM event_actors e JOIN actors a USING (actor_id) GROUP BY a.name "
         "ORDER BY count(*) DESC, a.name LIMIT 1",
}


def busiest(warehouse: Path, keys) -> dict[str, str]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        found = {key: connection.execute(BUSIEST[key]).fetchone() for key in keys if key in BUSIEST}
    return {key: row[0] for key, row in found.items() if row}


def time_page(page: Page, runs: int, opened_with: dict) -> list[float]:
    """Each page as a person typically opens it (the selection that makes it do the most work)."""
    timings = []
    for attempt in range(runs + 1):
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in opened_with.items():
            app.query_params[key] = value
        app.switch_page(page.file)
        started = time.perf_counter()
        app.run()
        elapsed = (time.perf_counter() - started) * 1000
        if app.exception:
            raise SystemExit(f"{page.name}: {app.exception[0].message}")
        if attempt:  # the first run warms the caches
            timings.append(elapsed)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per page (default 20)")
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="time the pages on this warehouse (default: the seeds, built for the run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.warehouse:
            settings.WAREHOUSE = args.warehouse.resolve()
        else:
            settings.WAREHOUSE = Path(folder) / "seeds.duckdb"
            build(SEEDS_DIR, settings.WAREHOUSE, REFERENCE_DIR)
        target = TARGET_MS if not args.warehouse else AT_SCALE_MS
        print(f"| page | median ms | p95 ms | max ms | under {target} ms |")
        print("| --- | ---: | ---: | ---: | --- |")
        for page in PAGES:
            opened_with = {**page.opened_with, **busiest(settings.WAREHOUSE, page.opened_with)} \
                if args.warehouse else page.opened_with
            timings = sorted(time_page(page, args.runs, opened_with))
            p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
            median = statistics.median(timings)
            print(f"| {page.name} | {median:.0f} | {p95:.0f} | {timings[-1]:.0f} | {'yes' if p95 < target else 'no'} |")


if __name__ == "__main__":
    main()
