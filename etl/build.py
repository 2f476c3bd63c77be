"""The build: a corpus folder -> a complete warehouse file, or an error and the old file kept."""
import hashlib
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from etl.compare_with import read_files as read_reference_datasets
from etl.core.errors import BuildError, BuildWarning
from etl.core.ids import slug
from etl.extract.cache import ExtractionCache, cache_path
from etl.extract.coded import read_fact_file
from etl.extract.machine import MachineFacts, extract_document, extractor_digest
from etl.ingest.documents import Document, read_corpus
from etl.ingest.reference import Reference, Source, read_reference, vocabulary
from etl.load.quotes_only import write_quotes_only
from etl.load.warehouse import contract_digest, write_warehouse
from etl.ingest import aliases as aliases_module
from etl.ingest.aliases import AliasIndex
from etl.resolve.comparison import resolve_groups
from etl.resolve.event_matching import match_reports
from etl.resolve.events import merge_events
from etl.resolve.facts import resolve_document_facts
from etl.settings import FACTS_SUBDIR, PLACE_STOPWORDS, WORLD_PLACES

BUILDER_VERSION = "2"
MACHINE_ONLY_MODE = "machine-only"  # build_info.mode of a --machine-only warehouse
# Who speaks when an uncatalogued article states a figure in its own voice.
UNKNOWN_OUTLET = Source("unknown-outlet", "Unknown outlet", "newspaper", "unknown", None, (),
                        "the article's own voice, for documents whose outlet the catalog does not give")


@dataclass
class BuildResult:
    counts: dict[str, int]
    warnings: list[BuildWarning]


def _outlet_sources(documents: list[Document], reference: Reference, index: AliasIndex) -> dict[str, Source]:
    """Every catalogued outlet as a source: the reference entry if it has one, else a new row."""
    vocab = vocabulary()
    sources = dict(reference.sources)
    for doc in documents:
        if not doc.outlet or index.lookup("source", doc.outlet):
            continue
        kind_text = (doc.outlet_kind or "").lower()
        kind = next((v for k, v in vocab["outlet_kinds"].items() if kind_text.startswith(k)), "newspaper")
        source_id = slug(doc.outlet, "outlet")
        sources.setdefault(source_id, Source(source_id, doc.outlet, kind, "unknown", None, (), "outlet added from the catalog"))
    return sources


def extraction_context(reference: Reference, documents: list[Document], warnings: list) -> tuple:
    """What the machine extractor reads besides a document: the alias index (catalogued outlets
    included as sources), the sources, and each document's outlet as a source id."""
    index = AliasIndex(reference)
    for doc in documents:
        if doc.outlet and not index.lookup("source", doc.outlet):
            warnings.append(BuildWarning(doc.file, f"outlet {doc.outlet!r} is not in sources.yaml: alignment unknown"))
    sources = _outlet_sources(documents, reference, index)
    index = AliasIndex(Reference(reference.places, reference.actors, sources))
    outlet_of = {doc.doc_id: (index.lookup("source", doc.outlet) or [None])[0] if doc.outlet else None
                 for doc in documents}
    return index, sources, outlet_of


def _inputs_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _coded_error(facts_dir: Path, coded_at: str, message: str) -> BuildError:
    """A BuildError at a fact's `coded_at` ("file.yaml:line")."""
    file, line = coded_at.rsplit(":", 1)
    return BuildError(facts_dir / file, int(line), message)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _cache_key(doc: Document, outlet_of: dict) -> str:
    """What a document's machine facts depend on besides the extractor: its text, and the
    catalog's publication date (relative dates) and outlet (the article's own voice)."""
    return f"{doc.sha256}|{doc.published_on}|{doc.published_until}|{outlet_of[doc.doc_id]}"


class _PartFinder:
    """The kind of document part a character offset falls in. Parts do not overlap; a long document
    has thousands of them, so they are found by bisection."""

    def __init__(self, parts):
        self._parts = sorted(parts, key=lambda part: part.start)
        self._starts = [part.start for part in self._parts]

    def __call__(self, offset: int) -> str:
        part = self._parts[bisect_right(self._starts, offset) - 1]
        assert part.start <= offset < part.end, f"offset {offset} outside every part"
        return part.kind


def _machine_facts(documents: list[Document], index: AliasIndex, sources: dict[str, Source], outlet_of: dict,
                   reference_dir: Path, db_path: Path) -> tuple[dict[str, MachineFacts], ExtractionCache]:
    """Machine facts of every document: from the last build where neither the document nor the
    extractor changed, else extracted now."""
    # The world gazetteer, the place stop-list and the alias scanner decide mentions as the
    # reference folder does: a change to any of them extracts every document again.
    reference_files = [p for p in reference_dir.glob("*") if p.is_file()] + [
        WORLD_PLACES, PLACE_STOPWORDS, Path(aliases_module.__file__)]
    cache = ExtractionCache(cache_path(db_path), extractor_digest(reference_files))
    machine = {}
    for doc in documents:
        facts = cache.get(doc.doc_id, _cache_key(doc, outlet_of))
        machine[doc.doc_id] = facts if facts is not None else extract_document(doc, index, sources, outlet_of[doc.doc_id])
    _progress(f"machine extraction: {len(documents) - cache.reused} documents extracted, {cache.reused} unchanged")
    return machine, cache


