"""The build: a corpus folder -> a complete warehouse file, or an error and the old file kept."""
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError, BuildWarning
from etl.extract.coded import read_fact_file
from etl.ingest.documents import Document, read_corpus
from etl.ingest.reference import Reference, Source, read_reference, vocabulary
from etl.load.warehouse import write_warehouse
from etl.resolve.aliases import AliasIndex
from etl.resolve.events import merge_events
from etl.resolve.facts import resolve_document_facts
from etl.settings import FACTS_SUBDIR

BUILDER_VERSION = "1"


@dataclass
class BuildResult:
    counts: dict[str, int]
    warnings: list[BuildWarning]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "outlet"


def _outlet_sources(documents: list[Document], reference: Reference, index: AliasIndex) -> dict[str, Source]:
    """Every catalogued outlet as a source: the reference entry if it has one, else a new row."""
    vocab = vocabulary()
    sources = dict(reference.sources)
    for doc in documents:
        if not doc.outlet or index.lookup("source", doc.outlet):
            continue
        kind_text = (doc.outlet_kind or "").lower()
        kind = next((v for k, v in vocab["outlet_kinds"].items() if kind_text.startswith(k)), "newspaper")
        source_id = _slug(doc.outlet)
        sources.setdefault(source_id, Source(source_id, doc.outlet, kind, "unknown", None, (), "outlet added from the catalog"))
    return sources


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


def build(docs_dir: Path, db_path: Path, reference_dir: Path) -> BuildResult:
    _progress(f"reading reference data from {reference_dir}")
    reference = read_reference(reference_dir)
    documents, warnings = read_corpus(docs_dir)
    _progress(f"read {len(documents)} documents from {docs_dir}")
    index = AliasIndex(reference)
    for doc in documents:
        if doc.outlet and not index.lookup("source", doc.outlet):
            warnings.append(BuildWarning(doc.file, f"outlet {doc.outlet!r} is not in sources.yaml: alignment unknown"))
    sources = _outlet_sources(documents, reference, index)
    index = AliasIndex(Reference(reference.places, reference.actors, sources))
    by_file = {doc.file: doc for doc in documents}
    outlet_of = {doc.doc_id: (index.lookup("source", doc.outlet) or [None])[0] if doc.outlet else None
                 for doc in documents}

    casualties, counts, event_entries, reports, coded_docs = [], [], [], [], set()
    facts_dir = docs_dir / FACTS_SUBDIR
    fact_files = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    for path in fact_files:
        data = read_fact_file(path)
        doc = by_file.get(data["document"])
        if doc is None:
            raise BuildError(path, data.line_of("document"),
                             f"document {data['document']!r} is not in {docs_dir} (or was skipped: see warnings)")
        if doc.doc_id in coded_docs:
            raise BuildError(path, data.line_of("document"), f"a second fact file for {doc.file}")
        coded_docs.add(doc.doc_id)
        facts = resolve_document_facts(doc, data, path, index, outlet_of[doc.doc_id])
        casualties += facts.casualties
        counts += facts.counts
        event_entries += facts.events
        reports += facts.reports
    _progress(f"resolved {len(fact_files)} coded-fact files")
    events, event_actors = merge_events(event_entries, reference, facts_dir)
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

    mentions, parts = [], []
    for doc in documents:
        article = [(p.start, p.end) for p in doc.parts if p.is_article]
        kind_at = {(p.start, p.end): p.kind for p in doc.parts}
        for mention in index.find_mentions(doc.text, article):
            part = next(k for (s, e), k in kind_at.items() if s <= mention.char_start < e)
            mentions.append({"doc_id": doc.doc_id, "entity_kind": mention.entity_kind, "entity_id": mention.entity_id,
                             "surface": mention.surface, "char_start": mention.char_start,
                             "char_end": mention.char_end, "part": part})
        for number, part in enumerate(doc.parts, start=1):
            parts.append({"doc_id": doc.doc_id, "part_no": number, "kind": part.kind, "is_article": part.is_article,
                          "char_start": part.start, "char_end": part.end, "text": doc.text[part.start:part.end]})

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
        "places": [{**vars(p), "aliases": list(p.aliases)} for p in sorted(reference.places.values(), key=lambda p: p.place_id)],
        "mentions": mentions,
        "events": events,
        "event_actors": event_actors,
        "event_reports": sorted(reports, key=lambda r: r["report_id"]),
        "casualties": sorted(casualties, key=lambda r: r["casualty_id"]),
        "counted_things": sorted(counts, key=lambda r: r["count_id"]),
        "warnings": [{"file": w.file, "line": w.line, "message": w.message} for w in warnings],
        "build_info": [
            {"key": "builder_version", "value": BUILDER_VERSION},
            {"key": "corpus", "value": docs_dir.name},
            {"key": "inputs_sha256", "value": _inputs_digest(
                [d.path for d in documents] + fact_files + [p for p in reference_dir.glob("*") if p.is_file()])},
        ],
    }
    _progress(f"writing {db_path}")
    write_warehouse(db_path, tables)
    return BuildResult({name: len(rows) for name, rows in tables.items()}, warnings)
