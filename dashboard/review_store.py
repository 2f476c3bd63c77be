"""Review decisions, saved where the build reads them: the corpus's coded-fact files (README "Review").

A decision is appended as text to facts/<document stem>.yaml, under the file's trailing `review:`
list, so the file's comments and hand-coded facts stay byte for byte and a diff in version control
shows the decision alone. Nothing is written unless the record's quote, figure and date resolve in
the document as the build will resolve them and the whole new file still reads as the build reads
it (etl.extract.coded.read_fact_file); the file is then replaced in one rename.

No Streamlit here: the Review page (dashboard/review.py) and the tests call these functions.
"""
import math
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from etl.core.errors import BuildError
from etl.extract.coded import (CASUALTY_FIELDS, DECISIONS, EVENT_FIELDS, GROUP_DECISIONS, REPORT_FIELDS,
                               REVIEWED_FACTS, read_fact_file)
from etl.core.files import folder_lock, remove_abandoned, replace_durably, temporary_for
from etl.ingest.documents import Document, read_corpus
from etl.ingest.reference import acled_types, vocabulary
from etl.core.dates import DateError, DateRange, resolve
from etl.resolve.evidence import locate, locate_within, occurrences
from etl.resolve.facts import EVENT_SLUG, OUTLET
from etl.core.quantities import Quantity, QuantityError, parse_figure
from etl.settings import CATALOG_NAME, FACTS_SUBDIR, ROOT
from etl.core.yamlio import load_yaml

# The build's rule for a date the coder gives instead of an expression from the text.
_EXPLICIT_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}(?:\.\.\d{4}(?:-\d{2}){0,2})?")
_REVIEW_KEY = re.compile(r"review:[ \t]*(?:#.*)?")
# Order of the fields as a person would write them, so that written entries read like the seeds.
_ENTRY_ORDER = ("decision", "fact", "machine_id", "claim", "claims", "group", "new_group", "reviewer", "reviewed_on",
                "reason", "record")
_RECORD_ORDER = ("event", "type", "sub_type", "summary", "quote", "occurrence", "figure", "kind", "victim_group",
                 "victim_class", "claimant", "claimant_quote", "when", "place", "comparison_group", "actors",
                 "reports", "note")
_REPORT_ORDER = ("stance", "source", "quote", "occurrence", "claimant_quote", "when", "note")


class ReviewError(ValueError):
    """A decision that cannot be saved; the message says why, in words a reviewer can act on."""


@dataclass(frozen=True)
class Decision:
    decision: str  # accept | correct | add | reject
    fact: str  # casualty | event
    reviewer: str
    machine_id: str | None = None  # the machine fact decided on (not for add)
    record: dict | None = None  # the fact in the coded-fact format (not for reject)
    reason: str | None = None


@dataclass(frozen=True)
class Outcome:
    path: Path
    error: str | None = None
    line: int | None = None  # where the entry starts in the file
    text: str = ""  # the entry as written
    created: bool = False


def fact_file(corpus: Path, document_file: str) -> Path:
    return Path(corpus) / FACTS_SUBDIR / f"{Path(document_file).stem}.yaml"


def shown_path(path: Path) -> str:
    """A fact file as a person finds it in the repository (seeds/facts/...), else in full."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def choices() -> dict[str, list]:
    """The closed vocabularies a record's fields take their values from."""
    vocab = vocabulary()
    return {"kinds": vocab["casualty_kinds"], "victim_classes": vocab["victim_classes"], "stances": vocab["stances"],
            "roles": vocab["event_roles"], "event_types": sorted(acled_types())}


def not_writable(corpus: Path) -> str | None:
    """Why decisions cannot be saved into this corpus, or None when they can."""
    folder = Path(corpus) / FACTS_SUBDIR
    target = folder if folder.is_dir() else Path(corpus)
    if not target.is_dir():
        return f"the corpus folder {corpus} does not exist"
    if not os.access(target, os.W_OK):
        return f"the folder {target} is read-only here"
    return None


