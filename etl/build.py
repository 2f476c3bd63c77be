"""The build: a corpus folder -> a complete warehouse file, or an error and the old file kept."""
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.ingest.acled_ucdp import read_files as read_reference_datasets
from etl.core.errors import BuildWarning
from etl.core.spill import Spill
from etl.extract.cache import ExtractionCache, cache_path
from etl.extract.machine import MachineFacts, extractor_digest
from etl.extract.cluster import extract_on_cluster
from etl.extract.pool import default_workers, extract_documents
from etl.ingest import aliases as aliases_module
from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document, read_corpus
from etl.ingest.outlets import UNKNOWN_OUTLET, extraction_context
from etl.ingest.reference import Reference, Source, read_reference
from etl.load.quotes_only import write_quotes_only
from etl.load.warehouse import MACHINE_ONLY_MODE, check_writable, contract_digest, write_warehouse
from etl.resolve.comparison import resolve_groups
from etl.resolve.mentions import document_parts, mentions
from etl.resolve.merge import MachineRows, merge_facts
from etl.settings import FACTS_SUBDIR, PLACE_STOPWORDS, WORLD_PLACES

BUILDER_VERSION = "2"


@dataclass
class BuildResult:
    counts: dict[str, int]
    warnings: list[BuildWarning]


def _inputs_digest(paths: list[Path]) -> str:
    """Of the inputs' names and bytes, in the order given: not of where they lie (a corpus staged
    from a URL, or copied to another folder, is the same input)."""
    digest = hashlib.sha256()
    for path in dict.fromkeys(paths):  # the documents of one .jsonl file share its path
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


_last_progress = [time.perf_counter()]


def _resident() -> str:
    """The build process's resident memory now, where the system says it (Linux's /proc), else nothing."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return ""
    return f", {pages * os.sysconf('SC_PAGE_SIZE') / 1e9:.2f} GB resident"


def _progress(message: str) -> None:
    """A line on stderr with the seconds since the last one and the memory held: at scale, where the time
    and the memory go (docs/scale.md)."""
    now = time.perf_counter()
    print(f"{message} [{now - _last_progress[0]:.1f} s{_resident()}]", file=sys.stderr, flush=True)
    _last_progress[0] = now


def _cache_key(doc: Document, outlet_of: dict) -> str:
    """What a document's machine facts depend on besides the extractor: its text, and the
    catalog's publication date (relative dates) and outlet (the article's own voice)."""
    return f"{doc.sha256}|{doc.published_on}|{doc.published_until}|{outlet_of[doc.doc_id]}"


def _machine_facts(documents: list[Document], index: AliasIndex, sources: dict[str, Source], outlet_of: dict,
                   cache: ExtractionCache, workers: int, scheduler: str | None) -> Iterator[tuple[str, MachineFacts]]:
    """Machine facts of every document, one document at a time: from the last build where neither the
    document nor the extractor changed (in the order the cache holds them), else extracted now, by
    `workers` processes here or by a Dask cluster's workers, and kept in the cache as they come."""
    keys = {doc.doc_id: _cache_key(doc, outlet_of) for doc in documents}
    found = set()
    for doc_id, facts in cache.stored({d: k for d, k in keys.items() if cache.has(d, k)}):
        found.add(doc_id)
        yield doc_id, facts
    todo = [doc for doc in documents if doc.doc_id not in found]
    if scheduler:
        extracted, by = extract_on_cluster(todo, index, outlet_of, scheduler), f"Dask scheduler {scheduler}"
    else:
        extracted, by = extract_documents(todo, index, sources, outlet_of, workers), f"{workers} worker(s)"
    # Kept as they come: the facts are right whatever the rest of the build makes of them.
    with cache.keeping() as keep:
        for doc, facts in zip(todo, extracted):
            keep(doc.doc_id, keys[doc.doc_id], facts)
            yield doc.doc_id, facts
    _progress(f"machine extraction: {len(todo)} documents extracted, {cache.reused} unchanged ({by})")
    cache.compact(keys)


