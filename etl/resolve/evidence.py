"""Quotes -> character offsets in the document text, only inside article parts."""
import re
import unicodedata

from etl.core.errors import BuildError
from etl.ingest.documents import Document
from etl.core.sentences import sentence_around


def _loose(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(text.split()).lower()


def quote_pattern(quote: str) -> re.Pattern:
    """The quote, exactly, except that any run of spaces matches any run of white space
    (copied pages hold non-breaking spaces a coder cannot see)."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


def occurrences(doc: Document, quote: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Every span of `quote` in the text, and those inside article parts (what `occurrence: N` counts)."""
    matches = [(m.start(), m.end()) for m in re.finditer(quote_pattern(quote), doc.text)]
    return matches, [(s, e) for s, e in matches if any(p.is_article and p.start <= s and e <= p.end for p in doc.parts)]


def locate(doc: Document, quote: str, path, line: int, occurrence: int | None = None) -> tuple[int, int]:
    """Offsets of `quote` in the article parts of `doc`; a missing or ambiguous quote fails the build."""
    if not isinstance(quote, str) or not quote.strip():
        raise BuildError(path, line, "empty quote")
    matches, article = occurrences(doc, quote)
    starts = [start for start, _ in matches]
    if not starts:
        hint = ""
        if _loose(quote) in _loose(doc.text):
            hint = " (it is there with other quote marks, dashes or spacing: copy it exactly)"
        raise BuildError(path, line, f"quote not found in {doc.file}: {quote!r}{hint}")
    if not article:
        kinds = {p.kind for p in doc.parts if p.start <= starts[0] < p.end}
        raise BuildError(path, line, f"quote is not in the article ({', '.join(sorted(kinds)) or 'between parts'}); "
                                     f"facts come from the article only: {quote!r}")
    if occurrence is None:
        if len(article) > 1:
            raise BuildError(path, line, f"quote occurs {len(article)} times in {doc.file}; add 'occurrence': {quote!r}")
        occurrence = 1
    if not 1 <= int(occurrence) <= len(article):
        raise BuildError(path, line, f"occurrence {occurrence} but the quote occurs {len(article)} times")
    return article[int(occurrence) - 1]


def locate_within(doc: Document, fragment: str, start: int, end: int, path, line: int, what: str) -> tuple[int, int]:
    """Offsets of `fragment` inside an already located span (a figure inside its quote)."""
    found = quote_pattern(fragment).search(doc.text, start, end) if fragment.strip() else None
    if not found:
        raise BuildError(path, line, f"{what} {fragment!r} is not inside its quote {doc.text[start:end]!r}")
    return found.span()


def sentence_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    part = next(p for p in doc.parts if p.start <= start and end <= p.end)
    return sentence_around(doc.text, part.start, part.end, start, end)
