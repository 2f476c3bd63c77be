"""Merge the per-document entries of each event into one event row.

The documents that mention an event share its coded id. Type, sub-type and place may be given
by any of them but must agree; the date is the narrowest range any of them gives (ties: the
earliest start); actors are the union of all entries.
"""
from etl.core.errors import BuildError
from etl.ingest.reference import Reference, acled_types


def merge_events(entries: list[dict], reference: Reference, facts_dir) -> tuple[list[dict], list[dict]]:
    by_id: dict[str, list[dict]] = {}
    for entry in entries:
        by_id.setdefault(entry["event_id"], []).append(entry)
    events, event_actors = [], []
    for event_id, group in sorted(by_id.items()):
        merged: dict = {}
        for key in ("event_type", "sub_event_type", "place_id", "where_prec", "summary"):
            given = [(e[key], e) for e in group if e[key] is not None]
            if key != "summary":
                for value, entry in given[1:]:
                    if value != given[0][0]:
                        first = given[0][1]
                        raise BuildError(facts_dir / entry["file"], entry["line"],
                                         f"event {event_id!r}: {key} {value!r} disagrees with {given[0][0]!r} "
                                         f"given in {first['file']}:{first['line']}")
            merged[key] = given[0][0] if given else None
        first = group[0]
        if merged["event_type"] is None:
            raise BuildError(facts_dir / first["file"], first["line"],
                             f"event {event_id!r} has no 'type'/'sub_type' in any document")
        dated = [e["dates"] for e in group if e["dates"] is not None]
        dates = min(dated, key=lambda d: ((d.end - d.start).days, d.start)) if dated else None
        place = reference.places.get(merged["place_id"]) if merged["place_id"] else None
        events.append({
            "event_id": event_id,
            "date_start": dates.start if dates else None,
            "date_end": dates.end if dates else None,
            "date_precision": dates.precision if dates else None,
            "event_type": merged["event_type"],
            "sub_event_type": merged["sub_event_type"],
            "disorder_type": acled_types()[(merged["event_type"], merged["sub_event_type"])],
            "place_id": merged["place_id"],
            "where_prec": merged["where_prec"] or (place.where_prec if place else None),
            "summary": merged["summary"],
            # reviewed when a person confirmed a machine event in the review page, in every document
            "method": "reviewed" if all(e["method"] == "reviewed" for e in group) else "coded",
            "defined_at": f"{first['file']}:{first['line']}",
        })
        seen = set()
        for entry in group:
            for actor_id, role in entry["actors"]:
                if (actor_id, role) not in seen:
                    seen.add((actor_id, role))
                    event_actors.append({"event_id": event_id, "actor_id": actor_id, "role": role})
    return events, event_actors