@lru_cache(maxsize=1)
def default_reviewer() -> str:
    """`git config user.name` of the checkout, so that the file and the commit name the same person."""
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=ROOT, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def read_document(corpus: Path, document_file: str) -> Document:
    """The document as the next build will read it (text, parts, catalog date) from the corpus."""
    corpus = Path(corpus)
    stamps = tuple(_stamp(corpus / name) for name in (document_file, CATALOG_NAME))
    return _read_document(corpus, document_file, stamps)


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=8)
def _read_document(corpus: Path, document_file: str, _stamps) -> Document:
    try:
        documents, _ = read_corpus(corpus)
    except BuildError as exc:
        raise ReviewError(str(exc)) from exc
    found = next((d for d in documents if d.file == document_file), None)
    if found is None:
        raise ReviewError(f"{document_file} is not in {corpus} (or the build skips it: see the warnings table)")
    return found


@dataclass(frozen=True)
class FactFile:
    path: Path
    hand_coded: bool  # a complete hand-coded file: the build keeps none of the machine's facts of the document
    decisions: dict  # decisions already saved, by the machine id they decide on
    group_decisions: tuple = ()  # moves and splits of comparison groups saved in the file


def fact_file_state(corpus: Path, document_file: str) -> FactFile:
    path = fact_file(corpus, document_file)
    if not path.exists():
        return FactFile(path, False, {})
    try:
        data = read_fact_file(path)
    except BuildError as exc:
        raise ReviewError(str(exc)) from exc
    decided = {entry["machine_id"]: {"decision": entry["decision"], "reviewer": entry.get("reviewer"),
                                     "reviewed_on": entry.get("reviewed_on"), "line": entry.line}
               for entry in data.get("review") or [] if entry.get("machine_id")}
    groups = tuple({"decision": e["decision"], "claims": [e["claim"]] if e["decision"] == "move" else list(e["claims"]),
                    "group": e["group"], "new_group": e.get("new_group"), "reviewer": e.get("reviewer"),
                    "reviewed_on": e.get("reviewed_on"), "line": e.line}
                   for e in data.get("review") or [] if e["decision"] in GROUP_DECISIONS)
    return FactFile(path, data.get("machine_facts") != "keep", decided, groups)


# --- What the build will make of a record ------------------------------------------------------

def figure_bounds(figure: str) -> Quantity:
    """The figure's bounds by the warehouse's contract (etl/core/quantities.py)."""
    if not str(figure or "").strip():
        raise ReviewError("give the figure as written in the text, e.g. “at least 35”")
    try:
        return parse_figure(str(figure))
    except QuantityError as exc:
        raise ReviewError(f"figure {figure!r}: {exc}") from exc


def _reference_day(doc: Document) -> DateRange:
    if doc.published_on is None:
        # Only explicit dates get this far without a publication date, and they need no reference day.
        return DateRange(date.min, date.min, "day")
    return DateRange(doc.published_on, doc.published_until, doc.published_precision)


def resolve_when(doc: Document, expression: str) -> DateRange:
    """The dates an expression stands for, by the build's rules: as written in the text (resolved
    against the publication date) or an explicit YYYY-MM-DD, YYYY-MM or a..b range."""
    expression = str(expression).strip()
    explicit = _EXPLICIT_DATE.fullmatch(expression)
    if not explicit and expression not in doc.text:
        raise ReviewError(f"the date {expression!r} is not in the text: copy the expression exactly "
                          f"(e.g. “on Tuesday”) or give a date as YYYY-MM-DD")
    if not explicit and doc.published_on is None:
        raise ReviewError(f"{doc.file} has no publication date in the catalog to resolve {expression!r} "
                          f"against: give the date as YYYY-MM-DD")
    try:
        return resolve(expression, _reference_day(doc))
    except DateError as exc:
        raise ReviewError(f"date {expression!r}: {exc}") from exc


def occurrence_near(doc: Document, quote: str, offset: int) -> int | None:
    """Which occurrence of `quote` in the article is nearest `offset` (None when it occurs once)."""
    _, spans = occurrences(doc, quote)
    if len(spans) < 2:
        return None
    return min(range(len(spans)), key=lambda i: abs(spans[i][0] - offset)) + 1


