"""The corpus catalog (`catalog.yaml`): what is known about each document beyond its text."""
from dataclasses import dataclass, field, replace
from pathlib import Path

from etl.core.errors import BuildError
from etl.core.dates import DateError, DateRange, parse_published
from etl.core.yamlio import Located, load_yaml

KNOWN_FIELDS = ("file", "title", "outlet", "kind", "url", "published", "published_note", "authors")


@dataclass(frozen=True)
class CatalogEntry:
    file: str
    line: int
    title: str | None = None
    outlet: str | None = None
    outlet_kind: str | None = None
    url: str | None = None
    published: DateRange | None = None
    published_text: str | None = None
    published_note: str | None = None
    authors: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)  # fields a user added; kept, not interpreted


def _text(path, entry, key) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        raise BuildError(path, entry.line_of(key), f"{key!r} must be text, got {value!r}")
    return " ".join(str(value).split()) or None


def catalog_entry(path: Path, entry: Located, name: str) -> CatalogEntry:
    """One mapping of catalog fields -> an entry. Also reads the metadata a document carries
    itself (front matter, a JSON line), so one set of rules checks every source of metadata."""
    published = None
    published_text = _text(path, entry, "published")
    if published_text:
        try:
            published = parse_published(published_text)
        except DateError as exc:
            raise BuildError(path, entry.line_of("published"), str(exc)) from exc
    authors = entry.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise BuildError(path, entry.line_of("authors"), "'authors' must be a list of names")
    return CatalogEntry(
        file=name,
        line=entry.line,
        title=_text(path, entry, "title"),
        outlet=_text(path, entry, "outlet"),
        outlet_kind=_text(path, entry, "kind"),
        url=_text(path, entry, "url"),
        published=published,
        published_text=published_text,
        published_note=_text(path, entry, "published_note"),
        authors=tuple(" ".join(a.split()) for a in authors),
        extra={k: v for k, v in entry.items() if k not in KNOWN_FIELDS},
    )


def with_fallback(entry: CatalogEntry, fallback: CatalogEntry | None) -> CatalogEntry:
    """`entry` with each field it lacks taken from `fallback`; the note goes with the date it explains."""
    if fallback is None:
        return entry
    dated = entry if entry.published or not fallback.published else fallback
    return replace(
        entry,
        title=entry.title or fallback.title,
        outlet=entry.outlet or fallback.outlet,
        outlet_kind=entry.outlet_kind or fallback.outlet_kind,
        url=entry.url or fallback.url,
        published=dated.published,
        published_text=dated.published_text,
        published_note=dated.published_note or entry.published_note,
        authors=entry.authors or fallback.authors,
        extra={**fallback.extra, **entry.extra},
    )


def read_catalog(path: Path) -> dict[str, CatalogEntry]:
    """Entries by file name. Every field but `file` may be absent; added fields are kept."""
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, list):
        raise BuildError(path, getattr(data, "line", 1), "the catalog must be a list of entries")
    entries: dict[str, CatalogEntry] = {}
    for entry in data:
        if not isinstance(entry, dict):
            raise BuildError(path, None, f"a catalog entry must be a mapping, got {entry!r}")
        name = _text(path, entry, "file")
        if not name:
            raise BuildError(path, entry.line, "catalog entry without 'file'")
        if "/" in name or "\\" in name:
            raise BuildError(path, entry.line_of("file"), f"'file' must be a bare file name: {name!r}")
        if name in entries:
            raise BuildError(path, entry.line_of("file"), f"{name!r} is catalogued twice (first on line {entries[name].line})")
        entries[name] = catalog_entry(path, entry, name)
    return entries
