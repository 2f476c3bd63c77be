"""An HTML page: the main text extracted by trafilatura, and the page's own metadata.

Extraction works on the file's content only and never fetches anything: trafilatura is given the
decoded page, not a URL, and dates are read from the markup without htmldate's extensive search.
Offsets index into the extracted text, not into the HTML source.
"""
import codecs
import re
from pathlib import Path

import trafilatura

from etl.core.errors import BuildError, BuildWarning
from etl.ingest.catalog import CatalogEntry, catalog_entry
from etl.ingest.decode import Unusable, decode
from etl.ingest.parts import first_line, is_title_line
from etl.ingest.received import Received
from etl.settings import HTML_MIN_PARAGRAPH_WORDS
from etl.core.yamlio import Located

# Browsers sniff the charset from the page's first bytes; this many is ample for a meta tag.
CHARSET_SNIFF_BYTES = 8192
CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels browsers read as Windows-1252 (WHATWG Encoding Standard); pages that say Latin-1 mean it.
WINDOWS_1252_ALIASES = {"ascii", "iso8859-1", "cp1252"}

EXTRACTION = {
    "include_comments": False,  # reader comments are not the article
    # Tables off: pages laid out with tables come out as one pipe-separated row of menu and article;
    # a data table inside an article is lost too (code such figures from a .txt or .md copy).
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "with_metadata": True,
    # Dates from the markup only (meta tags, <time>); the extensive search guesses from the text.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


def declared_charset(raw: bytes) -> str | None:
    """The charset a meta tag declares, as a Python codec name; None when absent or unknown."""
    match = CHARSET.search(raw[:CHARSET_SNIFF_BYTES])
    if not match:
        return None
    try:
        name = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None
    return "cp1252" if name in WINDOWS_1252_ALIASES else name


def _metadata(path: Path, extracted) -> CatalogEntry | None:
    fields = Located.at({
        "title": extracted.title,
        "outlet": extracted.sitename,
        "url": extracted.url,
        "published": extracted.date,
        "authors": [a.strip() for a in (extracted.author or "").split(";") if a.strip()],
    }, None)
    try:
        return catalog_entry(path, fields, path.name)
    except BuildError:
        return None  # metadata trafilatura could not read cleanly is no metadata


def read(path: Path, raw: bytes) -> tuple[list[Received], list[BuildWarning]]:
    page, encoding_note = decode(raw, declared_charset(raw))
    extracted = trafilatura.bare_extraction(page, **EXTRACTION)
    body = (extracted.text or "").strip() if extracted else ""
    if not body:
        raise Unusable("no main text found in the HTML page (trafilatura extracted nothing)")
    # Where there is no article, trafilatura's fallbacks return menus and banners: short lines only.
    if all(len(line.split()) < HTML_MIN_PARAGRAPH_WORDS for line in body.splitlines()):
        raise Unusable(f"no main text found in the HTML page: no line of {HTML_MIN_PARAGRAPH_WORDS} words or more, "
                       f"only menus or banners such as {first_line(body)!r}")
    metadata = _metadata(path, extracted)
    title = metadata.title if metadata else None
    # The page's title heads the text when the extraction left it out, so the headline is a part.
    if title and not any(is_title_line(line, title) for line in body.splitlines()[:6]):
        body = f"{title}\n{body}"
    received = Received(name=path.name, doc_id=path.stem, path=path, text=body, source_format="html",
                        encoding_note=encoding_note, metadata=metadata, metadata_from="the page's metadata")
    return [received], []
