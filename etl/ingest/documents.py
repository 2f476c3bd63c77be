"""A corpus folder -> documents with their metadata, parts and warnings."""
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.errors import BuildWarning
from etl.ingest.catalog import CatalogEntry, read_catalog
from etl.ingest.decode import Unusable, decode
from etl.ingest.parts import Part, split_parts
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


def doc_id_for(file_name: str) -> str:
    """The file name without its extension: stable across builds and readable in a URL."""
    return Path(file_name).stem


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def read_corpus(folder: Path) -> tuple[list[Document], list[BuildWarning]]:
    """Read every document of `folder`; unusable ones are skipped with a warning."""
    catalog_path = folder / CATALOG_NAME
    catalog = read_catalog(catalog_path) if catalog_path.exists() else {}
    documents: list[Document] = []
    warnings: list[BuildWarning] = []
    seen_hashes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
    for path in files:
        try:
            text, encoding_note = decode(path.read_bytes())
        except Unusable as exc:
            warnings.append(BuildWarning(path.name, f"skipped: {exc}"))
            continue
        except OSError as exc:
            warnings.append(BuildWarning(path.name, f"skipped: cannot read ({exc.strerror})"))
            continue
        if encoding_note:
            warnings.append(BuildWarning(path.name, encoding_note))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen_hashes:
            warnings.append(BuildWarning(path.name, f"skipped: exact duplicate of {seen_hashes[digest]}"))
            continue
        doc_id = doc_id_for(path.name)
        if doc_id in seen_ids:
            warnings.append(BuildWarning(path.name, f"skipped: same document id as {seen_ids[doc_id]}"))
            continue
        seen_hashes[digest], seen_ids[doc_id] = path.name, path.name
        entry = catalog.get(path.name) or CatalogEntry(file=path.name, line=0)
        if path.name not in catalog:
            warnings.append(BuildWarning(path.name, "not in the catalog: title from the first line, date and outlet unknown"))
        published = entry.published
        documents.append(
            Document(
                doc_id=doc_id,
                file=path.name,
                path=path,
                text=text,
                sha256=digest,
                title=entry.title or _first_line(text),
                outlet=entry.outlet,
                outlet_kind=entry.outlet_kind,
                url=entry.url,
                authors=entry.authors,
                published_on=published.start if published else None,
                published_until=published.end if published else None,
                published_precision=published.precision if published else None,
                published_note=entry.published_note,
                encoding_note=encoding_note,
                catalogued=path.name in catalog,
                parts=tuple(split_parts(text, title=entry.title, authors=entry.authors)),
            )
        )
    for name, entry in sorted(catalog.items()):
        if not (folder / name).is_file():
            warnings.append(BuildWarning(CATALOG_NAME, f"catalogued file {name!r} is not in the folder", entry.line))
    return documents, warnings
