"""Benchmark: machine extraction throughput on one core, beside spaCy's tokenizer alone.

    python -m tests.benchmark_extraction [--copies 40] [--corpus DIR ...]

A benchmark, not a test: the numbers depend on the machine and are reported in docs/performance.md, never
asserted. The corpus (the seeds, and the invented test articles where present) is extracted
`copies` times in this one process pinned to one CPU. The floor is spaCy's blank English
tokenizer run over the same article sentences: no extractor can read text faster than it can be
cut into words.
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.extract.machine import extract_document  # noqa: E402
from etl.extract.machine.text import article_sentences  # noqa: E402
from etl.ingest.documents import read_corpus  # noqa: E402
from etl.ingest.reference import read_reference  # noqa: E402
from etl.ingest.aliases import AliasIndex  # noqa: E402
from etl.settings import REFERENCE_DIR, SEEDS_DIR  # noqa: E402

DEFAULT_CORPORA = [SEEDS_DIR, ROOT / "tests" / "articles"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="times the corpus is extracted (default 40)")
    parser.add_argument("--corpus", type=Path, action="append", help="corpus folders (default: seeds and test articles)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    reference = read_reference(REFERENCE_DIR)
    index = AliasIndex(reference)
    documents = []
    for folder in args.corpus or [c for c in DEFAULT_CORPORA if c.is_dir()]:
        documents += read_corpus(folder)[0]
    sentences = sum(len(article_sentences(doc)) for doc in documents)
    extract_document(documents[0], index, reference.sources, None)  # warm the word-list caches

    started, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(args.copies):
        for doc in documents:
            extract_document(doc, index, reference.sources, None)
    extraction, extraction_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    import spacy

    tokenizer = spacy.blank("en").tokenizer
    texts = [s.text for doc in documents for s in article_sentences(doc)]
    started = time.perf_counter()
    for _ in range(args.copies):
        for text in texts:
            tokenizer(text)
    floor = time.perf_counter() - started

    total_sentences, total_documents = sentences * args.copies, len(documents) * args.copies
    rate, floor_rate = total_sentences / extraction, total_sentences / floor
    print(f"corpus: {len(documents)} documents, {sentences} article sentences, extracted {args.copies} times on one core")
    print(f"  machine extraction: {rate:,.0f} sentences/s, {total_documents / extraction:,.1f} articles/s")
    # On a shared machine other processes take the core too: the rate over this process's own
    # CPU time is what the extractor costs.
    print(f"  machine extraction over its CPU time: {total_sentences / extraction_cpu:,.0f} sentences/s")
    print(f"  spaCy tokenizer alone (floor): {floor_rate:,.0f} sentences/s")
    print(f"  extraction takes {floor_rate / rate:.1f}x the tokenizer's time (required: >= 1,000 sentences/s; aim: within 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
