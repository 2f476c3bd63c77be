"""Machine event reports -> events: the same happening reported in several documents (or twice
in one) becomes one event with several reports.

Rule (docs/extraction/README.md), like the space-and-time windows of event-matching tools
such as meltt and xSub: two reports are of one event when they have the same ACLED event type
and sub-event type, the same place, and date ranges that overlap once each is widened by
EVENT_MATCH_WINDOW_DAYS; actors are not required to agree (reports often name only one side)
and are united. A report joins a coded event by the same rule before machine events are formed.
An undated report joins the one dated event of its document with the same type and place, if
there is exactly one; otherwise it stays an undated event of its own.
"""
from datetime import timedelta

from etl.ingest.reference import acled_types
from etl.core import rows
from etl.core.ids import stable_id
from etl.settings import EVENT_MATCH_WINDOW_DAYS

_WINDOW = timedelta(days=EVENT_MATCH_WINDOW_DAYS)


def _key(item: dict) -> tuple:
    return item["event_type"], item["sub_event_type"], item["place_id"]


def _near(a_start, a_end, b_start, b_end) -> bool:
    return a_start - _WINDOW <= b_end and b_start - _WINDOW <= a_end


def match_reports(reports: list[dict], coded_events: list[dict], places) -> tuple[list[dict], list[dict], list[dict]]:
    """Set each machine report's event_id; returns (reports, new machine events, their actors)."""
    # Only reports and events of the same type and place can match: each is looked for among its
    # own key's, so a document with thousands of reports is not compared with all of them.
    coded_by_key: dict[tuple, list[dict]] = {}
    for event in coded_events:
        if event["date_start"] is not None:
            coded_by_key.setdefault(_key(event), []).append(event)
    clusters: list[dict] = []
    clusters_by_key: dict[tuple, list[dict]] = {}
    for report in sorted(reports, key=lambda r: (r["date_start"] is None, r["date_start"] or 0, r["doc_id"], r["char_start"])):
        dated = report["date_start"] is not None
        key = _key(report)
        coded = next((e for e in coded_by_key.get(key, ()) if dated
                      and _near(e["date_start"], e["date_end"], report["date_start"], report["date_end"])), None)
        if coded:
            report["event_id"] = coded["event_id"]
            continue
        candidates = clusters_by_key.setdefault(key, [])
        if dated:
            cluster = next((c for c in candidates if c["start"] is not None
                            and _near(c["start"], c["end"], report["date_start"], report["date_end"])), None)
        else:
            same = [c for c in candidates if c["start"] is not None and report["doc_id"] in c["docs"]]
            cluster = same[0] if len(same) == 1 else None
        if cluster is None:
            cluster = {"key": key, "start": report["date_start"], "end": report["date_end"],
                       "reports": [], "docs": set()}
            clusters.append(cluster)
            candidates.append(cluster)
        elif dated and (cluster["end"] - cluster["start"]) > (report["date_end"] - report["date_start"]):
            cluster["start"], cluster["end"] = report["date_start"], report["date_end"]  # the narrowest range
        cluster["reports"].append(report)
        cluster["docs"].add(report["doc_id"])
    events, event_actors = [], []
    for cluster in clusters:
        first = cluster["reports"][0]
        event_type, sub_type, place_id = cluster["key"]
        event_id = stable_id("m", event_type, sub_type, place_id, cluster["start"], first["doc_id"] if cluster["start"] is None
                             else "", first["char_start"] if cluster["start"] is None else "")
        dated = [r for r in cluster["reports"] if r["date_start"] is not None]
        narrowest = min(dated, key=lambda r: ((r["date_end"] - r["date_start"]).days, r["date_start"])) if dated else None
        place = places.get(place_id) if place_id else None
        events.append({
            "event_id": event_id,
            "date_start": narrowest["date_start"] if narrowest else None,
            "date_end": narrowest["date_end"] if narrowest else None,
            "date_precision": narrowest["date_precision"] if narrowest else None,
            "event_type": event_type, "sub_event_type": sub_type,
            "disorder_type": acled_types()[(event_type, sub_type)],
            "place_id": place_id, "where_prec": place.where_prec if place else None,
            "summary": " ".join(first["evidence"].split())[:160],
            "method": "machine", "confidence": max(r["confidence"] for r in cluster["reports"]),
            "defined_at": f"{first['doc_id']} at character {first['char_start']}",
        })
        seen = set()
        for report in cluster["reports"]:
            report["event_id"] = event_id
            for actor_id, role in report["actors"]:
                if (actor_id, role) not in seen:
                    seen.add((actor_id, role))
                    event_actors.append({"event_id": event_id, "actor_id": actor_id, "role": role})
    for report in reports:
        report["report_id"] = rows.report_id(report)
    return reports, events, event_actors
