"""A review decision, checked and saved where the build reads it: the document's coded-fact file.

Nothing is written unless the whole new file reads as the build reads it (etl.extract.coded) and
its facts resolve by the build's own resolver (etl.resolve.facts: quotes, figures, dates); the file
is then replaced in one rename (etl.extract.coded.append_review_entry).
"""
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.core.errors import BuildError
from etl.extract.coded import DECISIONS, GROUP_DECISIONS, REVIEWED_FACTS, append_review_entry, as_text
from etl.ingest.documents import Document
from etl.resolve.facts import resolve_document_facts
from etl.review.corpus import ReviewError, fact_file
from etl.review.records import missing, tidy


@dataclass(frozen=True)
class Decision:
    decision: str  # accept | correct | add | reject
    fact: str  # claim | event
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


class _AnyName:
    """Stands in for the build's alias index when a decision is checked: names (claimants, places,
    actors) are looked up at the build, against the reference data and the sources the extractor finds
    in the whole corpus; here every name stands for itself."""

    def lookup(self, kind: str, name: str) -> list[str]:
        return [name]


def save(corpus: Path, doc: Document, decision: Decision, today: date | None = None) -> Outcome:
    """Append one decision to the document's fact file; on any problem write nothing and say why."""
    path = fact_file(corpus, doc.file)
    try:
        return _append(path, doc, _entry(decision, today or date.today()))
    except ReviewError as exc:
        return Outcome(path, error=str(exc))


def save_group(corpus: Path, doc: Document, decision: str, reviewer: str, claims: list[str], group: str,
               new_group: str | None, group_of: dict[str, str], reason: str | None = None,
               today: date | None = None) -> Outcome:
    """Move a claim to another comparison group, or split claims off a group into a new one
    (docs/comparison.md). `group_of` is every claim's present group in the warehouse, by claim_id;
    a move to a name no group has makes that group. On any problem nothing is written."""
    path = fact_file(corpus, doc.file)
    try:
        entry = _group_entry(decision, reviewer, claims, group, new_group, group_of, reason, today or date.today())
        return _append(path, doc, entry)
    except ReviewError as exc:
        return Outcome(path, error=str(exc))


def _one_of(value, allowed, what: str) -> None:
    if value not in allowed:
        raise ReviewError(f"{what} {value!r} is not one of: {', '.join(map(str, allowed))}")


def _reviewer(name) -> str:
    name = " ".join(str(name or "").split())
    if not name:
        raise ReviewError("give your name: every decision records who made it")
    return name


def _entry(decision: Decision, today: date) -> dict:
    _one_of(decision.decision, DECISIONS, "decision")
    _one_of(decision.fact, tuple(REVIEWED_FACTS), "fact")
    reviewer = _reviewer(decision.reviewer)
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
        entry["record"] = _as_written(decision.record)
    return tidy(entry)


def _as_written(record: dict) -> dict:
    """A form's record as the file wants it: empty fields out, quotes and figures on one line."""
    record = tidy(record)
    for key in ("quote", "figure"):
        if key in record:
            record[key] = " ".join(str(record[key]).split())
    if "reports" in record:
        record["reports"] = [_as_written(report) for report in record["reports"]]
    return record


def _group_entry(decision, reviewer, claims, group, new_group, group_of, reason, today) -> dict:
    _one_of(decision, GROUP_DECISIONS, "decision")
    reviewer = _reviewer(reviewer)
    group = " ".join(str(group or "").split())
    if not group:
        raise ReviewError("name the comparison group")
    unknown = [c for c in claims if c not in group_of]
    if not claims or unknown:
        raise ReviewError(f"choose claims of the warehouse{': no claim ' + ', '.join(unknown) if unknown else ''}")
    entry = {"decision": decision, "fact": "claim", "reviewer": reviewer, "reviewed_on": today.isoformat(),
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
    return {key: value for key, value in entry.items() if not missing(value)}


def _append(path: Path, doc: Document, entry: dict) -> Outcome:
    def check(known: list, written, temporary: Path) -> None:
        _not_twice(entry, known, path)
        # The build's resolver on the file as it would be; "outlet" stands for the outlet the catalog gives.
        resolve_document_facts(doc, written, temporary, _AnyName(), "outlet" if doc.outlet else None)

    try:
        done = append_review_entry(path, doc.file, entry, check)
    except BuildError as exc:
        raise ReviewError(str(exc)) from exc
    return Outcome(path, line=done.line, text=done.text, created=done.created)


def _not_twice(entry: dict, known: list, path: Path) -> None:
    """A second decision on one machine fact, or one fact added twice (a second click), is refused: the
    second would be a fact coded twice, which fails the next build."""
    machine_id = entry.get("machine_id")
    earlier = next((e for e in known if machine_id and e.get("machine_id") == machine_id), None)
    if earlier is not None:
        raise ReviewError(f"{machine_id} was already decided ({earlier['decision']}) at {path}:{earlier.line}; "
                          f"edit that entry in the file to change the decision")
    if entry["decision"] == "add":
        same = next((e for e in known if e.get("decision") == "add" and e.get("fact") == entry["fact"]
                     and as_text(e.get("record")) == as_text(entry["record"])), None)
        if same is not None:
            raise ReviewError(f"this {entry['fact']} was already added at {path}:{same.line}")
