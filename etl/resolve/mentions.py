"""Where the corpus names a place, an actor or a source (the alias scan and the machine's own place
mentions), each in the document part it falls in; and the parts themselves as rows."""
from bisect import bisect_right
from collections.abc import Iterator

from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document


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


def mentions(documents: list[Document], index: AliasIndex, machine_mentions: dict[str, list[dict]]) -> Iterator[dict]:
    """The mention rows of each document in turn (the alias scan's and the machine's own place
    mentions, by document id): yielded, not listed, so that the load takes a large corpus's mentions a
    chunk at a time."""
    for doc in documents:
        article = [(p.start, p.end) for p in doc.parts if p.is_article]
        part_at = _PartFinder(doc.parts)
        for mention in index.find_mentions(doc.text, article):
            yield {"doc_id": doc.doc_id, "entity_kind": mention.entity_kind, "entity_id": mention.entity_id,
                   "surface": mention.surface, "char_start": mention.char_start,
                   "char_end": mention.char_end, "part": part_at(mention.char_start), "match": "alias",
                   "confidence": 0.95}
        for mention in machine_mentions[doc.doc_id]:
            yield {**mention, "part": part_at(mention["char_start"])}


def document_parts(documents: list[Document]) -> Iterator[dict]:
    for doc in documents:
        for number, part in enumerate(doc.parts, start=1):
            yield {"doc_id": doc.doc_id, "part_no": number, "kind": part.kind, "is_article": part.is_article,
                   "char_start": part.start, "char_end": part.end, "text": doc.text[part.start:part.end]}
