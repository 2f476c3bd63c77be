"""Merge a corpus's facts into one set of rows: the coded facts of each fact file, the review
decisions on the machine's facts, and the machine's facts nobody decided on. A claim is one row:
a hand-coded document keeps its coded facts only; a reviewed one keeps the machine facts nobody
rejected or replaced. Machine event reports are matched into events here, and each claim is
linked to the event reported in its sentence."""
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.core.errors import BuildError
from etl.core.spill import Spill
from etl.extract.coded import read_fact_file
from etl.extract.machine import MachineFacts
from etl.ingest.aliases import AliasIndex
from etl.ingest.documents import Document
from etl.ingest.reference import Reference
from etl.resolve.event_matching import match_reports
from etl.resolve.events import merge_events
from etl.resolve.facts import resolve_document_facts
from etl.settings import FACTS_SUBDIR


@dataclass
class MergedFacts:
    claims: list[dict] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_actors: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    coded_docs: set[str] = field(default_factory=set)  # documents with a fact file
    group_decisions: list = field(default_factory=list)  # moves and splits of comparison groups


# The columns of a machine claim and event report that the merge, event matching and comparison groups
# read or set (etl/resolve/event_matching.py, comparison.py): the slim row the build keeps of each. The
# whole row waits in the spill until the warehouse is written (`MachineRows.whole`).
_CLAIM_READ = ("claim_id", "doc_id", "claimant_id", "kind", "victim_group", "victim_class", "method", "place_id",
               "date_start", "date_end", "comparison_group", "claimant_start", "claimant_end", "char_start",
               "sentence_start", "sentence", "evidence", "event_id", "coded_at", "low", "high")
_REPORT_READ = ("report_id", "doc_id", "claimant_id", "stance", "event_id", "event_type", "sub_event_type",
                "place_id", "actors", "date_start", "date_end", "date_precision", "char_start", "sentence_start",
                "evidence", "confidence", "method", "coded_at")
# What the later stages set on a slim row, copied into the whole row when it is written.
_SET_LATER = {"claims": ("event_id", "comparison_group"), "event_reports": ("event_id", "report_id")}
# Columns whose values repeat across the corpus (ids, kinds, days): one object per value, not per row.
_UNIQUE = frozenset({"claim_id", "report_id", "sentence", "evidence", "char_start", "sentence_start",
                     "claimant_start", "claimant_end", "low", "high", "confidence", "actors"})


class SlimRow:
    """A slim row: its columns as slots (a third of a dict's memory), read and set as a dict's items, as
    the later stages read the rows of coded facts."""
    __slots__ = ("spilled",)  # the whole row's key in the spill

    def __getitem__(self, key: str):
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def __setitem__(self, key: str, value) -> None:
        setattr(self, key, value)

    def get(self, key: str, default=None):
        return getattr(self, key, default)


class _SlimClaim(SlimRow):
    __slots__ = _CLAIM_READ


class _SlimReport(SlimRow):
    __slots__ = _REPORT_READ + ("dropped",)  # the machine facts a reviewer decided on, of its document


class MachineRows:
    """The machine facts of a corpus as the merge takes them, a document at a time: each claim's and
    report's whole row put aside in a spill (etl/core/spill.py), a slim row of the columns the later stages
    read kept, with the document's mentions and the sources it found."""

    def __init__(self, spill: Spill):
        self.spill = spill
        self.claims: dict[str, list[SlimRow]] = {}
        self.reports: dict[str, list[SlimRow]] = {}
        self.mentions: dict[str, list[dict]] = {}
        self.sources: dict[str, list] = {}
        self._shared: dict = {}

    def add(self, doc_id: str, facts: MachineFacts) -> None:
        texts: dict[str, str] = {}  # one string for a sentence the document's facts share
        shared = self._shared

        def slim(table: str, row: dict, kind: type) -> SlimRow:
            kept = kind()
            for key in kind.__slots__:
                value = row.get(key)
                if value is not None:
                    if key in ("sentence", "evidence"):
                        value = texts.setdefault(value, value)
                    elif key not in _UNIQUE:
                        value = shared.setdefault(value, value)
                setattr(kept, key, value)
            kept.spilled = self.spill.put(table, row)
            return kept
        self.claims[doc_id] = [slim("claims", c, _SlimClaim) for c in facts.claims]
        self.reports[doc_id] = [slim("event_reports", r, _SlimReport) for r in facts.reports]
        self.mentions[doc_id] = facts.mentions
        self.sources[doc_id] = facts.sources

    def whole(self, table: str, rows: list) -> Iterator[dict]:
        """The rows to write, in the order given: a slim machine row as its whole row, with what the later
        stages set on it; any other row (a coded fact's) as it is."""
        spilled = self.spill.rows(table, [row.spilled for row in rows if isinstance(row, SlimRow)])
        for row in rows:
            if isinstance(row, SlimRow):
                whole = next(spilled)
                whole.update((k, row[k]) for k in _SET_LATER[table])
                yield whole
            else:
                yield row


