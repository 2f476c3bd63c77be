"""The coded-fact file (seeds/facts/<document stem>.yaml): its reader, which checks its shape, and its
writer, which appends a review decision to it.

The format is in docs/codebook.md. Values are checked against the closed
vocabularies here; names, quotes, dates and figures are resolved in etl.resolve.facts.
"""
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from etl.core.errors import BuildError
from etl.core.files import folder_lock, remove_abandoned, replace_durably, temporary_for
from etl.ingest.reference import acled_types, check_value, vocabulary
from etl.core.yamlio import Located, check_fields, load_yaml

CLAIM_FIELDS = {"quote", "occurrence", "figure", "kind", "victim_group", "victim_class", "claimant",
                   "claimant_quote", "when", "anchor", "place", "event", "comparison_group", "note"}
COUNT_FIELDS = {"quote", "occurrence", "figure", "what", "claimant", "claimant_quote", "when", "anchor",
                "place", "event", "note"}
EVENT_FIELDS = {"event", "type", "sub_type", "summary", "when", "anchor", "place", "where_prec", "actors",
                "reports", "note"}
REPORT_FIELDS = {"stance", "claimant", "quote", "occurrence", "claimant_quote", "when", "anchor", "note"}
ACTOR_FIELDS = {"actor", "role"}
FILE_FIELDS = {"document", "coder", "claims", "counts", "events", "note", "machine_facts", "review"}
# A review decision on a machine fact (written by the dashboard's review page, docs/codebook.md).
REVIEW_FIELDS = {"decision", "fact", "machine_id", "reviewer", "reviewed_on", "reason", "record",
                 "claim", "claims", "group", "new_group"}
DECISIONS = ("accept", "correct", "add", "reject", "move", "split")
# Decisions on comparison groups rather than on a fact: move a claim to a group, split claims off
# a group into a new one (docs/comparison.md).
GROUP_DECISIONS = ("move", "split")
REVIEWED_FACTS = {"claim": CLAIM_FIELDS, "event": EVENT_FIELDS}


