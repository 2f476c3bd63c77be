"""Resolve one document's coded facts into warehouse rows: quotes to offsets, names to ids,
date expressions to ranges, figures to bounds. Any error names the fact file and line."""
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.core.errors import BuildError
from etl.core import rows
from etl.ingest.documents import Document
from etl.extract.coded import GROUP_DECISIONS
from etl.ingest.aliases import AliasIndex
from etl.resolve.comparison import GroupDecision
from etl.core.dates import DateError, DateRange, resolve
from etl.resolve.evidence import quote_pattern, locate, locate_within, sentence_of
from etl.core.quantities import QuantityError, parse_figure

# What an event id may be: a lower-case slug, the same in every document that reports the event.
EVENT_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

OUTLET = "outlet"  # the claimant keyword for a figure the article states in its own voice
# A coder's explicit date or range (2013-05, 2013-05-01..2013-05-18) where the text gives none.
_ISO = re.compile(r"\d{4}(?:-\d{2}){0,2}(?:\.\.\d{4}(?:-\d{2}){0,2})?")
# An undated document may still carry explicit dates (checked above): they need no reference day.
_NO_PUBLICATION_DATE = DateRange(date.min, date.min, "day")


def resolve_when(doc: Document, expression, anchor_day: date | None = None) -> DateRange:
    """The days a fact's `when` stands for: an explicit date or range as the coder wrote it, or words of
    the text resolved against the document's publication date. The one date rule of coded and reviewed
    facts (the review page previews a date with it); a DateError says why a `when` does not resolve."""
    expression = str(expression)
    explicit = _ISO.fullmatch(expression)
    if not explicit and expression not in doc.text:
        raise DateError(f"date expression {expression!r} does not occur in {doc.file}")
    if not explicit and doc.published_on is None:
        raise DateError(f"{doc.file} has no publication date to resolve {expression!r} against")
    published = DateRange(doc.published_on, doc.published_until, doc.published_precision) \
        if doc.published_on else _NO_PUBLICATION_DATE
    return resolve(expression, published, anchor_day)


@dataclass
class DocumentFacts:
    claims: list[dict] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # per-document event entries, merged later
    reports: list[dict] = field(default_factory=list)
    # A hand-coded file is complete: the machine's facts of the document are not kept. A file
    # written by the review page says `machine_facts: keep`: the facts nobody decided on stay.
    keep_machine: bool = False
    decided_machine_ids: set[str] = field(default_factory=set)  # rejected, accepted or corrected
    group_decisions: list = field(default_factory=list)  # moves and splits of comparison groups


class _Resolver:
    def __init__(self, doc: Document, path: Path, index: AliasIndex, outlet_source_id: str | None):
        self.doc, self.path, self.index, self.outlet_source_id = doc, path, index, outlet_source_id

    def fail(self, line, message):
        raise BuildError(self.path, line, message)

    def one(self, kind: str, name, line: int) -> str:
        if not isinstance(name, str):
            self.fail(line, f"{kind} must be a name, got {name!r}")
        found = self.index.lookup(kind, name)
        if not found:
            self.fail(line, f"unknown {kind} {name!r} (add it to the reference data)")
        if len(found) > 1 and not (kind == "place" and self.index.reference.places[found[0]].layer == "world"):
            self.fail(line, f"{kind} {name!r} is ambiguous: {', '.join(found)}; use the id")
        # Of the world gazetteer's places of one name, the war's country's, else the most populous
        # (the index lists them likeliest first), as for names the extractor finds: "Moscow" is Russia's.
        return found[0]

    def claimant(self, record) -> str:
        name = record["claimant"]
        if name == OUTLET:
            if not self.outlet_source_id:
                self.fail(record.line_of("claimant"), f"claimant 'outlet' but {self.doc.file} has no outlet in the catalog")
            return self.outlet_source_id
        return self.one("source", name, record.line_of("claimant"))

    def when(self, record) -> DateRange | None:
        expression = record.get("when")
        if expression is None:
            return None
        line = record.line_of("when")
        anchor = record.get("anchor")
        try:
            anchor_day = date.fromisoformat(str(anchor)) if anchor else None
        except ValueError:
            self.fail(record.line_of("anchor"), f"anchor {anchor!r} is not a real YYYY-MM-DD date")
        try:
            return resolve_when(self.doc, expression, anchor_day)
        except DateError as exc:
            self.fail(line, str(exc))

    def evidence(self, record) -> dict:
        line = record.line_of("quote")
        start, end = locate(self.doc, record["quote"], self.path, line, record.get("occurrence"))
        row = {**rows.evidence(self.doc.text, start, end, *sentence_of(self.doc, start, end)),
               "claimant_text": None, "claimant_start": None, "claimant_end": None}
        claimant_quote = record.get("claimant_quote")
        if claimant_quote:
            spots = [(m.start(), m.end()) for m in quote_pattern(claimant_quote).finditer(self.doc.text)]
            spots = [s for s in spots if any(p.is_article and p.start <= s[0] < p.end for p in self.doc.parts)]
            if not spots:
                self.fail(record.line_of("claimant_quote"), f"claimant_quote not found in the article: {claimant_quote!r}")
            near_start, near_end = min(spots, key=lambda s: abs(s[0] - start))
            row.update(claimant_text=self.doc.text[near_start:near_end], claimant_start=near_start, claimant_end=near_end)
        return row

    def figure(self, record, span) -> dict:
        line = record.line_of("figure")
        text = str(record["figure"])
        try:
            quantity = parse_figure(text)
        except QuantityError as exc:
            self.fail(line, str(exc))
        locate_within(self.doc, text, span["char_start"], span["char_end"], self.path, line, "figure")
        return rows.figure(quantity, text)

    def common(self, record, method: str) -> dict:
        dates = self.when(record)
        return {
            "doc_id": self.doc.doc_id,
            "claimant_id": self.claimant(record),
            "event_id": record.get("event"),
            "place_id": self.one("place", record["place"], record.line_of("place")) if record.get("place") else None,
            **rows.when(dates, record.get("when")),
            "method": method,
            "coded_at": f"{self.path.name}:{record.line}",
            "note": record.get("note"),
        }


