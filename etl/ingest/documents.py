"""A corpus folder -> documents with their metadata, parts and warnings.

Each format has its reader (.txt here; .md, .html/.htm and .jsonl in their modules); this module
applies what is common: the catalog over a document's own metadata, a date from a dateline for a
document nobody dated, duplicates, and the warnings.
"""
import hashlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from etl.core.errors import BuildWarning
from etl.ingest import html, jsonl, markdown
from etl.ingest.catalog import CatalogEntry, read_catalog, with_fallback
from etl.ingest.dateline import infer_published, infer_published_elsewhere
from etl.ingest.decode import Unusable, decode
from etl.ingest.parts import Part, first_line
from etl.ingest.received import Received
from etl.settings import CATALOG_NAME, DOCUMENT_SUFFIXES


@dataclass(frozen=True)
class Document:
    doc_id: str
    file: str
    path: Path
    text: str
    sha256: str
    title: str
    outlet: str | None
    outlet_kind: str | None
    url: str | None
    authors: tuple[str, ...]
    published_on: date | None
    published_until: date | None
    published_precision: str | None
    published_note: str | None
    encoding_note: str | None
    catalogued: bool
    parts: tuple[Part, ...]
    source_format: str = "txt"
    source_line: int | None = None


def doc_id_for(file_name: str) -> str:
    """The file name without its extension: stable across builds and readable in a URL."""
    return Path(file_name).stem


def _read_text(path: Path, raw: bytes) -> tuple[list[Received], list[BuildWarning]]:
    text, encoding_note = decode(raw)
    return [Received(name=path.name, doc_id=doc_id_for(path.name), path=path, text=text, source_format="txt",
                     encoding_note=encoding_note)], []


READERS = {".txt": _read_text, ".md": markdown.read, ".html": html.read, ".htm": html.read, ".jsonl": jsonl.read}
assert set(READERS) == set(DOCUMENT_SUFFIXES), "every accepted suffix needs its reader"


def _warning(item: Received, message: str) -> BuildWarning:
    return BuildWarning(item.path.name, message, item.line)


def _document(item: Received, digest: str, catalog: dict[str, CatalogEntry], warnings: list[BuildWarning]) -> Document:
    catalogued = item.name in catalog
    own = item.metadata
    if own and own.published and not own.published_note:
        own = replace(own, published_note=f"Date from {item.metadata_from}.")
    entry = with_fallback(catalog.get(item.name) or CatalogEntry(file=item.name, line=0), own)
    parts = item.split(item.text, entry.title, entry.authors)
    headline = next((p for p in parts if p.kind == "headline"), None)
    published, note = entry.published, entry.published_note
    if published is None and (inferred := infer_published(item.text, parts)):
        published, written = inferred
        note = f"Inferred from the dateline {written!r} in the text; no catalog or metadata date."
        warnings.append(_warning(item, f"publication date {published.start} inferred from the dateline {written!r}"))
    elif published is None and (inferred := infer_published_elsewhere(item.text, parts, entry.url)):
        published, where = inferred
        note = f"Read from {where} by htmldate; no catalog, metadata or dateline date."
        warnings.append(_warning(item, f"publication date {published.start} read from {where}"))
    if not catalogued:
        gaps = [gap for gap, known in (("title from the first line", entry.title), ("date unknown", published),
                                       ("outlet unknown", entry.outlet)) if not known]
        if gaps:
            warnings.append(_warning(item, "not in the catalog: " + ", ".join(gaps)))
    return Document(
        doc_id=item.doc_id,
        file=item.name,
        path=item.path,
        text=item.text,
        sha256=digest,
        title=entry.title or first_line(item.text[headline.start:headline.end] if headline else item.text),
        outlet=entry.outlet,
        outlet_kind=entry.outlet_kind,
        url=entry.url,
        authors=entry.authors,
        published_on=published.start if published else None,
        published_until=published.end if published else None,
        published_precision=published.precision if published else None,
        published_note=note,
        encoding_note=item.encoding_note,
        catalogued=catalogued,
        parts=tuple(parts),
        source_format=item.source_format,
        source_line=item.line,
    )


def read_corpus(folder: Path) -> tuple[list[Document], list[BuildWarning]]:
    """Read every document of `folder`; unusable ones are skipped with a warning."""
    catalog_path = folder / CATALOG_NAME
    catalog = read_catalog(catalog_path) if catalog_path.exists() else {}
    documents: list[Document] = []
    warnings: list[BuildWarning] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    names: set[str] = set()
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
    for path in files:
        names.add(path.name)
        try:
            received, notes = READERS[path.suffix.lower()](path, path.read_bytes())
        except Unusable as exc:
            warnings.append(BuildWarning(path.name, f"skipped: {exc}"))
            continue
        except OSError as exc:
            warnings.append(BuildWarning(path.name, f"skipped: cannot read ({exc.strerror})"))
            continue
        if received and received[0].encoding_note:
            warnings.append(BuildWarning(path.name, received[0].encoding_note))
        warnings += notes
        for item in received:
            names.add(item.name)
            digest = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
            if digest in seen_hashes:
                warnings.append(_warning(item, f"skipped: exact duplicate of {seen_hashes[digest]}"))
                continue
            if item.doc_id in seen_ids:
                warnings.append(_warning(item, f"skipped: same document id as {seen_ids[item.doc_id]}"))
                continue
            seen_hashes[digest], seen_ids[item.doc_id] = item.name, item.name
            documents.append(_document(item, digest, catalog, warnings))
    for name, entry in sorted(catalog.items()):
        if name not in names:
            warnings.append(BuildWarning(CATALOG_NAME, f"catalogued file {name!r} is not in the folder", entry.line))
    return documents, warnings
