"""Extraction of many documents at once: a pool of processes sized to the machine.

Machine extraction is a function of one document and the extraction context (the alias index and
the sources, `etl.ingest.outlets.extraction_context`); nothing one document's extraction does is
seen by another's. So the documents can be extracted in any number of processes and the result
is the same as in one: `Pool.imap` returns the facts in the documents' order, and the build goes on
from there as it does with one worker.

The context is large (the world gazetteer's alias index) and the same for every document: it is
set before the pool starts and the workers inherit it by `fork`, instead of having it pickled to
each of them. Where `fork` is not available (Windows, macOS's default), the build extracts in its
own process.
"""
import multiprocessing
import os
from collections.abc import Iterator

from etl.extract.machine import MachineFacts, extract_document
from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document
from etl.ingest.reference import Source

_CONTEXT: tuple | None = None  # (index, sources) of the build in progress, inherited by the workers

# Below this many documents per worker a pool costs more (starting it, sending texts and facts
# between processes) than it saves.
_FEWEST_PER_WORKER = 8


def default_workers() -> int:
    """The cores this process may run on (a container's or a scheduler's limit, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _extract(job: tuple[Document, str | None]) -> MachineFacts:
    doc, outlet = job
    index, sources = _CONTEXT
    return extract_document(doc, index, sources, outlet)


def extract_documents(documents: list[Document], index: AliasIndex, sources: dict[str, Source],
                      outlet_of: dict[str, str | None], workers: int) -> Iterator[MachineFacts]:
    """The machine facts of each document, in the documents' order, extracted by `workers` processes and
    yielded as they come, so that the build holds a chunk of them, not the corpus's."""
    jobs = [(doc, outlet_of[doc.doc_id]) for doc in documents]
    fork = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or not fork or len(jobs) < workers * _FEWEST_PER_WORKER:
        for doc, outlet in jobs:
            yield extract_document(doc, index, sources, outlet)
        return
    global _CONTEXT
    _CONTEXT = (index, sources)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # Chunks of a few dozen documents: few round trips, and the cores stay evenly busy to the end.
            yield from pool.imap(_extract, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8))))
    finally:
        _CONTEXT = None