def _place_quote(doc: Document, record: dict, what: str) -> tuple[int, int]:
    """Normalise the record's quote and occurrence; returns the span the build will find."""
    quote = " ".join(str(record.get("quote") or "").split())
    if not quote:
        raise ReviewError(f"{what}: the quote is empty; copy the words of the article that state it")
    record["quote"] = quote
    _, spans = occurrences(doc, quote)
    if not spans:
        try:
            locate(doc, quote, doc.file, None)  # says why: not in the text, or not in the article
        except BuildError as exc:
            raise ReviewError(f"{what}: {exc.message}") from exc
    occurrence = record.pop("occurrence", None)
    if len(spans) == 1:
        return spans[0]
    if occurrence is None:
        raise ReviewError(f"{what}: the quote occurs {len(spans)} times in the article; lengthen it or say "
                          f"which occurrence (1 to {len(spans)}) is meant")
    if not 1 <= int(occurrence) <= len(spans):
        raise ReviewError(f"{what}: occurrence {occurrence} but the quote occurs {len(spans)} times")
    record["occurrence"] = int(occurrence)
    return spans[int(occurrence) - 1]


def _in_article(doc: Document, words: str, what: str) -> None:
    if not occurrences(doc, words)[1]:
        raise ReviewError(f"{what} {words!r} is not in the article")


def _one_of(value, allowed, what: str) -> None:
    if value not in allowed:
        raise ReviewError(f"{what} {value!r} is not one of: {', '.join(map(str, allowed))}")


def _required(record: dict, fields, what: str) -> None:
    for field in fields:
        if not str(record.get(field) or "").strip():
            raise ReviewError(f"{what}: give the {field.replace('_', ' ')}")


def _checked_casualty(doc: Document, record: dict) -> dict:
    record = _tidy(record)
    _required(record, ("quote", "figure", "kind", "victim_group", "victim_class", "claimant"), "casualty")
    _one_of(record["kind"], vocabulary()["casualty_kinds"], "kind")
    _one_of(record["victim_class"], vocabulary()["victim_classes"], "victim class")
    start, end = _place_quote(doc, record, "casualty")
    record["figure"] = " ".join(str(record["figure"]).split())
    figure_bounds(record["figure"])
    try:
        locate_within(doc, record["figure"], start, end, doc.file, None, "the figure")
    except BuildError as exc:
        raise ReviewError(f"{exc.message}: widen the quote to take the figure in, or write the figure "
                          f"as the quote has it") from exc
    if "claimant_quote" in record:
        _in_article(doc, record["claimant_quote"], "the claimant's words")
    if "when" in record:
        resolve_when(doc, record["when"])
    return _ordered(record, _RECORD_ORDER, CASUALTY_FIELDS, "casualty")


def _checked_event(doc: Document, record: dict) -> dict:
    record = _tidy(record)
    if not EVENT_SLUG.fullmatch(str(record.get("event") or "")):
        raise ReviewError(f"event id {record.get('event')!r} must be a lower-case slug (letters, digits, hyphens)")
    if "type" in record or "sub_type" in record:
        _one_of((record.get("type"), record.get("sub_type")), list(acled_types()), "ACLED event type / sub-event type")
    if "when" in record:
        resolve_when(doc, record["when"])
    for actor in record.get("actors") or []:
        _required(actor, ("actor", "role"), "actor")
        _one_of(actor["role"], vocabulary()["event_roles"], "role")
    reports = [_tidy(report) for report in record.get("reports") or []]
    if not reports:
        raise ReviewError("an event needs at least one report: who says it happened, in which words")
    for number, report in enumerate(reports, start=1):
        what = f"report {number}"
        _required(report, ("stance", "source", "quote"), what)
        _one_of(report["stance"], vocabulary()["stances"], "stance")
        _place_quote(doc, report, what)
        if "claimant_quote" in report:
            _in_article(doc, report["claimant_quote"], "the source's words")
        if "when" in report:
            resolve_when(doc, report["when"])
    record["reports"] = [_ordered(r, _REPORT_ORDER, REPORT_FIELDS, "report") for r in reports]
    return _ordered(record, _RECORD_ORDER, EVENT_FIELDS, "event")


