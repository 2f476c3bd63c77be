"""Benchmark: the build on a synthetic corpus of N articles, cold and with one article added.

    python -m tests.benchmark_build --docs 1000 [--workers N] [--seed 0] [--keep DIR]

A benchmark, not a test: the numbers depend on the machine and go in docs/scale.md, never asserted.
It writes N articles with `python -m etl.tools.synthesize`, builds them `--machine-only` (nothing in a
synthetic corpus is coded) into a fresh warehouse with `python -m etl build`, then adds one new
article and builds again, as a user adding one document would. For each build it reports the wall
time, the documents extracted and the seconds extraction took (from the build's progress line), the
documents extracted per second and per worker, and the peak memory of the build: the
largest sum, over the samples taken every 0.1 s, of the resident memory of the build's process and
its workers.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants, read from /proc (0 where it cannot be read)."""
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, IndexError, ValueError):
            continue
        stack += [int(child) for child in children]
    return total


def _timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident bytes of the process tree, and what the command printed on stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.1)
        wall = time.perf_counter() - started
        err.seek(0)
        printed = err.read()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{printed}")
    return wall, peak, printed


def _extracted(printed: str) -> tuple[int, float]:
    """Documents extracted, and the seconds the extraction took (the build's progress line says both)."""
    line = next(line for line in printed.splitlines() if line.startswith("machine extraction:"))
    return int(line.split(":")[1].split()[0]), float(line.rsplit("[", 1)[1].split()[0])


def _one_more_article(corpus: Path) -> None:
    """A new document: the first synthetic article under a new id, with a sentence of its own."""
    first = next(iter(sorted(corpus.glob("*.jsonl")))).read_text(encoding="utf-8").splitlines()[0]
    article = json.loads(first)
    article["id"] = "added-one"
    article["text"] += "\nActivists said 7 more people were killed in the shelling on Monday.\n"
    (corpus / "added-one.jsonl").write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="articles to synthesise and build")
    parser.add_argument("--workers", type=int, default=None, help="the build's --workers (default: its own)")
    parser.add_argument("--seed", type=int, default=0, help="the synthetic corpus's seed (default 0)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the corpus and warehouse in this folder (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="benchmark-build-"))
    corpus, db = folder / "corpus", folder / "warehouse.duckdb"
    try:
        shutil.rmtree(corpus, ignore_errors=True)
        for stale in folder.glob("warehouse*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        synthesis, _, _ = _timed([sys.executable, "-m", "etl.tools.synthesize", "--docs", str(args.docs),
                                  "--out", str(corpus), "--seed", str(args.seed)])
        build = [sys.executable, "-m", "etl", "build", "--docs", str(corpus), "--db", str(db), "--machine-only"]
        if args.workers:
            build += ["--workers", str(args.workers)]
        workers = args.workers or len(os.sched_getaffinity(0))
        rows = []
        cold = _timed(build)
        _one_more_article(corpus)
        incremental = _timed(build)
        for name, (wall, peak, printed) in (("full build", cold), ("one article added", incremental)):
            extracted, seconds = _extracted(printed)
            rows.append((name, wall, extracted, seconds, extracted / seconds / workers, peak / 2**30))
        import duckdb

        with duckdb.connect(str(db), read_only=True) as connection:
            claims, groups, events = connection.execute(
                "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM comparison_groups), "
                "(SELECT count(*) FROM events)").fetchone()
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.docs:,} synthetic articles (written in {synthesis:.1f} s); {workers} worker(s); "
          f"warehouse: {claims:,} claims, {groups:,} comparison groups, {events:,} events")
    print("| build | wall time | documents extracted | extraction | extracted/s per worker | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, wall, extracted, seconds, per_worker, peak in rows:
        print(f"| {name} | {wall:.1f} s | {extracted:,} | {seconds:.1f} s | {per_worker:,.0f} | {peak:.2f} GB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
