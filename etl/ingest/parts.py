"""Split a copied web page into its parts: the article (headline, standfirst, subheadings,
body, captions) and what is not the article (byline, dateline, reader comments, page furniture).

Rules are line-based and read from lexicon/page_parts.yaml; docs/document-formats.md explains them.
"""
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml

from etl.settings import LEXICON_DIR, STANDFIRST_MAX_CHARS

ARTICLE_PARTS = ("headline", "standfirst", "subheading", "body", "caption")
ALL_PARTS = ARTICLE_PARTS + ("byline", "dateline", "reader_comment", "furniture", "front_matter")


@dataclass(frozen=True)
class Part:
    kind: str
    start: int
    end: int

    @property
    def is_article(self) -> bool:
        return self.kind in ARTICLE_PARTS


@lru_cache(maxsize=None)
def _raw() -> dict:
    return yaml.safe_load((LEXICON_DIR / "page_parts.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _rules() -> dict:
    raw = _raw()

    def many(key):
        return [re.compile(p, re.IGNORECASE) for p in raw[key]]

    return {
        "comments_start": many("comments_start"),
        "furniture_to_end": many("furniture_to_end"),
        "furniture_line": many("furniture_line"),
        "credit_line": many("credit_line"),
        "caption_start": many("caption_start"),
        "caption_credit": many("caption_credit"),
        "caption_end": re.compile(raw["caption_end"], re.IGNORECASE),
        "byline": re.compile(raw["byline"]),
        "dateline": re.compile(raw["dateline"], re.IGNORECASE),
        "subheading_max_chars": int(raw["subheading_max_chars"]),
        "list_item": re.compile(f"{raw['list_item']}|{labelled_line_pattern()}"),
    }


def labelled_line_pattern() -> str:
    """A list's line that is a label, a dash and a figure (`labelled_line` in page_parts.yaml): the
    parts read it as body text, the extractor as a line of the list its heading dates."""
    return _raw()["labelled_line"]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without surrounding whitespace."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[^\w' ]", " ", text.lower()).split())


def first_line(text: str) -> str:
    """The first non-blank line, white space folded, at most 200 characters."""
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def is_title_line(line: str, title: str) -> bool:
    """Whether a line of the text is the title, whatever its case, quotes or punctuation."""
    return _normal(line) == _normal(title)


def _any(patterns, line: str) -> bool:
    return any(p.search(line) for p in patterns)


def _one_sentence(line: str) -> bool:
    return len(re.findall(r"[.!?](?:\s|$)", line.rstrip(".!?\"”' ") + " ")) <= 1


def split_parts(text: str, title: str | None = None, authors=()) -> list[Part]:
    rules = _rules()
    lines = _lines(text)
    kinds: list[str | None] = [None] * len(lines)

    # 1. The tail: reader comments or furniture that runs to the end.
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        tail = "reader_comment" if _any(rules["comments_start"], line) else (
            "furniture" if _any(rules["furniture_to_end"], line) else None)
        if tail and index > 0:
            for rest in range(index, len(lines)):
                kinds[rest] = tail
            break
    article = [i for i, kind in enumerate(kinds) if kind is None]

    # 2. The headline: the catalog title where it is a line of the text, else the first line
    #    that is not a wire credit; credit lines before it are furniture.
    headline = None
    for i in article[:6]:
        if title and is_title_line(text[slice(*lines[i])], title):
            headline = i
            break
    from etl.ingest.dateline import wire_dateline  # (dateline.py reads Parts: imported here, not at the top)
    lead_first = False
    if headline is None:
        headline = next((i for i in article if not _any(rules["credit_line"], text[slice(*lines[i])])), None)
        # A page copied from its lead on ("Beni (Reuters) - At least 23 people ..."): a line that
        # opens with a dateline is the lead, never a headline; the text then has none.
        lead_first = headline is not None and wire_dateline(text, *lines[headline]) is not None
    if headline is None:
        return [Part(kind or "furniture", *lines[i]) for i, kind in enumerate(kinds)]
    for i in article:
        if i < headline:
            kinds[i] = "furniture"
    if not lead_first:
        kinds[headline] = "headline"

    author_names = [_normal(a) for a in authors if a.strip()]
    parts: list[Part] = []
    expecting_standfirst = not lead_first
    for i in article:
        start, end = lines[i]
        line = text[start:end]
        following = text[slice(*lines[i + 1])] if i + 1 < len(lines) else ""
        if kinds[i] is not None:
            continue
        if _any(rules["furniture_line"], line):
            kinds[i] = "furniture"
            continue
        if rules["byline"].search(line) or (author_names and all(a in _normal(line) for a in author_names)
                                            and len(line) < 40 * len(author_names)):
            kinds[i] = "byline"
            continue
        dateline = rules["dateline"].match(line)
        if dateline:
            parts.append(Part("dateline", start, start + dateline.end()))
            rest = len(line) - len(line[dateline.end():].lstrip())
            start, line = start + rest, line[rest:]
            if not line:
                kinds[i] = "done"
                continue
        caption_end = rules["caption_end"].search(line)
        if _any(rules["caption_start"], line) or _any(rules["caption_credit"], line) or (following and _any(rules["furniture_line"], following)
                                                   and following.lower().startswith("credit")):
            kinds[i] = "caption"
        if caption_end:
            parts.append(Part("caption", start, start + caption_end.end()))
            rest = caption_end.end() + len(line[caption_end.end():]) - len(line[caption_end.end():].lstrip())
            if rest < len(line):
                parts.append(Part("body", start + rest, end))
            kinds[i] = "done"
            expecting_standfirst = False
            continue
        if kinds[i] == "caption":
            parts.append(Part("caption", start, end))
            kinds[i] = "done"
            continue
        if expecting_standfirst and len(line) <= STANDFIRST_MAX_CHARS and _one_sentence(line):
            kind = "standfirst"
        elif len(line) <= rules["subheading_max_chars"] and not re.search(r"[.!?:;,\"”’'…]$", line) \
                and not rules["list_item"].match(line):
            kind = "subheading"
        else:
            kind = "body"
        expecting_standfirst = False
        parts.append(Part(kind, start, end))
        kinds[i] = "done"
    for i, kind in enumerate(kinds):
        if kind not in (None, "done"):
            parts.append(Part(kind, *lines[i]))
    return sorted(parts, key=lambda p: p.start)