def build(docs_dir: Path, db_path: Path, reference_dir: Path, machine_only: bool = False,
          compare_with: tuple[Path, ...] | list[Path] = ()) -> BuildResult:
    _progress(f"reading reference data from {reference_dir}")
    reference = read_reference(reference_dir)
    documents, warnings = read_corpus(docs_dir)
    _progress(f"read {len(documents)} documents from {docs_dir}")
    index, sources, outlet_of = extraction_context(reference, documents, warnings)
    by_file = {doc.file: doc for doc in documents}
    machine, cache = _machine_facts(documents, index, sources, outlet_of, reference_dir, db_path)
    for facts in machine.values():
        for source in facts.sources:
            sources.setdefault(source.source_id, source)
    if any(outlet is None for outlet in outlet_of.values()):
        sources.setdefault(UNKNOWN_OUTLET.source_id, UNKNOWN_OUTLET)
    index = AliasIndex(Reference(reference.places, reference.actors, sources))

    casualties, counts, event_entries, reports, coded_docs, group_decisions = [], [], [], [], set(), []
    decisions: dict[str, object] = {}  # doc_id -> its fact file's facts (what the machine may add)
    facts_dir = docs_dir / FACTS_SUBDIR
    fact_files = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    if machine_only:
        _progress(f"--machine-only: {len(fact_files)} coded-fact files and their review decisions ignored")
    for path in ([] if machine_only else fact_files):
        data = read_fact_file(path)
        doc = by_file.get(data["document"])
        if doc is None:
            raise BuildError(path, data.line_of("document"),
                             f"document {data['document']!r} is not in {docs_dir} (or was skipped: see warnings)")
        if doc.doc_id in coded_docs:
            raise BuildError(path, data.line_of("document"), f"a second fact file for {doc.file}")
        coded_docs.add(doc.doc_id)
        facts = resolve_document_facts(doc, data, path, index, outlet_of[doc.doc_id])
        decisions[doc.doc_id] = facts
        group_decisions += facts.group_decisions
        casualties += facts.casualties
        counts += facts.counts
        event_entries += facts.events
        reports += facts.reports
    _progress(f"resolved {0 if machine_only else len(fact_files)} coded-fact files")
    events, event_actors = merge_events(event_entries, reference, facts_dir)
    machine_casualties, machine_reports = [], []
    for doc in documents:
        decided = decisions.get(doc.doc_id)
        # A claim is one row: a hand-coded document keeps its coded facts only; a reviewed one
        # keeps the machine facts nobody rejected or replaced.
        if decided is not None and not decided.keep_machine:
            continue
        dropped = decided.decided_machine_ids if decided is not None else set()
        # A fact a person added that is the machine's fact to the letter stands instead of it.
        confirmed = {c["casualty_id"] for c in decided.casualties} if decided is not None else set()
        machine_casualties += [dict(c) for c in machine[doc.doc_id].casualties
                               if c["casualty_id"] not in dropped | confirmed]
        machine_reports += [{**r, "dropped": dropped} for r in machine[doc.doc_id].reports]
    machine_reports, machine_events, machine_actors = match_reports(machine_reports, events, reference.places)
    coded_reports = {r["report_id"] for r in reports}
    machine_reports = [r for r in machine_reports
                       if r["event_id"] not in r.pop("dropped") and r["report_id"] not in coded_reports]
    live_events = {r["event_id"] for r in machine_reports}
    events += [e for e in machine_events if e["event_id"] in live_events]
    event_actors += [a for a in machine_actors if a["event_id"] in live_events]
    casualties += machine_casualties
    reports += machine_reports
    # The machine links a claim to the event reported in its sentence; a reviewed claim that names no
    # event keeps that link (an accepted claim is the machine's claim, confirmed). Coded claims say
    # their event themselves, or have none.
    report_in_sentence: dict[tuple, str] = {}
    for report in reports:
        report_in_sentence.setdefault((report["doc_id"], report["sentence_start"]), report["event_id"])
    for claim in casualties:
        if claim["method"] != "coded" and not claim["event_id"]:
            claim["event_id"] = report_in_sentence.get((claim["doc_id"], claim["sentence_start"]))
    known_events = {e["event_id"] for e in events}
    for row in casualties + counts:
        if row["event_id"] and row["event_id"] not in known_events:
            raise _coded_error(facts_dir, row["coded_at"], f"unknown event {row['event_id']!r}")
    for table, rows, key in (("casualties", casualties, "casualty_id"), ("counted_things", counts, "count_id"),
                             ("event_reports", reports, "report_id")):
        seen: dict[str, str] = {}
        for row in rows:
            if row[key] in seen:
                raise _coded_error(facts_dir, row["coded_at"],
                                   f"the same {table} fact is coded twice (also at {seen[row[key]]})")
            seen[row[key]] = row["coded_at"]

    group_rows, member_rows, group_warnings = resolve_groups(casualties, documents, reference, index, group_decisions)
    warnings += group_warnings

    mentions, parts = [], []
    for doc in documents:
        article = [(p.start, p.end) for p in doc.parts if p.is_article]
        part_at = _PartFinder(doc.parts)
        for mention in index.find_mentions(doc.text, article):
            part = part_at(mention.char_start)
            mentions.append({"doc_id": doc.doc_id, "entity_kind": mention.entity_kind, "entity_id": mention.entity_id,
                             "surface": mention.surface, "char_start": mention.char_start,
                             "char_end": mention.char_end, "part": part, "match": "alias", "confidence": 0.95})
        for mention in machine[doc.doc_id].mentions:
            part = part_at(mention["char_start"])
            mentions.append({**mention, "part": part})
        for number, part in enumerate(doc.parts, start=1):
            parts.append({"doc_id": doc.doc_id, "part_no": number, "kind": part.kind, "is_article": part.is_article,
                          "char_start": part.start, "char_end": part.end, "text": doc.text[part.start:part.end]})

    # The world gazetteer's 34,000 places go into the warehouse only where the corpus names them or
    # places a fact there: the reference folder's own places always do.
    used_places = {m["entity_id"] for m in mentions if m["entity_kind"] == "place"} | {
        row.get("place_id") for row in casualties + counts + events + reports}
    # A user's own ACLED / UCDP files: read after the corpus, so that a mistake in the corpus is reported first.
    compared = read_reference_datasets([Path(p) for p in compare_with], warnings)
    tables = {
        "documents": [{
            "doc_id": d.doc_id, "file": d.file, "title": d.title, "outlet": d.outlet,
            "outlet_source_id": outlet_of[d.doc_id], "url": d.url, "authors": list(d.authors),
            "published_on": d.published_on, "published_until": d.published_until,
            "published_precision": d.published_precision, "published_note": d.published_note,
            "text": d.text, "char_count": len(d.text), "sha256": d.sha256, "encoding_note": d.encoding_note,
            "catalogued": d.catalogued, "has_coded_facts": d.doc_id in coded_docs,
            "source_format": d.source_format, "source_line": d.source_line,
        } for d in documents],
        "document_parts": parts,
        "sources": [{"source_id": s.source_id, "name": s.name, "kind": s.kind, "alignment": s.alignment,
                     "actor_id": s.actor_id, "aliases": list(s.aliases), "note": s.note}
                    for s in sorted(sources.values(), key=lambda s: s.source_id)],
        "actors": [{"actor_id": a.actor_id, "name": a.name, "kind": a.kind, "side": a.side, "aliases": list(a.aliases)}
                   for a in sorted(reference.actors.values(), key=lambda a: a.actor_id)],
        "places": [p.row() for p in sorted(reference.places.values(), key=lambda p: p.place_id)
                   if p.layer != "world" or p.place_id in used_places],
        "mentions": mentions,
        "events": events,
        "event_actors": event_actors,
        "event_reports": sorted(reports, key=lambda r: r["report_id"]),
        "casualties": sorted(casualties, key=lambda r: r["casualty_id"]),
        "counted_things": sorted(counts, key=lambda r: r["count_id"]),
        "comparison_groups": sorted(group_rows, key=lambda r: r["comparison_group"]),
        "comparison_members": sorted(member_rows, key=lambda r: r["casualty_id"]),
        "warnings": [{"file": w.file, "line": w.line, "message": w.message} for w in warnings],
        "build_info": [
            {"key": "builder_version", "value": BUILDER_VERSION},
            {"key": "mode", "value": MACHINE_ONLY_MODE if machine_only else "coded and reviewed facts, machine facts elsewhere"},
            {"key": "extractor_sha256", "value": cache.digest},
            {"key": "contract_sha256", "value": contract_digest()},
            {"key": "corpus", "value": docs_dir.name},
            {"key": "inputs_sha256", "value": _inputs_digest(
                [d.path for d in documents] + fact_files + [p for p in reference_dir.glob("*") if p.is_file()]
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
    write_warehouse(db_path, tables)
    write_quotes_only(db_path)
    cache.save({doc.doc_id: (_cache_key(doc, outlet_of), machine[doc.doc_id]) for doc in documents})
    return BuildResult({name: len(rows) for name, rows in tables.items()}, warnings)
