"""`python -m etl evaluate`: the machine's facts measured against the coded facts.

For every document that has hand-coded facts, the corpus is built twice in a temporary folder:
as usual (the coded facts) and with --machine-only (the machine's). Facts are then paired one to
one, within a document, in text order (docs/extraction/evaluation.md):

- casualty claims: same kind and same bounds (low, high);
- attribution: a casualty pair whose claimant (claimant_id) is also the same;
- victim class: a casualty pair whose victim class is also the same;
- event reports: a coded and a machine report in overlapping sentences of one document (the
  same ACLED event type preferred when a sentence has several);
- events: a report pair with the same event type and the same date range; events_placed (the
  extraction issue's measure): the same event type and the same place;
- dates, places: an attribute of the paired facts (casualty pairs and report pairs): right when
  both give the same date range (at day level where the text gives a day) or the same gazetteer
  entry; precision over the pairs where the machine gives one, recall over those where the coder
  does. Detection is measured by the two lines above, so these measure resolution alone;
- actors: the actors of report pairs' events, shared / the machine's / the coder's.

Precision = right / machine, recall = right / coded, F1 their harmonic mean.
"""
import json
import sys
import tempfile
from pathlib import Path

import duckdb

from etl.build import build
from etl.settings import REFERENCE_DIR

TARGETS = {"claims": 0.90, "attribution": 0.85, "places": 0.95, "dates": 0.90}

_CLAIMS = """
    SELECT c.*, d.file FROM claims c JOIN documents d USING (doc_id)
    WHERE c.method IN ({methods}) ORDER BY doc_id, char_start, char_end, claim_id
"""
_REPORTS = """
    SELECT r.*, e.event_type, e.sub_event_type, e.place_id,
           coalesce(r.date_start, e.date_start) AS report_date_start, coalesce(r.date_end, e.date_end) AS report_date_end,
           list(a.actor_id ORDER BY a.actor_id) FILTER (WHERE a.actor_id IS NOT NULL) AS actors
    FROM event_reports r JOIN events e USING (event_id) JOIN documents d USING (doc_id)
    LEFT JOIN event_actors a USING (event_id)
    WHERE r.method IN ({methods})
    GROUP BY ALL ORDER BY r.doc_id, r.char_start, r.char_end, r.report_id
"""


def _rows(db: Path, sql: str, methods: str) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as connection:
        cursor = connection.execute(sql.format(methods=methods))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _overlap(a: dict, b: dict) -> bool:
    return a["doc_id"] == b["doc_id"] and a["sentence_start"] < b["sentence_end"] and b["sentence_start"] < a["sentence_end"]


def _pair(coded: list[dict], machine: list[dict], same, near=_overlap, prefer=None) -> list[tuple[dict, dict]]:
    """One-to-one pairs: each coded item, in text order, takes the first free machine item of its
    document that is `same`, preferring one in an overlapping sentence (and then `prefer`)."""
    free = list(machine)
    pairs = []
    for item in coded:
        candidates = [m for m in free if m["doc_id"] == item["doc_id"] and same(item, m)]
        candidates.sort(key=lambda m: (not near(item, m), not (prefer or _any)(item, m)))
        if candidates and (near is _any or near(item, candidates[0])):
            pairs.append((item, candidates[0]))
            free.remove(candidates[0])
    return pairs


def _any(a, b) -> bool:
    return True


def _score(pairs: int, machine: int, coded: int) -> dict:
    precision = pairs / machine if machine else (1.0 if not coded else 0.0)
    recall = pairs / coded if coded else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "pairs": pairs, "machine": machine, "coded": coded}


def _bounds(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] and a["low"] == b["low"] and a["high"] == b["high"]


def _slot_score(pairs, value) -> dict:
    """An attribute of paired facts: right when both give the same value."""
    right = sum(1 for c, m in pairs if value(c) is not None and value(c) == value(m))
    return _score(right, sum(value(m) is not None for _, m in pairs), sum(value(c) is not None for c, _ in pairs))


def _date(fact: dict):
    start, end = fact.get("report_date_start", fact.get("date_start")), fact.get("report_date_end", fact.get("date_end"))
    return None if start is None else (start, end)


def _group_score(claim_pairs) -> dict[str, set]:
    """Comparison groups as pairs of claims put side by side: over the claims both found, the pairs the
    machine-only build groups together and those the coders grouped together."""
    together = {"coded": set(), "machine": set()}
    for i, (c1, m1) in enumerate(claim_pairs):
        for j in range(i + 1, len(claim_pairs)):
            c2, m2 = claim_pairs[j]
            if c1["comparison_group"] == c2["comparison_group"]:
                together["coded"].add((i, j))
            if m1["comparison_group"] == m2["comparison_group"]:
                together["machine"].add((i, j))
    return together


