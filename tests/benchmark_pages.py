"""Benchmark: each dashboard page's server-side run time on the seed warehouse, caches warm.

    python -m tests.benchmark_pages [--runs 20]

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

TARGET_MS = 300


def time_page(page: Page, runs: int) -> list[float]:
    """Each page as a person typically opens it (`opened_with`: the selection that makes it do the most work)."""
    timings = []
    for attempt in range(runs + 1):
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in page.opened_with.items():
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings.WAREHOUSE = Path(folder) / "seeds.duckdb"
        build(SEEDS_DIR, settings.WAREHOUSE, REFERENCE_DIR)
        print(f"| page | median ms | p95 ms | max ms | under {TARGET_MS} ms |")
        print("| --- | ---: | ---: | ---: | --- |")
        for page in PAGES:
            timings = sorted(time_page(page, args.runs))
            p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
            median = statistics.median(timings)
            print(f"| {page.name} | {median:.0f} | {p95:.0f} | {timings[-1]:.0f} | {'yes' if p95 < TARGET_MS else 'no'} |")


if __name__ == "__main__":
    main()
