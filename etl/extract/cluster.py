"""Extraction on a Dask cluster: the same function of one document as on this machine's cores
(`etl.extract.pool`), run by the workers of a `dask.distributed` scheduler.

Why Dask and not Ray (docs/scale.md): the work is a plain map of a pure Python function over
batches of documents, which is what `Client.map` does, with no actors or GPUs to schedule;
Dask's scheduler is a pip-installable Python process (`dask scheduler`, `dask worker ADDRESS`)
that runs the same on a laptop, in CI (`LocalCluster`) and on an existing cluster (Kubernetes,
YARN, SLURM, through dask-kubernetes, dask-yarn or dask-jobqueue); and the rest of the stack
(pandas, Parquet, fsspec) is the PyData one it was built for.

What travels: the build reads the corpus and sends each batch of documents with its outlets; the
extraction context (the reference data with the corpus's outlets as sources) is sent to every
worker once (`scatter(broadcast=True)`), and each worker builds its alias index from it once per
build. The facts come back in the documents' order, so the warehouse is the same as a build in
one process (tests/test_build.py builds the seeds both ways on a local cluster of two workers).

`--scheduler local:N` starts a local cluster of N worker processes for the build's length (to try
it, and in the tests); any other value is the address of a running scheduler (`tcp://host:8786`).
"""
import hashlib
import pickle
from collections.abc import Iterator

from etl.extract.machine import MachineFacts, extract_document
from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document
from etl.ingest.reference import Reference

# Documents per task: large enough that a task's overhead (a few milliseconds) is small beside its
# extraction (about 20 ms a document), small enough that the workers stay evenly busy to the end.
BATCH = 64

_BUILT: dict[str, AliasIndex] = {}  # on a worker: the alias index of each context it was sent, by digest


def _index(context: Reference, digest: str) -> AliasIndex:
    if digest not in _BUILT:
        _BUILT.clear()  # one build's context at a time
        _BUILT[digest] = AliasIndex(context)
    return _BUILT[digest]


def extract_batch(context: Reference, digest: str, jobs: list[tuple[Document, str | None]]) -> list[MachineFacts]:
    """What a worker runs: the machine facts of a batch of documents."""
    index = _index(context, digest)
    return [extract_document(doc, index, context.sources, outlet) for doc, outlet in jobs]


def _client(scheduler: str):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as missing:
        raise SystemExit("--engine dask needs Dask: pip install 'dask[distributed]' "
                         "(or the project's 'cluster' extra)") from missing
    if scheduler.startswith("local:"):
        workers = int(scheduler.split(":", 1)[1])
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler), None


def extract_on_cluster(documents: list[Document], index: AliasIndex, outlet_of: dict[str, str | None],
                       scheduler: str) -> Iterator[MachineFacts]:
    """The machine facts of each document, in the documents' order, extracted by the cluster's workers and
    yielded a batch at a time as the batches are done in order."""
    jobs = [(doc, outlet_of[doc.doc_id]) for doc in documents]
    if not jobs:
        return
    context = index.reference
    digest = hashlib.sha256(pickle.dumps(context)).hexdigest()  # a worker kept from another build rebuilds
    client, cluster = _client(scheduler)
    try:
        shared = client.scatter(context, broadcast=True)
        batches = [jobs[i:i + BATCH] for i in range(0, len(jobs), BATCH)]
        futures = client.map(extract_batch, [shared] * len(batches), [digest] * len(batches), batches, pure=False)
        for future in futures:
            yield from future.result()
            future.release()  # the worker lets the batch's facts go
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