def build(docs_dir: Path, db_path: Path, reference_dir: Path, machine_only: bool = False,
          compare_with: tuple[Path, ...] | list[Path] = (), workers: int | None = None,
          scheduler: str | None = None) -> BuildResult:
    """`workers` processes extract the documents here (default: one per core), or, with a `scheduler`
    (a Dask scheduler's address, or local:N), the workers of a Dask cluster (etl/extract/cluster.py)."""
    _last_progress[0] = time.perf_counter()
    check_writable(db_path)
    _progress(f"reading reference data from {reference_dir}")
    reference = read_reference(reference_dir)
    documents, warnings = read_corpus(docs_dir)
    _progress(f"read {len(documents)} documents from {docs_dir}")
    index, sources, outlet_of = extraction_context(reference, documents, warnings)
    # The world gazetteer, the place stop-list and the alias scanner decide mentions as the
    # reference folder does: a change to any of them extracts every document again.
    reference_files = [p for p in reference_dir.glob("*") if p.is_file()] + [
        WORLD_PLACES, PLACE_STOPWORDS, Path(aliases_module.__file__)]
    cache = ExtractionCache(cache_path(db_path), extractor_digest(reference_files))
    # Each document's machine facts go into `machine` as they come: slim rows kept for merging,
    # matching and grouping, whole rows spilled to disk until the warehouse is written (etl/core/spill.py).
    with Spill(db_path) as spill:
        machine = MachineRows(spill)
        workers = workers or default_workers()
        for doc_id, found in _machine_facts(documents, index, sources, outlet_of, cache, workers, scheduler):
            machine.add(doc_id, found)
        for doc in documents:  # in the corpus's order, whatever the order the facts came in
            for source in machine.sources.pop(doc.doc_id, ()):
                sources.setdefault(source.source_id, source)
        if any(outlet is None for outlet in outlet_of.values()):
            sources.setdefault(UNKNOWN_OUTLET.source_id, UNKNOWN_OUTLET)
        index = AliasIndex(Reference(reference.places, reference.actors, sources))

        facts_dir = docs_dir / FACTS_SUBDIR
        fact_files = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
        if machine_only:
            _progress(f"--machine-only: {len(fact_files)} coded-fact files and their review decisions ignored")
        facts = merge_facts(documents, machine, [] if machine_only else fact_files, docs_dir, index, outlet_of,
                            reference)
        machine_mentions = machine.mentions
        _progress(f"resolved {0 if machine_only else len(fact_files)} coded-fact files")
        claims, counts, reports = facts.claims, facts.counts, facts.reports
        events, event_actors, coded_docs = facts.events, facts.event_actors, facts.coded_docs
        group_decisions = facts.group_decisions
        group_rows, member_rows, group_warnings = resolve_groups(claims, documents, reference, index, group_decisions)
        warnings += group_warnings
        _progress(f"comparison groups: {len(claims)} claims in {len(group_rows)} groups")

        # The world gazetteer's 34,000 places go into the warehouse only where the corpus names them or
        # places a fact there: the reference folder's own places always do. Mentions are written a chunk
        # at a time, and the places after them, once the places they name are known.
        used_places = {row.get("place_id") for row in claims + counts + events + reports}

        def mention_rows():
            for row in mentions(documents, index, machine_mentions):
                if row["entity_kind"] == "place":
                    used_places.add(row["entity_id"])
                yield row

        # A user's own ACLED / UCDP files: read after the corpus, so that a mistake in the corpus is reported first.
        compared = read_reference_datasets([Path(p) for p in compare_with], warnings)
        tables = {
            "documents": ({
                "doc_id": d.doc_id, "file": d.file, "title": d.title, "outlet": d.outlet,
                "outlet_source_id": outlet_of[d.doc_id], "url": d.url, "authors": list(d.authors),
                "published_on": d.published_on, "published_until": d.published_until,
                "published_precision": d.published_precision, "published_note": d.published_note,
                "text": d.text, "char_count": len(d.text), "sha256": d.sha256, "encoding_note": d.encoding_note,
                "catalogued": d.catalogued, "has_coded_facts": d.doc_id in coded_docs,
                "source_format": d.source_format, "source_line": d.source_line,
            } for d in documents),
            "document_parts": document_parts(documents),
            "mentions": mention_rows(),
            "places": lambda: [p.row() for p in sorted(reference.places.values(), key=lambda p: p.place_id)
                               if p.layer != "world" or p.place_id in used_places],
            "sources": [{"source_id": s.source_id, "name": s.name, "kind": s.kind, "alignment": s.alignment,
                         "actor_id": s.actor_id, "aliases": list(s.aliases), "note": s.note}
                        for s in sorted(sources.values(), key=lambda s: s.source_id)],
            "actors": [{"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "side": a.side,
                        "aliases": list(a.aliases)}
                       for a in sorted(reference.actors.values(), key=lambda a: a.actor_id)],
            "events": events,
            "event_actors": event_actors,
            "event_reports": machine.whole("event_reports", sorted(reports, key=lambda r: r["report_id"])),
            "claims": machine.whole("claims", sorted(claims, key=lambda r: r["claim_id"])),
            "counted_things": sorted(counts, key=lambda r: r["count_id"]),
            "comparison_groups": sorted(group_rows, key=lambda r: r["comparison_group"]),
            "comparison_members": member_rows,
            "warnings": [{"file": w.file, "line": w.line, "message": w.message} for w in warnings],
            "build_info": [
                {"key": "builder_version", "value": BUILDER_VERSION},
                {"key": "mode", "value": MACHINE_ONLY_MODE if machine_only
                 else "coded and reviewed facts, machine facts elsewhere"},
                {"key": "extractor_sha256", "value": cache.digest},
                {"key": "contract_sha256", "value": contract_digest()},
                {"key": "corpus", "value": docs_dir.name},
                {"key": "inputs_sha256", "value": _inputs_digest(
                    [d.path for d in documents] + fact_files + sorted(p for p in reference_dir.glob("*") if p.is_file())
                    + [WORLD_PLACES, PLACE_STOPWORDS] + [Path(p) for p in compare_with if Path(p).is_file()])},
            ],
        }
        tables.update(compared)
        if compare_with:
            tables["build_info"].append({"key": "compare_with", "value": "; ".join(
                f"{Path(p).name}" for p in compare_with)})
            _progress("compared with " + ", ".join(f"{len(rows)} {name.split('_')[1].upper()} events"
                                                   for name, rows in compared.items()))
        _progress(f"writing {db_path}")
        written = write_warehouse(db_path, tables)
        write_quotes_only(db_path)
        _progress("wrote the warehouse and its quotes-only copy")
        return BuildResult(written, warnings)