def _group_misses(claim_pairs, together) -> tuple[list[str], list[str]]:
    """The pairs of claims the coders put side by side and the machine kept apart (split), and those
    the machine put side by side and the coders kept apart (joined), each claim told with what the
    grouping reads (kind, victims, days, place) and the machine's group."""
    def told(i: int) -> str:
        c, m = claim_pairs[i]
        days = m["date_start"] if m["date_start"] == m["date_end"] else f"{m['date_start']}..{m['date_end']}"
        return (f"{m['doc_id']} {m['figure_text']!r} ({m['kind']}, {m['victim_class']}, {days}, {m['place_id']}, "
                f"by {m['claimant_id']}; machine {m['comparison_group']})")
    return ([f"{told(i)} + {told(j)}" for i, j in sorted(together["coded"] - together["machine"])],
            [f"{told(i)} + {told(j)}" for i, j in sorted(together["machine"] - together["coded"])])


# How much of a sentence a miss quotes: enough to find it in its document, too little to copy an
# article's wording into a report that may be committed (the seeds and real articles are others' text).
OPENING_WORDS = 6


def _opening(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")


def _describe(claim: dict) -> str:
    return (f"{claim['file']}: {claim['kind']} {claim['figure_text']!r} [{claim['low']}..{claim['high']}] "
            f"by {claim['claimant_id']} in {_opening(claim['sentence'])!r}")


def _describe_report(report: dict) -> str:
    return (f"{report['doc_id']}: {report['event_type']} ({report['stance']}) at {report['place_id']} "
            f"by {report['claimant_id']} in {_opening(report['sentence'])!r}")


def _unpaired(coded: list[dict], machine: list[dict], pairs, describe) -> tuple[list[str], list[str]]:
    """The coded facts no machine fact was paired with (missed), and the machine's no coded one was (extra)."""
    paired_coded, paired_machine = {id(c) for c, _ in pairs}, {id(m) for _, m in pairs}
    return ([describe(c) for c in coded if id(c) not in paired_coded],
            [describe(m) for m in machine if id(m) not in paired_machine])


def evaluate(docs_dir: Path, reference_dir: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="evaluate-") as folder:
        coded_db, machine_db = Path(folder) / "coded.duckdb", Path(folder) / "machine.duckdb"
        build(docs_dir, coded_db, reference_dir)
        build(docs_dir, machine_db, reference_dir, machine_only=True)
        coded_claims = _rows(coded_db, _CLAIMS, "'coded', 'reviewed'")
        machine_claims = _rows(machine_db, _CLAIMS, "'machine'")
        coded_reports = _rows(coded_db, _REPORTS, "'coded', 'reviewed'")
        machine_reports = _rows(machine_db, _REPORTS, "'machine'")
    documents = sorted({c["doc_id"] for c in coded_claims + coded_reports})
    machine_claims = [m for m in machine_claims if m["doc_id"] in documents]
    machine_reports = [m for m in machine_reports if m["doc_id"] in documents]

    claim_pairs = _pair(coded_claims, machine_claims, _bounds, near=_any)
    results = {
        "documents": len(documents),
        "claims": _score(len(claim_pairs), len(machine_claims), len(coded_claims)),
        "attribution": _score(sum(c["claimant_id"] == m["claimant_id"] for c, m in claim_pairs),
                              len(machine_claims), len(coded_claims)),
        "victim_class": _score(sum(c["victim_class"] == m["victim_class"] for c, m in claim_pairs),
                               len(machine_claims), len(coded_claims)),
    }
    together = _group_score(claim_pairs)
    results["groups"] = _score(len(together["coded"] & together["machine"]), len(together["machine"]),
                               len(together["coded"]))
    results["split_pairs"], results["joined_pairs"] = _group_misses(claim_pairs, together)
    report_pairs = _pair(coded_reports, machine_reports, lambda a, b: True,
                         prefer=lambda a, b: a["event_type"] == b["event_type"])
    fact_pairs = claim_pairs + report_pairs
    results["dates"] = _slot_score(fact_pairs, _date)
    results["places"] = _slot_score(fact_pairs, lambda fact: fact["place_id"])
    coded_actors = sum(len(c["actors"] or []) for c, _ in report_pairs)
    machine_actors = sum(len(m["actors"] or []) for _, m in report_pairs)
    right_actors = sum(len(set(c["actors"] or []) & set(m["actors"] or [])) for c, m in report_pairs)
    results["actors"] = _score(right_actors, machine_actors, coded_actors)
    results["events"] = _score(sum(c["event_type"] == m["event_type"] and _date(c) == _date(m) for c, m in report_pairs),
                               len(machine_reports), len(coded_reports))
    # the extraction issue's measure: the same ACLED event type at the same place
    results["events_placed"] = _score(sum(c["event_type"] == m["event_type"] and c["place_id"] == m["place_id"]
                                          for c, m in report_pairs), len(machine_reports), len(coded_reports))
    results["missed_claims"], results["extra_claims"] = _unpaired(coded_claims, machine_claims, claim_pairs, _describe)
    results["wrong_claimant"] = [f"{_describe(m)} (coded: {c['claimant_id']})" for c, m in claim_pairs
                                 if c["claimant_id"] != m["claimant_id"]]
    results["wrong_dates"] = [f"{c['doc_id']}: coded {_date(c)} ({c['date_text']!r}), machine {_date(m)} "
                              f"({m['date_text']!r}) in {_opening(c['sentence'])!r}"
                              for c, m in fact_pairs if _date(c) != _date(m)]
    results["wrong_places"] = [f"{c['doc_id']}: coded {c['place_id']}, machine {m['place_id']} in {_opening(c['sentence'])!r}"
                               for c, m in fact_pairs if c["place_id"] != m["place_id"]]
    results["missed_reports"], results["extra_reports"] = _unpaired(coded_reports, machine_reports, report_pairs,
                                                                    _describe_report)
    results["wrong_event_type"] = [f"{_describe_report(m)} (coded: {c['event_type']})" for c, m in report_pairs
                                   if c["event_type"] != m["event_type"]]
    results["targets"] = {name: {"target": goal, "f1": results[name]["f1"], "met": results[name]["f1"] >= goal}
                          for name, goal in TARGETS.items()}
    return results


# Each list of misses, as the reports title it.
MISSES = (("missed_claims", "Claims the machine missed"), ("extra_claims", "Claims the machine made that the key has not"),
          ("wrong_claimant", "Claims with another claimant"), ("wrong_dates", "Facts with another date"),
          ("wrong_places", "Facts with another place"),
          ("split_pairs", "Claims the key compares and the machine keeps in different groups"),
          ("joined_pairs", "Claims the machine compares and the key keeps in different groups"),
          ("missed_reports", "Event reports the machine missed"),
          ("extra_reports", "Event reports the machine made that the key has not"),
          ("wrong_event_type", "Event reports of another event type"))


def print_report(results: dict, out) -> None:
    print(f"machine facts against coded facts, {results['documents']} documents", file=out)
    print(f"  {'fact type':<16} {'precision':>9} {'recall':>7} {'F1':>6}  {'pairs':>5} {'machine':>7} {'coded':>5}  target",
          file=out)
    for name in ("claims", "attribution", "victim_class", "dates", "places", "actors", "events", "events_placed", "groups"):
        row = results[name]
        target = results["targets"].get(name)
        mark = f">= {target['target']:.2f} {'met' if target['met'] else 'NOT MET'}" if target else ""
        print(f"  {name:<16} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}  {row['pairs']:>5} "
              f"{row['machine']:>7} {row['coded']:>5}  {mark}", file=out)
    for key, title in MISSES:
        if results[key]:
            print(f"  {title.lower()}:", file=out)
            for line in results[key]:
                print(f"    - {line}", file=out)


def reference_for(docs_dir: Path, reference_dir: Path | None) -> Path:
    """The reference folder a corpus is read with: the one given, else its own reference/ folder
    (a corpus about another war carries its actors and sources), else the seeds'."""
    if reference_dir is not None:
        return reference_dir
    own = docs_dir / "reference"
    return own if own.is_dir() else REFERENCE_DIR


def markdown_report(results: dict[str, dict]) -> str:
    """The figures of each corpus side by side, then each corpus's misses, as Markdown."""
    names = list(results)
    lines = ["| fact type | target | " + " | ".join(f"{n} ({results[n]['documents']} docs)" for n in names) + " |",
             "| --- | ---: | " + " | ".join("---:" for _ in names) + " |"]
    for fact in ("claims", "attribution", "victim_class", "dates", "places", "actors", "events", "events_placed", "groups"):
        target = TARGETS.get(fact)
        cells = [f"{results[n][fact]['f1']:.3f} (P {results[n][fact]['precision']:.2f}, R {results[n][fact]['recall']:.2f})"
                 for n in names]
        lines.append(f"| {fact} | {'>= ' + format(target, '.2f') if target else ''} | " + " | ".join(cells) + " |")
    for name in names:
        lines += ["", f"### Misses: {name}", ""]
        for key, title in MISSES:
            items = results[name][key]
            lines += [f"{title} ({len(items)}):", ""] + [f"- {item}" for item in items] + [""]
    return "\n".join(lines) + "\n"


def main(docs_dirs: list[Path], reference_dir: Path | None, out_path: Path, markdown_path: Path | None = None) -> int:
    results = {}
    for docs_dir in docs_dirs:
        results[str(docs_dir)] = evaluate(docs_dir, reference_for(docs_dir, reference_dir))
        print(f"{docs_dir}:")
        print_report(results[str(docs_dir)], sys.stdout)
    payload = results[str(docs_dirs[0])] if len(docs_dirs) == 1 else results
    out_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"saved {out_path}")
    if markdown_path:
        markdown_path.write_text(markdown_report(results), encoding="utf-8")
        print(f"saved {markdown_path}")
    return 0