def resolve_document_facts(doc: Document, data, path: Path, index: AliasIndex,
                           outlet_source_id: str | None) -> DocumentFacts:
    resolver = _Resolver(doc, path, index, outlet_source_id)
    facts = DocumentFacts(keep_machine=data.get("machine_facts") == "keep")
    review = [e for e in data.get("review") or [] if e["decision"] not in GROUP_DECISIONS]
    facts.group_decisions = [
        GroupDecision(e["decision"], [e["claim"]] if e["decision"] == "move" else list(e["claims"]), e["group"],
                      e.get("new_group"), f"{path.name}:{e.line}", e.get("reviewer"))
        for e in data.get("review") or [] if e["decision"] in GROUP_DECISIONS]
    facts.decided_machine_ids = {entry["machine_id"] for entry in review if entry.get("machine_id")}
    reviewed = {kind: [(e["record"], "reviewed") for e in review if e["fact"] == kind and e["decision"] != "reject"]
                for kind in ("claim", "event")}
    for record, method in [(r, "coded") for r in data.get("claims") or []] + reviewed["claim"]:
        span = resolver.evidence(record)
        facts.claims.append(rows.claim(
            **resolver.common(record, method), **span, **resolver.figure(record, span),
            kind=record["kind"], victim_group=record["victim_group"], victim_class=record["victim_class"],
            comparison_group=record.get("comparison_group")))
    for record in data.get("counts") or []:
        span = resolver.evidence(record)
        facts.counts.append(rows.counted_thing(**resolver.common(record, "coded"), **span,
                                               **resolver.figure(record, span), what=record["what"]))
    for record, method in [(r, "coded") for r in data.get("events") or []] + reviewed["event"]:
        event_id = record["event"]
        if not isinstance(event_id, str) or not EVENT_SLUG.fullmatch(event_id):
            resolver.fail(record.line_of("event"), f"event id must be a lower-case slug: {event_id!r}")
        dates = resolver.when(record)
        actors = [(resolver.one("actor", a["actor"], a.line_of("actor")), a["role"]) for a in record.get("actors") or []]
        facts.events.append({
            "event_id": event_id, "line": record.line, "file": path.name,
            "event_type": record.get("type"), "sub_event_type": record.get("sub_type"),
            "summary": record.get("summary"),
            "place_id": resolver.one("place", record["place"], record.line_of("place")) if record.get("place") else None,
            "where_prec": record.get("where_prec"),
            "dates": dates, "actors": actors, "method": method,
        })
        for report in record["reports"]:
            span = resolver.evidence(report)
            report_dates = resolver.when(report) or dates
            facts.reports.append(rows.event_report(
                event_id=event_id, doc_id=doc.doc_id, claimant_id=resolver.claimant(report), stance=report["stance"],
                **span, **rows.when(report_dates, report.get("when", record.get("when"))),
                method=method, coded_at=f"{path.name}:{report.line}", note=report.get("note")))
    return facts
