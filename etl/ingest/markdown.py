"""A Markdown document: its text as received, its YAML front matter as metadata.

Offsets index into the file's text, markup included. The part splitter is shown the same text with
the front matter and the Markdown markers (`#` of headings, rules) blanked to spaces, so that the
markup neither becomes a part of its own nor shifts an offset.
"""
import re
from pathlib import Path

from etl.core.errors import BuildError, BuildWarning
from etl.ingest.catalog import CatalogEntry, catalog_entry
from etl.ingest.decode import decode
from etl.ingest.parts import Part, split_parts
from etl.ingest.received import Received
from etl.core.yamlio import parse_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?=\r?\n|\Z)", re.DOTALL)
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<content>.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
# Thematic breaks and setext underlines: lines of one repeated -, *, _ or = character.
RULE_LINE = re.compile(r"^[ \t]{0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans replaced by spaces, line breaks kept: the same length, the same lines."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _front_matter(path: Path, text: str) -> tuple[int, CatalogEntry | None, list[BuildWarning]]:
    """(end of the front matter or 0, its metadata, warnings about it)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return 0, None, []
    # A leading line break puts each YAML line on its line number in the file (the first is `---`).
    try:
        data = parse_yaml("\n" + (match["yaml"] or ""), path)
        if data is None:
            return match.end(), None, []
        if not isinstance(data, dict):
            raise BuildError(path, 2, "front matter must be a mapping of catalog fields")
        return match.end(), catalog_entry(path, data, path.name), []
    except BuildError as exc:
        return match.end(), None, [BuildWarning(path.name, f"front matter ignored: {exc.message}", exc.line)]


def _splitter(view: str, front_end: int, headings: set[int]):
    def split(text: str, title: str | None, authors: tuple[str, ...]) -> list[Part]:
        parts = []
        for part in split_parts(view, title=title, authors=authors):
            # A Markdown heading after the headline is a subheading, however long or short it is.
            if part.start in headings and part.kind in ("standfirst", "body"):
                part = Part("subheading", part.start, part.end)
            parts.append(part)
        return ([Part("front_matter", 0, front_end)] if front_end else []) + parts
    return split


def read(path: Path, raw: bytes) -> tuple[list[Received], list[BuildWarning]]:
    text, encoding_note = decode(raw)
    front_end, metadata, warnings = _front_matter(path, text)
    view = _blanked(text, [(0, front_end)])
    markup = [(m.start(), m.end()) for m in RULE_LINE.finditer(view)]
    headings = set()
    for match in HEADING.finditer(view):
        markup += [(match.start(), match.start("content")), (match.end("content"), match.end())]
        headings.add(match.start("content"))
    received = Received(name=path.name, doc_id=path.stem, path=path, text=text, source_format="md",
                        encoding_note=encoding_note, metadata=metadata, metadata_from="the front matter",
                        split=_splitter(_blanked(view, markup), front_end, headings))
    return [received], warnings