def _missing(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value != value  # NaN and NaT (a table's empty cells) are not equal to themselves


def _tidy(record: dict) -> dict:
    """Empty fields left out, text stripped, dates as text: what a form gives, as the file wants it."""
    tidy = {}
    for key, value in record.items():
        if _missing(value):
            continue
        tidy[key] = value.strip() if isinstance(value, str) else value.isoformat() if isinstance(value, date) else value
    return tidy


def _ordered(record: dict, order, allowed, what: str) -> dict:
    unknown = sorted(set(record) - set(allowed))
    if unknown:
        raise ReviewError(f"{what}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    return {key: record[key] for key in sorted(record, key=lambda k: order.index(k) if k in order else len(order))}


# --- Records from what the machine found ------------------------------------------------------

def written_date(doc: Document, expression, start, end) -> str | None:
    """How to write a machine fact's date so the build gives the same days: its words from the text
    where they resolve to them on their own, else the days themselves."""
    if _missing(start):
        return None
    start, end = _day(start), _day(end if not _missing(end) else start)
    if not _missing(expression):
        try:
            found = resolve_when(doc, expression)
            if (found.start, found.end) == (start, end):
                return str(expression)
        except ReviewError:
            pass  # e.g. "the following day", which needs the day before it
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def _day(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _claimant(source_id: str, outlet_source_id: str | None) -> str:
    return OUTLET if outlet_source_id and source_id == outlet_source_id else source_id


def claim_record(doc: Document, claim: dict, outlet_source_id: str | None) -> dict:
    """A machine casualty claim (a row of the claims view) in the coded-fact format: what accepting it
    writes, and what a correction starts from."""
    record = {
        "quote": claim["evidence"],
        "occurrence": occurrence_near(doc, claim["evidence"], claim["char_start"]),
        "figure": claim["figure_text"], "kind": claim["kind"], "victim_group": claim["victim_group"],
        "victim_class": claim["victim_class"], "claimant": _claimant(claim["source_id"], outlet_source_id),
        "claimant_quote": claim.get("claimant_text"),
        "when": written_date(doc, claim.get("date_text"), claim.get("date_start"), claim.get("date_end")),
        # The rule's group is not written: it follows the corpus at each build, and a name frozen into the
        # file would keep the claim there; moves and splits are the decisions on groups.
        "place": claim.get("place_id"),
    }
    return _tidy(record)


def event_record(doc: Document, event: dict, reports: list[dict], actors: list[dict],
                 outlet_source_id: str | None) -> dict:
    """A machine event as this document reports it, in the coded-fact format; its id stays the slug."""
    first = reports[0]
    record = {
        "event": event["event_id"], "type": event["event_type"], "sub_type": event["sub_event_type"],
        "summary": event.get("summary"),
        "when": written_date(doc, first.get("date_text"), event.get("date_start"), event.get("date_end")),
        "place": event.get("place_id"),
        "actors": [{"actor": a["actor_id"], "role": a["role"]} for a in actors] or None,
        "reports": [_tidy({
            "stance": r["stance"], "source": _claimant(r["source_id"], outlet_source_id), "quote": r["evidence"],
            "occurrence": occurrence_near(doc, r["evidence"], r["char_start"]), "claimant_quote": r.get("claimant_text"),
        }) for r in reports],
    }
    return _tidy(record)


def suggested_event_id(sub_type: str, place_id: str | None, days: DateRange | None) -> str:
    """An id in the seeds' style, place-what-date (e.g. qusayr-ground-assault-2013-05-19), for a new event."""
    start = days.start.isoformat()[:{"year": 4, "month": 7}.get(days.precision, 10)] if days else "undated"
    words = re.sub(r"[^a-z0-9]+", "-", f"{place_id or ''} {sub_type} {start}".lower())
    return words.strip("-")


def check_new_event_id(event_id: str, known_ids) -> None:
    """A new event needs an id no event in the warehouse has: the build would merge the two."""
    if not EVENT_SLUG.fullmatch(event_id or ""):
        raise ReviewError(f"event id {event_id!r} must be a lower-case slug (letters, digits, hyphens)")
    if event_id in known_ids:
        raise ReviewError(f"the event id {event_id!r} is taken by an event in the warehouse: to add this "
                          f"document's report of that event, choose it under “an event already in the "
                          f"warehouse”; for a new event, change the id")


# --- Writing -----------------------------------------------------------------------------------

def save(corpus: Path, doc: Document, decision: Decision, today: date | None = None) -> Outcome:
    """Append one decision to the document's fact file; on any problem write nothing and say why."""
    path = fact_file(corpus, doc.file)
    try:
        entry = _entry(doc, decision, today or date.today())
        return _append(path, doc, decision, entry)
    except ReviewError as exc:
        return Outcome(path, error=str(exc))


def save_group(corpus: Path, doc: Document, decision: str, reviewer: str, claims: list[str], group: str,
               new_group: str | None, group_of: dict[str, str], reason: str | None = None,
               today: date | None = None) -> Outcome:
    """Move a claim to another comparison group, or split claims off a group into a new one
    (docs/comparison.md). `group_of` is every claim's present group in the warehouse, by casualty_id;
    a move to a name no group has makes that group. On any problem nothing is written."""
    path = fact_file(corpus, doc.file)
    try:
        entry = _group_entry(decision, reviewer, claims, group, new_group, group_of, reason, today or date.today())
        return _append(path, doc, Decision(decision, "casualty", entry["reviewer"]), entry)
    except ReviewError as exc:
        return Outcome(path, error=str(exc))


def _group_entry(decision, reviewer, claims, group, new_group, group_of, reason, today) -> dict:
    _one_of(decision, GROUP_DECISIONS, "decision")
    reviewer = " ".join(str(reviewer or "").split())
    if not reviewer:
        raise ReviewError("give your name: every decision records who made it")
    group = " ".join(str(group or "").split())
    if not group:
        raise ReviewError("name the comparison group")
    unknown = [c for c in claims if c not in group_of]
    if not claims or unknown:
        raise ReviewError(f"choose claims of the warehouse{': no claim ' + ', '.join(unknown) if unknown else ''}")
    entry = {"decision": decision, "fact": "casualty", "reviewer": reviewer, "reviewed_on": today.isoformat(),
             "reason": reason or None, "group": group}
    if decision == "move":
        if len(claims) != 1:
            raise ReviewError("a move takes one claim; to take several claims out of a group, split it")
        if group_of[claims[0]] == group:
            raise ReviewError(f"the claim is already in “{group}”")
        entry["claim"] = claims[0]
    else:
        new_group = " ".join(str(new_group or "").split())
        if group not in set(group_of.values()):
            raise ReviewError(f"no comparison group “{group}” in the warehouse")
        outside = [c for c in claims if group_of[c] != group]
        if outside:
            raise ReviewError(f"{', '.join(outside)} not in “{group}”: a split takes claims out of their own group")
        if not new_group or new_group == group:
            raise ReviewError("name the new group the claims form, other than the group they leave")
        if new_group in set(group_of.values()):
            raise ReviewError(f"“{new_group}” is a group already: to put the claims there, move each of them")
        if len(claims) == sum(1 for g in group_of.values() if g == group):
            raise ReviewError("a split leaves some claims behind: choose fewer claims")
        entry.update(claims=list(claims), new_group=new_group)
    return {key: entry[key] for key in _ENTRY_ORDER if key in entry and not _missing(entry[key])}


def _entry(doc: Document, decision: Decision, today: date) -> dict:
    _one_of(decision.decision, DECISIONS, "decision")
    _one_of(decision.fact, tuple(REVIEWED_FACTS), "fact")
    reviewer = " ".join(str(decision.reviewer or "").split())
    if not reviewer:
        raise ReviewError("give your name: every decision records who made it")
    if decision.decision == "add" and decision.machine_id:
        raise ReviewError("an added fact decides on no machine fact: leave the machine id out")
    if decision.decision != "add" and not decision.machine_id:
        raise ReviewError(f"to {decision.decision} a machine fact, name it (its machine id)")
    if decision.decision == "reject" and decision.record:
        raise ReviewError("a rejection writes no record")
    if decision.decision != "reject" and not decision.record:
        raise ReviewError(f"to {decision.decision}, give the fact as it should stand")
    entry = {"decision": decision.decision, "fact": decision.fact, "machine_id": decision.machine_id,
             "reviewer": reviewer, "reviewed_on": today.isoformat(), "reason": decision.reason}
    if decision.record:
        check = _checked_casualty if decision.fact == "casualty" else _checked_event
        entry["record"] = check(doc, dict(decision.record))
    return {key: entry[key] for key in _ENTRY_ORDER if key in entry and not _missing(entry[key])}


def _dump(value) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=math.inf)


def _append(path: Path, doc: Document, decision: Decision, entry: dict) -> Outcome:
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(path.parent):  # another session may be saving into the same file
        return _append_unlocked(path, doc, decision, entry)


def _append_unlocked(path: Path, doc: Document, decision: Decision, entry: dict) -> Outcome:
    created = not path.exists()
    existing = "" if created else _read_text(path)
    if created:
        head = (f"# Review decisions on the machine facts of {doc.file}, saved by the dashboard's Review page.\n"
                + _dump({"document": doc.file, "coder": "review", "machine_facts": "keep"}) + "review:\n")
        indent, known = "  ", []
    else:
        head, indent, known = _review_tail(path, existing, doc.file)
    if decision.machine_id and decision.machine_id in {e.get("machine_id") for e in known}:
        earlier = next(e for e in known if e.get("machine_id") == decision.machine_id)
        raise ReviewError(f"{decision.machine_id} was already decided ({earlier['decision']}) at {path}:{earlier.line}; "
                          f"edit that entry in the file to change the decision")
    if decision.decision == "add":
        # The same fact twice would be one fact coded twice, which fails the next build.
        same = next((e for e in known if e.get("decision") == "add" and e.get("fact") == decision.fact
                     and _plain(e.get("record")) == _plain(entry["record"])), None)
        if same is not None:
            raise ReviewError(f"this {decision.fact} was already added at {path}:{same.line}")
    newline = "\r\n" if "\r\n" in existing else "\n"
    block = "".join(indent + line for line in _dump([entry]).splitlines(keepends=True)).replace("\n", newline)
    text = existing + head.replace("\n", newline) + block
    line = text[:len(text) - len(block)].count("\n") + 1
    _replace_checked(path, text, len(known), entry)
    return Outcome(path, line=line, text=block, created=created)


def _read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:  # keep \r\n as it is
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read {path}: {exc}") from exc


def _review_tail(path: Path, existing: str, document_file: str) -> tuple[str, str, list]:
    """What goes before a new entry in an existing file, the indent of its entries, and the entries."""
    try:
        data = load_yaml(path)
    except BuildError as exc:
        raise ReviewError(f"{exc}; fix the file before reviewing") from exc
    if not isinstance(data, dict) or data.get("document") != document_file:
        raise ReviewError(f"{path} is not the coded-fact file of {document_file} (its `document:` says "
                          f"{data.get('document') if isinstance(data, dict) else None!r})")
    if "review" not in data:
        return ("" if not existing or existing.endswith("\n") else "\n") + "review:\n", "  ", []
    last = max(data.key_lines, key=data.key_lines.get)
    lines = existing.splitlines()
    at = data.key_lines["review"]
    if last != "review":
        raise ReviewError(f"{path}:{at}: `review:` must be the last top-level key of the file, but "
                          f"`{last}:` follows it at line {data.key_lines[last]}; move the review list to the end")
    if not _REVIEW_KEY.fullmatch(lines[at - 1].rstrip("\r")):
        raise ReviewError(f"{path}:{at}: write `review:` on a line of its own, its entries below it as a list")
    entries = data["review"] or []
    if not isinstance(entries, list):
        raise ReviewError(f"{path}:{at}: `review:` must be a list of decisions")
    indent = next((m.group(1) for line in lines[at:] if (m := re.match(r"([ \t]*)- ", line))), "  ")
    return ("" if existing.endswith("\n") else "\n"), indent, entries


def _replace_checked(path: Path, text: str, entries_before: int, entry: dict) -> None:
    """Write `text` over `path` only if the build reads it and finds exactly the new entry at the end."""
    temporary = temporary_for(path)  # not *.yaml: the build never reads it
    remove_abandoned(path)
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            data = read_fact_file(temporary)
        except BuildError as exc:
            where = f"{path}:{exc.line}" if exc.line else str(path)
            raise ReviewError(f"{where}: {exc.message} (nothing was written)") from exc
        entries = data.get("review") or []
        if len(entries) != entries_before + 1 or _plain(entries[-1]) != _plain(entry):
            raise ReviewError(f"{path}: the decision would not read back as written (check the file's indentation); "
                              f"nothing was written")
        replace_durably(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value)


# --- The next build ----------------------------------------------------------------------------

def rebuild(corpus: Path, warehouse: Path, timeout: float) -> tuple[bool, str]:
    """Run the build as a person would (`python -m etl build`), with this interpreter; its output."""
    command = [sys.executable, "-m", "etl", "build", "--docs", str(corpus), "--db", str(warehouse)]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        output = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return False, f"{output}\nstopped after {timeout:.0f} s; the warehouse is unchanged"
    return done.returncode == 0, (done.stdout + done.stderr).strip()
