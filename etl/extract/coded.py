"""Read a coded-fact file (seeds/facts/<document stem>.yaml) and check its shape.

The format is in the README ("Coded facts"). Values are checked against the closed
vocabularies here; names, quotes, dates and figures are resolved in etl.resolve.facts.
"""
from pathlib import Path

from etl.core.errors import BuildError
from etl.ingest.reference import acled_types, check_value, vocabulary
from etl.core.yamlio import Located, check_fields, load_yaml

CASUALTY_FIELDS = {"quote", "occurrence", "figure", "kind", "victim_group", "victim_class", "claimant",
                   "claimant_quote", "when", "anchor", "place", "event", "comparison_group", "note"}
COUNT_FIELDS = {"quote", "occurrence", "figure", "what", "claimant", "claimant_quote", "when", "anchor",
                "place", "event", "note"}
EVENT_FIELDS = {"event", "type", "sub_type", "summary", "when", "anchor", "place", "where_prec", "actors",
                "reports", "note"}
REPORT_FIELDS = {"stance", "source", "quote", "occurrence", "claimant_quote", "when", "anchor", "note"}
ACTOR_FIELDS = {"actor", "role"}
FILE_FIELDS = {"document", "coder", "casualties", "counts", "events", "note", "machine_facts", "review"}
# A review decision on a machine fact (written by the dashboard's review page, README "Review").
REVIEW_FIELDS = {"decision", "fact", "machine_id", "reviewer", "reviewed_on", "reason", "record",
                 "claim", "claims", "group", "new_group"}
DECISIONS = ("accept", "correct", "add", "reject", "move", "split")
# Decisions on comparison groups rather than on a fact: move a claim to a group, split claims off
# a group into a new one (docs/comparison.md).
GROUP_DECISIONS = ("move", "split")
REVIEWED_FACTS = {"casualty": CASUALTY_FIELDS, "event": EVENT_FIELDS}


def _list(path: Path, data: Located, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BuildError(path, data.line_of(key), f"{key!r} must be a list")
    return value


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_group_decision(path: Path, entry: Located) -> None:
    if entry["fact"] != "casualty":
        raise BuildError(path, entry.line_of("fact"), f"a {entry['decision']} decision is about casualty claims (fact: casualty)")
    if entry.get("machine_id") or entry.get("record"):
        raise BuildError(path, entry.line, f"a {entry['decision']} decision names claims and groups, not a machine_id or a record")
    if not _text(entry.get("group")):
        raise BuildError(path, entry.line, f"a {entry['decision']} decision needs the 'group' (a comparison group's name)")
    if entry["decision"] == "move":
        if not _text(entry.get("claim")) or "claims" in entry or "new_group" in entry:
            raise BuildError(path, entry.line, "a move names one 'claim' (a casualty_id) and the 'group' it goes to")
        return
    claims = entry.get("claims")
    if not isinstance(claims, list) or not claims or not all(_text(c) for c in claims) or "claim" in entry:
        raise BuildError(path, entry.line_of("claims") if "claims" in entry else entry.line,
                         "a split names the 'claims' (casualty_ids) that leave the group, as a list")
    if not _text(entry.get("new_group")) or entry["new_group"] == entry["group"]:
        raise BuildError(path, entry.line, "a split names the 'new_group' the claims form, other than 'group'")


def read_fact_file(path: Path) -> Located:
    """Parse and shape-check one coded-fact file; returns the located mapping."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise BuildError(path, 1, "a coded-fact file must be a mapping with a 'document' key")
    check_fields(path, data, FILE_FIELDS, {"document"})
    vocab = vocabulary()
    if data.get("machine_facts", "drop") not in ("keep", "drop"):
        raise BuildError(path, data.line_of("machine_facts"),
                         f"machine_facts must be keep or drop, got {data['machine_facts']!r}")
    reviewed = {"casualty": [], "event": []}
    for entry in _list(path, data, "review"):
        check_fields(path, entry, REVIEW_FIELDS, {"decision", "fact"})
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
    for record in _list(path, data, "casualties") + reviewed["casualty"]:
        check_fields(path, record, CASUALTY_FIELDS, {"quote", "figure", "kind", "victim_group", "victim_class", "claimant"})
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
            check_fields(path, report, REPORT_FIELDS, {"stance", "source", "quote"})
            check_value(path, report.line_of("stance"), "stance", report["stance"], vocab["stances"])
    return data