def _list(path: Path, data: Located, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BuildError(path, data.line_of(key), f"{key!r} must be a list")
    return value


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_group_decision(path: Path, entry: Located) -> None:
    if entry["fact"] != "claim":
        raise BuildError(path, entry.line_of("fact"), f"a {entry['decision']} decision is about claims (fact: claim)")
    if entry.get("machine_id") or entry.get("record"):
        raise BuildError(path, entry.line, f"a {entry['decision']} decision names claims and groups, not a machine_id or a record")
    if not _text(entry.get("group")):
        raise BuildError(path, entry.line, f"a {entry['decision']} decision needs the 'group' (a comparison group's name)")
    if entry["decision"] == "move":
        if not _text(entry.get("claim")) or "claims" in entry or "new_group" in entry:
            raise BuildError(path, entry.line, "a move names one 'claim' (a claim_id) and the 'group' it goes to")
        return
    claims = entry.get("claims")
    if not isinstance(claims, list) or not claims or not all(_text(c) for c in claims) or "claim" in entry:
        raise BuildError(path, entry.line_of("claims") if "claims" in entry else entry.line,
                         "a split names the 'claims' (claim_ids) that leave the group, as a list")
    if not _text(entry.get("new_group")) or entry["new_group"] == entry["group"]:
        raise BuildError(path, entry.line, "a split names the 'new_group' the claims form, other than 'group'")


def _new_keys(path: Path, mapping, renamed: dict) -> None:
    """Read a key spelt as before 2026-12-06 (vocabulary.yaml's fact_file_renamed) as its new name, in
    place and at its line; a mapping that spells one key both ways is an error."""
    if not isinstance(mapping, Located):
        return  # not a mapping: check_fields says so
    for old, new in renamed.items():
        if old not in mapping:
            continue
        if new in mapping:
            raise BuildError(path, mapping.line_of(old), f"{old!r} is the old name of {new!r} (line "
                                                         f"{mapping.line_of(new)}): write it once, as {new!r}")
        line = mapping.line_of(old)
        items = [(new if key == old else key, value) for key, value in mapping.items()]
        mapping.clear()
        mapping.update(items)
        mapping.key_lines.pop(old, None)
        mapping.key_lines[new] = line


def read_fact_file(path: Path) -> Located:
    """Parse and shape-check one coded-fact file; returns the located mapping, old spellings read as
    the new ones."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise BuildError(path, 1, "a coded-fact file must be a mapping with a 'document' key")
    vocab = vocabulary()
    renamed = vocab["fact_file_renamed"]
    _new_keys(path, data, renamed["file"])
    check_fields(path, data, FILE_FIELDS, {"document"})
    if data.get("machine_facts", "drop") not in ("keep", "drop"):
        raise BuildError(path, data.line_of("machine_facts"),
                         f"machine_facts must be keep or drop, got {data['machine_facts']!r}")
    reviewed = {"claim": [], "event": []}
    for entry in _list(path, data, "review"):
        check_fields(path, entry, REVIEW_FIELDS, {"decision", "fact"})
        if isinstance(entry["fact"], str):
            entry["fact"] = renamed["fact"].get(entry["fact"], entry["fact"])
        check_value(path, entry.line_of("decision"), "decision", entry["decision"], DECISIONS)
        check_value(path, entry.line_of("fact"), "fact", entry["fact"], tuple(REVIEWED_FACTS))
        if entry["decision"] in GROUP_DECISIONS:
            _check_group_decision(path, entry)
            continue
        if entry["decision"] != "add" and not entry.get("machine_id"):
            raise BuildError(path, entry.line, f"a review decision to {entry['decision']} needs the machine_id it decides on")
        if entry["decision"] != "reject":
            if not isinstance(entry.get("record"), dict):
                raise BuildError(path, entry.line_of("decision"), f"a review decision to {entry['decision']} needs a 'record'")
            reviewed[entry["fact"]].append(entry["record"])
    for record in _list(path, data, "claims") + reviewed["claim"]:
        check_fields(path, record, CLAIM_FIELDS, {"quote", "figure", "kind", "victim_group", "victim_class", "claimant"})
        check_value(path, record.line_of("kind"), "kind", record["kind"], vocab["casualty_kinds"])
        check_value(path, record.line_of("victim_class"), "victim_class", record["victim_class"], vocab["victim_classes"])
    for record in _list(path, data, "counts"):
        check_fields(path, record, COUNT_FIELDS, {"quote", "figure", "what", "claimant"})
    for record in _list(path, data, "events") + reviewed["event"]:
        check_fields(path, record, EVENT_FIELDS, {"event", "reports"})
        if "type" in record or "sub_type" in record:
            pair = (record.get("type"), record.get("sub_type"))
            if pair not in acled_types():
                raise BuildError(path, record.line_of("type"), f"not an ACLED event type / sub-event type: {pair}")
        for actor in _list(path, record, "actors"):
            check_fields(path, actor, ACTOR_FIELDS, ACTOR_FIELDS)
            check_value(path, actor.line_of("role"), "role", actor["role"], vocab["event_roles"])
        reports = _list(path, record, "reports")
        if not reports:
            raise BuildError(path, record.line_of("reports"), "an event needs at least one report")
        for report in reports:
            _new_keys(path, report, renamed["report"])
            check_fields(path, report, REPORT_FIELDS, {"stance", "claimant", "quote"})
            report["stance"] = vocab["stance_renamed"].get(report["stance"], report["stance"])
            check_value(path, report.line_of("stance"), "stance", report["stance"], vocab["stances"])
    return data


# --- Writing ------------------------------------------------------------------------------------
# A decision is appended as text under the file's trailing `review:` list, so that the file's comments
# and hand-coded facts stay byte for byte and a diff in version control shows the decision alone.

_REVIEW_KEY = re.compile(r"review:[ \t]*(?:#.*)?")
# Fields in the order a person would write them, so that written entries read like the seeds.
_ENTRY_ORDER = ("decision", "fact", "machine_id", "claim", "claims", "group", "new_group", "reviewer", "reviewed_on",
                "reason", "record")
_RECORD_ORDER = ("event", "type", "sub_type", "summary", "quote", "occurrence", "figure", "kind", "victim_group",
                 "victim_class", "claimant", "claimant_quote", "when", "place", "comparison_group", "actors",
                 "reports", "note")
_REPORT_ORDER = ("stance", "claimant", "quote", "occurrence", "claimant_quote", "when", "note")


@dataclass(frozen=True)
class Appended:
    line: int  # where the entry starts in the file
    text: str  # the entry as written
    created: bool  # the file did not exist before


# What a writer asks of the new file before it replaces the old one: the entries already there, the
# file as the build reads it (new entry last) and where it lies; it raises to refuse.
Check = Callable[[list, Located, Path], None]


def append_review_entry(path: Path, document_file: str, entry: dict, check: Check) -> Appended:
    """Append one review decision to the fact file of `document_file` (made, with `machine_facts: keep`,
    if there is none). The file is replaced in one rename, and only if it reads as the build reads it,
    with exactly the new entry at the end, and `check` raises nothing; otherwise a BuildError names the
    file and line and nothing is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(path.parent):  # another session may be saving into the same file
        created = not path.exists()
        existing = "" if created else _read_text(path)
        if created:
            head = (f"# Review decisions on the machine facts of {document_file}, saved by the dashboard's Review page.\n"
                    + _dump({"document": document_file, "coder": "review", "machine_facts": "keep"}) + "review:\n")
            indent, known = "  ", []
        else:
            head, indent, known = _review_tail(path, existing, document_file)
        entry = _in_written_order(entry)
        newline = "\r\n" if "\r\n" in existing else "\n"
        block = "".join(indent + line for line in _dump([entry]).splitlines(keepends=True)).replace("\n", newline)
        text = existing + head.replace("\n", newline) + block
        _replace_checked(path, text, known, entry, check)
    return Appended(line=text[:len(text) - len(block)].count("\n") + 1, text=block, created=created)


def _in_written_order(entry: dict) -> dict:
    def ordered(mapping: dict, order: tuple) -> dict:
        # A field the format does not know goes last, for the reader to name it.
        return {key: mapping[key] for key in sorted(mapping, key=lambda k: order.index(k) if k in order else len(order))}
    entry = ordered(entry, _ENTRY_ORDER)
    if isinstance(entry.get("record"), dict):
        record = ordered(entry["record"], _RECORD_ORDER)
        if isinstance(record.get("reports"), list):
            record["reports"] = [ordered(r, _REPORT_ORDER) if isinstance(r, dict) else r for r in record["reports"]]
        entry["record"] = record
    return entry


def _dump(value) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=math.inf)


