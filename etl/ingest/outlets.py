"""The outlets a corpus's catalog names, as sources beside the reference data's: who speaks when an
article states a figure in its own voice. The extractor reads them with each document."""
from etl.core.errors import BuildWarning
from etl.core.ids import slug
from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document
from etl.ingest.reference import Reference, Source, vocabulary

# Who speaks when an uncatalogued article states a figure in its own voice.
UNKNOWN_OUTLET = Source("unknown-outlet", "Unknown outlet", "newspaper", "unknown", None, (),
                        "the article's own voice, for documents whose outlet the catalog does not give")


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
