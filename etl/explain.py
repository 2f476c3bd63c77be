"""`python -m etl explain FILE`: every number of a document, with what the extractor made of it.

The extractor's coding log (as PETRARCH's): each figure of the article's body is a candidate with
a decision (claim, counted thing, people counted with no toll, not a count of people)
and the rule that took it; a claim shows its kind, bounds, victims, claimant, date and
place. Numbers in the parts the extractor does not read (headline, captions, byline, page
furniture, reader comments) are listed with that part, and numbers the figure pattern does not
read (inside a word, a date, a code) with the reason, so a miss can be traced to its rule.
"""
import re
import sys
from pathlib import Path

from etl.ingest.outlets import extraction_context
from etl.core.errors import BuildError
from etl.extract.machine import extract_document
from etl.extract.machine.claims import not_a_count
from etl.ingest.documents import read_corpus
from etl.ingest.reference import read_reference

# A number as a reader sees one: digits (with separators), or a number word.
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def explain(path: Path, reference_dir: Path, out=sys.stdout) -> int:
    path = Path(path)
    if not path.is_file():
        print(f"error: {path}: no such document", file=sys.stderr)
        return 2
    documents, warnings = read_corpus(path.parent)
    doc = next((d for d in documents if d.file == path.name), None)
    if doc is None:
        reasons = "; ".join(str(w) for w in warnings if path.name in str(w)) or "not a document of its folder"
        print(f"error: {path}: not read ({reasons})", file=sys.stderr)
        return 1
    reference = read_reference(reference_dir)
    index, sources, outlet_of = extraction_context(reference, documents, [])
    trace: list = []
    extract_document(doc, index, sources, outlet_of[doc.doc_id], trace)
    print(f"{doc.file}: published {doc.published_on or 'unknown'}"
          f"{' (' + doc.published_precision + ')' if doc.published_on else ''}, outlet {doc.outlet or 'unknown'}", file=out)
    text = doc.text
    explained, lines = [], []
    for candidate, row in trace:
        figure = candidate.figure
        explained.append((figure.start, figure.end))
        line = f"  {_where(text, figure.start)} {figure.text!r}: {candidate.decision} ({candidate.reason})"
        if row:
            bounds = f"{row['low'] if row['low'] is not None else '?'}..{row['high'] if row['high'] is not None else '?'}"
            when = f"{row['date_start']}..{row['date_end']}" if row["date_start"] else "no date"
            line += (f"\n      {row['kind']} [{bounds}] of {row['victim_group']!r} ({row['victim_class']}); "
                     f"claimant {row['claimant_id']}{' from ' + repr(row['claimant_text']) if row['claimant_text'] else ' (own voice)'}; "
                     f"{when}; place {row['place_id'] or 'none'}")
        lines.append((figure.start, line))
    for match in _NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in explained):
            continue
        part = next((p for p in doc.parts if p.start <= match.start() < p.end), None)
        if part is None or part.kind not in ("body", "standfirst"):
            why = f"in the {part.kind if part else 'space between parts'}, which the extractor does not read"
        else:
            why = not_a_count(text, match.start(), match.end(), match.group(), part.start) or \
                "not read as a figure (inside a word, a code or a date)"
        lines.append((match.start(), f"  {_where(text, match.start())} {match.group()!r}: {why}"))
    for _, line in sorted(lines, key=lambda item: item[0]):
        print(line, file=out)
    return 0


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line:>3}, char {offset:>5}:"


def main(path: Path, reference_dir: Path) -> int:
    try:
        return explain(path, reference_dir)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