def _read_text(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:  # keep \r\n as it is
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(path, None, f"cannot read the file: {exc}") from exc


def _review_tail(path: Path, existing: str, document_file: str) -> tuple[str, str, list]:
    """What goes before a new entry in an existing file, the indent of its entries, and the entries."""
    try:
        data = load_yaml(path)
    except BuildError as exc:
        raise BuildError(path, exc.line, f"{exc.message}; fix the file before reviewing") from exc
    if not isinstance(data, dict) or data.get("document") != document_file:
        raise BuildError(path, None, f"not the coded-fact file of {document_file} (its `document:` says "
                                     f"{data.get('document') if isinstance(data, dict) else None!r})")
    if "review" not in data:
        return ("" if not existing or existing.endswith("\n") else "\n") + "review:\n", "  ", []
    last = max(data.key_lines, key=data.key_lines.get)
    lines = existing.splitlines()
    at = data.key_lines["review"]
    if last != "review":
        raise BuildError(path, at, f"`review:` must be the last top-level key of the file, but `{last}:` follows "
                                   f"it at line {data.key_lines[last]}; move the review list to the end")
    if not _REVIEW_KEY.fullmatch(lines[at - 1].rstrip("\r")):
        raise BuildError(path, at, "write `review:` on a line of its own, its entries below it as a list")
    entries = data["review"] or []
    if not isinstance(entries, list):
        raise BuildError(path, at, "`review:` must be a list of decisions")
    indent = next((m.group(1) for line in lines[at:] if (m := re.match(r"([ \t]*)- ", line))), "  ")
    return ("" if existing.endswith("\n") else "\n"), indent, entries


def _replace_checked(path: Path, text: str, known: list, entry: dict, check: Check) -> None:
    temporary = temporary_for(path)  # not *.yaml: the build never reads it
    remove_abandoned(path)
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            data = read_fact_file(temporary)
            entries = data.get("review") or []
            if len(entries) != len(known) + 1 or as_text(entries[-1]) != as_text(entry):
                raise BuildError(path, None, "the decision would not read back as written (check the file's "
                                             "indentation)")
            check(known, data, temporary)
        except BuildError as exc:  # found in the temporary file: said of the file it stands for
            raise BuildError(path, exc.line, f"{exc.message} (nothing was written)") from exc
        replace_durably(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def as_text(value):
    """A mapping read back from YAML with every value as text: what was written and what was read compare equal."""
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_text(item) for item in value]
    return str(value)
