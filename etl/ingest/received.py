"""One document as its format's reader found it, before the catalog and the date rules apply."""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from etl.ingest.catalog import CatalogEntry
from etl.ingest.parts import Part, split_parts

# (text, title, authors) -> the document's parts, with offsets into the text.
Splitter = Callable[[str, str | None, tuple[str, ...]], list[Part]]


@dataclass(frozen=True)
class Received:
    name: str                    # documents.file: what the catalog and coded-fact files call it
    doc_id: str
    path: Path
    text: str                    # what offsets index into
    source_format: str           # txt, md, html or jsonl
    encoding_note: str | None = None
    line: int | None = None      # the line of a .jsonl it came from
    metadata: CatalogEntry | None = None  # what the document says about itself
    metadata_from: str | None = None      # where that was, for the publication date's note
    split: Splitter = split_parts