def _coded_error(facts_dir: Path, coded_at: str, message: str) -> BuildError:
    """A BuildError at a fact's `coded_at` ("file.yaml:line")."""
    file, line = coded_at.rsplit(":", 1)
    return BuildError(facts_dir / file, int(line), message)


def merge_facts(documents: list[Document], machine: MachineRows, fact_files: list[Path], docs_dir: Path,
                index: AliasIndex, outlet_of: dict, reference: Reference) -> MergedFacts:
    """`machine`: each document's machine facts; `fact_files`: the fact files to read (none for a
    machine-only build)."""
    by_file = {doc.file: doc for doc in documents}
    facts_dir = docs_dir / FACTS_SUBDIR
    claims, counts, event_entries, reports, coded_docs, group_decisions = [], [], [], [], set(), []
    decisions: dict[str, object] = {}  # doc_id -> its fact file's facts (what the machine may add)
    for path in fact_files:
        data = read_fact_file(path)
        doc = by_file.get(data["document"])
        if doc is None:
            raise BuildError(path, data.line_of("document"),
                             f"document {data['document']!r} is not in {docs_dir} (or was skipped: see warnings)")
        if doc.doc_id in coded_docs:
            raise BuildError(path, data.line_of("document"), f"a second fact file for {doc.file}")
        coded_docs.add(doc.doc_id)
        facts = resolve_document_facts(doc, data, path, index, outlet_of[doc.doc_id])
        decisions[doc.doc_id] = facts
        group_decisions += facts.group_decisions
        claims += facts.claims
        counts += facts.counts
        event_entries += facts.events
        reports += facts.reports
    events, event_actors = merge_events(event_entries, reference, facts_dir)
    machine_claims, machine_reports = [], []
    for doc in documents:
        decided = decisions.get(doc.doc_id)
        # A claim is one row: a hand-coded document keeps its coded facts only; a reviewed one
        # keeps the machine facts nobody rejected or replaced.
        if decided is not None and not decided.keep_machine:
            continue
        dropped = decided.decided_machine_ids if decided is not None else set()
        # A fact a person added that is the machine's fact to the letter stands instead of it.
        confirmed = {c["claim_id"] for c in decided.claims} if decided is not None else set()
        machine_claims += [c for c in machine.claims.pop(doc.doc_id, ()) if c["claim_id"] not in dropped | confirmed]
        for report in machine.reports.pop(doc.doc_id, ()):
            report["dropped"] = dropped
            machine_reports.append(report)
    machine.claims.clear()  # a hand-coded document's machine facts are not kept
    machine.reports.clear()
    machine_reports, machine_events, machine_actors = match_reports(machine_reports, events, reference.places)
    coded_reports = {r["report_id"] for r in reports}
    machine_reports = [r for r in machine_reports
                       if r["event_id"] not in r["dropped"] and r["report_id"] not in coded_reports]
    live_events = {r["event_id"] for r in machine_reports}
    events += [e for e in machine_events if e["event_id"] in live_events]
    event_actors += [a for a in machine_actors if a["event_id"] in live_events]
    claims += machine_claims
    reports += machine_reports
    # The machine links a claim to the event reported in its sentence; a reviewed claim that names no
    # event keeps that link (an accepted claim is the machine's claim, confirmed). Coded claims say
    # their event themselves, or have none.
    report_in_sentence: dict[tuple, str] = {}
    for report in reports:
        report_in_sentence.setdefault((report["doc_id"], report["sentence_start"]), report["event_id"])
    for claim in claims:
        if claim["method"] != "coded" and not claim["event_id"]:
            claim["event_id"] = report_in_sentence.get((claim["doc_id"], claim["sentence_start"]))
    known_events = {e["event_id"] for e in events}
    for row in claims + counts:
        if row["event_id"] and row["event_id"] not in known_events:
            raise _coded_error(facts_dir, row["coded_at"], f"unknown event {row['event_id']!r}")
    for table, rows, key in (("claims", claims, "claim_id"), ("counted_things", counts, "count_id"),
                             ("event_reports", reports, "report_id")):
        seen: dict[str, str] = {}
        for row in rows:
            if row[key] in seen:
                raise _coded_error(facts_dir, row["coded_at"],
                                   f"the same {table} fact is coded twice (also at {seen[row[key]]})")
            seen[row[key]] = row["coded_at"]

    return MergedFacts(claims, counts, events, event_actors, reports, coded_docs, group_decisions)
