"""GeoJSON (RFC 7946) of events and of places with their claims, for QGIS and web maps.

Coordinates are WGS84 longitude, latitude (RFC 7946 fixes both the order and the datum, so no
`crs` member); an event without a place keeps its row with a null geometry, so the file has the
warehouse's count.
"""
import json
from datetime import date

import duckdb

from etl.export.filters import FILTERED, arguments
from etl.export.tables import _rows


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays of list columns
        return value.tolist()
    return value


def _point(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]}


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def events(connection: duckdb.DuckDBPyConnection, filters=None) -> dict:
    rows = _rows(connection, f"""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.sub_event_type,
               e.disorder_type, e.place_id, e.place_name, e.where_prec, e.summary, e.method, e.reports,
               e.documents, e.claimants, e.contested, e.asserted_by, e.denied_by, e.latitude, e.longitude,
               k.acled_fatalities AS killed_acled, k.ucdp_low AS killed_low, k.ucdp_best AS killed_best,
               k.ucdp_high AS killed_high, w.ucdp_low AS wounded_low, w.ucdp_high AS wounded_high,
               (SELECT list(a.name || ' (' || ea.role || ')' ORDER BY ea.role, a.name)
                FROM event_actors ea JOIN actors a USING (actor_id) WHERE ea.event_id = e.event_id) AS actors
        FROM filtered_events({FILTERED}) e
        LEFT JOIN event_casualty_rollup k ON k.event_id = e.event_id AND k.kind = 'killed'
        LEFT JOIN event_casualty_rollup w ON w.event_id = e.event_id AND w.kind = 'wounded'
        ORDER BY e.date_start NULLS LAST, e.event_id
    """, arguments(filters))
    features = []
    for row in rows:
        geometry = _point(row.pop("latitude"), row.pop("longitude"))
        features.append({"type": "Feature", "id": row["event_id"], "geometry": geometry,
                         "properties": {k: _json_value(v) for k, v in row.items()}})
    return _collection(features)


def places(connection: duckdb.DuckDBPyConnection, filters=None, base_url: str = "") -> dict:
    """Each place with an event or a claim that matches the filters, its events and its claims."""
    event_rows = _rows(connection, f"""
        SELECT e.place_id, e.event_id, e.date_start, e.date_end, e.event_type, e.summary
        FROM filtered_events({FILTERED}) e WHERE e.place_id IS NOT NULL
        ORDER BY e.date_start, e.event_id""", arguments(filters))
    claim_rows = _rows(connection, f"""
        SELECT c.place_id, c.claim_id, c.claimant, c.alignment, c.kind, c.victim_group, c.victim_class,
               c.figure_text, c.low, c.high, c.range_text, c.as_of, c.event_id, c.sentence
        FROM filtered_claims({FILTERED}) c WHERE c.place_id IS NOT NULL
        ORDER BY c.as_of, c.claimant, c.claim_id""", arguments(filters))
    wanted = sorted({r["place_id"] for r in event_rows + claim_rows})
    place_rows = _rows(connection, """
        SELECT place_id, name, kind, country, admin1, where_prec, geonameid, latitude, longitude
        FROM places WHERE list_contains(?, place_id) ORDER BY name""", [wanted])
    features = []
    for place in place_rows:
        geometry = _point(place.pop("latitude"), place.pop("longitude"))
        its_events = [{k: _json_value(v) for k, v in e.items() if k != "place_id"}
                      for e in event_rows if e["place_id"] == place["place_id"]]
        its_claims = [{**{k: _json_value(v) for k, v in c.items() if k != "place_id"},
                       "permalink": f"{base_url}claims?claim={c['claim_id']}"}
                      for c in claim_rows if c["place_id"] == place["place_id"]]
        features.append({"type": "Feature", "id": place["place_id"], "geometry": geometry, "properties": {
            **place, "events": len(its_events), "claims": len(its_claims),
            "event_list": its_events, "claim_list": its_claims}})
    return _collection(features)


def dumps(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
